import { schema } from "@autobolt/db";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { customer, rejection, servicesPerTest, storedProof } from "./support.ts";

const { env, staff, admin, worker } = servicesPerTest(30);
const SAM = "staff:sam@example.test";

/**
 * A finished job of six: dir-030 and dir-029 submitted, then one failure of each kind a person
 * meets (captcha, email verification, interrupted) and one a retry may fix (timeout).
 */
async function finishedJob(business = customer) {
  const { job, customer: c } = await staff().customers.create({ customer: business, package: { size: 6 } });
  const claim = await worker().autobolt.jobs.next({ workerId: "w1" });
  if (!claim.job) throw new Error("expected a job");
  const lease = { jobId: claim.job.id, leaseToken: claim.job.leaseToken as string };
  const proof = await storedProof(env().services);
  await worker().autobolt.jobs.update({
    ...lease,
    results: [
      { directoryId: "dir-030", status: "submitted" },
      { directoryId: "dir-029", status: "submitted" },
      {
        directoryId: "dir-028",
        status: "failed",
        reason: "captcha_required",
        screenshotUrl: proof,
      },
      { directoryId: "dir-027", status: "failed", reason: "email_verification" },
      { directoryId: "dir-026", status: "failed", reason: "interrupted", errorMessage: "worker died" },
      { directoryId: "dir-025", status: "failed", reason: "timeout" },
    ],
  });
  await worker().autobolt.jobs.complete(lease);
  const detail = await staff().jobs.byId({ id: job.id });
  const byDirectory = (id: string) => {
    const result = detail.results.find((r) => r.directoryId === id);
    if (!result) throw new Error(`no result for ${id}`);
    return result.id;
  };
  return { job, customerId: c.id, byDirectory, proof };
}

async function events(jobId: string) {
  return (await staff().jobs.byId({ id: jobId })).events.filter((e) => e.type.startsWith("result_"));
}

