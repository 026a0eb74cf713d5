import { createCustomer } from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";

// Every page at desktop, tablet and phone width, for a person to look at in e2e/artifacts/.
const pages = [
  { path: "/", heading: "Queue", name: "queue" },
  { path: "/customers", heading: "Customers", name: "customers" },
  { path: "/customers/new", heading: "New customer", name: "new-customer" },
  { path: "/attention", heading: "Needs attention", name: "needs-attention" },
  { path: "/directories", heading: "Directories", name: "directories" },
  { path: "/directories/import", heading: "Import directories from CSV", name: "directories-import" },
  { path: "/directories/new", heading: "Add directory", name: "directory-new" },
  { path: "/workers", heading: "Workers", name: "workers" },
  { path: "/overview", heading: "Overview", name: "overview" },
  { path: "/staff", heading: "Staff accounts", name: "staff" },
  { path: "/account", heading: "My account", name: "account" },
  { path: "/nowhere", heading: "Page not found", name: "not-found" },
];

for (const width of [1280, 768, 390]) {
  test(`[LAYOUT]: every page renders with its heading at ${width} px`, async ({ signedIn: page }) => {
    // A job of its own to open, whatever ran before.
    await createCustomer(`Tour Tailors ${width}`);
    await page.setViewportSize({ width, height: 900 });
    for (const p of pages) {
      await page.goto(p.path);
      await expect(page.getByRole("heading", { name: p.heading, level: 1 })).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: /Loading|Counting/ })).toHaveCount(0);
      await snapshot(page, `tour-${p.name}`);
    }
    await page.goto("/");
    await page.getByRole("link", { name: `Tour Tailors ${width}` }).click();
    await expect(
      page
        .getByRole("heading", { name: "Directories", level: 2 })
        .or(page.getByRole("heading", { name: /^Directories \(/ })),
    ).toBeVisible();
    await snapshot(page, "tour-job-detail");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}
