import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { schema } from "@autobolt/db";
import { createTestDatabase, type TestDatabase } from "@autobolt/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningServer, startServer } from "../src/app.ts";
import { sha256 } from "../src/auth/tokens.ts";
import { followUpRestRoutes, restRoutes } from "../src/http/rest.ts";
import { createLogger } from "../src/log.ts";
import { appRouter } from "../src/root.ts";
import { ADMIN, API_KEY, callerAs, seedCatalog, storedProof, testConfig } from "./support.ts";

/*
 * Every tRPC procedure and REST route, called as every kind of caller with values PostgreSQL,
 * JSON parsers and careless code choke on, plus malformed HTTP: nothing may answer 5xx, and the
 * server's log may carry none of the secrets or customer details that went by.
 */

const STAFF = { email: "fuzz.staff@example.test", password: "Velvet-Orchard-Lantern-58" };
// What a customer typed; it must never reach the log, whether the input was accepted or not.
const CUSTOMER = {
  businessName: "Zebulon Quux Plumbing",
  email: "zebulon.quux@customer.test",
  phone: "(512) 555-7731",
  website: "https://zebulon-quux.test",
  address: "7731 Quuxberry Lane",
  city: "Austin",
  state: "TX",
  zip: "78704",
  description: "Quuxberry pipes since 1931.",
  category: "Plumbing",
};
const CUSTOMER_TRACES = [CUSTOMER.businessName, CUSTOMER.email, "555-7731", "Quuxberry"];

/*
 * Values nested 10,000 deep are too deep for JSON.stringify's own recursion: each is a marker in
 * the value, swapped for its JSON text once the rest is written.
 */
const DEEP: Record<string, string> = {
  "\u0001deep-array\u0001": `${"[".repeat(10_000)}${"]".repeat(10_000)}`,
  "\u0001deep-object\u0001": `${'{"a":'.repeat(10_000)}{}${"}".repeat(10_000)}`,
};

function toJson(value: unknown): string {
  let text = JSON.stringify(value) ?? "null";
  for (const [marker, json] of Object.entries(DEEP)) text = text.replaceAll(JSON.stringify(marker), json);
  return text;
}

