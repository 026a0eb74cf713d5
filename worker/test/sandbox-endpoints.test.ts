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
      // A site rate-limited at its form page answers it 429, as its expected outcome says.
      const formStatus = site.expected.reason === "rate_limited" ? [200, 429] : [200];
      expect(formStatus, site.submissionUrl).toContain((await fetch(site.submissionUrl)).status);
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

  test("a site without a listing link on its thank-you page is found through its search once published", async () => {
    const site = sandbox.sites.find((s) => s.slug === "terms");
    expect(site?.listingSearch?.steps.at(-1)?.action).toBe("openListing");
    const body = new URLSearchParams({
      "business-name": "Quiet Listing & Sons",
      "contact-email": "q@l.test",
      accept_terms: "1",
    });
    const thanks = await (await fetch(`${site?.url}business/create`, { method: "POST", body })).text();
    expect(thanks).not.toContain("View your listing");
    const search = (q: string) =>
      fetch(`${site?.url}search?q=${encodeURIComponent(q)}`).then((r) => r.text());
    expect(await search("quiet listing")).toContain("0 results");
    sandbox.advanceTime(86_400_000);
    const found = await search("quiet listing");
    expect(found).toContain("1 result");
    expect(found).toMatch(/<a href="listing\/\d+">Quiet Listing &amp; Sons<\/a>/);
    // Another site's search does not show it.
    expect(await fetch(`${sandbox.url}/plain/search?q=quiet`).then((r) => r.text())).toContain("0 results");
    sandbox.reset();
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

  test("every site says its language and what it does to a filler", () => {
    for (const site of sandbox.sites) {
      expect(["en", "es", "fr", "de", "pt", "it"], site.slug).toContain(site.language);
      expect(site.patterns.length, site.slug).toBeGreaterThan(0);
    }
  });

  test("a honeypot filled is recorded as a post a correct worker never sends, yet answered with thanks", async () => {
    const site = sandbox.sites.find((s) => s.slug === "honeypots");
    const body = new URLSearchParams({
      business_name: "Bot Inc",
      email_address: "bot@x.test",
      leave_blank: "x",
    });
    const answer = await fetch(`${site?.url}add`, { method: "POST", body });
    expect(await answer.text()).toContain("Thank you");
    expect(sandbox.received("honeypots").at(-1)).toMatchObject({
      accepted: false,
      wrong: "honeypot filled: leave_blank",
    });
  });

  test("a missing required field is refused in the site's own language", async () => {
    const site = sandbox.sites.find((s) => s.slug === "de-branchenbuch");
    const answer = await fetch(`${site?.url}eintrag/neu`, {
      method: "POST",
      body: new URLSearchParams({ firma: "X" }),
    });
    expect(answer.status).toBe(422);
    expect(await answer.text()).toContain("E-Mail-Adresse ist ein Pflichtfeld");
    expect(sandbox.received("de-branchenbuch").at(-1)).toMatchObject({ accepted: false });
  });

  test("a script's JSON post gets a JSON answer", async () => {
    const site = sandbox.sites.find((s) => s.slug === "toast");
    const answer = await fetch(`${site?.url}api/submit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Bluebird", phone: "512 555 0142" }),
    });
    expect(await answer.json()).toEqual({ ok: true, message: "Your business was added." });
  });

  test("the rate-limited site answers 429 with Retry-After; the lying one answers an error with 200", async () => {
    const body = () => new URLSearchParams({ business_name: "X", phone: "1" });
    const limited = await fetch(`${sandbox.url}/rate-limited/submit`, { method: "POST", body: body() });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3600");
    const lying = await fetch(`${sandbox.url}/lying-200/list-your-business`, {
      method: "POST",
      body: body(),
    });
    expect(lying.status).toBe(200);
    expect(await lying.text()).toContain("could not be processed");
  });

  test("a subresource that never finishes holds its connection until the sandbox closes", async () => {
    const stuck = new AbortController();
    const answer = await fetch(`${sandbox.url}/hanging-asset/pixel.gif`, { signal: stuck.signal });
    expect(answer.status).toBe(200);
    const read = answer.text().catch(() => "aborted");
    const first = await Promise.race([read, new Promise((r) => setTimeout(() => r("still open"), 300))]);
    expect(first).toBe("still open");
    stuck.abort();
  });
});
