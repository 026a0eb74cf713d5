import { expect, snapshot, test } from "../support/fixtures.ts";

test("[CATALOG]: CSV import keeps the good rows and reports the bad line", async ({ signedIn: page }) => {
  await page.getByRole("link", { name: "Directories" }).click();
  await expect(page.getByText("plain", { exact: true })).toBeVisible();
  await snapshot(page, "directories");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import directories from CSV" })).toBeVisible();
  await page
    .getByLabel("Or paste the CSV")
    .fill(
      [
        "id,name,url,submission_url,category,domain_authority,active",
        "csv-good-listing,CSV Good Listing,https://good.example,https://good.example/add,general,1,false",
        "csv-bad-listing,CSV Bad Listing,not a url,https://bad.example/add,general,1,false",
      ].join("\n"),
    );
  await page.getByLabel("Import the good rows and list the bad ones").check();
  await page.getByRole("button", { name: "Import" }).click();
  const report = page.getByRole("region", { name: "Import report" });
  await expect(report).toContainText("1 added, 0 updated.");
  const problem = report.getByRole("row").filter({ has: page.getByRole("cell", { name: "3", exact: true }) });
  await expect(problem).toContainText("url");
  await snapshot(page, "directories-import");

  await page.getByRole("link", { name: "Back to the catalog" }).click();
  await page.getByLabel("Search", { exact: true }).fill("csv-");
  await expect(page.getByText("CSV Good Listing")).toBeVisible();
  await expect(page.getByText("CSV Bad Listing")).toHaveCount(0);
});

test("[CATALOG]: all-or-nothing writes nothing when a row is bad", async ({ signedIn: page }) => {
  await page.goto("/directories/import");
  await page
    .getByLabel("Or paste the CSV")
    .fill(
      [
        "id,name,url,submission_url,category",
        "csv-strict-ok,CSV Strict OK,https://ok.example,https://ok.example/add,general",
        "Not A Slug!,Broken,https://x.example,https://x.example/add,general",
      ].join("\n"),
    );
  await page.getByLabel("Import nothing unless every row is good").check();
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("region", { name: "Import report" })).toContainText("Nothing was imported");
  await page.goto("/directories");
  await page.getByLabel("Search", { exact: true }).fill("csv-strict");
  await expect(page.getByText("No directories match")).toBeVisible();
});

test("[CATALOG]: the editor lists recipe and listing-search problems by path, then saves; the toggle disables", async ({
  signedIn: page,
}) => {
  await page.goto("/directories/new");
  await page.getByLabel("Id").fill("e2e-recipe-site");
  await page.getByLabel("Name").fill("E2E Recipe Site");
  await page.getByLabel("Home page").fill("https://recipe.example");
  await page.getByLabel("Submission page").fill("https://recipe.example/add");
  const recipe = page.getByLabel(/^Recipe/);
  await recipe.fill('{"version": 1, "steps": [{"action": "fill", "selector": "", "field": "nickname"}]}');
  const search = page.getByLabel(/^Listing search/);
  await search.fill(
    '{"version": 1, "steps": [{"action": "openListing"}, {"action": "expectText", "text": "Found"}]}',
  );
  await page.getByRole("button", { name: "Add directory" }).click();
  await expect(recipe).toHaveAttribute("aria-invalid", "true");
  const issues = page.locator("#directory-recipe-error");
  await expect(issues).toContainText("steps[0].selector");
  await expect(issues).toContainText("steps[0].field");
  await expect(search).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#directory-listingSearch-error")).toContainText("no expectText");
  await snapshot(page, "directory-editor");
  await search.fill(
    JSON.stringify({
      version: 1,
      steps: [
        { action: "goto", url: "https://recipe.example/search" },
        { action: "fill", selector: "input[name=q]", field: "businessName" },
        { action: "click", selector: "button[type=submit]" },
        { action: "openListing", selector: ".results" },
      ],
    }),
  );

  await recipe.fill("{ not json");
  await page.getByRole("button", { name: "Add directory" }).click();
  await expect(issues).toContainText("Not valid JSON");

  await recipe.fill(
    JSON.stringify({
      version: 1,
      steps: [
        { action: "fill", selector: "#name", field: "businessName" },
        { action: "expectText", text: "Thanks" },
      ],
    }),
  );
  await page.getByLabel("Domain authority (0–100)").fill("2");
  await page.getByRole("button", { name: "Add directory" }).click();
  await expect(page.getByRole("heading", { name: "Directories", level: 1 })).toBeVisible();
  await page.getByLabel("Search", { exact: true }).fill("e2e-recipe");
  const row = page.getByRole("row").filter({ hasText: "E2E Recipe Site" });
  await expect(row).toContainText("recipe");
  const toggle = row.getByRole("checkbox", { name: "Enabled: E2E Recipe Site" });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await page.reload();
  await page.getByLabel("Search", { exact: true }).fill("e2e-recipe");
  await expect(page.getByRole("checkbox", { name: "Enabled: E2E Recipe Site" })).not.toBeChecked();

  await page.getByRole("link", { name: "Edit E2E Recipe Site" }).click();
  await expect(page.getByLabel(/^Listing search/)).toHaveValue(/"openListing"/);
  await page.getByLabel("Name").fill("E2E Recipe Site Renamed");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Directories", level: 1 })).toBeVisible();
  await page.getByLabel("Search", { exact: true }).fill("e2e-recipe");
  await expect(page.getByText("E2E Recipe Site Renamed")).toBeVisible();
});

test("[CATALOG]: adding an id that exists is refused in words", async ({ signedIn: page }) => {
  await page.goto("/directories/new");
  await page.getByLabel("Id").fill("plain");
  await page.getByLabel("Name").fill("Duplicate");
  await page.getByLabel("Home page").fill("https://dup.example");
  await page.getByLabel("Submission page").fill("https://dup.example/add");
  await page.getByRole("button", { name: "Add directory" }).click();
  await expect(page.getByRole("alert")).toContainText('A directory with id "plain" already exists');
});
