import { type LearnedMapping, recipeFromLearned } from "@autobolt/contract";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { API_KEY, callerAs, customer, rejection, seedCatalog, setupServer } from "./support.ts";

let env: Awaited<ReturnType<typeof setupServer>>;
beforeAll(async () => {
  env = await setupServer();
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.database.truncate();
  await seedCatalog(env.server.services, 3);
});

const staff = () => callerAs(env.server.services, "staff");
const admin = () => callerAs(env.server.services, "admin");
const worker = () => callerAs(env.server.services, "worker");

/** What the worker's step recorder sends for a plain form: a consent click, two fields, the submit. */
function mapping(businessSelector = "#business"): LearnedMapping {
  return {
    version: 1,
    startUrl: "https://dir3.example.test/add",
    steps: [
      { action: "click", selector: "button:has-text('Accept')" },
      { action: "fill", selector: businessSelector, field: "businessName" },
      { action: "fill", selector: "#phone-area", field: "phone", part: { index: 0, count: 3 } },
      { action: "select", selector: "#category", field: "category" },
      { action: "click", selector: "button[type=submit]" },
    ],
    successText: "Thanks, your listing is under review",
    learnedAt: "2025-06-01T12:00:00.000Z",
  };
}

/** A job for a new business over the whole (3-directory) catalog, claimed by a worker. */
async function claimedJob(businessName = customer.businessName) {
  const { job } = await staff().customers.create({
    customer: { ...customer, businessName },
    package: { size: 3 },
  });
  const claimed = await worker().autobolt.jobs.next({ workerId: "w1" });
  if (!claimed.job || claimed.job.id !== job.id) throw new Error("expected to claim the new job");
  return { claimed, lease: { jobId: job.id, leaseToken: claimed.job.leaseToken as string } };
}

