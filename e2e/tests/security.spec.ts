import { cancelPendingJobs, createCustomer } from "../support/api.ts";
import { expect, test } from "../support/fixtures.ts";

const hostile = "<img src=x onerror=alert(1)>";

test("[SECURITY]: a hostile business name is shown as text, never run", async ({ signedIn: page }) => {
  let alerted = false;
  page.on("dialog", async (dialog) => {
    alerted = true;
    await dialog.dismiss();
  });
  await cancelPendingJobs();
  const { job } = await createCustomer(hostile, { priorityLevel: 5 });
  await page.reload();
  await expect(page.getByRole("link", { name: hostile })).toBeVisible();
  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByRole("heading", { name: hostile, level: 1 })).toBeVisible();
  await page.goto(`/jobs/${job.id}/report`);
  await expect(page.getByRole("heading", { name: hostile, level: 1 })).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(alerted).toBe(false);
  await cancelPendingJobs();
});
