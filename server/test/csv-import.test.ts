import { CSV_IMPORT_MAX_CHARS, CSV_IMPORT_MAX_ROWS } from "@autobolt/contract";
import { schema } from "@autobolt/db";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ADMIN, setupServer } from "./support.ts";

let env: Awaited<ReturnType<typeof setupServer>>;
let cookie: string;
beforeAll(async () => {
  env = await setupServer();
  const res = await trpc("auth.signIn", { email: ADMIN.email, password: ADMIN.password });
  cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.database.truncate({ keepStaff: true });
});

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the server answered and assert on it.
async function trpc(path: string, input: unknown, headers: Record<string, string> = {}): Promise<any> {
  return fetch(`${env.server.url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });
}

/** A catalog CSV of `rows` directories, each line padded with notes to reach a file size. */
function catalogCsv(rows: number, from = 0, notes = "") {
  const lines = ["id,name,url,submission_url,category,domain_authority,notes"];
  for (let i = from; i < from + rows; i++) {
    lines.push(
      `dir-${i},"Directory ${i}, Inc.",https://d${i}.example.test,https://d${i}.example.test/add,general,${i % 100},${notes}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function catalogSize() {
  const [row] = await env.database.db.select({ n: count() }).from(schema.directories);
  return row?.n;
}

describe("[CATALOG]: CSV import over HTTP, up to its documented limits", () => {
  test("20,000 rows import in one call (chunked under PostgreSQL's parameter limit), then update", async () => {
    const csv = catalogCsv(20_000);
    const res = await trpc("directories.importCsv", { csv }, { cookie });
    expect(res.status).toBe(200);
    expect((await res.json()).result.data).toMatchObject({
      created: 20_000,
      updated: 0,
      errors: [],
      written: true,
    });
    expect(await catalogSize()).toBe(20_000);
    // The same ids again, plus 5,000 new: updated and created counted across chunks.
    const again = await trpc("directories.importCsv", { csv: catalogCsv(25_000) }, { cookie });
    expect((await again.json()).result.data).toMatchObject({ created: 5_000, updated: 20_000 });
    expect(await catalogSize()).toBe(25_000);
  }, 120_000);

  test("a file near 5 MB passes the raised body limit of this route", async () => {
    // ~4.9 MB of CSV, escaped into a JSON body over 5 MB: far above the general 1 MB limit.
    const csv = catalogCsv(10_000, 0, "x".repeat(380));
    expect(csv.length).toBeGreaterThan(4_800_000);
    expect(csv.length).toBeLessThanOrEqual(CSV_IMPORT_MAX_CHARS);
    const res = await trpc("directories.importCsv", { csv }, { cookie });
    expect(res.status).toBe(200);
    expect((await res.json()).result.data).toMatchObject({ created: 10_000, errors: [] });
  }, 120_000);

  test("above the limits: more rows than documented are refused whole; over 5 MB is a 400", async () => {
    const lines = Array.from(
      { length: CSV_IMPORT_MAX_ROWS + 1 },
      (_, i) => `d${i},D,https://d.test,https://d.test/a,g`,
    );
    const tooMany = ["id,name,url,submission_url,category", ...lines].join("\n");
    const res = await trpc("directories.importCsv", { csv: tooMany }, { cookie });
    const report = (await res.json()).result.data;
    expect(report).toMatchObject({ created: 0, written: false });
    expect(report.errors[0].message).toMatch(/at most 50,000/);
    expect(await catalogSize()).toBe(0);
    const tooBig = await trpc(
      "directories.importCsv",
      { csv: "x".repeat(CSV_IMPORT_MAX_CHARS + 1) },
      { cookie },
    );
    expect(tooBig.status).toBe(400);
  });

  test("every other route keeps the general 1 MB body limit, and a batch with the import too", async () => {
    const big = { csv: "x".repeat(2_000_000) };
    for (const path of ["directories.create", "customers.create", "auth.signIn"]) {
      const res = await trpc(path, big, { cookie });
      expect([path, res.status]).toEqual([path, 413]);
    }
    const batch = await fetch(`${env.server.url}/trpc/directories.importCsv,directories.importCsv?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ 0: big, 1: { csv: "id" } }),
    });
    expect(batch.status).toBe(413);
  });

  test("without a session the import is refused (401) and nothing is written", async () => {
    const res = await trpc("directories.importCsv", { csv: catalogCsv(10) });
    expect(res.status).toBe(401);
    expect(await catalogSize()).toBe(0);
  });
});
