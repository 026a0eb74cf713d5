import { directoryFields } from "@autobolt/contract";
import { type Sandbox, startSandbox } from "@autobolt/sandbox";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

describe("sandbox", () => {
  test("every site is a valid catalog entry with its own domain authority", () => {
    for (const site of sandbox.sites) {
      const parsed = directoryFields.safeParse({ ...site, id: site.slug });
      expect(parsed.success, `${site.slug}: ${parsed.error?.message}`).toBe(true);
    }
    expect(new Set(sandbox.sites.map((s) => s.domainAuthority)).size).toBe(sandbox.sites.length);
    expect(sandbox.sites.filter((s) => s.recipe).map((s) => s.slug)).toEqual(["recipe-only"]);
  });

  test("home and form pages answer; unknown paths are 404", async () => {
    for (const site of sandbox.sites.filter((s) => s.slug !== "slow")) {
      expect((await fetch(site.url)).status, site.url).toBe(200);
      expect((await fetch(site.submissionUrl)).status, site.submissionUrl).toBe(200);
    }
    expect((await fetch(`${sandbox.url}/plain/missing`)).status).toBe(404);
  });

  test("records posts and serves them to other processes over HTTP", async () => {
    const site = sandbox.sites.find((s) => s.slug === "plain");
    const body = new URLSearchParams({ business_name: "A & B <Co>", email: "a@b.test", state: "TX" });
    const answer = await fetch(site?.submissionUrl ?? "", { method: "POST", body });
    expect(await answer.text()).toContain("Thank you, your listing was received");
    expect(sandbox.receivedAsCustomer("plain")).toEqual({
      businessName: "A & B <Co>",
      email: "a@b.test",
      state: "TX",
    });

    const remote = (await (await fetch(`${sandbox.url}/__sandbox/received?site=plain`)).json()) as {
      submissions: Array<{ fields: Record<string, string>; accepted: boolean }>;
    };
    expect(remote.submissions).toHaveLength(1);
    expect(remote.submissions[0]).toMatchObject({ fields: { business_name: "A & B <Co>" }, accepted: true });

    expect((await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" })).status).toBe(200);
    expect(sandbox.received("plain")).toEqual([]);
  });

  test("a refused post is recorded as refused", async () => {
    const site = sandbox.sites.find((s) => s.slug === "server-validation");
    const answer = await fetch(site?.submissionUrl ?? "", {
      method: "POST",
      body: new URLSearchParams({ company_name: "X" }),
    });
    expect(answer.status).toBe(422);
    expect(await answer.text()).toContain("Year founded is required");
    expect(sandbox.received("server-validation").at(-1)?.accepted).toBe(false);
  });
});
