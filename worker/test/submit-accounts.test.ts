import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CustomerFields } from "@autobolt/contract";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { launchBrowser } from "../src/browser.ts";
import { passwordFor } from "../src/submit/account.ts";
import { type SubmissionOutcome, type SubmitDirectoryArgs, submitDirectory } from "../src/submit/index.ts";

/*
 * Directory accounts on forms other than the sandbox's: a registration whose password box takes
 * 12 letters or digits and asks for a user name, and an email-first one (address, then password)
 * opened in a dialog, with an email-first sign-in after activation. The account the worker reports
 * must be the one the site has, or nobody can ever sign in with it.
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
const campaign = "bluebird-k3q7@inbox.example.test";

const html = (body: string) => `<!doctype html><html lang="en"><body>${body}</body></html>`;
const listingForm = (site: string) =>
  html(`<h1>Add your business</h1><form method="post" action="/${site}/listing">
<label>Business name <input name="name"></label> <label>Phone <input name="phone" type="tel"></label>
<label>City <input name="city"></label><button>Publish listing</button></form>`);

/** Posts each site received, by path; accounts each site holds, by address. */
const received = new Map<string, Array<Record<string, string>>>();
const accounts = new Map<string, { password: string; username?: string; active: boolean }>();

function cookieOf(header: string | undefined, name: string): string | undefined {
  const pair = (header ?? "").split(/;\s*/).find((p) => p.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : undefined;
}

type Answer = { status?: number; body?: string; headers?: Record<string, string> };

function answer(path: string, post: Record<string, string>, cookie: string | undefined): Answer {
  switch (path) {
    // A register form that asks for a user name and takes a password of 8 to 12 letters or digits.
    case "GET /short/add":
      if (cookieOf(cookie, "short_user")) return { body: listingForm("short") };
      return {
        body: html(`<h1>Sign in to add your business</h1><form method="post" action="/short/login">
<label>Email <input type="email" name="email" autocomplete="username"></label>
<label>Password <input type="password" name="pw" autocomplete="current-password"></label><button>Sign in</button></form>
<p>No account? <a href="/short/register">Register</a></p>`),
      };
    case "GET /short/register":
      return {
        body: html(`<h1>Register</h1><form method="post" action="/short/register">
<p><label>Username <input name="user"></label></p><p><label>Email <input type="email" name="mail"></label></p>
<p><label>Password <input type="password" name="p1" maxlength="12" pattern="[A-Za-z0-9]{8,12}" autocomplete="new-password"></label></p>
<p><label>Confirm password <input type="password" name="p2" maxlength="12"></label></p>
<p><label><input type="checkbox" name="terms" value="1"> I accept the terms of use</label></p><button>Create account</button></form>`),
      };
    case "POST /short/register": {
      if (!/^[A-Za-z0-9]{8,12}$/.test(post.p1 ?? "") || post.p1 !== post.p2 || post.terms !== "1")
        return {
          status: 422,
          body: html("<h1>Register</h1><p>Please correct the errors: invalid password.</p>"),
        };
      accounts.set(post.mail ?? "", { password: post.p1 ?? "", username: post.user ?? "", active: true });
      return { status: 303, headers: { location: "/short/add", "set-cookie": `short_user=${post.user}` } };
    }
    // Email first, in a dialog: the address, then a password on the next page, then a mailed link.
    case "GET /step/add":
      if (cookieOf(cookie, "step_user")) return { body: listingForm("step") };
      return {
        body: html(`<h1>Log in to list your business</h1>
<form method="post" action="/step/login-email"><label>Email address <input type="email" name="email"></label><button>Next</button></form>
<p>New to StepDir? <button type="button" id="join">Create an account</button></p>
<dialog id="dialog"><form method="post" action="/step/join"><h2>Create your account</h2>
<label>Email <input type="email" name="email"></label><button>Continue</button></form></dialog>
<script>document.getElementById("join").onclick = () => document.getElementById("dialog").showModal();</script>`),
      };
    case "POST /step/join":
      return {
        body: html(`<h1>Choose a password</h1><form method="post" action="/step/join-password">
<input type="hidden" name="email" value="${post.email ?? ""}">
<label>Password <input type="password" name="pw" minlength="10" autocomplete="new-password"></label><button>Create account</button></form>`),
      };
    case "POST /step/join-password":
      accounts.set(post.email ?? "", { password: post.pw ?? "", active: false });
      return {
        body: html(
          `<h1>Almost done</h1><p>We sent an activation link to ${post.email}. Check your inbox to activate your account.</p>`,
        ),
      };
    case "POST /step/login-email":
      return {
        body: html(`<h1>Welcome back</h1><form method="post" action="/step/login-password">
<input type="hidden" name="email" value="${post.email ?? ""}">
<label>Password <input type="password" name="pw" autocomplete="current-password"></label><button>Sign in</button></form>`),
      };
    case "POST /step/login-password": {
      const account = accounts.get(post.email ?? "");
      if (!account?.active || account.password !== post.pw)
        return {
          body: html(`<h1>Welcome back</h1><p>Incorrect password.</p><form method="post" action="/step/login-password">
<input type="hidden" name="email" value="${post.email ?? ""}"><label>Password <input type="password" name="pw"></label><button>Sign in</button></form>`),
        };
      return { status: 303, headers: { location: "/step/add", "set-cookie": `step_user=${post.email}` } };
    }
    case "POST /short/listing":
    case "POST /step/listing":
      if (!cookieOf(cookie, path.includes("short") ? "short_user" : "step_user"))
        return { status: 403, body: html("<p>Please sign in first.</p>") };
      return { body: html("<h1>Your listing has been published.</h1>") };
    default:
      return { status: 404, body: html("<h1>Not found</h1>") };
  }
}

let server: Server;
let base = "";
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = `${req.method} ${new URL(req.url ?? "/", "http://localhost").pathname}`;
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const post = Object.fromEntries(new URLSearchParams(body));
      if (req.method === "POST") received.set(path, [...(received.get(path) ?? []), post]);
      const reply = answer(path, post, req.headers.cookie);
      res
        .writeHead(reply.status ?? 200, { "content-type": "text/html", ...reply.headers })
        .end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser({});
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});
beforeEach(() => {
  received.clear();
  accounts.clear();
});

