import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  callerAs,
  customer,
  rejection,
  seedCatalog,
  setupServer,
  startPeerServer,
  storedProof,
} from "./support.ts";

let env: Awaited<ReturnType<typeof setupServer>>;
beforeAll(async () => {
  env = await setupServer({ AUTOBOLT_AGENCY_NAME: "Harbor Local Marketing" });
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.database.truncate({ keepStaff: true });
  await seedCatalog(env.server.services, 4);
});

const staff = () => callerAs(env.server.services, "staff");
const worker = () => callerAs(env.server.services, "worker");

describe("[PAUSE]: claiming paused and resumed by staff", () => {
  test("a pause of everything stops claims on every server; resume wakes a waiting worker", async () => {
    await staff().customers.create({ customer, package: { size: 2 } });
    await staff().claims.pause({ scope: "all", reason: "directory outage" });
    const peer = await startPeerServer(env.database);
    try {
      const peerWorker = callerAs(peer.services, "worker");
      expect((await peerWorker.autobolt.jobs.next({ workerId: "w2" })).job).toBeNull();
      expect(await staff().claims.pauses()).toMatchObject([{ scope: "all", reason: "directory outage" }]);
      // A worker long-polling through the pause gets the job as soon as someone resumes.
      const waiting = peerWorker.autobolt.jobs.next({ workerId: "w2", waitMs: 10_000 });
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      expect(await staff().claims.resume({ scope: "all" })).toEqual({ resumed: true });
      const claim = await waiting;
      expect(claim.job).not.toBeNull();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await peer.close();
    }
  });

  test("a paused directory is not handed out; a job left with only it waits without losing an attempt", async () => {
    const { job } = await staff().customers.create({ customer, package: { size: 2 } });
    await staff().claims.pause({ scope: "dir-004" });
    const claim = await worker().autobolt.jobs.next({ workerId: "w1" });
    if (!claim.job) throw new Error("expected a job");
    expect(claim.directories.map((d) => d.id)).toEqual(["dir-003"]);
    const lease = { jobId: claim.job.id, leaseToken: claim.job.leaseToken };
    await worker().autobolt.jobs.update({
      ...lease,
      results: [{ directoryId: "dir-003", status: "submitted" }],
    });
    expect(await worker().autobolt.jobs.complete(lease)).toMatchObject({ status: "pending" });
    const waiting = await staff().jobs.byId({ id: job.id });
    expect(waiting.job).toMatchObject({
      status: "pending",
      attempts: 0,
      lastError: "Waiting for 1 paused directory",
    });
    // Not claimed again while paused...
    expect((await worker().autobolt.jobs.next({ workerId: "w1" })).job).toBeNull();
    // ...and handed out for the paused directory once resumed.
    await staff().claims.resume({ scope: "dir-004" });
    const again = await worker().autobolt.jobs.next({ workerId: "w1" });
    if (!again.job) throw new Error("expected the job again");
    expect(again.directories.map((d) => d.id)).toEqual(["dir-004"]);
  });

  test("an unknown directory cannot be paused; resuming what is not paused says so", async () => {
    expect(await rejection(staff().claims.pause({ scope: "no-such-dir" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await staff().claims.resume({ scope: "all" })).toEqual({ resumed: false });
    expect(
      await rejection(callerAs(env.server.services, "anonymous").claims.pause({ scope: "all" })),
    ).toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("[REPORT LINK]: a report the customer opens without a login", () => {
  async function finishedJob() {
    const { job } = await staff().customers.create({ customer, package: { size: 3 } });
    const claim = await worker().autobolt.jobs.next({ workerId: "w1" });
    if (!claim.job) throw new Error("expected a job");
    const lease = { jobId: claim.job.id, leaseToken: claim.job.leaseToken };
    const proof = await storedProof(env.server.services);
    await worker().autobolt.jobs.update({
      ...lease,
      results: [
        { directoryId: "dir-004", status: "submitted", screenshotUrl: proof },
        {
          directoryId: "dir-003",
          status: "failed",
          reason: "captcha_required",
          errorMessage: "reCAPTCHA on the form",
        },
        { directoryId: "dir-002", status: "submitted" },
      ],
    });
    await worker().autobolt.jobs.complete(lease);
    const detail = await staff().jobs.byId({ id: job.id });
    const listed = detail.results.find((r) => r.directoryId === "dir-002");
    return { job, detail, listedId: listed?.id as string };
  }

  test("shows each directory with status, date and proof, branded, without internal reasons", async () => {
    const { job, detail } = await finishedJob();
    const link = await staff().reports.createLink({ jobId: job.id, days: 7 });
    const res = await fetch(`${env.server.url}${link.path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("Harbor Local Marketing");
    expect(html).toContain(customer.businessName.replace("&", "&amp;"));
    expect(html).toContain("2 of 3 directories submitted");
    expect(html).toContain("In progress");
    expect(html).not.toContain("reCAPTCHA");
    expect(html).not.toContain("captcha");
    // The proof is served through the link, for that job's result only.
    const proofResult = detail.results.find((r) => r.directoryId === "dir-004");
    const image = await fetch(`${env.server.url}${link.path}/proofs/${proofResult?.id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    const other = await finishedJob();
    const otherResult = other.detail.results.find((r) => r.directoryId === "dir-004");
    expect((await fetch(`${env.server.url}${link.path}/proofs/${otherResult?.id}`)).status).toBe(404);
    // Staff see that it was opened.
    const [listed] = await staff().reports.links({ jobId: job.id });
    expect(listed?.lastOpenedAt).not.toBeNull();
  });

  test("a revoked or unknown link opens nothing, with a page that says so", async () => {
    const { job } = await finishedJob();
    const link = await staff().reports.createLink({ jobId: job.id });
    await staff().reports.revokeLink({ id: link.id });
    const revoked = await fetch(`${env.server.url}${link.path}`);
    expect(revoked.status).toBe(410);
    expect(await revoked.text()).toContain("This report link was withdrawn.");
    expect((await fetch(`${env.server.url}/r/${"x".repeat(43)}`)).status).toBe(404);
    expect(await rejection(staff().reports.revokeLink({ id: link.id }))).toMatchObject({ code: "CONFLICT" });
  });

  test("an expired link answers 410", async () => {
    const { job } = await finishedJob();
    const link = await staff().reports.createLink({ jobId: job.id, days: 1 });
    await env.database.db.execute(
      (await import("drizzle-orm")).sql`update report_links set expires_at = now() - interval '1 minute'`,
    );
    const res = await fetch(`${env.server.url}${link.path}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("This report link has expired.");
  });
});