describe("[RESULTS]: a person's actions on one result", () => {
  test("resolve by hand makes the result submitted, done by a person, with listing, note and proof; logged with the staff member", async () => {
    const { job, byDirectory, proof: workerProof } = await finishedJob();
    const proof = await staff().results.uploadProof({
      base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString("base64"),
    });
    expect(proof.url).toMatch(/^\/screenshots\/[0-9a-f-]{36}\.png$/);
    const resolved = await staff().results.resolve({
      resultId: byDirectory("dir-028"),
      listingReference: "https://dir28.example.test/listing/42",
      note: "solved the captcha by hand",
      proofUrl: proof.url,
    });
    expect(resolved).toMatchObject({
      status: "submitted",
      resolution: "resolved_by_hand",
      resolvedBy: SAM,
      listingReference: "https://dir28.example.test/listing/42",
      resolutionNote: "solved the captcha by hand",
      resolutionProofUrl: proof.url,
    });
    expect(resolved.submittedAt).toBeInstanceOf(Date);
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.job.results).toMatchObject({ submitted: 3, failed: 3, needPerson: 3, byHand: 1 });
    expect(detail.job.progress).toBe(100);
    const [event] = await events(job.id);
    expect(event).toMatchObject({ type: "result_resolved", actor: SAM });
    expect(event?.data).toMatchObject({
      directoryId: "dir-028",
      listingReference: "https://dir28.example.test/listing/42",
      previous: { status: "failed", reason: "captcha_required", screenshotUrl: workerProof },
    });
    expect(
      await rejection(staff().results.resolve({ resultId: byDirectory("dir-030"), listingReference: "x" })),
    ).toMatchObject({ code: "CONFLICT", appCode: "RESULT_FINISHED" });
    expect(await rejection(staff().results.uploadProof({ base64: "aGVsbG8gd29ybGQ=" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    // A proof must be one the upload issued and the store holds, not any URL of that shape.
    expect(
      await rejection(
        staff().results.resolve({
          resultId: byDirectory("dir-027"),
          listingReference: "ref-1",
          proofUrl: "/screenshots/00000000-0000-4000-8000-000000000000.png",
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/no uploaded proof/) });
  });

  test("skip is final: no retry, job-wide or not, takes a skipped result again", async () => {
    const { job, byDirectory } = await finishedJob();
    await staff().results.skip({ resultId: byDirectory("dir-025"), note: "directory is dead" });
    await staff().results.skip({ resultId: byDirectory("dir-028") });
    await staff().results.skip({ resultId: byDirectory("dir-027") });
    expect(await rejection(staff().jobs.retryFailed({ id: job.id }))).toMatchObject({
      appCode: "NOTHING_TO_RETRY",
    });
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.job.status).toBe("complete");
    expect(detail.job.results).toMatchObject({ failed: 4, skipped: 3, needPerson: 1 });
    expect((await events(job.id)).map((e) => [e.type, e.actor])).toEqual([
      ["result_skipped", SAM],
      ["result_skipped", SAM],
      ["result_skipped", SAM],
    ]);
  });

  test("retry one directory: only it goes back to pending, and an interrupted one needs the person's confirmation", async () => {
    const { job, byDirectory } = await finishedJob();
    const refused = await rejection(staff().results.retry({ resultId: byDirectory("dir-026") }));
    expect(refused).toMatchObject({ code: "CONFLICT", appCode: "CONFIRM_INTERRUPTED" });
    expect(refused.message).toMatch(/listing may already exist/);
    expect((await staff().jobs.byId({ id: job.id })).job.status).toBe("complete");

    await staff().results.retry({ resultId: byDirectory("dir-028") });
    await staff().results.retry({ resultId: byDirectory("dir-026"), confirmInterrupted: true });
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.job.status).toBe("pending");
    expect(detail.results.filter((r) => r.status === "pending").map((r) => r.directoryId)).toEqual([
      "dir-026",
      "dir-028",
    ]);
    const claim = await worker().autobolt.jobs.next({ workerId: "w2" });
    if (!claim.job) throw new Error("expected a job");
    expect(claim.directories.map((d) => [d.id, d.interrupted])).toEqual([
      ["dir-028", false],
      ["dir-026", false],
    ]);
    const logged = await events(job.id);
    expect(logged.map((e) => [e.type, e.actor, e.data.directoryId, e.data.confirmedInterrupted])).toEqual([
      ["result_retried", SAM, "dir-026", true],
      ["result_retried", SAM, "dir-028", false],
    ]);
  });

  test("the job-wide retry never resubmits an interrupted directory unless the person confirms", async () => {
    const { job } = await finishedJob();
    expect(await staff().jobs.retryFailed({ id: job.id })).toEqual({ retried: 3, interruptedKept: 1 });
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.results.find((r) => r.directoryId === "dir-026")).toMatchObject({
      status: "failed",
      reason: "interrupted",
    });
  });

  test("replace plans the next strongest directory never used for this customer; the package keeps its size", async () => {
    const { job, customerId, byDirectory } = await finishedJob();
    // The customer's second job holds dir-024 … dir-021: a replacement must not take them.
    await staff().customers.addPackage({ customerId, package: { size: 4 } });
    const { replaced, replacement } = await staff().results.replace({ resultId: byDirectory("dir-027") });
    expect(replaced).toMatchObject({
      status: "failed",
      resolution: "replaced",
      replacedById: replacement.id,
      resolvedBy: SAM,
    });
    expect(replacement).toMatchObject({ jobId: job.id, directoryId: "dir-020", status: "pending" });
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.job.status).toBe("pending");
    expect(detail.results.filter((r) => r.resolution !== "replaced")).toHaveLength(6);
    const [event] = await events(job.id);
    expect(event).toMatchObject({ type: "result_replaced", actor: SAM });
    expect(event?.data).toMatchObject({ directoryId: "dir-027", replacement: { directoryId: "dir-020" } });
    expect(await rejection(staff().results.replace({ resultId: byDirectory("dir-027") }))).toMatchObject({
      appCode: "RESULT_FINISHED",
    });
  });

  test("replace says so when every active directory has been used for the customer", async () => {
    const { byDirectory, customerId } = await finishedJob();
    await staff().customers.addPackage({ customerId, package: { size: 24 } });
    expect(await rejection(staff().results.replace({ resultId: byDirectory("dir-027") }))).toMatchObject({
      code: "CONFLICT",
      appCode: "NO_REPLACEMENT",
    });
  });

  test("a pending result a worker may be submitting cannot be decided", async () => {
    const { job } = await staff().customers.create({ customer, package: { size: 2 } });
    await worker().autobolt.jobs.next({ workerId: "w1" });
    const [first] = (await staff().jobs.byId({ id: job.id })).results;
    expect(await rejection(staff().results.skip({ resultId: first?.id as string }))).toMatchObject({
      appCode: "RESULT_IN_FLIGHT",
    });
    expect(
      await rejection(staff().results.skip({ resultId: "00000000-0000-4000-8000-00000000beef" })),
    ).toMatchObject({ code: "NOT_FOUND", appCode: "RESULT_NOT_FOUND" });
  });
});