describe("[LEARNED]: a worker's report teaches the directory", () => {
  test("a submitted result's mapping is kept on its directory, shown on its page, and left out of the list", async () => {
    const { lease } = await claimedJob("Teaching Tailors");
    await worker().autobolt.jobs.update({
      ...lease,
      results: [
        { directoryId: "dir-003", status: "submitted", learned: mapping() },
        { directoryId: "dir-002", status: "submitted" },
        { directoryId: "dir-001", status: "failed", reason: "captcha_required" },
      ],
    });
    const detail = await staff().directories.byId({ id: "dir-003" });
    expect(detail.learned).toEqual(mapping());
    expect(detail.learnedAt).toBeInstanceOf(Date);
    expect(detail).toMatchObject({
      learnedFromJobId: lease.jobId,
      learnedFromBusinessName: "Teaching Tailors",
    });
    expect(await staff().directories.byId({ id: "dir-002" })).toMatchObject({
      learned: null,
      learnedAt: null,
      learnedFromJobId: null,
      learnedFromBusinessName: null,
    });
    const listed = (await staff().directories.list({})).items.find((d) => d.id === "dir-003");
    expect(listed).not.toHaveProperty("learned");
    expect(listed?.learnedAt).toBeInstanceOf(Date);
  });

  test("only an applied report teaches: a repeat, a stale lease and a failure change nothing", async () => {
    const { lease } = await claimedJob();
    await worker().autobolt.jobs.update({
      ...lease,
      results: [{ directoryId: "dir-003", status: "submitted", learned: mapping() }],
    });
    const first = await staff().directories.byId({ id: "dir-003" });
    // The same result sent again (a retry after a lost answer) is ignored, mapping and all.
    const repeat = await worker().autobolt.jobs.update({
      ...lease,
      results: [{ directoryId: "dir-003", status: "submitted", learned: mapping("#other") }],
    });
    expect(repeat).toMatchObject({ applied: 0, ignored: 1 });
    expect(await staff().directories.byId({ id: "dir-003" })).toEqual(first);
    // A worker that lost its lease teaches nothing either.
    await staff().jobs.cancel({ id: lease.jobId });
    expect(
      await rejection(
        worker().autobolt.jobs.update({
          ...lease,
          results: [{ directoryId: "dir-002", status: "submitted", learned: mapping("#stale") }],
        }),
      ),
    ).toMatchObject({ appCode: "LEASE_LOST" });
    expect((await staff().directories.byId({ id: "dir-002" })).learned).toBeNull();
    // And a failure cannot carry a mapping at all.
    expect(
      await rejection(
        worker().autobolt.jobs.update({
          ...lease,
          results: [
            { directoryId: "dir-001", status: "failed", reason: "timeout", learned: mapping("#failed") },
          ],
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
  });

  test("the latest success wins, and the next claim hands each directory its mapping", async () => {
    const first = await claimedJob("First Florist");
    await worker().autobolt.jobs.update({
      ...first.lease,
      results: [{ directoryId: "dir-003", status: "submitted", learned: mapping("#first") }],
    });
    const second = await claimedJob("Second Saddlery");
    await worker().autobolt.jobs.update({
      ...second.lease,
      results: [{ directoryId: "dir-003", status: "submitted", learned: mapping("#second") }],
    });
    const detail = await staff().directories.byId({ id: "dir-003" });
    expect(detail).toMatchObject({ learned: mapping("#second"), learnedFromBusinessName: "Second Saddlery" });

    const third = await claimedJob("Third Thatchers");
    const byId = new Map(third.claimed.directories.map((d) => [d.id, d]));
    expect(byId.get("dir-003")?.learned).toEqual(mapping("#second"));
    expect(byId.get("dir-002")?.learned).toBeNull();
  });

  test("two jobs teaching the same directories at once, in opposite orders, both land", async () => {
    const a = await claimedJob("Alpha Awnings");
    const b = await claimedJob("Beta Bakery");
    const report = (lease: typeof a.lease, ids: string[], selector: string) =>
      worker().autobolt.jobs.update({
        ...lease,
        results: ids.map((directoryId) => ({
          directoryId,
          status: "submitted" as const,
          learned: mapping(selector),
        })),
      });
    const [ra, rb] = await Promise.all([
      report(a.lease, ["dir-001", "dir-002", "dir-003"], "#alpha"),
      report(b.lease, ["dir-003", "dir-002", "dir-001"], "#beta"),
    ]);
    expect([ra.applied, rb.applied]).toEqual([3, 3]);
    for (const id of ["dir-001", "dir-002", "dir-003"]) {
      const { learned } = await staff().directories.byId({ id });
      expect([mapping("#alpha"), mapping("#beta")]).toContainEqual(learned);
    }
  });
});

describe("[LEARNED]: staff turn a mapping into a recipe or forget it", () => {
  async function taught() {
    const { lease } = await claimedJob();
    await worker().autobolt.jobs.update({
      ...lease,
      results: [{ directoryId: "dir-003", status: "submitted", learned: mapping() }],
    });
    return staff().directories.byId({ id: "dir-003" });
  }

  test("adoptLearned makes the mapping the recipe the next claim carries; the mapping stays", async () => {
    const before = await taught();
    const adopted = await admin().directories.adoptLearned({
      id: "dir-003",
      learnedAt: (before.learnedAt as Date).toISOString(),
    });
    expect(adopted.recipe).toEqual(recipeFromLearned(mapping()));
    expect(adopted.recipe?.steps[0]).toEqual({ action: "goto", url: "https://dir3.example.test/add" });
    expect(adopted.recipe?.steps.at(-1)).toEqual({
      action: "expectText",
      text: "Thanks, your listing is under review",
    });
    expect(adopted.learned).toEqual(mapping());
    expect((await staff().directories.byId({ id: "dir-003" })).recipe).toEqual(adopted.recipe);
    const next = await claimedJob("Recipe Roasters");
    expect(next.claimed.directories.find((d) => d.id === "dir-003")?.recipe).toEqual(adopted.recipe);
  });

  test("adoptLearned is refused to staff, without a mapping, and for a mapping replaced since it was shown", async () => {
    expect(await rejection(admin().directories.adoptLearned({ id: "dir-003" }))).toMatchObject({
      code: "CONFLICT",
      appCode: "NOTHING_LEARNED",
    });
    const before = await taught();
    expect(await rejection(staff().directories.adoptLearned({ id: "dir-003" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(
      await rejection(
        admin().directories.adoptLearned({ id: "dir-003", learnedAt: "2020-01-01T00:00:00.000Z" }),
      ),
    ).toMatchObject({ code: "CONFLICT", appCode: "LEARNED_CHANGED" });
    expect(await rejection(admin().directories.adoptLearned({ id: "no-such-directory" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await rejection(admin().directories.adoptLearned({ id: "Not A Slug!" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect((await staff().directories.byId({ id: "dir-003" })).recipe).toEqual(before.recipe);
  });

  test("forgetLearned drops the mapping (and is refused to staff); forgetting twice is harmless", async () => {
    await taught();
    expect(await rejection(staff().directories.forgetLearned({ id: "dir-003" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    const forgotten = await admin().directories.forgetLearned({ id: "dir-003" });
    expect(forgotten).toMatchObject({
      learned: null,
      learnedAt: null,
      learnedFromJobId: null,
      learnedFromBusinessName: null,
    });
    expect((await admin().directories.forgetLearned({ id: "dir-003" })).learned).toBeNull();
    expect(await rejection(admin().directories.forgetLearned({ id: "no-such-directory" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    const next = await claimedJob("Fresh Farriers");
    expect(next.claimed.directories.find((d) => d.id === "dir-003")?.learned).toBeNull();
  });
});

describe("[LEARNED]: over the REST mirrors", () => {
  const headers = { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" };

  test("POST /api/autobolt/jobs/update keeps a mapping; GET /api/autobolt/jobs/next hands it out", async () => {
    const { lease } = await claimedJob("Rest Realty");
    const update = await fetch(`${env.server.url}/api/autobolt/jobs/update`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        ...lease,
        results: [{ directoryId: "dir-003", status: "submitted", learned: mapping() }],
      }),
    });
    expect(update.status).toBe(200);
    const bad = await fetch(`${env.server.url}/api/autobolt/jobs/update`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        ...lease,
        results: [{ directoryId: "dir-002", status: "submitted", learned: { ...mapping(), steps: [] } }],
      }),
    });
    expect(bad.status).toBe(400);
    expect((await staff().directories.byId({ id: "dir-002" })).learned).toBeNull();

    await staff().customers.create({
      customer: { ...customer, businessName: "Rest Two" },
      package: { size: 3 },
    });
    const next = await fetch(`${env.server.url}/api/autobolt/jobs/next?workerId=curl-1`, { headers });
    expect(next.status).toBe(200);
    const body = (await next.json()) as { directories: Array<{ id: string; learned: unknown }> };
    expect(body.directories.find((d) => d.id === "dir-003")?.learned).toEqual(mapping());
  });
});
