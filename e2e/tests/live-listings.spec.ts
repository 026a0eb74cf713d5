import { cancelPendingJobs, claimJob, createCustomer, followUpPost, workerPost } from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";

// Staff follow listings past "submitted": the job says how many are live, each result its live
// state and what a wrong listing shows, "Re-check now" asks a worker to look again, and the
// overview lists the listings to fix.

test("[LIVE]: re-check now, a live listing and one with a wrong phone, seen on the job and the overview", async ({
  signedIn: page,
}) => {
  await cancelPendingJobs();
  const { job } = await createCustomer("Marigold Bakery", { package: { size: 2 } });
  const claim = await claimJob(job.id);
  const [first, second] = claim.directories;
  if (!first || !second) throw new Error("expected two directories");
  const listing = (d: { id: string }) => `https://listings.example.test/${d.id}/marigold-bakery`;
  await workerPost("update", {
    jobId: job.id,
    leaseToken: claim.job.leaseToken,
    results: [
      { directoryId: first.id, status: "submitted", listingUrl: listing(first) },
      { directoryId: second.id, status: "submitted", listingUrl: listing(second) },
    ],
  });
  await workerPost("complete", { jobId: job.id, leaseToken: claim.job.leaseToken });

  await page.goto(`/jobs/${job.id}`);
  const row = (d: { id: string }) =>
    page.getByRole("row").filter({ has: page.getByText(d.id, { exact: true }) });
  await expect(row(first)).toContainText("Not checked yet");
  await expect(row(first).getByRole("link", { name: "Listing ↗" })).toHaveAttribute("href", listing(first));
  await row(first).getByRole("button", { name: "Re-check now" }).click();
  await expect(row(first).getByRole("button", { name: "Re-check queued" })).toBeDisabled();
  await row(second).getByRole("button", { name: "Re-check now" }).click();
  await expect(row(second).getByRole("button", { name: "Re-check queued" })).toBeDisabled();

  // A worker looks at both pages: one is right, the other shows another phone.
  for (let i = 0; i < 2; i++) {
    const task = (await followUpPost("next", { workerId: "e2e-driver" }))?.followUp;
    if (!task) throw new Error("expected a re-check");
    const isFirst = task.link === listing(first);
    await followUpPost("report", {
      followUpId: task.id,
      leaseToken: task.leaseToken,
      ...(isFirst
        ? { outcome: "live" }
        : {
            outcome: "mismatch",
            mismatches: [{ field: "phone", expected: "+1 512 555 0100", found: "+15125550101" }],
          }),
    });
  }

  await expect(row(first)).toContainText("Live");
  await expect(row(second)).toContainText("Live with wrong details");
  await expect(row(second)).toContainText("phone shows +15125550101 (should be +1 512 555 0100)");
  await expect(page.getByText("50% live")).toBeVisible();
  await snapshot(page, "job-live");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  const mismatches = page.locator("section", {
    has: page.getByRole("heading", { name: "Listings with wrong details" }),
  });
  await expect(mismatches).toContainText("Marigold Bakery");
  await expect(mismatches).toContainText("phone shows +15125550101");
  await expect(page.getByText("Live within 28 days")).toBeVisible();
  await snapshot(page, "overview-live");
});