async function submit(site: string, account: SubmitDirectoryArgs["account"]): Promise<SubmissionOutcome> {
  const context = await browser.newContext();
  try {
    return await submitDirectory({
      context,
      directory: { id: site, name: site, submissionUrl: `${base}/${site}/add`, recipe: null },
      customer: { ...customer, email: campaign },
      ...(account ? { account } : {}),
      timeoutMs: 30_000,
    });
  } finally {
    await context.close();
  }
}

describe("[ACCOUNTS]: the password fits the form's rules", () => {
  test("a maxlength and a letters-and-digits pattern are kept; no rules keep 20 characters with symbols", () => {
    const short = passwordFor([{ maxLength: 12, pattern: "[A-Za-z0-9]{8,12}" }]);
    expect(short).toMatch(/^[A-Za-z0-9]{12}$/);
    const free = passwordFor([{ maxLength: -1, pattern: "" }]);
    expect(free).toHaveLength(20);
    expect(free).toMatch(/[^A-Za-z0-9]/);
    // A pattern the browser cannot compile is ignored by it, and so here.
    expect(passwordFor([{ maxLength: 0, pattern: "([" }])).toHaveLength(20);
  });
});

describe("[ACCOUNTS]: registration forms the sandbox does not have", () => {
  test("a user name and a 12-character password: the account reported is the one the site keeps", async () => {
    const outcome = await submit("short", { mode: "register", email: campaign });
    expect(outcome, outcome.errorMessage).toMatchObject({ status: "submitted" });
    const [registered] = received.get("POST /short/register") ?? [];
    expect(registered?.p1).toHaveLength(12);
    expect(outcome.account).toEqual({
      email: campaign,
      password: registered?.p1,
      username: registered?.user,
    });
    expect(received.get("POST /short/listing")).toHaveLength(1);
  });

  test("email first, in a dialog: address, then password, then the activation mail; signing in later takes two pages too", async () => {
    const outcome = await submit("step", { mode: "register", email: campaign });
    expect(outcome, outcome.errorMessage).toMatchObject({ status: "failed", reason: "email_verification" });
    const [chosen] = received.get("POST /step/join-password") ?? [];
    expect(outcome.account).toEqual({ email: campaign, password: chosen?.pw });
    expect(received.get("POST /step/login-email")).toBeUndefined();

    // The mail's link was followed: the account works, and the worker signs in with what it kept.
    const account = accounts.get(campaign);
    if (!account || !outcome.account) throw new Error("no account was made");
    account.active = true;
    const wrong = await submit("step", {
      mode: "signIn",
      credentials: { ...outcome.account, password: "not-the-password-1A!" },
    });
    expect(wrong).toMatchObject({ status: "failed", reason: "login_required" });
    expect(wrong.errorMessage).toMatch(/refused/);
    const listed = await submit("step", { mode: "signIn", credentials: outcome.account });
    expect(listed, listed.errorMessage).toMatchObject({ status: "submitted" });
    expect(received.get("POST /step/listing")).toHaveLength(1);
  });
});