/** Percent-encoding that also sends a lone surrogate, as the bytes a careless client would. */
function encodeLoosely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(/\p{Cs}/gu, ""))}%ED%A0%80`;
  }
}

/** Values that have broken servers: each is sent in place of a whole input and of every field. */
const HOSTILE: [string, unknown][] = [
  ["NUL", "a\u0000b"],
  ["NUL with a customer's name", `${CUSTOMER.businessName}\u0000`],
  ["lone high surrogate", "x\uD800"],
  ["lone low surrogate", "\uDFFFy"],
  ["year 0000", "0000-01-01T00:00:00Z"],
  ["year 300000", "+300000-01-01T00:00:00Z"],
  ["year 10000 in UTC", "9999-12-31T23:59:59-14:00"],
  ["10,000-deep array", "\u0001deep-array\u0001"],
  ["10,000-deep object", "\u0001deep-object\u0001"],
  ["1 MB string", "x".repeat(1_000_000)],
  ["empty string", ""],
  ["negative", -1],
  ["huge number", 1e308],
  ["fraction", 0.5],
  ["unsafe integer", 2 ** 53 + 2],
  ["boolean", true],
  ["null", null],
  ["empty array", []],
  ["empty object", {}],
  ["__proto__", JSON.parse('{"__proto__": {"polluted": true}}')],
  ["constructor.prototype", { constructor: { prototype: { polluted: true } } }],
  ["javascript: URL", "javascript:alert(document.cookie)"],
  ["SQL", "' OR 1=1; drop table staff_users; --"],
  ["bad escape", "%zz"],
  ["path traversal", "../../../../etc/passwd"],
  ["markup", "<img src=x onerror=alert(1)>"],
];

/** In each field of a valid input, the values that reach past a whole input's first check. */
const IN_A_FIELD = new Set([
  "NUL",
  "lone high surrogate",
  "year 0000",
  "10,000-deep object",
  "1 MB string",
  "huge number",
  "boolean",
  "null",
  "__proto__",
  "javascript: URL",
]);

type Who = "anonymous" | "staff" | "admin" | "worker";
const WHO: Who[] = ["anonymous", "staff", "admin", "worker"];

const consoleDir = mkdtempSync(path.join(tmpdir(), "autobolt-fuzz-console-"));
let database: TestDatabase;
let server: RunningServer;
const logLines: string[] = [];
const headersFor: Record<Who, Record<string, string>> = {
  anonymous: {},
  staff: {},
  admin: {},
  worker: { authorization: `Bearer ${API_KEY}` },
};
const secrets: Record<string, string> = {};
/** Valid inputs, so that a hostile value in one field meets code past the others' checks. */
const valid: Record<string, unknown> = {};

const statuses = new Map<string, number>();
let sent = 0;
const serverErrors: string[] = [];

function count(status: number | string, what: string) {
  sent++;
  statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
  if (typeof status === "number" && status >= 500) serverErrors.push(`${status} ${what}`);
}

async function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Uint8Array; what?: string } = {},
): Promise<number | string> {
  const controller = new AbortController();
  try {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: options.headers,
      body: options.body,
      signal: controller.signal,
    });
    // A subscription answers a stream that never ends: its status is all that is needed.
    if (res.headers.get("content-type")?.includes("text/event-stream")) controller.abort();
    else await res.arrayBuffer();
    count(res.status, options.what ?? `${method} ${path.slice(0, 80)}`);
    return res.status;
  } catch (error) {
    // The server may close a connection mid-upload after refusing it (413): not an answer.
    const reason = `closed: ${(error as Error).cause ? ((error as Error).cause as Error).message : (error as Error).message}`;
    count(reason, options.what ?? path);
    return reason;
  }
}

/** Run the calls a few at a time: enough to be quick, not so many that two cores thrash. */
async function inParallel(calls: (() => Promise<unknown>)[], width = 8) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < calls.length) await (calls[next++] as () => Promise<unknown>)();
    }),
  );
}

function callProcedure(path: string, type: string, who: Who, input: unknown, what: string) {
  const headers = headersFor[who];
  if (type === "mutation") {
    return send("POST", `/trpc/${path}`, {
      headers: { ...headers, "content-type": "application/json" },
      body: toJson(input),
      what,
    });
  }
  const query = input === undefined ? "" : `?input=${encodeURIComponent(toJson(input))}`;
  return send("GET", `/trpc/${path}${query}`, { headers, what });
}

/** Every leaf of a valid input, as a path of keys and indexes. */
function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...at, i]));
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length === 0 ? [at] : entries.flatMap(([key, item]) => leaves(item, [...at, key]));
  }
  return [at];
}

function replaced(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaced(copy[head], rest, replacement);
  return copy;
}

async function signIn(email: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

beforeAll(async () => {
  database = await createTestDatabase();
  // A built console, so paths outside the API are answered as in production (index.html).
  writeFileSync(path.join(consoleDir, "index.html"), "<!doctype html><title>console</title>");
  const config = testConfig({
    LOG_LEVEL: "info",
    AUTOBOLT_CONSOLE_DIR: consoleDir,
    // The campaign inbox on, so its procedures run their whole way.
    AUTOBOLT_INBOX_DOMAIN: "inbox.fuzz.test",
    AUTOBOLT_SECRET_KEY: "5c".repeat(32),
  });
  server = await startServer(config, {
    database,
    log: createLogger(config, { write: (line: string) => void logLines.push(line) }),
    // A statement that fails holding a password and a customer's email among its parameters.
    routes: (services) => [
      async (_req, _res, url) => {
        if (url.pathname !== "/fuzz/failing-statement") return false;
        await services.database.db.execute(
          sql`select ${STAFF.password}::int, ${CUSTOMER.email}::int, ${API_KEY}::int`,
        );
        return false;
      },
    ],
  });
  const services = server.services;
  await seedCatalog(services, 6);
  await callerAs(services, "admin").staff.create({ ...STAFF, name: "Fuzz Staff", role: "staff" });
  headersFor.admin = { cookie: await signIn(ADMIN.email, ADMIN.password) };
  headersFor.staff = { cookie: await signIn(STAFF.email, STAFF.password) };
  const [row] = await database.db
    .select({ hash: schema.staffUsers.passwordHash })
    .from(schema.staffUsers)
    .where(eq(schema.staffUsers.email, STAFF.email));
  for (const who of ["admin", "staff"] as const) {
    const token = (headersFor[who].cookie as string).split("=")[1] as string;
    secrets[`${who} session token`] = token;
    secrets[`${who} session token hash`] = sha256(token);
  }
  Object.assign(secrets, {
    "API key": API_KEY,
    "admin password": ADMIN.password,
    "staff password": STAFF.password,
    "password hash": row?.hash as string,
  });

  const staff = callerAs(services, "staff");
  const { customer, job } = await staff.customers.create({ customer: CUSTOMER, package: { size: 3 } });
  await staff.customers.create({
    customer: { ...CUSTOMER, businessName: "Second Quux" },
    package: { size: 2 },
  });
  const claimed = await callerAs(services, "worker").autobolt.jobs.next({ workerId: "fuzz" });
  if (!claimed.job) throw new Error("expected a job");
  const lease = { jobId: claimed.job.id, leaseToken: claimed.job.leaseToken };
  const directoryId = claimed.directories[0]?.id as string;
  const proof = await storedProof(services);
  const recipe = {
    version: 1,
    steps: [
      { action: "goto", url: "https://dir.example.test/add" },
      { action: "fill", selector: "#name", field: "businessName" },
      { action: "fillText", selector: "#how", text: "search" },
      { action: "expectText", text: "Thanks" },
    ],
  };
  const learned = {
    version: 1,
    startUrl: "https://dir.example.test/add",
    steps: [{ action: "click", selector: "#go" }],
    successText: "Thanks",
    learnedAt: "2026-01-02T03:04:05Z",
  };
  Object.assign(valid, {
    "auth.signIn": { email: "nobody@example.test", password: "wrong password" },
    "auth.changePassword": { currentPassword: "wrong password", newPassword: "Amber-Falcon-Harbor-93" },
    "customers.list": { search: "Quux", limit: 10, offset: 0 },
    "customers.byId": { id: customer.id },
    "customers.create": { customer: CUSTOMER, package: { size: 1 }, priorityLevel: 3 },
    "customers.update": {
      id: customer.id,
      fields: { description: "Still quux.", website: CUSTOMER.website },
    },
    "customers.addPackage": { customerId: customer.id, package: { id: "starter" }, priorityLevel: 2 },
    "jobs.onChange": { jobId: job.id },
    "jobs.list": { status: ["pending"], search: "Quux", sort: "businessName", direction: "asc", limit: 5 },
    "jobs.byId": { id: job.id },
    "jobs.retryFailed": { id: job.id, directoryIds: [directoryId] },
    "jobs.cancel": { id: "00000000-0000-4000-8000-000000000009" },
    "jobs.setPriority": { id: job.id, priorityLevel: 2 },
    "directories.list": { search: "Directory", active: true, limit: 5 },
    "directories.byId": { id: "dir-001" },
    "directories.create": {
      id: "fuzz-dir",
      name: "Fuzz directory",
      url: "https://fuzz.example.test",
      submissionUrl: "https://fuzz.example.test/add",
      category: "general",
      domainAuthority: 10,
      recipe,
      notes: "made by the fuzz test",
    },
    "directories.update": { id: "dir-002", fields: { name: "Renamed", notes: "n", recipe } },
    "directories.setActive": { id: "dir-003", active: true },
    "directories.delete": { id: "no-such-directory" },
    "directories.adoptLearned": { id: "dir-004", learnedAt: "2026-01-02T03:04:05Z" },
    "directories.forgetLearned": { id: "dir-004" },
    "directories.importCsv": {
      csv: "id,name,url,submission_url,category\ncsv-dir,CSV dir,https://c.example.test,https://c.example.test/add,general\n",
      mode: "valid-rows",
    },
    "staff.create": {
      email: "someone.new@example.test",
      name: "Someone",
      password: "Copper-Meadow-Violin-71",
    },
    "staff.setActive": { id: "00000000-0000-4000-8000-000000000009", active: true },
    "staff.update": { id: "00000000-0000-4000-8000-000000000009", role: "staff" },
    "results.needsAttention": { reasons: ["captcha_required"], directoryId: "dir-001", limit: 5 },
    "stats.overview": { days: 7 },
    "autobolt.jobs.next": { workerId: "fuzz-2", waitMs: 0 },
    "autobolt.jobs.nextBatch": { workerId: "fuzz-3", waitMs: 0, limit: 2 },
    "autobolt.jobs.start": { ...lease, directoryIds: [directoryId] },
    "autobolt.jobs.update": {
      ...lease,
      results: [
        {
          directoryId,
          status: "submitted",
          screenshotUrl: proof,
          submittedAt: "2026-01-02T03:04:05Z",
          metadata: { workerId: "fuzz", filled: ["email"], ms: 5 },
          learned,
        },
        { directoryId: "dir-999", status: "failed", reason: "timeout", errorMessage: "slow" },
      ],
    },
    "autobolt.jobs.heartbeat": lease,
    "autobolt.jobs.complete": { jobId: "00000000-0000-4000-8000-000000000009", leaseToken: lease.leaseToken },
    "autobolt.jobs.completeBatch": { leases: [lease] },
    "autobolt.jobs.release": { ...lease, reason: "fuzzing" },
    "autobolt.followUps.next": { workerId: "fuzz-4", waitMs: 0 },
    "autobolt.followUps.heartbeat": {
      followUpId: "00000000-0000-4000-8000-000000000009",
      leaseToken: lease.leaseToken,
    },
    "autobolt.followUps.report": {
      followUpId: "00000000-0000-4000-8000-000000000009",
      leaseToken: lease.leaseToken,
      outcome: "link_failed",
      errorMessage: "expired",
      finalUrl: "https://dir.example.test/confirm",
    },
    "inbox.messages": { customerId: customer.id, limit: 5 },
    "inbox.account": { resultId: "00000000-0000-4000-8000-000000000009" },
    "inbox.reveal": { accountId: "00000000-0000-4000-8000-000000000009" },
    "inbox.handOver": { accountId: "00000000-0000-4000-8000-000000000009", handOver: true },
  });
}, 60_000);

afterAll(async () => {
  const figures = Object.fromEntries([...statuses.entries()].sort());
  console.log(
    `fuzz (${database.url ? "PostgreSQL" : "embedded PGlite"}): ${sent} requests; by status ${JSON.stringify(figures)}; 5xx: ${serverErrors.length}`,
  );
  await server?.close();
  await database?.close();
  rmSync(consoleDir, { recursive: true, force: true });
});

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
).map(([path, procedure]) => ({ path, type: procedure._def.type }));

describe("[FUZZ]: hostile input never makes the server fail", () => {
  test("every tRPC procedure, as every caller, with a hostile whole input and a hostile value in each field", async () => {
    expect(procedures.length).toBeGreaterThan(35);
    const calls: (() => Promise<unknown>)[] = [];
    for (const { path, type } of procedures) {
      // Signing out would end the sessions the rest of the run uses; it is fuzzed anonymously.
      const callers = path === "auth.signOut" ? (["anonymous", "worker"] as Who[]) : WHO;
      for (const who of callers) {
        for (const [name, value] of HOSTILE)
          calls.push(() => callProcedure(path, type, who, value, `${path} ${who} ${name}`));
      }
      const base = valid[path];
      if (base === undefined) continue;
      const who: Who = path.startsWith("autobolt.")
        ? "worker"
        : path.startsWith("staff.") || path.startsWith("directories.")
          ? "admin"
          : "staff";
      calls.push(() => callProcedure(path, type, who, base, `${path} valid`));
      for (const leaf of leaves(base)) {
        for (const [name, value] of HOSTILE.filter(([name]) => IN_A_FIELD.has(name))) {
          calls.push(() =>
            callProcedure(path, type, who, replaced(base, leaf, value), `${path}.${leaf.join(".")} ${name}`),
          );
        }
      }
    }
    await inParallel(calls);
    expect(serverErrors).toEqual([]);
  }, 120_000);

  test("batched calls, unknown procedures and malformed tRPC requests", async () => {
    const admin = headersFor.admin;
    const json = { ...admin, "content-type": "application/json" };
    const fifty = Array.from({ length: 50 }, () => "auth.me").join(",");
    const requests: [string, string, { headers?: Record<string, string>; body?: string | Uint8Array }][] = [
      ["GET", `/trpc/${fifty}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`, { headers: admin }],
      [
        "GET",
        `/trpc/auth.me,jobs.list,customers.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 1: { search: "\u0000" }, 2: "\uD800" }))}`,
        { headers: admin },
      ],
      ["GET", "/trpc/auth.me?batch=1&input=not-json", { headers: admin }],
      ["GET", "/trpc/auth.me?batch=1&input=%zz", { headers: admin }],
      ["GET", "/trpc/jobs.list?input=%7B%22search%22%3A%22%00%22%7D", { headers: admin }],
      ["GET", "/trpc/jobs.list?input=[[[[[[[[", { headers: admin }],
      [
        "POST",
        "/trpc/auth.signOut,auth.signIn?batch=1",
        { headers: json, body: JSON.stringify({ 0: {}, 1: { email: "\u0000" } }) },
      ],
      [
        "POST",
        "/trpc/auth.signIn?batch=1",
        { headers: json, body: JSON.stringify(Array.from({ length: 200 }, () => ({}))) },
      ],
      ["POST", "/trpc/customers.create", { headers: json, body: "{oops" }],
      ["POST", "/trpc/customers.create", { headers: json, body: "" }],
      ["POST", "/trpc/customers.create", { headers: json, body: new Uint8Array([0xff, 0xfe, 0x00, 0x7b]) }],
      ["POST", "/trpc/customers.create", { headers: json, body: `{"customer": ${"[".repeat(100_000)}` }],
      [
        "POST",
        "/trpc/customers.create",
        { headers: json, body: JSON.stringify({ pad: "x".repeat(3_000_000) }) },
      ],
      ["POST", "/trpc/customers.create", { headers: { ...admin, "content-type": "text/plain" }, body: "{}" }],
      [
        "POST",
        "/trpc/customers.create",
        { headers: { ...admin, "content-type": "multipart/form-data; boundary=zz" }, body: "--zz--" },
      ],
      [
        "POST",
        "/trpc/customers.create",
        { headers: { ...admin, "content-type": "application/x-www-form-urlencoded" }, body: "a=b" },
      ],
      [
        "POST",
        "/trpc/customers.create",
        { headers: { ...admin, "content-type": "application/octet-stream" }, body: "{}" },
      ],
      ["POST", "/trpc/auth.me", { headers: json, body: "{}" }],
      ["GET", "/trpc/customers.create", { headers: admin }],
      ["PUT", "/trpc/customers.create", { headers: json, body: "{}" }],
      ["DELETE", "/trpc/auth.me", { headers: admin }],
      ["PATCH", "/trpc/jobs.onChange", { headers: json, body: "{}" }],
      ["GET", "/trpc/no.such.procedure", { headers: admin }],
      ["GET", "/trpc/__proto__", { headers: admin }],
      ["GET", "/trpc/constructor", { headers: admin }],
      ["GET", "/trpc/auth.me", { headers: { cookie: "autobolt_session=%E0%A4%A" } }],
      ["GET", "/trpc/auth.me", { headers: { cookie: `autobolt_session=${"z".repeat(8_000)}` } }],
      ["GET", "/trpc/auth.me", { headers: { authorization: "Bearer" } }],
      [
        "POST",
        "/trpc/customers.create",
        { headers: { ...json, "sec-fetch-site": "cross-site" }, body: "{}" },
      ],
    ];
    await inParallel(
      requests.map(
        ([method, path, options]) =>
          () =>
            send(method, path, options),
      ),
    );
    expect(serverErrors).toEqual([]);
  }, 60_000);

  test("every REST route with hostile bodies and query strings, and the other HTTP paths", async () => {
    const worker = headersFor.worker;
    const calls: (() => Promise<unknown>)[] = [];
    for (const route of [...Object.keys(restRoutes), ...Object.keys(followUpRestRoutes)]) {
      const [method, path] = route.split(" ") as [string, string];
      for (const who of WHO) {
        for (const [name, value] of HOSTILE) {
          const what = `${route} ${who} ${name}`;
          if (method === "GET") {
            const text = typeof value === "string" && !(value in DEEP) ? value : toJson(value);
            const query = `?workerId=${encodeLoosely(text.slice(0, 2000))}&waitMs=${encodeLoosely(text.slice(0, 50))}&limit=${encodeLoosely(text.slice(0, 50))}`;
            calls.push(() => send("GET", `${path}${query}`, { headers: headersFor[who], what }));
          } else {
            calls.push(() =>
              send("POST", path, {
                headers: { ...headersFor[who], "content-type": "application/json" },
                body: toJson(value),
                what,
              }),
            );
          }
        }
        for (const body of ["{oops", "", "[]", "null", '"x"', "1e999", `{"__proto__":{"x":1}}`]) {
          calls.push(() =>
            send("POST", path, {
              headers: { ...headersFor[who], "content-type": "text/plain" },
              body,
              what: `${route} raw ${body}`,
            }),
          );
        }
      }
      calls.push(() =>
        send(method, path, {
          headers: { ...worker, "content-type": "application/json" },
          body: method === "GET" ? undefined : JSON.stringify({ pad: "x".repeat(2_000_000) }),
        }),
      );
    }
    const png = new Uint8Array((await import("./support.ts")).tinyPng);
    for (const who of WHO) {
      for (const type of [
        "image/png",
        "image/webp",
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
      ]) {
        calls.push(() =>
          send("POST", "/api/screenshots", {
            headers: { ...headersFor[who], "content-type": type },
            body: png,
          }),
        );
        calls.push(() =>
          send("POST", "/api/screenshots", {
            headers: { ...headersFor[who], "content-type": type },
            body: "\u0000".repeat(1000),
          }),
        );
      }
      for (const path of [
        "/%zz",
        "/trpc/%zz",
        "/api/%zz",
        "/screenshots/%zz",
        "/screenshots/..%2F..%2Fetc%2Fpasswd",
        "/screenshots/00000000-0000-4000-8000-000000000000.jpg",
        "/reports/jobs/00000000-0000-4000-8000-000000000000.csv",
        `/reports/jobs/${(valid["jobs.byId"] as { id: string }).id}.csv`,
        "/reports/jobs/%zz.csv",
        "//",
        "/healthz",
        "/api/autobolt/jobs/next?waitMs=%zz",
        `/${"a".repeat(10_000)}`,
        "/index.html%00.js",
      ]) {
        calls.push(() => send("GET", path, { headers: headersFor[who] }));
        calls.push(() =>
          send("POST", path, {
            headers: { ...headersFor[who], "content-type": "application/json" },
            body: "{}",
          }),
        );
      }
    }
    await inParallel(calls);
    expect(serverErrors).toEqual([]);
  }, 120_000);

  test("raw requests a fetch client cannot make", async () => {
    const raw = (request: Buffer) =>
      new Promise<string>((resolve) => {
        const socket = connect(server.port, "127.0.0.1");
        let answer = "";
        socket.on("data", (chunk) => {
          answer += chunk.toString("latin1");
        });
        socket.on("error", () => resolve(answer));
        socket.on("close", () => resolve(answer));
        socket.write(request);
        setTimeout(() => socket.end(), 500);
      });
    for (const line of [
      "GET /\xff\xfe HTTP/1.1",
      "GET /trpc/auth.me?input=\xff HTTP/1.1",
      "GET %zz HTTP/1.1",
      "GET http://[::1 HTTP/1.1",
      "GET * HTTP/1.1",
      "POST /trpc/auth.signOut HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked",
    ]) {
      const answer = await raw(Buffer.from(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`, "latin1"));
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      count(status ? Number(status) : "closed: no answer", line);
    }
    expect(serverErrors).toEqual([]);
  }, 30_000);
});

describe("[LOGS]: no secrets and no customer details", () => {
  test("a failing statement is logged with its error code, not its parameters", async () => {
    const res = await fetch(`${server.url}/fuzz/failing-statement`);
    expect(res.status).toBe(500);
    const logged = logLines.filter((line) => line.includes('"request failed"'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] as string).err).toMatchObject({
      message: "database statement failed",
      cause: { code: "22P02" },
    });
  });

  test("the whole run's log holds none of the secrets or customer values that went by", () => {
    const log = logLines.join("");
    expect(log.length).toBeGreaterThan(0);
    for (const [name, secret] of Object.entries(secrets)) expect(log.includes(secret), name).toBe(false);
    for (const trace of CUSTOMER_TRACES) expect(log.includes(trace), trace).toBe(false);
    // Malformed URLs and refused input are the caller's mistakes: nothing at error level but the probe.
    const errors = logLines.filter(
      (line) => JSON.parse(line).level >= 50 && !line.includes('"request failed"'),
    );
    expect(errors).toEqual([]);
  });
});
