import { fileURLToPath } from "node:url";
import type { RouterInputs } from "@autobolt/server";

export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-1" };
export const API_KEY = "e2e-worker-key-0123456789abcdef";

export const storageStatePath = fileURLToPath(new URL("../test-results/.auth/admin.json", import.meta.url));

export function stackUrl(): string {
  const url = process.env.AUTOBOLT_E2E_URL;
  if (!url) throw new Error("AUTOBOLT_E2E_URL is not set: run the tests through playwright.config.ts");
  return url;
}

export async function signInCookie(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get("set-cookie");
  if (!cookie) throw new Error("sign-in set no cookie");
  return cookie.split(";")[0] as string;
}

/** A staff procedure over plain HTTP (tRPC's non-batched wire format, no transformer). */
export async function trpcCall<T = unknown>(
  baseUrl: string,
  procedure: string,
  input: unknown,
  cookie: string,
  kind: "mutation" | "query" = "mutation",
): Promise<T> {
  const url =
    kind === "query"
      ? `${baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`
      : `${baseUrl}/trpc/${procedure}`;
  const response = await fetch(url, {
    method: kind === "query" ? "GET" : "POST",
    headers: { "content-type": "application/json", cookie },
    ...(kind === "mutation" ? { body: JSON.stringify(input) } : {}),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!response.ok || !body.result) {
    throw new Error(`${procedure} failed (${response.status}): ${body.error?.message ?? "no result"}`);
  }
  return body.result.data;
}

type NewCustomer = RouterInputs["customers"]["create"];

export function customerInput(businessName: string, overrides: Partial<NewCustomer> = {}): NewCustomer {
  return {
    customer: {
      businessName,
      email: `${
        businessName
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ".")
          .replace(/^\.|\.$/g, "") || "owner"
      }@example.com`,
      phone: "+1 512 555 0100",
      website: "https://example.com",
      address: "100 Congress Ave",
      city: "Austin",
      state: "TX",
      zip: "78701",
      category: "Plumber",
    },
    package: { size: 3 },
    priorityLevel: 1,
    ...overrides,
  };
}

/** The admin session global setup opened; signing in hashes a password, too slow to repeat per call. */
export function adminCookie(): string {
  const cookie = process.env.AUTOBOLT_E2E_COOKIE;
  if (!cookie) throw new Error("AUTOBOLT_E2E_COOKIE is not set: run the tests through playwright.config.ts");
  return cookie;
}

export async function createCustomer(businessName: string, overrides: Partial<NewCustomer> = {}) {
  const url = stackUrl();
  const cookie = adminCookie();
  return trpcCall<{ job: { id: string }; customer: { id: string } }>(
    url,
    "customers.create",
    customerInput(businessName, overrides),
    cookie,
  );
}

/** Leaves no job pending, so the next claim (a test's, or the real worker's) gets the one it expects. */
export async function cancelPendingJobs() {
  const url = stackUrl();
  const cookie = adminCookie();
  const queue = await trpcCall<{ items: Array<{ id: string }> }>(
    url,
    "jobs.list",
    { status: ["pending"], limit: 200 },
    cookie,
    "query",
  );
  for (const job of queue.items) await trpcCall(url, "jobs.cancel", { id: job.id }, cookie);
}

// The worker side over the REST mirrors, for tests that need exact outcomes rather than a browser.
const workerHeaders = { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" };

interface Claim {
  job: { id: string; leaseToken: string };
  directories: Array<{ id: string; name: string }>;
}

export async function claimJob(expectedJobId: string): Promise<Claim> {
  const response = await fetch(`${stackUrl()}/api/autobolt/jobs/next?workerId=e2e-driver`, {
    headers: workerHeaders,
  });
  if (response.status !== 200) throw new Error(`no job to claim (${response.status})`);
  const claim = (await response.json()) as Claim;
  if (claim.job.id !== expectedJobId)
    throw new Error(`claimed job ${claim.job.id}, expected ${expectedJobId}`);
  return claim;
}

export async function workerPost(pathName: string, body: unknown) {
  const response = await fetch(`${stackUrl()}/api/autobolt/jobs/${pathName}`, {
    method: "POST",
    headers: workerHeaders,
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${pathName} failed (${response.status}): ${await response.text()}`);
  return response.json();
}

/** The campaign inbox's and re-checks' tasks, as a worker claims and reports them; null for a 204. */
export async function followUpPost(path: "next" | "report", body: unknown) {
  const response = await fetch(`${stackUrl()}/api/autobolt/follow-ups/${path}`, {
    method: "POST",
    headers: workerHeaders,
    body: JSON.stringify(body),
  });
  if (response.status === 204) return null;
  if (!response.ok)
    throw new Error(`follow-ups/${path} failed (${response.status}): ${await response.text()}`);
  return response.json() as Promise<{ followUp?: { id: string; leaseToken: string; link: string } }>;
}

export async function uploadScreenshot(png: Buffer): Promise<string> {
  const response = await fetch(`${stackUrl()}/api/screenshots`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "image/png" },
    body: new Uint8Array(png),
  });
  if (response.status !== 201) throw new Error(`screenshot upload failed (${response.status})`);
  return ((await response.json()) as { url: string }).url;
}
