import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { launchBrowser } from "../src/browser.ts";
import { followLink } from "../src/follow-ups.ts";
import { passwordFor } from "../src/submit/account.ts";
import { type SubmissionOutcome, type SubmitDirectoryArgs, submitDirectory } from "../src/submit/index.ts";
import { BrowserHost } from "../src/watchdog.ts";
import { customer, followUpTask } from "./support.ts";

/*
 * Directory accounts on forms other than the sandbox's: a registration whose password box takes
 * 12 letters or digits and asks for a user name, and an email-first one (address, then password)
 * opened in a dialog, with an email-first sign-in after activation. The account the worker reports
 * must be the one the site has, or nobody can ever sign in with it.
 */
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
    // Sign in and register as two tabs of one panel, the register tab hidden until chosen; the
    // password box has a show/hide button beside it, and one password only.
    case "GET /tabs/add":
      if (cookieOf(cookie, "tabs_user")) return { body: listingForm("tabs") };
      return {
        body: html(`<h1>Your account</h1><p>Please log in to add your business.</p>
<div role="tablist"><button role="tab" id="t1" aria-selected="true">Log in</button><button role="tab" id="t2">Sign up</button></div>
<div role="tabpanel" id="p1"><form method="post" action="/tabs/login"><label>Email <input type="email" name="email"></label>
<label>Password <input type="password" name="pw"></label><button>Log in</button></form></div>
<div role="tabpanel" id="p2" hidden><form method="post" action="/tabs/register"><label>Email <input type="email" name="email"></label>
<label>Choose a password <input type="password" name="pw" id="pw2" autocomplete="new-password"></label>
<button type="button" onclick="pw2.type = pw2.type === 'password' ? 'text' : 'password'">Show</button>
<label><input type="checkbox" name="terms" value="1"> I agree to the terms</label><button type="submit">Sign up</button></form></div>
<script>t1.onclick = () => { p1.hidden = false; p2.hidden = true; }; t2.onclick = () => { p1.hidden = true; p2.hidden = false; };</script>`),
      };
    case "POST /tabs/register":
      if (!post.pw || post.terms !== "1")
        return { body: html("<p>Please fill in every required field.</p>") };
      accounts.set(post.email ?? "", { password: post.pw, active: true });
      return { status: 303, headers: { location: "/tabs/add", "set-cookie": `tabs_user=${post.email}` } };
    // WordPress's own registration: a user name and an address, no password; the mail's link opens
    // a page to choose one (with the site's suggestion already in the box).
    case "GET /wp/add":
      if (cookieOf(cookie, "wp_user")) return { body: listingForm("wp") };
      return {
        body: html(`<h1>Submit a listing</h1><p>You must be logged in to submit a listing.</p>
<form method="post" action="/wp/login"><label>Username or Email Address <input name="log"></label>
<label>Password <input type="password" name="pwd"></label><button>Log In</button></form>
<p><a href="/wp/register">Register</a> | <a href="/wp/lost">Lost your password?</a></p>`),
      };
    case "GET /wp/register":
      return {
        body: html(`<h1>Register For This Site</h1><form method="post" action="/wp/register">
<p><label for="user_login">Username</label><input id="user_login" name="user_login"></p>
<p><label for="user_email">Email</label><input id="user_email" type="email" name="user_email"></p>
<p>Registration confirmation will be emailed to you.</p><button>Register</button></form>`),
      };
    case "POST /wp/register":
      accounts.set(post.user_email ?? "", { password: "", username: post.user_login ?? "", active: false });
      return {
        body: html("<p>Registration complete. Please check your email, then visit the login page.</p>"),
      };
    case "GET /wp/set-password":
      return {
        body: html(`<h1>Reset Password</h1><p>Enter your new password below or generate one.</p>
<form method="post" action="/wp/set-password"><input type="hidden" name="login" value="x">
<label for="pass1">New password</label><input id="pass1" name="pass1" type="password" autocomplete="new-password" value="S1teSuggest!on9">
<button>Save Password</button></form>`),
      };
    case "POST /wp/set-password": {
      const account = [...accounts.values()].find((a) => a.username !== undefined && !a.active);
      if (!account || (post.pass1 ?? "").length < 12)
        return { body: html("<p>Error: the password is too short.</p>") };
      account.password = post.pass1 ?? "";
      account.active = true;
      return { body: html('<p>Your password has been reset. <a href="/wp/add">Log in</a></p>') };
    }
    case "POST /wp/login": {
      const account = [...accounts.entries()].find(
        ([email, a]) =>
          (email === post.log || a.username === post.log) && a.active && a.password === post.pwd,
      );
      if (!account) return { body: html("<p>Error: The password you entered is incorrect.</p>") };
      return { status: 303, headers: { location: "/wp/add", "set-cookie": `wp_user=${account[0]}` } };
    }
    case "POST /wp/listing":
    case "POST /tabs/listing":
    case "POST /short/listing":
    case "POST /step/listing":
      if (!cookieOf(cookie, `${path.split("/")[1]}_user`))
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

  test("sign-up as the hidden tab beside the sign-in, one password with a show button: registered, then listed", async () => {
    const outcome = await submit("tabs", { mode: "register", email: campaign });
    expect(outcome, outcome.errorMessage).toMatchObject({ status: "submitted" });
    const [registered] = received.get("POST /tabs/register") ?? [];
    expect(outcome.account).toEqual({ email: campaign, password: registered?.pw });
    expect(received.get("POST /tabs/login")).toBeUndefined();
    expect(received.get("POST /tabs/listing")).toHaveLength(1);
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

describe("[ACCOUNTS]: a registration that mails the way to set the password (WordPress's)", () => {
  test("registered with a user name only; the mail's link gets the account's own password, then the listing goes in", async () => {
    const outcome = await submit("wp", { mode: "register", email: campaign });
    expect(outcome, outcome.errorMessage).toMatchObject({ status: "failed", reason: "email_verification" });
    const [registered] = received.get("POST /wp/register") ?? [];
    expect(registered).toMatchObject({ user_email: campaign });
    const made = outcome.account;
    if (!made) throw new Error("no account reported");
    expect(made).toMatchObject({ email: campaign, username: registered?.user_login });
    expect(made.password.length).toBeGreaterThanOrEqual(12);

    // The inbox's follow-up: the link from the mail, with the account kept for this result.
    const task = followUpTask({
      kind: "confirm_email",
      link: `${base}/wp/set-password?key=k1&login=${registered?.user_login}`,
      directoryUrl: `${base}/wp/`,
      submissionUrl: `${base}/wp/add`,
      formEmail: campaign,
      account: { email: made.email, username: made.username ?? null, password: made.password },
    });
    const verdict = await followLink(
      new BrowserHost(browser, () => launchBrowser({}), pino({ level: "silent" })),
      task,
      {
        timeoutMs: 20_000,
        screenshot: async () => undefined,
        submit: submitDirectory,
      },
    );
    expect(verdict, verdict.errorMessage).toMatchObject({ outcome: "confirmed" });
    expect(received.get("POST /wp/set-password")?.[0]?.pass1).toBe(made.password);
    expect(received.get("POST /wp/listing")).toHaveLength(1);
  });
});
