import type { Page } from "@playwright/test";
import { cancelPendingJobs, claimJob, createCustomer, uploadScreenshot, workerPost } from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";

// These tests need exact outcomes (a captcha failure, a job left pending), so they play the worker
// through the REST API; jobs-live.spec.ts runs the real one.

/** A job for a new customer, reported as: first two directories submitted, the third failed on a captcha. */
async function jobWithCaptchaFailure(page: Page, businessName: string) {
  await cancelPendingJobs();
  const { job } = await createCustomer(businessName);
  const claim = await claimJob(job.id);
  const proof = await uploadScreenshot(await page.screenshot());
  const [first, second, third] = claim.directories;
  if (!first || !second || !third) throw new Error("expected three planned directories");
  await workerPost("update", {
    jobId: job.id,
    leaseToken: claim.job.leaseToken,
    results: [
      { directoryId: first.id, status: "submitted", screenshotUrl: proof },
      { directoryId: second.id, status: "submitted", screenshotUrl: proof },
      {
        directoryId: third.id,
        status: "failed",
        reason: "captcha_required",
        errorMessage: "The form asks for a captcha before it accepts the listing.",
        screenshotUrl: proof,
      },
    ],
  });
  await workerPost("complete", { jobId: job.id, leaseToken: claim.job.leaseToken });
  return { jobId: job.id, failed: third };
}

test("[JOBS]: retry failed directories puts them back to pending after confirming", async ({
  signedIn: page,
}) => {
  const { jobId, failed } = await jobWithCaptchaFailure(page, "Retry Roofing");
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByRole("heading", { name: "Retry Roofing", level: 1 })).toBeVisible();
  const failedRow = page.getByRole("row").filter({ hasText: failed.name });
  await expect(failedRow.getByText("Captcha required")).toBeVisible();
  await expect(failedRow).toContainText("asks for a captcha");

  await page.getByRole("button", { name: "Retry failed (1)" }).click();
  const dialog = page.getByRole("dialog", { name: "Retry failed directories?" });
  await expect(dialog).toBeVisible();
  await snapshot(page, "job-retry-dialog");
  await dialog.getByRole("button", { name: "Retry failed" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "pending again" })).toBeVisible();
  await expect(failedRow.getByText("Pending", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry failed (0)" })).toBeDisabled();
  await expect(page.getByText("Failed directories retried")).toBeVisible();
  await cancelPendingJobs();
});

test("[JOBS]: cancel asks first, then the job shows cancelled", async ({ signedIn: page }) => {
  await cancelPendingJobs();
  const { job } = await createCustomer("Cancel Carpentry");
  await page.goto(`/jobs/${job.id}`);
  await page.getByRole("button", { name: "Cancel job" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this job?" });
  // Changing one's mind changes nothing.
  await dialog.getByRole("button", { name: "Keep as is" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Pending", { exact: true }).first()).toBeVisible();

  await page.getByRole("button", { name: "Cancel job" }).click();
  await dialog.getByRole("button", { name: "Cancel job" }).click();
  await expect(page.getByRole("status").filter({ hasText: "cancelled" })).toBeVisible();
  await expect(page.locator(".page-head .badge")).toHaveText("Cancelled");
  await expect(page.getByRole("button", { name: "Cancel job" })).toBeDisabled();
});

test("[JOBS]: priority changes after confirming and shows in the event log", async ({ signedIn: page }) => {
  await cancelPendingJobs();
  const { job } = await createCustomer("Priority Painters", { priorityLevel: 3 });
  await page.goto(`/jobs/${job.id}`);
  await page.getByLabel("Priority", { exact: true }).selectOption("1");
  await page.getByRole("button", { name: "Change priority" }).click();
  const dialog = page.getByRole("dialog", { name: "Change priority?" });
  await expect(dialog).toContainText("From 3 · Normal to 1 · Most urgent");
  await dialog.getByRole("button", { name: "Change priority" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Priority is now 1" })).toBeVisible();
  await expect(page.getByText("from P3 to P1")).toBeVisible();
  await page.getByRole("link", { name: "Queue" }).first().click();
  await expect(page.getByRole("row").filter({ hasText: "Priority Painters" })).toContainText("P1");
  await cancelPendingJobs();
});

test("[ATTENTION]: a captcha failure is listed, filterable, and links to its job", async ({
  signedIn: page,
}) => {
  const { jobId, failed } = await jobWithCaptchaFailure(page, "Attention Auto Repair");
  await page.getByRole("link", { name: "Needs attention" }).click();
  await expect(page.getByRole("heading", { name: "Needs attention", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Attention Auto Repair" });
  await expect(row).toContainText("Captcha required");
  await expect(row).toContainText(failed.name);

  await page.getByLabel("Reason").selectOption("email_verification");
  await expect(row).toHaveCount(0);
  await page.getByLabel("Reason").selectOption("captcha_required");
  await page.getByLabel("Directory").selectOption(failed.id);
  await expect(row).toBeVisible();
  await snapshot(page, "needs-attention");
  await row.getByRole("link", { name: "Attention Auto Repair" }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
});

test("[REPORT]: the printable report and the CSV download", async ({ signedIn: page }) => {
  const { jobId, failed } = await jobWithCaptchaFailure(page, "Report Realty");
  await page.goto(`/jobs/${jobId}`);
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("heading", { name: "Report Realty", level: 1 })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: failed.name })).toContainText("Failed");
  await expect(page.getByRole("img", { name: /Proof for/ })).toHaveCount(3);
  await snapshot(page, "report");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^autobolt-report-report-realty-.*\.csv$/);
  const file = await download.path();
  const { readFile } = await import("node:fs/promises");
  const csv = await readFile(file, "utf8");
  expect(csv).toContain("business,directory,directory_id,status");
  expect(csv).toContain(failed.id);
  expect(csv.trim().split("\n")).toHaveLength(4);
});