describe("[NEEDS ATTENTION]: a work queue", () => {
  test("assign to me, unassigned and a note; grouped by reason with counts; decided items leave the queue", async () => {
    const { job, byDirectory, proof } = await finishedJob();
    const all = await staff().results.needsAttention({});
    expect(all.counts).toEqual({ captcha_required: 1, email_verification: 1, interrupted: 1 });
    expect(all.total).toBe(3);
    const captcha = all.items.find((i) => i.directoryId === "dir-028");
    expect(captcha).toMatchObject({
      screenshotUrl: proof,
      submissionUrl: "https://dir28.example.test/add",
      assignedTo: null,
    });

    await staff().results.assign({ resultId: byDirectory("dir-028"), to: "me" });
    await staff().results.note({ resultId: byDirectory("dir-028"), note: "calling them Monday" });
    const mine = await staff().results.needsAttention({ assigned: "mine" });
    expect(mine.items.map((i) => [i.directoryId, i.assignedTo, i.attentionNote])).toEqual([
      ["dir-028", "sam@example.test", "calling them Monday"],
    ]);
    expect(mine.counts).toEqual({ captcha_required: 1 });
    expect((await admin().results.needsAttention({ assigned: "mine" })).total).toBe(0);
    const unassigned = await staff().results.needsAttention({ assigned: "unassigned" });
    expect(unassigned.items.map((i) => i.directoryId).sort()).toEqual(["dir-026", "dir-027"]);

    await staff().results.skip({ resultId: byDirectory("dir-027") });
    expect((await staff().results.needsAttention({})).counts).toEqual({
      captcha_required: 1,
      interrupted: 1,
    });
    expect((await events(job.id)).map((e) => [e.type, e.actor, e.data.directoryId])).toEqual([
      ["result_skipped", SAM, "dir-027"],
      ["result_noted", SAM, "dir-028"],
      ["result_assigned", SAM, "dir-028"],
    ]);
  });

  test("bulk skip and bulk assign report an outcome per result", async () => {
    const { byDirectory } = await finishedJob();
    const outcome = await staff().results.bulkSkip({
      resultIds: [byDirectory("dir-027"), byDirectory("dir-030"), byDirectory("dir-028")],
    });
    expect(outcome).toEqual([
      { resultId: byDirectory("dir-027"), ok: true },
      {
        resultId: byDirectory("dir-030"),
        ok: false,
        code: "RESULT_FINISHED",
        message: expect.stringMatching(/already submitted/),
      },
      { resultId: byDirectory("dir-028"), ok: true },
    ]);
    const assigned = await staff().results.bulkAssign({
      resultIds: [byDirectory("dir-026"), byDirectory("dir-025")],
      to: "me",
    });
    expect(assigned.every((o) => o.ok)).toBe(true);
    const retried = await staff().results.bulkRetry({
      resultIds: [byDirectory("dir-026"), byDirectory("dir-025")],
    });
    expect(retried.map((o) => (o.ok ? "ok" : o.code))).toEqual(["CONFIRM_INTERRUPTED", "ok"]);
    expect(await rejection(staff().results.bulkSkip({ resultIds: [] }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("[QUEUE]: outcome at a glance", () => {
  test("each job tells how it ended, and a tab counts the jobs that need a person", async () => {
    const { job } = await finishedJob();
    const { job: clean } = await staff().customers.create({
      customer: { ...customer, email: "clean@example.test", phone: "+1 206 555 0199", website: undefined },
      package: { size: 2 },
    });
    const queue = await staff().jobs.list({});
    expect(queue.needsPerson).toBe(1);
    const finished = queue.items.find((i) => i.id === job.id);
    expect(finished?.results).toEqual({
      submitted: 2,
      failed: 4,
      pending: 0,
      total: 6,
      needPerson: 4,
      skipped: 0,
      replaced: 0,
      byHand: 0,
    });
    expect(finished?.progress).toBe(100);
    const tab = await staff().jobs.list({ needsPerson: true });
    expect(tab.items.map((i) => i.id)).toEqual([job.id]);
    expect(tab.total).toBe(1);
    expect((await staff().jobs.list({ needsPerson: true, status: ["pending"] })).total).toBe(0);
    expect(queue.items.find((i) => i.id === clean.id)?.results.needPerson).toBe(0);

    const detail = await staff().jobs.byId({ id: job.id });
    for (const r of detail.results.filter((r) => r.status === "failed"))
      await staff().results.skip({ resultId: r.id });
    const after = await staff().jobs.list({});
    expect(after.needsPerson).toBe(0);
    expect(after.items.find((i) => i.id === job.id)?.results).toMatchObject({ needPerson: 0, skipped: 4 });
  });
});

describe("[CANCEL]: what a cancel keeps", () => {
  test("results for directories the worker had started are kept; directories never tried become skipped", async () => {
    const { job } = await staff().customers.create({ customer, package: { size: 5 } });
    const claim = await worker().autobolt.jobs.next({ workerId: "w1" });
    if (!claim.job) throw new Error("expected a job");
    const lease = { jobId: claim.job.id, leaseToken: claim.job.leaseToken as string };
    await worker().autobolt.jobs.update({
      ...lease,
      results: [{ directoryId: "dir-030", status: "submitted" }],
    });
    await worker().autobolt.jobs.start({ ...lease, directoryIds: ["dir-029", "dir-028"] });

    await staff().jobs.cancel({ id: job.id });
    expect(await rejection(worker().autobolt.jobs.heartbeat(lease))).toMatchObject({ appCode: "LEASE_LOST" });
    // The worker finishes what it had started: those listings exist, so they are kept.
    const late = await worker().autobolt.jobs.update({
      ...lease,
      results: [
        { directoryId: "dir-029", status: "submitted" },
        { directoryId: "dir-028", status: "failed", reason: "email_verification" },
        { directoryId: "dir-027", status: "submitted" },
      ],
    });
    expect(late).toMatchObject({ applied: 2, ignored: 1 });

    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.job.status).toBe("cancelled");
    const states = Object.fromEntries(detail.results.map((r) => [r.directoryId, [r.status, r.resolution]]));
    expect(states).toEqual({
      "dir-030": ["submitted", null],
      "dir-029": ["submitted", null],
      "dir-028": ["failed", null],
      "dir-027": ["failed", "skipped"],
      "dir-026": ["failed", "skipped"],
    });
    expect(detail.job.progress).toBe(100);
    const cancelled = detail.events.find((e) => e.type === "cancelled");
    expect(cancelled).toMatchObject({ actor: SAM, data: { skipped: 2, interrupted: 0, workerId: "w1" } });
    const late_ = detail.events.find((e) => e.type === "results" && e.data.afterCancel);
    expect(late_).toMatchObject({ actor: "worker:w1", data: { submitted: 1, failed: 1 } });
    // A stranger's lease is refused as before.
    expect(
      await rejection(
        worker().autobolt.jobs.update({
          jobId: job.id,
          leaseToken: "00000000-0000-4000-8000-000000000000",
          results: [{ directoryId: "dir-026", status: "submitted" }],
        }),
      ),
    ).toMatchObject({ appCode: "LEASE_LOST" });
  });

  test("cancelling a queued job whose last worker died mid-submission asks a person to check those directories", async () => {
    const { job } = await staff().customers.create({ customer, package: { size: 3 } });
    const claim = await worker().autobolt.jobs.next({ workerId: "w1" });
    const lease = { jobId: job.id, leaseToken: claim.job?.leaseToken as string };
    await worker().autobolt.jobs.start({ ...lease, directoryIds: ["dir-030"] });
    await worker().autobolt.jobs.release(lease);
    await staff().jobs.cancel({ id: job.id });
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.results.find((r) => r.directoryId === "dir-030")).toMatchObject({
      status: "failed",
      reason: "interrupted",
      resolution: null,
    });
    expect(detail.results.filter((r) => r.resolution === "skipped")).toHaveLength(2);
  });
});

describe("[CUSTOMERS]: duplicates and what a package can draw from", () => {
  test("a customer with the same phone, website or email (normalised) is found, with what matched", async () => {
    const { customer: first } = await staff().customers.create({
      customer: { ...customer, phone: "+1 (512) 555-0100", website: "https://www.bluebird.example/contact" },
      package: { size: 2 },
    });
    const found = await staff().customers.duplicates({
      email: customer.email.toUpperCase(),
      phone: "512.555.0100",
      website: "http://bluebird.example",
    });
    expect(found.map((f) => [f.id, f.matched.sort(), f.jobCount])).toEqual([
      [first.id, ["email", "phone", "website"], 1],
    ]);
    expect(await staff().customers.duplicates({ phone: "(512) 555 0100" })).toHaveLength(1);
    expect(
      await staff().customers.duplicates({ email: "other@example.test", phone: "512-555-0199" }),
    ).toEqual([]);
    expect(await staff().customers.duplicates({ phone: "55" })).toEqual([]);
  });

  test("planning never picks a directory the customer already has submitted or in flight, across all its jobs", async () => {
    const { job, customerId } = await finishedJob();
    // Job 1: 030, 029 submitted; 028, 027, 026, 025 open failures. Skip 025: it is free again.
    const results = (await staff().jobs.byId({ id: job.id })).results;
    await staff().results.skip({ resultId: results.find((r) => r.directoryId === "dir-025")?.id as string });
    const second = await staff().customers.addPackage({ customerId, package: { size: 2 } });
    const planned = (await staff().jobs.byId({ id: second.id })).results.map((r) => r.directoryId).sort();
    expect(planned).toEqual(["dir-024", "dir-025"]);
    // A cancelled job's submitted listing still exists: a third package does not take it again,
    // while the directory the cancel skipped is free.
    const claim = await worker().autobolt.jobs.next({ workerId: "w2" });
    const lease = { jobId: second.id, leaseToken: claim.job?.leaseToken as string };
    await worker().autobolt.jobs.update({
      ...lease,
      results: [{ directoryId: "dir-025", status: "submitted" }],
    });
    await staff().jobs.cancel({ id: second.id });
    const third = await staff().customers.addPackage({ customerId, package: { size: 2 } });
    const thirdPlanned = (await staff().jobs.byId({ id: third.id })).results.map((r) => r.directoryId).sort();
    expect(thirdPlanned).toEqual(["dir-023", "dir-024"]);
    expect(await staff().customers.availableDirectories({ customerId })).toEqual({
      active: 30,
      available: 22,
    });
    expect(await staff().customers.availableDirectories()).toEqual({ active: 30, available: 30 });
  });

  test("a package larger than the catalog is refused, or planned partially when staff choose so", async () => {
    expect(await rejection(staff().customers.create({ customer, package: { id: "growth" } }))).toMatchObject({
      appCode: "PACKAGE_TOO_LARGE",
    });
    const { job } = await staff().customers.create({
      customer,
      package: { id: "growth" },
      allowPartial: true,
    });
    expect(job).toMatchObject({
      packageSize: 30,
      metadata: { package: "Growth", requestedSize: 75, partial: true },
    });
    const [row] = await env()
      .database.db.select()
      .from(schema.jobEvents)
      .where(eq(schema.jobEvents.jobId, job.id));
    expect(row).toMatchObject({ type: "created", actor: SAM, data: { size: 30, requestedSize: 75 } });
  });
});
