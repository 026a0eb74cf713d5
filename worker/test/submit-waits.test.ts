import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { launchBrowser } from "../src/browser.ts";
import { changeCounts, waitForChange, waitForQuiet } from "../src/submit/activity.ts";
import { submitDirectory } from "../src/submit/index.ts";
import { scanFrame } from "../src/submit/scan.ts";
import { customer } from "./support.ts";

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser({});
});
afterAll(() => browser.close());
beforeEach(async (task) => {
  context = await browser.newContext();
  page = await context.newPage();
  task.onTestFinished(() => context.close());
});

describe("waiting on what the page does, not on the clock", () => {
  test("a document with no script is settled once loaded; one with a script is not", async () => {
    await page.setContent("<p>Nothing will ever change here.</p><a href='#'>Home</a>");
    expect((await scanFrame(page.mainFrame())).settled).toBe(true);
    await page.setContent("<p>Loading…</p><script>/* may build a form later */</script>");
    expect((await scanFrame(page.mainFrame())).settled).toBe(false);
    await page.setContent(`<button onclick="document.body.append('x')">Go</button>`);
    expect((await scanFrame(page.mainFrame())).settled).toBe(false);
  });

  test("a change is noticed when it happens; no change means waiting the whole time given", async () => {
    await page.setContent(
      "<div id=app>Loading…</div><script>setTimeout(() => { app.innerHTML = '<form><input name=a></form>'; }, 300)</script>",
    );
    const started = Date.now();
    expect(await waitForChange(await changeCounts(page), 10_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);

    const quietSince = await changeCounts(page);
    const waited = Date.now();
    expect(await waitForChange(quietSince, 300)).toBe(false);
    expect(Date.now() - waited).toBeGreaterThanOrEqual(250);
  });

  test("quiet: at once for a static page, after the last change for a scripted one, never for a restless one", async () => {
    await page.setContent("<p>Thank you, your listing was received.</p>");
    expect(await waitForQuiet(page.mainFrame(), 150, 5_000)).toBe("static");

    await page.setContent(
      "<p id=out></p><script>let n = 0; const t = setInterval(() => { out.textContent = ++n; if (n === 3) clearInterval(t); }, 50)</script>",
    );
    expect(await waitForQuiet(page.mainFrame(), 150, 5_000)).toBe("quiet");
    expect(await page.locator("#out").textContent()).toBe("3");

    await page.setContent(
      "<p id=out></p><script>setInterval(() => { out.textContent = Date.now(); }, 20)</script>",
    );
    const started = Date.now();
    expect(await waitForQuiet(page.mainFrame(), 150, 600)).toBe("busy");
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe("filling and submitting a scripted form", () => {
  let server: Server;
  let url = "";
  const posts: Array<Record<string, string>> = [];
  // A form built by script that keeps only what arrives as typed text (trusted input events),
  // and answers with a confirmation written by script after its fetch returns.
  const form = `<!doctype html><body><div id=app>Loading…</div><script>
    setTimeout(() => {
      app.innerHTML = '<form id=f><label>Business name <input name=business></label>' +
        '<label>Email <input name=email type=email></label><label>State <select name=state>' +
        '<option value="">Pick</option><option value=TX>Texas</option></select></label>' +
        '<button>Submit listing</button></form><p id=out></p>';
      const typed = {};
      for (const input of f.querySelectorAll("input")) input.addEventListener("input", (e) => {
        if (e.isTrusted && e.inputType === "insertText") typed[input.name] = input.value;
      });
      f.addEventListener("submit", async (e) => {
        e.preventDefault();
        const res = await fetch("post", { method: "POST", body: JSON.stringify({ ...typed, state: f.state.value }) });
        out.textContent = res.ok ? "Thank you! Your listing was submitted." : "Something went wrong.";
      });
    }, 200);
  </script></body>`;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.method === "POST") {
        let body = "";
        req.on("data", (c: Buffer) => {
          body += c.toString();
        });
        req.on("end", () => {
          posts.push(JSON.parse(body) as Record<string, string>);
          res.writeHead(200, { "content-type": "application/json" }).end("{}");
        });
        return;
      }
      res.writeHead(200, { "content-type": "text/html" }).end(form);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/form`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("values arrive as typed text, the late form is found, and the script's confirmation is waited for", async () => {
    const outcome = await submitDirectory({
      context,
      directory: { id: "scripted", name: "Scripted", submissionUrl: url, recipe: null },
      customer,
    });
    expect({ status: outcome.status, reason: outcome.reason }, outcome.errorMessage).toEqual({
      status: "submitted",
      reason: undefined,
    });
    expect(posts).toEqual([{ business: customer.businessName, email: customer.email, state: "TX" }]);
    expect(outcome.filledFields.sort()).toEqual(["businessName", "email", "state"]);
  });
});

describe("proof", () => {
  test("the screenshot is a PNG of the whole page, not just what fits the window", async () => {
    const tall = `data:text/html,${encodeURIComponent("<h1>Top</h1><div style='height:2600px'></div><p>Bottom</p>")}`;
    const outcome = await submitDirectory({
      context,
      directory: { id: "tall", name: "Tall", submissionUrl: tall, recipe: null },
      customer,
    });
    expect(outcome.reason).toBe("form_not_found");
    const png = outcome.screenshot;
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    // IHDR: width then height, big-endian, right after the signature and chunk header.
    expect({ width: png.readUInt32BE(16), tall: png.readUInt32BE(20) > 2600 }).toEqual({
      width: 1280,
      tall: true,
    });
  });
});
