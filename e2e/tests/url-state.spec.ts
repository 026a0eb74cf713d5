import { cancelPendingJobs, createCustomer } from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";

// A view is an address: tab, search, sort and page survive a reload, a shared link and Back.

test("[URL]: the queue's tab, search and sort survive a reload and Back from a job", async ({
  signedIn: page,
}) => {
  await cancelPendingJobs();
  await createCustomer("Quillfeather Quilts");
  await page.getByRole("button", { name: /^Pending/ }).click();
  await page.getByLabel("Sort").selectOption("createdAt:asc");
  await page.getByLabel("Search").fill("quillfeather");
  await expect(page).toHaveURL(/q=quillfeather/);
  await expect(page).toHaveURL(/tab=pending/);
  await expect(page).toHaveURL(/sort=createdAt%3Aasc|sort=createdAt:asc/);
  const row = page.getByRole("row").filter({ hasText: "Quillfeather Quilts" });
  await expect(row).toHaveCount(1);

  await page.reload();
  await expect(page.getByRole("button", { name: /^Pending/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Sort")).toHaveValue("createdAt:asc");
  await expect(page.getByLabel("Search")).toHaveValue("quillfeather");
  await expect(row).toHaveCount(1);

  await row.getByRole("link", { name: "Quillfeather Quilts" }).click();
  await expect(page.getByRole("heading", { name: "Quillfeather Quilts", level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel("Search")).toHaveValue("quillfeather");
  await expect(page.getByRole("button", { name: /^Pending/ })).toHaveAttribute("aria-pressed", "true");
  await expect(row).toHaveCount(1);

  // A link someone pasted with a broken param still opens, with that param dropped.
  await page.goto("/?tab=nonsense&sort=nope&q=quillfeather&page=-3");
  await expect(page.getByRole("button", { name: /^All/ })).toHaveAttribute("aria-pressed", "true");
  await expect(row).toHaveCount(1);
  await cancelPendingJobs();
});

test("[URL]: needs attention's reason and the catalog's search come back on reload", async ({
  signedIn: page,
}) => {
  await page.goto("/attention");
  await page.getByLabel("Assigned").selectOption("mine");
  await expect(page).toHaveURL(/assigned=mine/);
  await page.reload();
  await expect(page.getByLabel("Assigned")).toHaveValue("mine");

  await page.goto("/directories");
  await page.getByLabel("Search").fill("consent");
  await expect(page).toHaveURL(/q=consent/);
  await page.reload();
  await expect(page.getByLabel("Search")).toHaveValue("consent");
  await expect(page.getByRole("row").filter({ hasText: "consent-overlay" })).toHaveCount(1);
});

test("[QUEUE]: bulk actions over a selection are confirmed, reported job by job, and logged", async ({
  signedIn: page,
}) => {
  await cancelPendingJobs();
  await createCustomer("Bulkhead Bakery");
  await createCustomer("Bulwark Barbers");
  await page.reload();
  await page.getByLabel("Search").fill("bul");
  await expect(page.getByRole("row")).toHaveCount(3);
  await page.getByLabel("Select every job on this page").check();
  await expect(page.getByText("2 selected")).toBeVisible();

  await page.getByLabel("Priority for the selected jobs").selectOption("5");
  await page.getByRole("button", { name: "Set priority" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Set 2 jobs to 5");
  await dialog.getByRole("button", { name: "Set priority" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 re-prioritised." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Bulkhead Bakery" })).toContainText("P5");

  // Retrying jobs with nothing failed is refused for each, by name; nothing else changes.
  await page.getByLabel("Select every job on this page").check();
  await page.getByRole("button", { name: "Retry failed" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Retry failed" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /^0 retried; not done: .*Bulkhead Bakery: This job has no failed directories/ }),
  ).toBeVisible();

  await page.getByLabel("Select Bulwark Barbers").check();
  await page.getByRole("button", { name: "Cancel jobs" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel jobs" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 cancelled." })).toBeVisible();
  const barbers = page.getByRole("row").filter({ hasText: "Bulwark Barbers" });
  await expect(barbers).toContainText("Cancelled");
  await snapshot(page, "queue-bulk");

  // The job's event log names who did each bulk action.
  await barbers.getByRole("link", { name: "Bulwark Barbers" }).click();
  const log = page.getByRole("region", { name: "Event log" });
  await expect(log.getByRole("listitem").filter({ hasText: "Cancelled" })).toContainText(
    "staff:admin@e2e.test",
  );
  await expect(log.getByRole("listitem").filter({ hasText: "Priority changed" })).toContainText(
    "staff:admin@e2e.test",
  );
  await cancelPendingJobs();
});
