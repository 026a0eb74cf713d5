import type { Page } from "@playwright/test";
import {
  adminCookie,
  cancelPendingJobs,
  claimJob,
  createCustomer,
  stackUrl,
  trpcCall,
  uploadScreenshot,
  workerPost,
} from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";

// Each test plays the worker through the REST API for exact outcomes, then drives the console as
// staff would: every remedy for a failed directory, the work queue, cancel and duplicates.

interface Planned {
  id: string;
  name: string;
}

/**
 * A finished job of five for a new customer: the first directory submitted, then a captcha, an
 * email verification, an interrupted submission and a validation error.
 */
async function jobWithFailures(page: Page, businessName: string) {
  await cancelPendingJobs();
  const { job } = await createCustomer(businessName, { package: { size: 5 } });
  const claim = await claimJob(job.id);
  const proof = await uploadScreenshot(await page.screenshot());
  const [ok, captcha, email, interrupted, validation] = claim.directories as [
    Planned,
    Planned,
    Planned,
    Planned,
    Planned,
  ];
  await workerPost("update", {
    jobId: job.id,
    leaseToken: claim.job.leaseToken,
    results: [
      { directoryId: ok.id, status: "submitted", screenshotUrl: proof },
      {
        directoryId: captcha.id,
        status: "failed",
        reason: "captcha_required",
        errorMessage: "The form asks for a captcha before it accepts the listing.",
        screenshotUrl: proof,
      },
      {
        directoryId: email.id,
        status: "failed",
        reason: "email_verification",
        errorMessage: "Check your inbox.",
      },
      {
        directoryId: interrupted.id,
        status: "failed",
        reason: "interrupted",
        errorMessage: "The worker stopped while submitting.",
      },
      { directoryId: validation.id, status: "failed", reason: "validation_error", errorMessage: "Bad ZIP." },
    ],
  });
  await workerPost("complete", { jobId: job.id, leaseToken: claim.job.leaseToken });
  return { jobId: job.id, ok, captcha, email, interrupted, validation };
}

const resultRow = (page: Page, directory: Planned) =>
  page.getByRole("row").filter({ has: page.getByText(directory.id, { exact: true }) });

test("[QUEUE]: a job with failures says how it ended, in two colours, and the needs-a-person tab finds it", async ({
  signedIn: page,
}) => {
  await jobWithFailures(page, "Outcome Outfitters");
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: "Outcome Outfitters" });
  await expect(row.getByText("Complete", { exact: true })).toBeVisible();
  await expect(row).toContainText("1 submitted, 4 need a person");
  await expect(row).toContainText("4 failed");
  await expect(row.getByRole("progressbar")).toHaveAttribute(
    "aria-valuetext",
    "100%: 1 submitted, 4 failed, 0 pending",
  );
  await snapshot(page, "queue-outcome");
  await page.getByRole("button", { name: /Needs a person/ }).click();
  await expect(page.getByRole("row").filter({ hasText: "Outcome Outfitters" })).toBeVisible();
  await snapshot(page, "queue-needs-person");
});

test("[RESULTS]: resolve by hand with a listing URL, skip, retry one and replace from the job page", async ({
  signedIn: page,
}) => {
  const job = await jobWithFailures(page, "Remedy Roofing");
  await page.goto(`/jobs/${job.jobId}`);
  await expect(page.getByRole("heading", { name: "Remedy Roofing", level: 1 })).toBeVisible();
  await snapshot(page, "job-failures");

  // Resolve by hand: the captcha was solved by a person, who gives the listing's URL.
  await resultRow(page, job.captcha).getByRole("button", { name: "Resolve" }).click();
  const resolve = page.getByRole("dialog", { name: `Resolve ${job.captcha.name} by hand` });
  await resolve.getByLabel("Listing URL or reference").fill("https://listings.example/remedy-roofing");
  await resolve.getByLabel(/Note/).fill("Solved the captcha myself");
  await snapshot(page, "job-resolve-dialog");
  await resolve.getByRole("button", { name: "Mark as submitted" }).click();
  await expect(page.getByRole("status").filter({ hasText: "done by a person" })).toBeVisible();
  const resolved = resultRow(page, job.captcha);
  await expect(resolved.getByText("Done by a person", { exact: true })).toBeVisible();
  await expect(resolved).toContainText("https://listings.example/remedy-roofing");
  await expect(page.getByRole("listitem").filter({ hasText: "Resolved by hand" })).toContainText(
    "staff:admin@e2e.test",
  );

  // Skip: final, and the job-wide retry no longer counts it.
  await resultRow(page, job.validation).getByRole("button", { name: "Skip" }).click();
  await page
    .getByRole("dialog", { name: `Skip ${job.validation.name}?` })
    .getByRole("button", { name: "Skip" })
    .click();
  await expect(resultRow(page, job.validation).getByText("Skipped")).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry failed (1)" })).toBeVisible();

  // Retry one: an interrupted directory asks the person to check it first.
  await resultRow(page, job.interrupted).getByRole("button", { name: "Retry" }).click();
  const check = page.getByRole("dialog", { name: `Retry ${job.interrupted.name}?` });
  await expect(check).toContainText("the listing may already exist");
  await check.getByLabel(/there is no listing yet/).check();
  await check.getByRole("button", { name: "Retry" }).click();
  await expect(resultRow(page, job.interrupted).getByText("Pending", { exact: true })).toBeVisible();

  // Replace: the email verification is given up and another directory takes its place.
  await resultRow(page, job.email).getByRole("button", { name: "Replace" }).click();
  await page
    .getByRole("dialog", { name: `Replace ${job.email.name}?` })
    .getByRole("button", { name: "Replace" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "is replaced by" })).toBeVisible();
  await expect(resultRow(page, job.email).getByText("Replaced")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Directories (6)" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Pending", exact: true })).toHaveCount(2);
  await expect(page.getByRole("listitem").filter({ hasText: "Replaced" })).toContainText(
    "staff:admin@e2e.test",
  );
  await snapshot(page, "job-after-actions");
  await cancelPendingJobs();
});

