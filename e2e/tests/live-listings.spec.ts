import { adminCookie, cancelPendingJobs, createCustomer, stackUrl, trpcCall } from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";
import { startWorker, stopWorker } from "../support/worker.ts";

// Staff follow listings past "submitted", with the real worker on the sandbox: the job says how
// many are live, each result its live state and what a wrong listing shows, "Re-check now" asks a
// worker to look again, and the overview lists the listings to fix.

/** Only these directories stay active while `work` runs; the catalog is put back after. */
async function withOnlyActive(ids: string[], work: () => Promise<void>) {
  const url = stackUrl();
  const cookie = adminCookie();
  const all = await trpcCall<{ items: Array<{ id: string; active: boolean }> }>(
    url,
    "directories.list",
    { limit: 200 },
    cookie,
    "query",
  );
  const wasActive = all.items.filter((d) => d.active).map((d) => d.id);
  const setActive = async (id: string, active: boolean) =>
    trpcCall(url, "directories.setActive", { id, active }, cookie);
  try {
    for (const id of wasActive) if (!ids.includes(id)) await setActive(id, false);
    await work();
  } finally {
    for (const id of wasActive) await setActive(id, true);
  }
}

test("[LIVE]: the real worker submits, the sandbox publishes, re-checks find one live, one found by searching, one with a wrong phone, one gone", async ({
  signedIn: page,
}) => {
  await cancelPendingJobs();
  await withOnlyActive(["plain", "terms", "placeholders", "odd-names"], async () => {
    const { job } = await createCustomer("Saffron Tailoring", {
      package: { size: 4 },
      customer: {
        businessName: "Saffron Tailoring",
        email: "hello@saffron-tailoring.example",
        phone: "+1 512 555 0177",
        website: "https://saffron-tailoring.example",
        address: "410 Lavaca St",
        city: "Austin",
        state: "TX",
        zip: "78701",
        category: "Tailor",
      },
    });
    const worker = startWorker();
    try {
      await page.goto(`/jobs/${job.id}`);
      const row = (id: string) => page.getByRole("row").filter({ has: page.getByText(id, { exact: true }) });
      await expect(row("plain")).toContainText("Live · checked", { timeout: 90_000 });
      await expect(row("placeholders")).toContainText("Live with wrong details", { timeout: 30_000 });
      await expect(row("placeholders")).toContainText("phone shows");
      await expect(row("odd-names")).toContainText("Not found at the last re-check", { timeout: 30_000 });
      // Its thank-you page gave no link: the directory's listing search found the page, now linked.
      await expect(row("terms")).toContainText("Live · checked", { timeout: 30_000 });
      await expect(row("terms").getByRole("link", { name: "Listing ↗" })).toHaveAttribute(
        "href",
        /\/terms\/listing\/\d+$/,
      );
      await expect(page.getByText(/2 of 4 submitted listings seen live/)).toBeVisible();
      await snapshot(page, "job-live");

      // A person asks for another look at the live one; the worker takes it and the log says so.
      await row("plain").getByRole("button", { name: "Re-check now" }).click();
      await expect(row("plain").getByRole("button", { name: "Re-check queued" })).toBeDisabled();
      const log = page.locator("section", { has: page.getByRole("heading", { name: "Event log" }) });
      await expect(log).toContainText("Re-check asked for");
      await expect(log).toContainText("terms: live, found by searching the directory");

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
      const mismatches = page.locator("section", {
        has: page.getByRole("heading", { name: "Listings with wrong details" }),
      });
      await expect(mismatches).toContainText("Saffron Tailoring");
      await expect(mismatches).toContainText("phone shows");
      await expect(page.getByText("Live within 28 days")).toBeVisible();
      await snapshot(page, "overview-live");
    } finally {
      await stopWorker(worker);
    }
  });
});
