import { cancelPendingJobs, claimJob, createCustomer, uploadScreenshot, workerPost } from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";

// An operator pauses claiming and every page says so; staff send a customer a report link that
// opens without a login, and stops opening once revoked.

test("[PAUSE]: pausing all claiming shows on every page until resumed", async ({ signedIn: page }) => {
  await page.goto("/workers");
  await page.getByRole("button", { name: "Pause all claiming" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Why (shown to everyone)").fill("directory outage");
  await dialog.getByRole("button", { name: "Pause" }).click();
  const banner = page.getByRole("status").filter({ hasText: "Claiming is paused" });
  await expect(banner).toContainText("directory outage");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queue" }).click();
  await expect(banner).toBeVisible();
  await snapshot(page, "queue-paused");
  await page.goto("/directories");
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Resume claiming" }).click();
  await expect(banner).toHaveCount(0);
});

test("[REPORT LINK]: a signed-out browser opens the customer's report; revoked, it opens nothing", async ({
  signedIn: page,
  browser,
  baseURL,
}) => {
  await cancelPendingJobs();
  const { job } = await createCustomer("Linden Landscaping");
  const claim = await claimJob(job.id);
  const [first, second] = claim.directories;
  if (!first || !second) throw new Error("the claim should hold at least two directories");
  const proof = await uploadScreenshot(await page.screenshot());
  await workerPost("update", {
    jobId: job.id,
    leaseToken: claim.job.leaseToken,
    results: [
      { directoryId: first.id, status: "submitted", screenshotUrl: proof },
      {
        directoryId: second.id,
        status: "failed",
        reason: "captcha_required",
        errorMessage: "reCAPTCHA wall",
      },
    ],
  });
  await page.goto(`/jobs/${job.id}`);
  await page.getByRole("button", { name: "Make a customer link" }).click();
  const link = await page.getByLabel("Customer link").inputValue();
  expect(link).toMatch(/\/r\/[A-Za-z0-9_-]{40,}$/);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
  const customer = await context.newPage();
  await customer.goto(link);
  await expect(
    customer.getByRole("heading", { name: "Directory listings for Linden Landscaping" }),
  ).toBeVisible();
  await expect(customer.getByText("1 of 3 directories submitted")).toBeVisible();
  await expect(customer.getByRole("img", { name: /Proof for/ })).toBeVisible();
  await expect(customer.locator("body")).not.toContainText("reCAPTCHA");
  await snapshot(customer, "customer-report-link");

  await page.reload();
  await page
    .getByRole("region", { name: "Customer report link" })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(page.getByRole("region", { name: "Customer report link" })).toContainText("Revoked");
  await customer.reload();
  await expect(customer.getByRole("heading", { name: "This report link was withdrawn." })).toBeVisible();
  await context.close();
  await cancelPendingJobs();
});
