import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { spreadsheetSafe } from "../src/http/reports.ts";
import { ADMIN, callerAs, customer, seedCatalog, setupServer, storedProof } from "./support.ts";

let env: Awaited<ReturnType<typeof setupServer>>;
beforeAll(async () => {
  env = await setupServer();
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.database.truncate({ keepStaff: true });
  await seedCatalog(env.server.services, 6);
});

const staff = () => callerAs(env.server.services, "staff");
const worker = () => callerAs(env.server.services, "worker");

/** A job of 6 directories reported by `workerId`: 2 submitted, one of each needs-a-person reason, 1 timeout. */
async function workedJob(workerId = "w1", businessName = customer.businessName) {
  const { job } = await staff().customers.create({
    customer: { ...customer, businessName },
    package: { size: 6 },
  });
  const c = await worker().autobolt.jobs.next({ workerId });
  if (!c.job) throw new Error("expected a job");
  const lease = { jobId: c.job.id, leaseToken: c.job.leaseToken as string };
  await worker().autobolt.jobs.update({
    ...lease,
    results: [
      { directoryId: "dir-006", status: "submitted", screenshotUrl: await storedProof(env.server.services) },
      { directoryId: "dir-005", status: "submitted" },
      { directoryId: "dir-004", status: "failed", reason: "captcha_required", errorMessage: "reCAPTCHA" },
      { directoryId: "dir-003", status: "failed", reason: "email_verification" },
      {
        directoryId: "dir-002",
        status: "failed",
        reason: "validation_error",
        errorMessage: "Year founded is required",
      },
    ],
  });
  return { job, lease };
}

describe("[NEEDS ATTENTION]", () => {
  test("lists the failures a person must finish, across jobs, filterable by reason and directory", async () => {
    const { lease } = await workedJob();
    await worker().autobolt.jobs.update({
      ...lease,
      results: [{ directoryId: "dir-001", status: "failed", reason: "timeout" }],
    });
    const all = await staff().results.needsAttention({});
    expect(all.items.map((r) => r.reason).sort()).toEqual([
      "captcha_required",
      "email_verification",
      "validation_error",
    ]);
    expect(all.counts).toEqual({ captcha_required: 1, email_verification: 1, validation_error: 1 });
    expect(all.items[0]?.businessName).toBe(customer.businessName);
    const captcha = await staff().results.needsAttention({ reasons: ["captcha_required"] });
    expect(captcha.items.map((r) => r.directoryId)).toEqual(["dir-004"]);
    expect((await staff().results.needsAttention({ directoryId: "dir-002" })).total).toBe(1);
  });
});

describe("[WORKERS]", () => {
  test("a busy worker shows its job and rate; an idle one shows as idle", async () => {
    await workedJob("busy-1");
    await worker().autobolt.jobs.next({ workerId: "idle-1" });
    const list = await staff().workers.list();
    const busy = list.find((w) => w.id === "busy-1");
    expect(busy).toMatchObject({
      state: "busy",
      businessName: customer.businessName,
      directoriesPerMinute: 0.5,
    });
    expect(list.find((w) => w.id === "idle-1")).toMatchObject({ state: "idle", jobId: null });
  });
});

