import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { parseCatalogCsv } from "../src/catalog/csv-import.ts";
import { callerAs, customer, directory, rejection, setupServices } from "./support.ts";

let env: Awaited<ReturnType<typeof setupServices>>;
beforeAll(async () => {
  env = await setupServices();
});
afterAll(() => env.close());
beforeEach(() => env.database.truncate());

const staff = () => callerAs(env.services, "staff");
const admin = () => callerAs(env.services, "admin");

const header = "id,name,url,submission_url,category,domain_authority,requires_captcha,active";
const goodCsv = [
  header,
  "yelp,Yelp,https://yelp.example.test,https://yelp.example.test/add,general,94,no,yes",
  '"bing-places","Bing Places, for business",https://bing.example.test,https://bing.example.test/add,search,88,yes,true',
].join("\n");

describe("[CATALOG]: directories", () => {
  test("create, read, list with search, update, disable and delete", async () => {
    await admin().directories.create(directory(1, { name: "Hometown Finder", category: "local" }));
    await admin().directories.create(directory(2));
    expect(await rejection(admin().directories.create(directory(1)))).toMatchObject({
      appCode: "DIRECTORY_EXISTS",
    });
    expect((await staff().directories.byId({ id: "dir-001" })).name).toBe("Hometown Finder");
    const found = await staff().directories.list({ search: "hometown" });
    expect(found.items.map((d) => d.id)).toEqual(["dir-001"]);
    expect(found.items[0]).toMatchObject({ submitted: 0, failed: 0, successRate: null });
    await admin().directories.update({
      id: "dir-001",
      fields: { domainAuthority: 77, notes: "needs phone" },
    });
    await admin().directories.setActive({ id: "dir-002", active: false });
    expect((await staff().directories.list({ active: true })).items.map((d) => d.id)).toEqual(["dir-001"]);
    await admin().directories.delete({ id: "dir-002" });
    expect(await rejection(staff().directories.byId({ id: "dir-002" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  test("a directory with results cannot be deleted, only disabled; success rate counts its results", async () => {
    await admin().directories.create(directory(1));
    await admin().directories.create(directory(2));
    await staff().customers.create({ customer, package: { size: 2 } });
    const worker = callerAs(env.services, "worker");
    const c = await worker.autobolt.jobs.next({});
    if (!c.job) throw new Error("expected a job");
    await worker.autobolt.jobs.update({
      jobId: c.job.id,
      leaseToken: c.job.leaseToken as string,
      results: [
        { directoryId: "dir-001", status: "submitted" },
        { directoryId: "dir-002", status: "failed", reason: "form_not_found" },
      ],
    });
    expect(await rejection(admin().directories.delete({ id: "dir-001" }))).toMatchObject({
      appCode: "DIRECTORY_IN_USE",
    });
    const list = await staff().directories.list({});
    expect(list.items.map((d) => [d.id, d.successRate])).toEqual([
      ["dir-002", 0],
      ["dir-001", 1],
    ]);
  });

  test("a recipe is validated step by step", async () => {
    const error = await rejection(
      admin().directories.create(
        directory(3, {
          recipe: {
            version: 1,
            steps: [{ action: "fill", selector: "#name", field: "shoeSize" as "email" }],
          },
        }),
      ),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const saved = await admin().directories.create(
      directory(3, {
        recipe: {
          version: 1,
          steps: [
            { action: "goto", url: "https://dir3.example.test/add" },
            { action: "fill", selector: "#name", field: "businessName" },
            { action: "click", selector: "text=Send" },
            { action: "expectText", text: "Thanks" },
          ],
        },
      }),
    );
    expect(saved.recipe?.steps).toHaveLength(4);
  });

  test("a listing search is saved, ends on openListing, and may not expect text", async () => {
    const search = {
      version: 1 as const,
      steps: [
        { action: "goto" as const, url: "https://dir4.example.test/search" },
        { action: "fill" as const, selector: "input[name=q]", field: "businessName" as const },
        { action: "click" as const, selector: "button[type=submit]" },
        { action: "openListing" as const, selector: ".results" },
      ],
    };
    const refused = await rejection(
      admin().directories.create(
        directory(4, {
          listingSearch: { ...search, steps: [...search.steps, { action: "expectText", text: "Found" }] },
        }),
      ),
    );
    expect(refused.message).toMatch(/no expectText/);
    const saved = await admin().directories.create(directory(4, { listingSearch: search }));
    expect(saved.listingSearch?.steps.at(-1)).toEqual({ action: "openListing", selector: ".results" });
    // Saved as null, it is gone, like a recipe.
    const { id, ...fields } = directory(4);
    expect((await admin().directories.update({ id, fields })).listingSearch).toBeNull();
  });

  test("packages list the presets in order", async () => {
    expect((await staff().directories.packages()).map((p) => [p.id, p.size])).toEqual([
      ["starter", 25],
      ["growth", 75],
      ["professional", 150],
      ["enterprise", 500],
    ]);
  });
});

describe("[CATALOG]: CSV import", () => {
  test("imports good rows, updating existing ids", async () => {
    await admin().directories.create(directory(1, { id: "yelp", name: "Old name" }));
    const report = await admin().directories.importCsv({ csv: goodCsv });
    expect(report).toEqual({ created: 1, updated: 1, errors: [], written: true });
    const bing = await staff().directories.byId({ id: "bing-places" });
    expect(bing).toMatchObject({
      name: "Bing Places, for business",
      domainAuthority: 88,
      requiresCaptcha: true,
      category: "search",
    });
    expect((await staff().directories.byId({ id: "yelp" })).name).toBe("Yelp");
  });

  test("bad lines are reported by line number; valid-rows keeps the good ones", async () => {
    const csv = [
      goodCsv,
      "Bad Id!,Broken,https://x.test,https://x.test/add,general,10,no,yes",
      "nolink,No link,not-a-url,https://x.test/add,general,10,no,yes",
      "yelp,Duplicate,https://y.test,https://y.test/add,general,10,no,yes",
      "flag,Flag,https://f.test,https://f.test/add,general,10,maybe,yes",
    ].join("\n");
    const report = await admin().directories.importCsv({ csv, mode: "valid-rows" });
    expect(report.created).toBe(2);
    expect(report.errors.map((e) => [e.line, e.field])).toEqual([
      [4, "id"],
      [5, "url"],
      [6, "id"],
      [7, "requires_captcha"],
    ]);
    expect((await staff().directories.list({})).total).toBe(2);
  });

  test("all-or-nothing writes nothing when any line is bad", async () => {
    const csv = `${goodCsv}\nnolink,No link,not-a-url,https://x.test/add,general,10,no,yes`;
    const report = await admin().directories.importCsv({ csv, mode: "all-or-nothing" });
    expect(report).toMatchObject({ created: 0, updated: 0, written: false });
    expect(report.errors).toHaveLength(1);
    expect((await staff().directories.list({})).total).toBe(0);
  });

  test("form_email says which address a directory's forms get; anything else is a line error", () => {
    const parsed = parseCatalogCsv(
      "id,name,url,submission_url,category,form_email\nown,Own,https://o.test,https://o.test/add,general,customer\nbad,Bad,https://b.test,https://b.test/add,general,inbox\nplain,Plain,https://p.test,https://p.test/add,general,",
    );
    expect(parsed.rows.map((r) => [r.id, r.formEmail])).toEqual([
      ["own", "customer"],
      ["plain", "campaign"],
    ]);
    expect(parsed.errors).toMatchObject([{ line: 3 }]);
  });

  test("listing_search is JSON like recipe; an import updates form_email and listing_search of an existing id", async () => {
    const search = '{""version"":1,""steps"":[{""action"":""openListing""}]}';
    const csv = `id,name,url,submission_url,category,form_email,listing_search
own,Own,https://o.test,https://o.test/add,general,customer,"${search}"
bad,Bad,https://b.test,https://b.test/add,general,,{not json`;
    const report = await admin().directories.importCsv({ csv });
    expect(report.errors).toEqual([
      { line: 3, field: "listing_search", message: "listing_search is not valid JSON" },
    ]);
    const again = await admin().directories.importCsv({
      csv: "id,name,url,submission_url,category,form_email\nown,Own,https://o.test,https://o.test/add,general,campaign",
    });
    expect(again).toMatchObject({ updated: 1 });
    const own = await staff().directories.byId({ id: "own" });
    expect(own).toMatchObject({ formEmail: "campaign", listingSearch: null });
  });

  test("a file without the required columns, or not CSV at all, is reported on line 1 or where it breaks", async () => {
    expect(parseCatalogCsv("name,url\nA,https://a.test").errors).toEqual([
      { line: 1, message: "Missing required columns: id, submission_url, category" },
    ]);
    const broken = parseCatalogCsv(`${header}\n"unterminated,quote`);
    expect(broken.rows).toEqual([]);
    expect(broken.errors[0]?.message).toMatch(/not valid CSV/);
    expect(await rejection(admin().directories.importCsv({ csv: "x".repeat(5_000_001) }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