test("[NEEDS ATTENTION]: a work queue grouped by reason: assign to me, a note, bulk skip", async ({
  signedIn: page,
}) => {
  const job = await jobWithFailures(page, "Queue Quilters");
  await page.getByRole("link", { name: "Needs attention" }).first().click();
  await expect(page.getByRole("heading", { name: "Needs attention", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Captcha required \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Interrupted \(\d+\)/ })).toBeVisible();
  await expect(page.getByText("Open the directory and check before anything is resubmitted")).toBeVisible();

  const item = (d: Planned) =>
    page.getByRole("row").filter({ has: page.getByLabel(`Select ${d.name} for Queue Quilters`) });
  await item(job.captcha).getByRole("button", { name: "Assign to me" }).click();
  await expect(item(job.captcha)).toContainText("admin@e2e.test");
  await item(job.captcha)
    .getByLabel(/Note on/)
    .fill("Calling the directory on Monday");
  await item(job.captcha).getByRole("button", { name: "Save note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Note saved" })).toBeVisible();

  await page.getByLabel("Assigned", { exact: true }).selectOption("mine");
  await expect(item(job.captcha)).toBeVisible();
  await expect(item(job.email)).toHaveCount(0);
  await page.getByLabel("Assigned", { exact: true }).selectOption("");
  await snapshot(page, "needs-attention-work-queue");

  await item(job.email).getByRole("checkbox").check();
  await item(job.validation).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Skip selected" }).click();
  // Every bulk action is confirmed first, saying what it will do.
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText("Skip 2 directories?");
  await confirm.getByRole("button", { name: "Skip", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 skipped." })).toBeVisible();
  await expect(item(job.email)).toHaveCount(0);
  await expect(item(job.validation)).toHaveCount(0);
  await expect(item(job.captcha)).toBeVisible();

  await page.goto(`/jobs/${job.jobId}`);
  await expect(page.getByRole("listitem").filter({ hasText: "Assigned" })).toContainText(
    "staff:admin@e2e.test",
  );
  await expect(page.getByRole("listitem").filter({ hasText: "Skipped" })).toHaveCount(2);
});

test("[CANCEL]: cancelling mid-run keeps what the worker submitted; directories never tried are skipped", async ({
  signedIn: page,
}) => {
  await cancelPendingJobs();
  const { job } = await createCustomer("Halfway Hardware", { package: { size: 4 } });
  const claim = await claimJob(job.id);
  const [first, second, third, fourth] = claim.directories as [Planned, Planned, Planned, Planned];
  const lease = { jobId: job.id, leaseToken: claim.job.leaseToken };
  await workerPost("update", { ...lease, results: [{ directoryId: first.id, status: "submitted" }] });
  await workerPost("start", { ...lease, directoryIds: [second.id] });

  await page.goto(`/jobs/${job.id}`);
  await page.getByRole("button", { name: "Cancel job" }).click();
  await page
    .getByRole("dialog", { name: "Cancel this job?" })
    .getByRole("button", { name: "Cancel job" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "cancelled" })).toBeVisible();
  // The worker was submitting the second directory when the cancel came: its result is kept.
  await workerPost("update", { ...lease, results: [{ directoryId: second.id, status: "submitted" }] });
  await page.reload();
  await expect(page.getByRole("cell", { name: "Submitted", exact: true })).toHaveCount(2);
  await expect(resultRow(page, third).getByText("Skipped")).toBeVisible();
  await expect(resultRow(page, fourth).getByText("Skipped")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Pending", exact: true })).toHaveCount(0);
  await expect(page.getByText("2 submitted, 2 skipped")).toBeVisible();
  await snapshot(page, "job-cancelled-mid-run");
});

test("[CUSTOMERS]: a new customer matching an existing one is offered a package on them instead", async ({
  signedIn: page,
}) => {
  await cancelPendingJobs();
  const existing = await createCustomer("Twice Tailors", {
    package: { size: 2 },
    customer: {
      businessName: "Twice Tailors",
      email: "owner@twicetailors.example",
      phone: "+1 (737) 555-0123",
      website: "https://www.twicetailors.example/",
      address: "5 Lamar Blvd",
      city: "Austin",
      state: "TX",
      zip: "78704",
    },
  });
  await page.getByRole("link", { name: "New customer" }).first().click();
  await page.getByLabel("Business name").fill("Twice Tailors Austin");
  await page.getByLabel("Phone").fill("737.555.0123");
  await page.getByLabel("Website").fill("http://twicetailors.example");
  const offer = page.getByRole("status").filter({ hasText: "may already be a customer" });
  await expect(offer).toContainText("Twice Tailors");
  await expect(offer).toContainText("same phone and website");
  await page.getByLabel("Package").selectOption("custom");
  await page.getByLabel("Number of directories").fill("2");
  await snapshot(page, "new-customer-duplicate");
  await offer.getByRole("button", { name: "Add the package to Twice Tailors" }).click();
  await expect(page.getByRole("heading", { name: "Queue", level: 1 })).toBeVisible();

  const customer = await trpcCall<{ jobs: Array<{ id: string }> }>(
    stackUrl(),
    "customers.byId",
    { id: existing.customer.id },
    adminCookie(),
    "query",
  );
  expect(customer.jobs).toHaveLength(2);
  await cancelPendingJobs();
});
