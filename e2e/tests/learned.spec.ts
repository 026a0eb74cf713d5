import {
  adminCookie,
  cancelPendingJobs,
  claimJob,
  createCustomer,
  stackUrl,
  trpcCall,
  workerPost,
} from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";

const directoryId = "e2e-learned-site";

/**
 * A directory a worker got through by itself: the strongest in the catalog for as long as it takes
 * a one-directory job to plan it, reported submitted with the mapping it learned (played over the
 * REST API, as a worker would send it), then disabled so no later test plans it.
 */
async function directoryWithLearnedMapping(businessName: string) {
  const url = stackUrl();
  const cookie = adminCookie();
  await trpcCall(
    url,
    "directories.create",
    {
      id: directoryId,
      name: "E2E Learned Site",
      url: "https://learned.example",
      submissionUrl: "https://learned.example/add",
      domainAuthority: 100,
    },
    cookie,
  );
  try {
    await cancelPendingJobs();
    const { job } = await createCustomer(businessName, { package: { size: 1 } });
    const claim = await claimJob(job.id);
    if (claim.directories[0]?.id !== directoryId) throw new Error(`expected ${directoryId} to be planned`);
    await workerPost("update", {
      jobId: job.id,
      leaseToken: claim.job.leaseToken,
      results: [
        {
          directoryId,
          status: "submitted",
          learned: {
            version: 1,
            startUrl: "https://learned.example/add",
            steps: [
              { action: "click", selector: "button:has-text('Accept all')" },
              { action: "fill", selector: "#business", field: "businessName" },
              { action: "fill", selector: "#phone-1", field: "phone", part: { index: 0, count: 3 } },
              { action: "select", selector: "#category", field: "category", frame: "iframe#listing" },
              { action: "check", selector: "#terms" },
              { action: "click", selector: "button[type=submit]" },
            ],
            successText: "Your listing is under review",
            learnedAt: new Date().toISOString(),
          },
        },
      ],
    });
    await workerPost("complete", { jobId: job.id, leaseToken: claim.job.leaseToken });
    return job.id;
  } finally {
    await trpcCall(url, "directories.setActive", { id: directoryId, active: false }, cookie);
  }
}

test("[CATALOG]: a directory shows what a worker learned, and an admin adopts it as the recipe, then forgets it", async ({
  signedIn: page,
}) => {
  const jobId = await directoryWithLearnedMapping("Learned Locksmiths");
  await page.goto(`/directories/${directoryId}/edit`);
  await expect(page.getByRole("heading", { name: "Edit E2E Learned Site", level: 1 })).toBeVisible();
  const panel = page.getByRole("region", { name: "Learned mapping" });
  await expect(panel.getByRole("link", { name: "Learned Locksmiths" })).toHaveAttribute(
    "href",
    `/jobs/${jobId}`,
  );
  await expect(panel).toContainText("just now");
  await expect(panel).toContainText("“Your listing is under review”");
  const steps = panel.getByRole("table", { name: "Learned steps, in order" }).getByRole("row");
  await expect(steps).toHaveCount(7);
  await expect(steps.nth(1)).toContainText("Click");
  await expect(steps.nth(1)).toContainText("button:has-text('Accept all')");
  await expect(steps.nth(2)).toContainText("Fill#businessBusiness name");
  await expect(steps.nth(3)).toContainText("Phone, part 1 of 3");
  await expect(steps.nth(4)).toContainText("Choose#categoryin frame iframe#listingCategory");
  await expect(steps.nth(5)).toContainText("Tick#terms");
  await expect(page.getByLabel(/^Recipe/)).toHaveValue("");
  await snapshot(page, "directory-learned");

  await panel.getByRole("button", { name: "Use as recipe" }).click();
  const adopt = page.getByRole("dialog", { name: "Use the learned mapping as the recipe?" });
  await expect(adopt).toContainText("follow these 6 steps exactly");
  await adopt.getByRole("button", { name: "Use as recipe" }).click();
  await expect(adopt).toBeHidden();
  await expect(panel.getByRole("status")).toContainText("now this directory's recipe");
  // The editor shows the new recipe: the start page, the steps, then the success it expects.
  const recipe = JSON.parse(await page.getByLabel(/^Recipe/).inputValue()) as {
    steps: Array<Record<string, unknown>>;
  };
  expect(recipe.steps).toHaveLength(8);
  expect(recipe.steps[0]).toEqual({ action: "goto", url: "https://learned.example/add" });
  expect(recipe.steps[2]).toEqual({ action: "fill", selector: "#business", field: "businessName" });
  expect(recipe.steps[7]).toEqual({ action: "expectText", text: "Your listing is under review" });
  await expect(panel.getByText("In use as the recipe")).toBeVisible();
  await expect(panel.getByRole("button", { name: "Use as recipe" })).toHaveCount(0);
  // From the top, so the sticky top bar is not drawn across the middle of the full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await snapshot(page, "directory-learned-adopted");

  await page.goto("/directories");
  await page.getByLabel("Search", { exact: true }).fill(directoryId);
  await expect(page.getByRole("row").filter({ hasText: "E2E Learned Site" })).toContainText(
    "recipe, learned",
  );

  await page.goto(`/directories/${directoryId}/edit`);
  await panel.getByRole("button", { name: "Forget" }).click();
  const forget = page.getByRole("dialog", { name: "Forget the learned mapping?" });
  await forget.getByRole("button", { name: "Forget" }).click();
  await expect(forget).toBeHidden();
  await expect(panel).toContainText("Nothing learned yet");
  await expect(panel.getByRole("button", { name: "Use as recipe" })).toHaveCount(0);
  // Forgetting the mapping keeps the recipe made from it.
  await expect(page.getByLabel(/^Recipe/)).not.toHaveValue("");
});
