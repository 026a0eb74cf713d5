import { schema } from "@autobolt/db";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  callerAs,
  customer,
  directory,
  rejection,
  seedCatalog,
  setupServices,
  storedProof,
} from "./support.ts";

let env: Awaited<ReturnType<typeof setupServices>>;
beforeAll(async () => {
  env = await setupServices();
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.database.truncate();
  await seedCatalog(env.services, 30);
});

const staff = () => callerAs(env.services, "staff");
const admin = () => callerAs(env.services, "admin");
const worker = () => callerAs(env.services, "worker");

async function tableCount(table: typeof schema.jobs | typeof schema.customers | typeof schema.jobResults) {
  const [row] = await env.database.db.select({ n: count() }).from(table);
  return row?.n;
}

describe("[CUSTOMERS]: create with a package", () => {
  test("creates the customer, a pending job and pending results for the strongest active directories", async () => {
    await admin().directories.setActive({ id: "dir-030", active: false });
    const { customer: created, job } = await staff().customers.create({
      customer,
      package: { id: "starter" },
    });
    expect(created).toMatchObject({ businessName: customer.businessName, zip: "78704" });
    expect(job).toMatchObject({
      status: "pending",
      packageSize: 25,
      priorityLevel: 3,
      businessName: customer.businessName,
    });
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.results).toHaveLength(25);
    expect(detail.results.every((r) => r.status === "pending")).toBe(true);
    const planned = detail.results.map((r) => r.directoryId).sort();
    expect(planned).not.toContain("dir-030");
    expect(planned).toContain("dir-029");
    expect(planned).not.toContain("dir-004");
    expect(detail.job.progress).toBe(0);
    expect(detail.events.map((e) => [e.type, e.actor])).toEqual([["created", "staff:sam@example.test"]]);
  });

  test("a package larger than the active catalog is refused and nothing is written", async () => {
    const error = await rejection(staff().customers.create({ customer, package: { id: "growth" } }));
    expect(error).toMatchObject({ code: "BAD_REQUEST", appCode: "PACKAGE_TOO_LARGE" });
    expect(error.message).toMatch(/needs 75 directories but only 30/);
    expect(await tableCount(schema.customers)).toBe(0);
    expect(await tableCount(schema.jobs)).toBe(0);
  });

  test("an unknown package is refused", async () => {
    expect(
      await rejection(staff().customers.create({ customer, package: { id: "platinum" } })),
    ).toMatchObject({
      appCode: "UNKNOWN_PACKAGE",
    });
  });

  test("another package for the same customer skips the directories they already have", async () => {
    const { customer: c } = await staff().customers.create({ customer, package: { size: 10 } });
    const second = await staff().customers.addPackage({ customerId: c.id, package: { size: 10 } });
    const detail = await staff().jobs.byId({ id: second.id });
    expect(detail.results.map((r) => r.directoryId).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => directory(i + 11).id),
    );
    expect(
      await rejection(staff().customers.addPackage({ customerId: c.id, package: { size: 11 } })),
    ).toMatchObject({
      appCode: "PACKAGE_TOO_LARGE",
    });
  });

  test("bad fields are refused with a message per field, and nothing is written", async () => {
    const error = await rejection(
      staff().customers.create({
        customer: { ...customer, email: "not-an-email", zip: "!", businessName: "" },
        package: { size: 0 },
        priorityLevel: 9,
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(await tableCount(schema.customers)).toBe(0);
  });

  test("hostile strings are stored as given and come back unchanged", async () => {
    const hostile = `<script>alert("x")</script> O'Brien; DROP TABLE jobs; -- ☃`;
    const { job } = await staff().customers.create({
      customer: { ...customer, businessName: hostile, description: "%_\\ 100% real" },
      package: { size: 1 },
    });
    expect((await staff().jobs.byId({ id: job.id })).customer.businessName).toBe(hostile);
    // LIKE wildcards in a search are literal characters, not "match anything".
    expect((await staff().jobs.list({ search: "%" })).total).toBe(0);
    expect((await staff().jobs.list({ search: "_" })).total).toBe(0);
    expect((await staff().jobs.list({ search: "O'Brien" })).items.map((j) => j.id)).toEqual([job.id]);
  });

  test("list and byId return customers with their jobs", async () => {
    const { customer: c } = await staff().customers.create({ customer, package: { size: 2 } });
    await staff().customers.create({
      customer: { ...customer, businessName: "Other Co", email: "x@other.test" },
      package: { size: 2 },
    });
    const list = await staff().customers.list({ search: "bluebird" });
    expect(list.total).toBe(1);
    const one = await staff().customers.byId({ id: c.id });
    expect(one.jobs).toHaveLength(1);
    const updated = await staff().customers.update({ id: c.id, fields: { phone: "+1 512 555 0000" } });
    expect(updated.phone).toBe("+1 512 555 0000");
    expect(
      await rejection(staff().customers.byId({ id: "00000000-0000-4000-8000-00000000dead" })),
    ).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("[QUEUE]: the staff queue", () => {
  async function seedQueue() {
    const names = ["Alpha Dental", "Bravo Bakery", "Charlie Cars", "Delta Dogs"];
    const jobs = [];
    for (const [i, name] of names.entries()) {
      const { job } = await staff().customers.create({
        customer: { ...customer, businessName: name, email: `owner${i}@example.test` },
        package: { size: 4 },
        priorityLevel: (i % 3) + 1,
      });
      jobs.push(job);
    }
    return jobs;
  }

  test("pages of jobs with progress, counts per status, filter, search and sort", async () => {
    const [alpha, bravo] = await seedQueue();
    const claimed = await worker().autobolt.jobs.next({ workerId: "w1" });
    if (!claimed.job) throw new Error("expected a job");
    expect(claimed.job.id).toBe(alpha?.id);
    await worker().autobolt.jobs.update({
      jobId: claimed.job.id,
      leaseToken: claimed.job.leaseToken as string,
      results: [
        { directoryId: "dir-030", status: "submitted" },
        { directoryId: "dir-029", status: "failed", reason: "captcha_required" },
      ],
    });
    await staff().jobs.cancel({ id: bravo?.id as string });

    const all = await staff().jobs.list({});
    expect(all.total).toBe(4);
    expect(all.counts).toEqual({ pending: 2, in_progress: 1, complete: 0, failed: 0, cancelled: 1 });
    const inProgress = all.items.find((j) => j.id === alpha?.id);
    expect(inProgress).toMatchObject({ status: "in_progress", progress: 50, workerId: "w1" });
    expect(inProgress?.results).toMatchObject({ submitted: 1, failed: 1, pending: 2, total: 4 });

    const pending = await staff().jobs.list({ status: ["pending"] });
    expect(pending.items.map((j) => j.businessName).sort()).toEqual(["Charlie Cars", "Delta Dogs"]);
    expect((await staff().jobs.list({ search: "owner1@" })).items.map((j) => j.businessName)).toEqual([
      "Bravo Bakery",
    ]);
    const byName = await staff().jobs.list({ sort: "businessName", direction: "asc", limit: 2, offset: 2 });
    expect(byName.items.map((j) => j.businessName)).toEqual(["Charlie Cars", "Delta Dogs"]);
    expect(byName.total).toBe(4);
    const byPriority = await staff().jobs.list({ sort: "priorityLevel", direction: "asc", limit: 1 });
    expect(byPriority.items[0]?.priorityLevel).toBe(1);
  });

  test("bad queue input is refused", async () => {
    expect(await rejection(staff().jobs.list({ limit: 100_000 }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(staff().jobs.list({ status: ["nonsense" as "pending"] }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await rejection(staff().jobs.byId({ id: "not-a-uuid" }))).toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("[JOB ACTIONS]: retry, cancel, priority", () => {
  async function finishedJobWithFailures() {
    const { job } = await staff().customers.create({ customer, package: { size: 3 } });
    const c = await worker().autobolt.jobs.next({ workerId: "w1" });
    if (!c.job) throw new Error("expected a job");
    const lease = { jobId: c.job.id, leaseToken: c.job.leaseToken as string };
    await worker().autobolt.jobs.update({
      ...lease,
      results: [
        { directoryId: "dir-030", status: "submitted" },
        {
          directoryId: "dir-029",
          status: "failed",
          reason: "captcha_required",
          screenshotUrl: await storedProof(env.services),
        },
        { directoryId: "dir-028", status: "failed", reason: "timeout", errorMessage: "no answer in 45 s" },
      ],
    });
    await worker().autobolt.jobs.complete(lease);
    return job;
  }

  test("retry puts failed directories back to pending and the job back in the queue, keeping the evidence", async () => {
    const job = await finishedJobWithFailures();
    expect(await staff().jobs.retryFailed({ id: job.id, directoryIds: ["dir-028"] })).toEqual({
      retried: 1,
      interruptedKept: 0,
    });
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.job).toMatchObject({ status: "pending", completedAt: null });
    expect(detail.results.find((r) => r.directoryId === "dir-028")).toMatchObject({
      status: "pending",
      reason: null,
    });
    expect(detail.results.find((r) => r.directoryId === "dir-029")).toMatchObject({ status: "failed" });
    const retried = detail.events.find((e) => e.type === "retried");
    expect(retried?.data).toEqual({
      directories: [
        { directoryId: "dir-028", reason: "timeout", errorMessage: "no answer in 45 s", screenshotUrl: null },
      ],
    });
    const again = await worker().autobolt.jobs.next({ workerId: "w2" });
    expect(again.job && again.directories.map((d) => d.id)).toEqual(["dir-028"]);
  });

  test("retry with nothing failed is a conflict", async () => {
    const { job } = await staff().customers.create({ customer, package: { size: 1 } });
    expect(await rejection(staff().jobs.retryFailed({ id: job.id }))).toMatchObject({
      appCode: "NOTHING_TO_RETRY",
    });
  });

  test("cancel stops a running job: the worker's next report is refused", async () => {
    const { job } = await staff().customers.create({ customer, package: { size: 2 } });
    const c = await worker().autobolt.jobs.next({ workerId: "w1" });
    if (!c.job) throw new Error("expected a job");
    const cancelled = await staff().jobs.cancel({ id: job.id });
    expect(cancelled?.status).toBe("cancelled");
    expect(
      await rejection(
        worker().autobolt.jobs.heartbeat({ jobId: job.id, leaseToken: c.job.leaseToken as string }),
      ),
    ).toMatchObject({ appCode: "LEASE_LOST" });
    expect(await rejection(staff().jobs.cancel({ id: job.id }))).toMatchObject({ appCode: "JOB_FINISHED" });
  });

  test("priority changes reorder the queue and are logged", async () => {
    const { job: first } = await staff().customers.create({ customer, package: { size: 1 } });
    const { job: second } = await staff().customers.create({
      customer: { ...customer, email: "b@example.test" },
      package: { size: 1 },
    });
    await staff().jobs.setPriority({ id: second.id, priorityLevel: 1 });
    expect((await worker().autobolt.jobs.next({ workerId: "w" })).job?.id).toBe(second.id);
    const events = (await staff().jobs.byId({ id: second.id })).events;
    expect(events.find((e) => e.type === "priority_changed")?.data).toEqual({ from: 3, to: 1 });
    expect(await rejection(staff().jobs.setPriority({ id: first.id, priorityLevel: 0 }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  test("an unknown job is NOT_FOUND for every action", async () => {
    const id = "00000000-0000-4000-8000-00000000beef";
    for (const call of [
      () => staff().jobs.byId({ id }),
      () => staff().jobs.cancel({ id }),
      () => staff().jobs.retryFailed({ id }),
      () => staff().jobs.setPriority({ id, priorityLevel: 2 }),
    ]) {
      expect(await rejection(call())).toMatchObject({ code: "NOT_FOUND", appCode: "JOB_NOT_FOUND" });
    }
  });
});

describe("[ACCESS]: staff and admin procedures", () => {
  test("staff procedures refuse a caller without a session", async () => {
    const anon = callerAs(env.services, "anonymous");
    for (const call of [
      () => anon.jobs.list({}),
      () => anon.customers.list({}),
      () => anon.customers.create({ customer, package: { size: 1 } }),
      () => anon.directories.list({}),
      () => anon.directories.packages(),
    ]) {
      expect(await rejection(call())).toMatchObject({ code: "UNAUTHORIZED" });
    }
    expect(await tableCount(schema.customers)).toBe(0);
  });

  test("a worker key is not a staff session", async () => {
    expect(await rejection(worker().jobs.list({}))).toMatchObject({ code: "UNAUTHORIZED" });
  });

  test("admin procedures refuse the staff role", async () => {
    for (const call of [
      () => staff().directories.create(directory(99)),
      () => staff().directories.setActive({ id: "dir-001", active: false }),
      () => staff().directories.importCsv({ csv: "id,name,url,submission_url,category\n" }),
      () => staff().staff.list(),
      () => staff().staff.create({ email: "x@example.test", name: "X", password: "long enough pw" }),
    ]) {
      expect(await rejection(call())).toMatchObject({ code: "FORBIDDEN" });
    }
    const [row] = await env.database.db
      .select()
      .from(schema.directories)
      .where(eq(schema.directories.id, "dir-001"));
    expect(row?.active).toBe(true);
  });
});