describe("[OVERVIEW]", () => {
  test("jobs per status, submissions and failures per bucket, success rate, median job time, now", async () => {
    const { lease } = await workedJob();
    await worker().autobolt.jobs.update({
      ...lease,
      results: [{ directoryId: "dir-001", status: "submitted" }],
    });
    await worker().autobolt.jobs.complete(lease);
    const stats = await staff().stats.overview({ days: 7 });
    expect(stats.jobsByStatus.complete).toBe(1);
    // A week reads per day, every day present; a day reads per hour.
    expect(stats.bucket).toBe("day");
    expect(stats.series).toHaveLength(7);
    expect(stats.series.reduce((n, b) => n + b.submitted, 0)).toBe(3);
    expect(stats.series.reduce((n, b) => n + b.failed, 0)).toBe(3);
    expect(stats.series.at(-1)).toMatchObject({ submitted: 3, failed: 3 });
    expect(stats.now).toEqual({ waiting: 0, running: 0, submittedLastHour: 3 });
    const day = await staff().stats.overview({ days: 1 });
    expect(day.bucket).toBe("hour");
    expect(day.series).toHaveLength(24);
    expect(day.series.at(-1)).toMatchObject({ submitted: 3, failed: 3 });
    const month = await staff().stats.overview({ days: 30 });
    expect(month.series).toHaveLength(30);
    expect(stats.successRate).toBe(0.5);
    expect(stats.medianJobSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe("[LIVE]: job changes over SSE", () => {
  test("a staff member's open stream hears a worker's report, via PostgreSQL NOTIFY", async () => {
    const cookie = (
      await fetch(`${env.server.url}/trpc/auth.signIn`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ADMIN),
      })
    ).headers
      .get("set-cookie")
      ?.split(";")[0] as string;
    const { job } = await staff().customers.create({ customer, package: { size: 1 } });
    const abort = new AbortController();
    const res = await fetch(
      `${env.server.url}/trpc/jobs.onChange?input=${encodeURIComponent(JSON.stringify({ jobId: job.id }))}`,
      {
        headers: { cookie, accept: "text/event-stream" },
        signal: abort.signal,
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const heard = (async () => {
      while (!text.includes(job.id)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      return Date.now();
    })();
    await new Promise((r) => setTimeout(r, 200));
    const sent = Date.now();
    await worker().autobolt.jobs.next({ workerId: "w1" });
    const at = await heard;
    abort.abort();
    expect(text).toContain(job.id);
    expect(at - sent).toBeLessThan(2_000);
  });

  test("the stream refuses a caller without a session", async () => {
    const res = await fetch(`${env.server.url}/trpc/jobs.onChange`, {
      headers: { accept: "text/event-stream" },
    });
    const body = await res.text();
    // SSE answers 200 and then says why in its error event, which ends the stream: no job data leaks.
    expect(res.status).toBe(200);
    expect(body).toMatch(/event: serialized-error\ndata: .*"code":"UNAUTHORIZED"/);
    expect(body).not.toMatch(/jobIds/);
  });
});

describe("[REPORT]: customer report CSV", () => {
  test("one row per directory with status, date and proof; staff only", async () => {
    const { job } = await workedJob("w1", '=HYPERLINK("http://evil")');
    const cookie = (
      await fetch(`${env.server.url}/trpc/auth.signIn`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ADMIN),
      })
    ).headers
      .get("set-cookie")
      ?.split(";")[0] as string;
    const url = `${env.server.url}/reports/jobs/${job.id}.csv`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="autobolt-report-hyperlink-http-evil-/,
    );
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe(
      "business,directory,directory_id,status,submitted_at,reason,error,proof,listing,live_state,live_checked_at",
    );
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.includes("dir-006"))).toMatch(
      /,submitted,\d{4}-\d\d-\d\dT.*\/screenshots\/[0-9a-f-]{36}\.png,,,$/,
    );
    expect(lines.find((l) => l.includes("dir-004"))).toContain(",failed,,captcha_required,reCAPTCHA,");
    expect(lines[1]?.startsWith(`"'=HYPERLINK(""http://evil"")"`)).toBe(true);
    const missing = await fetch(`${env.server.url}/reports/jobs/00000000-0000-4000-8000-000000000000.csv`, {
      headers: { cookie },
    });
    expect(missing.status).toBe(404);
  });

  test("formula-looking cells are kept as text", () => {
    expect(spreadsheetSafe("=1+1")).toBe("'=1+1");
    expect(spreadsheetSafe("+44 20")).toBe("'+44 20");
    expect(spreadsheetSafe("Bluebird")).toBe("Bluebird");
  });
});
