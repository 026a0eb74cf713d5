import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { RunningServer } from "../src/app.ts";
import type { AppRouter } from "../src/root.ts";
import { ADMIN, setupServer, startPeerServer } from "./support.ts";

let env: Awaited<ReturnType<typeof setupServer>>;
let peer: RunningServer;
beforeAll(async () => {
  env = await setupServer();
  peer = await startPeerServer(env.database);
});
afterAll(async () => {
  await peer.close();
  await env.close();
});
beforeEach(async () => {
  await env.database.truncate({ keepStaff: true });
});

async function signIn(server: RunningServer, email: string, password: string) {
  const res = await fetch(`${server.url}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { error?: { message: string; data: { code: string } } };
  return { status: res.status, retryAfter: res.headers.get("retry-after"), error: body.error };
}

describe("[AUTH]: sign-in throttling", () => {
  test("two servers on one database share an account's count: the 6th failure in the window is 429 with a retry time", async () => {
    for (const server of [env.server, peer, env.server, peer, peer]) {
      expect((await signIn(server, ADMIN.email, "wrong password")).status).toBe(401);
    }
    const refused = await signIn(env.server, ADMIN.email, "wrong password");
    expect(refused.status).toBe(429);
    expect(refused.error?.data.code).toBe("TOO_MANY_REQUESTS");
    const retryAfter = Number(refused.retryAfter);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(refused.error?.message).toMatch(/for this account \(5 per 15 minutes\)\. Try again in 15 minutes/);
    expect(refused.error?.message).toContain(`Retry-After: ${retryAfter} seconds`);
    // Locked for the window, even with the right password, on either server.
    expect((await signIn(peer, ADMIN.email, ADMIN.password)).status).toBe(429);
    expect((await signIn(env.server, ADMIN.email.toUpperCase(), ADMIN.password)).status).toBe(429);
  });

  test("50 sign-ins batched into one request are 50 attempts: 5 get a password check, 45 are 429", async () => {
    let requests = 0;
    const client = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${peer.url}/trpc`,
          fetch: (url, init) => {
            requests += 1;
            return fetch(url, init);
          },
        }),
      ],
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        client.auth.signIn.mutate({ email: ADMIN.email, password: `guess ${i}` }),
      ),
    );
    expect(requests).toBe(1);
    const codes = outcomes.map((o) =>
      o.status === "rejected" && o.reason instanceof TRPCClientError ? o.reason.data?.code : "SIGNED_IN",
    );
    expect(codes.filter((c) => c === "UNAUTHORIZED")).toHaveLength(5);
    expect(codes.filter((c) => c === "TOO_MANY_REQUESTS")).toHaveLength(45);
    expect((await signIn(env.server, ADMIN.email, ADMIN.password)).status).toBe(429);
  });

  test("a successful sign-in clears the account's failures", async () => {
    for (let i = 0; i < 4; i++)
      expect((await signIn(env.server, ADMIN.email, "wrong password")).status).toBe(401);
    expect((await signIn(peer, ADMIN.email, ADMIN.password)).status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await signIn(env.server, ADMIN.email, "wrong password")).status).toBe(401);
    expect((await signIn(env.server, ADMIN.email, "wrong password")).status).toBe(429);
  });

  test("one address guessing across many accounts is stopped after 20 failures, on every server", async () => {
    for (let i = 0; i < 20; i++) {
      const server = i % 2 ? peer : env.server;
      expect((await signIn(server, `nobody${i}@example.test`, "wrong password")).status).toBe(401);
    }
    const refused = await signIn(peer, "someone-else@example.test", "wrong password");
    expect(refused.status).toBe(429);
    expect(refused.error?.message).toContain("from this address (20 per 15 minutes)");
    expect((await signIn(env.server, ADMIN.email, ADMIN.password)).status).toBe(429);
  });
});
