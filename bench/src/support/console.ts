import { execFileSync } from "node:child_process";
import path from "node:path";
import type { AppRouter } from "@autobolt/server";
import { createTRPCClient, httpLink } from "@trpc/client";
import { BENCH_ADMIN } from "./autobolt-servers.ts";
import { repoRoot } from "./processes.ts";

export const consoleDist = path.join(repoRoot, "client/dist");
let built = false;

/** Build the console once per run, as `pnpm start` does, so every figure is of the current code. */
export function buildConsole(): string {
  if (!built) {
    execFileSync("pnpm", ["--filter", "@autobolt/client", "build"], { cwd: repoRoot, stdio: "ignore" });
    built = true;
  }
  return consoleDist;
}

/** Sign in as the benchmark's admin; answers the session cookie as `name=value`. */
export async function signIn(serverUrl: string): Promise<{ name: string; value: string }> {
  const res = await fetch(`${serverUrl}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!res.ok || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const [name, value] = cookie.split("=") as [string, string];
  return { name, value };
}

/** The typed tRPC client a staff member's console uses, with that session. */
export function staffClient(serverUrl: string, cookie: { name: string; value: string }) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${serverUrl}/trpc`, headers: { cookie: `${cookie.name}=${cookie.value}` } })],
  });
}
