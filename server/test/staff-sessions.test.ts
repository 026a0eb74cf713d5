import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callerAs, setupServer } from "./support.ts";

let env: Awaited<ReturnType<typeof setupServer>>;
beforeAll(async () => {
  env = await setupServer({ AUTOBOLT_SESSION_CHECK_MS: "200" });
});
afterAll(() => env.close());

const admin = () => callerAs(env.server.services, "admin");

async function signIn(email: string, password: string): Promise<string> {
  const res = await fetch(`${env.server.url}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")?.split(";")[0] as string;
}

describe("[STAFF]: a deactivated account is signed out everywhere, its live stream too", () => {
  test("the open stream ends with UNAUTHORIZED and the cookie no longer signs in", async () => {
    const account = await admin().staff.create({
      email: "leaving@example.test",
      name: "Leaving Staff",
      password: "a long enough password 7",
      role: "staff",
    });
    const cookie = await signIn("leaving@example.test", "a long enough password 7");
    const abort = new AbortController();
    const stream = await fetch(`${env.server.url}/trpc/jobs.onChange`, {
      headers: { cookie, accept: "text/event-stream" },
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const ended = (async () => {
      while (!text.includes("UNAUTHORIZED")) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      return Date.now();
    })();
    await new Promise((r) => setTimeout(r, 300));
    const deactivatedAt = Date.now();
    await admin().staff.update({ id: account.id, active: false });
    const at = await ended;
    abort.abort();
    expect(text).toMatch(/event: serialized-error\ndata: .*"code":"UNAUTHORIZED"/);
    expect(at - deactivatedAt).toBeLessThan(3_000);

    const me = await fetch(`${env.server.url}/trpc/auth.me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ result: { data: null } });
  });
});
