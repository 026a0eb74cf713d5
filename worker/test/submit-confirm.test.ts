import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CustomerFields } from "@autobolt/contract";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../src/browser.ts";
import { type SubmissionOutcome, submitDirectory } from "../src/submit/index.ts";

/**
 * What comes after the first submit: a preview to confirm with one button, a payment page never
 * to go on through, and a "Save draft" beside the real submit. Pages are served from memory and
 * every post is kept, so a test tells a listing from a draft or a payment.
 */
const customer: CustomerFields = {
  businessName: "Bluebird Plumbing & Heating LLC",
  email: "owner@bluebird-plumbing.test",
  phone: "(512) 555-0142",
  website: "https://bluebird-plumbing.test",
  address: "1200 Barton Springs Rd",
  city: "Austin",
  state: "TX",
  zip: "78704",
};

const form = (action: string, extra = "") =>
  `<h1>Add your business</h1><form method=post action="${action}"><label>Business name <input name=name></label>
  <label>Email <input name=email type=email></label><label>Phone <input name=phone type=tel></label><label>City <input name=city></label>${extra}</form>`;

const pages: Record<string, string> = {
  // A form's own submit button outside it (a modal's footer, tied by form=), its form not yet a
  // listing form (drawn empty, its fields to come): the button is no call to action.
  tied: `<h1>Companies</h1><form id=company method=post action="/post/tied"><input type=hidden name=step value=1></form>
  <p>Loading the form…</p><div class=footer><button type=submit form=company>Submit company</button></div>`,
  preview: form("/post/preview", "<button>Review listing</button>"),
  payment: form("/post/payment", "<button>Submit listing</button>"),
  draft: form(
    "/post/draft",
    "<button name=intent value=draft>Save as draft</button> <button name=intent value=publish>Publish</button>",
  ),
};

/** What each post answers. */
const answers: Record<string, string> = {
  preview: `<p>Check your details below.</p><p>Bluebird Plumbing &amp; Heating LLC, Austin</p>
    <form method=post action="/post/preview-confirm"><input type=hidden name=id value=7><button>Continue</button></form> <a href="/preview">Edit</a>`,
  "preview-confirm": "<h1>Your listing has been submitted.</h1>",
  payment: `<h2>Choose how your listing appears</h2><p>Featured listings appear first in search.</p>
    <form method=post action="/post/checkout"><input type=hidden name=plan value=featured><button>Proceed to payment — $49</button></form>`,
  checkout: "<h1>Thank you for your order!</h1>",
  draft: "<h1>Thank you! Your listing was saved.</h1>",
};

let server: Server;
let base = "";
let browser: Browser;
const received = new Map<string, Array<Record<string, string>>>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "POST") {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        const name = url.pathname.replace("/post/", "");
        received.set(name, [...(received.get(name) ?? []), Object.fromEntries(new URLSearchParams(body))]);
        res
          .writeHead(200, { "content-type": "text/html" })
          .end(`<!doctype html><body>${answers[name] ?? ""}</body>`);
      });
      return;
    }
    const page = pages[url.pathname.slice(1)];
    res.writeHead(page ? 200 : 404, { "content-type": "text/html" });
    res.end(
      `<!doctype html><html><head><meta charset=utf-8></head><body>${page ?? "Not found"}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser({});
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function submit(name: string): Promise<SubmissionOutcome> {
  const context = await browser.newContext();
  try {
    return await submitDirectory({
      context,
      directory: { id: name, name, submissionUrl: `${base}/${name}`, recipe: null },
      customer,
      timeoutMs: 20_000,
    });
  } finally {
    await context.close();
  }
}

describe.concurrent("after the first submit", () => {
  test("a preview with one Continue button is confirmed, once", async () => {
    const outcome = await submit("preview");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(received.get("preview")?.[0]).toMatchObject({ name: customer.businessName, city: "Austin" });
    expect(received.get("preview-confirm")).toEqual([{ id: "7" }]);
  });

  test("a page asking for payment is never gone on through", async () => {
    const outcome = await submit("payment");
    expect(outcome.status).toBe("failed");
    expect(received.get("payment")).toHaveLength(1);
    expect(received.get("checkout")).toBeUndefined();
  });

  test("a form's submit button outside it ('Submit company', tied by form=) is never pressed as a way in", async () => {
    const outcome = await submit("tied");
    expect(outcome).toMatchObject({ status: "failed", reason: "form_not_found" });
    expect(received.get("tied")).toBeUndefined();
  });

  test("'Save as draft' is never pressed for the submit", async () => {
    const outcome = await submit("draft");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(received.get("draft")?.map((p) => p.intent)).toEqual(["publish"]);
  });
});
