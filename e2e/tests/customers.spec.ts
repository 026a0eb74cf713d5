import { cancelPendingJobs, createCustomer } from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";

// Staff find a customer, correct their details and sell them another package without leaving the
// console.

test("[CUSTOMERS]: search finds a customer; their page shows jobs and citations; edit and add a package", async ({
  signedIn: page,
}) => {
  await cancelPendingJobs();
  const { customer } = await createCustomer("Larkspur Locksmiths");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  await page.getByLabel("Search").fill("larkspur");
  // The search is applied once it is in the address (after a short pause in typing).
  await expect(page).toHaveURL(/\/customers\?q=larkspur$/);
  const row = page.getByRole("row").filter({ hasText: "Larkspur Locksmiths" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Austin, TX");
  await snapshot(page, "customers-list");

  await row.getByRole("link", { name: "Larkspur Locksmiths" }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
  await expect(page.getByRole("heading", { name: "Larkspur Locksmiths", level: 1 })).toBeVisible();
  const citations = page.getByRole("region", { name: "Citations" });
  await expect(citations.getByRole("row")).toHaveCount(4); // header + a package of 3

  // A wrong phone is refused by the shared schema before anything is sent.
  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByLabel("Phone").fill("call us");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Use digits, spaces and + ( ) . - only")).toBeVisible();
  await page.getByLabel("Phone").fill("+1 512 555 0199");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("region", { name: "Business details" })).toContainText("+1 512 555 0199");
  await page.reload();
  await expect(page.getByRole("region", { name: "Business details" })).toContainText("+1 512 555 0199");
  await snapshot(page, "customer-page");

  // Another package: planned on directories the customer does not have yet.
  const jobs = page.getByRole("region", { name: "Jobs" });
  await expect(jobs.getByRole("row")).toHaveCount(2);
  const partial = page.getByLabel(/Plan partially/);
  if (await partial.isVisible()) await partial.check();
  await page.getByRole("button", { name: "Add package" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await page.getByRole("main").getByRole("link", { name: "Customer", exact: true }).click();
  await expect(page.getByRole("region", { name: "Jobs" }).getByRole("row")).toHaveCount(3);
  await cancelPendingJobs();
});
