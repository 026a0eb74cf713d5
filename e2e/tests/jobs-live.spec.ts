import { cancelPendingJobs } from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";
import { startWorker, stopWorker } from "../support/worker.ts";

test("[CUSTOMERS]: the form explains each bad field and a package that is too large", async ({
  signedIn: page,
}) => {
  await page.getByRole("link", { name: "New customer" }).first().click();
  await page.getByRole("button", { name: "Create customer and job" }).click();
  const name = page.getByLabel("Business name");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await name.getAttribute("aria-describedby")}`)).toHaveText("Required");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await snapshot(page, "new-customer-errors");

  await name.fill("Too Big Bakery");
  await page.getByLabel("Email").fill("owner@toobig.example");
  await page.getByLabel("Phone").fill("+1 512 555 0199");
  await page.getByLabel("Street address").fill("1 Main St");
  await page.getByLabel("City").fill("Austin");
  await page.getByLabel("State").fill("TX");
  await page.getByLabel("ZIP / postal code").fill("78701");
  await page.getByLabel("Package").selectOption("custom");
  await page.getByLabel("Number of directories").fill("500");
  // Explained before submit: the form knows the active catalog's size.
  await expect(page.getByRole("alert")).toContainText("needs 500 directories, but the catalog has only");
  await expect(page.getByRole("button", { name: "Create customer and job" })).toBeDisabled();
  await expect(page.getByText(/active directories are available to a new customer/)).toBeVisible();
  await expect(page.getByLabel(/Plan partially/)).not.toBeChecked();
});

test("[JOBS]: a new customer's job is pending at once, then the real worker takes it live to 100%", async ({
  signedIn: page,
}) => {
  await cancelPendingJobs();
  await page.getByRole("link", { name: "New customer" }).first().click();
  await page.getByLabel("Business name").fill("Live Plumbing Co");
  await page.getByLabel("Email").fill("owner@liveplumbing.example");
  await page.getByLabel("Phone").fill("+1 512 555 0142");
  await page.getByLabel("Website").fill("https://liveplumbing.example");
  await page.getByLabel("Street address").fill("200 Congress Ave");
  await page.getByLabel("City").fill("Austin");
  await page.getByLabel("State").fill("TX");
  await page.getByLabel("ZIP / postal code").fill("78701");
  await page.getByLabel("Category").fill("Plumber");
  await page.getByLabel("Package").selectOption("custom");
  await page.getByLabel("Number of directories").fill("3");
  await page.getByLabel("Priority").selectOption("1");
  await snapshot(page, "new-customer");
  await page.getByRole("button", { name: "Create customer and job" }).click();

  await expect(page.getByRole("heading", { name: "Queue", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Live Plumbing Co" });
  await expect(row.getByText("Pending", { exact: true })).toBeVisible();
  const progress = row.getByRole("progressbar", { name: "Progress of Live Plumbing Co" });
  await expect(progress).toHaveAttribute("aria-valuenow", "0");
  await expect(row).toContainText("3 pending");
  await snapshot(page, "queue-new-job");

  const worker = startWorker();
  try {
    // No reload from here: the page follows the worker through jobs.onChange.
    await expect(row.getByText("In progress", { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 90_000 });
    await expect(row.getByText("Complete", { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText("3 submitted");
    await snapshot(page, "queue");
  } finally {
    await stopWorker(worker);
  }

  await row.getByRole("link", { name: "Live Plumbing Co" }).click();
  await expect(page.getByRole("heading", { name: "Live Plumbing Co", level: 1 })).toBeVisible();
  const results = page.getByRole("table").filter({ hasText: "Directory" }).getByRole("row");
  await expect(results).toHaveCount(4);
  await expect(page.getByRole("cell", { name: "Submitted", exact: true })).toHaveCount(3);
  const thumb = page.getByRole("button", { name: /Open proof screenshot/ }).first();
  await expect(thumb.getByRole("img")).toBeVisible();
  await expect
    .poll(() =>
      thumb.getByRole("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    )
    .toBe(true);
  await snapshot(page, "job-detail");
  await thumb.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("img", { name: /full size/ })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("link", { name: "Workers" }).click();
  await expect(page.getByRole("cell", { name: "e2e-worker" })).toBeVisible();
  await snapshot(page, "workers");
});
