import { escapeHtml, page } from "../html.ts";
import type { RequestContext, SiteDefinition } from "../types.ts";
import { categoryOptions, nav } from "./common.ts";

const validationCss = `body{font-family:Roboto,sans-serif;max-width:600px;margin:auto}.row{margin:10px 0}
.row label{display:block}.error{color:#c00;font-size:12px}`;

function validationForm(values: Record<string, string>, errors: Record<string, string>): string {
  const row = (name: string, label: string, type = "text") =>
    `<div class="row"><label for="${name}">${label}</label><input id="${name}" name="${name}" type="${type}" value="${escapeHtml(values[name] ?? "")}"${errors[name] ? ' aria-invalid="true"' : ""}>${errors[name] ? `<span class="error">${escapeHtml(errors[name])}</span>` : ""}</div>`;
  return `<h1>Submit your company</h1>
<form method="post" action="submit" novalidate>
${row("company_name", "Company name")}
${row("email", "Email", "email")}
${row("phone", "Phone", "tel")}
${row("website", "Website", "url")}
${row("address", "Street address")}
${row("city", "City")}
${row("state", "State")}
${row("zip", "ZIP")}
${row("year_founded", "Year founded *")}
<button type="submit">Submit</button>
</form>`;
}

export const serverValidation: SiteDefinition = {
  slug: "server-validation",
  name: "Established Business Registry",
  category: "b2b",
  domainAuthority: 60,
  patterns: ["server validation error"],
  expected: { status: "failed", reason: "validation_error" },
  submissionPath: "submit",
  mapping: {
    company_name: "businessName",
    email: "email",
    phone: "phone",
    website: "website",
    address: "address",
    city: "city",
    state: "state",
    zip: "zip",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Established Business Registry",
          css: validationCss,
          body: `<h1>Established Business Registry</h1><a href="submit">Submit your company</a>`,
        }),
    },
    {
      method: "GET",
      path: "submit",
      handle: () => page({ title: "Submit your company", css: validationCss, body: validationForm({}, {}) }),
    },
    {
      method: "POST",
      path: "submit",
      handle: (ctx) => {
        const errors: Record<string, string> = {};
        if (!/^\d{4}$/.test(ctx.fields.year_founded ?? ""))
          errors.year_founded = "Year founded is required (four digits)";
        if (!ctx.fields.company_name) errors.company_name = "Company name is required";
        ctx.record(ctx.fields, Object.keys(errors).length === 0);
        if (Object.keys(errors).length === 0)
          return page({ title: "Thanks", body: "<h1>Thank you, submission received</h1>" });
        return {
          status: 422,
          body: page({
            title: "Submit your company",
            css: validationCss,
            body: validationForm(ctx.fields, errors),
          }),
        };
      },
    },
  ],
};

export const captcha: SiteDefinition = {
  slug: "captcha",
  name: "ProReviews Directory",
  category: "reviews",
  domainAuthority: 57,
  patterns: ["captcha"],
  requiresCaptcha: true,
  expected: { status: "failed", reason: "captcha_required" },
  submissionPath: "listing/add",
  mapping: { name: "businessName", email: "email", phone: "phone", city: "city" },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "ProReviews",
          body: `<h1>ProReviews Directory</h1><a href="listing/add">Add listing</a>`,
        }),
    },
    {
      method: "GET",
      path: "listing/add",
      handle: () =>
        page({
          title: "Add listing — ProReviews",
          body: `<h1>Add listing</h1><form method="post" action="add">
<p><label for="n">Business name</label> <input id="n" name="name"></p>
<p><label for="e">Email</label> <input id="e" name="email" type="email"></p>
<p><label for="p">Phone</label> <input id="p" name="phone"></p>
<p><label for="c">City</label> <input id="c" name="city"></p>
<div class="g-recaptcha" data-sitekey="6Lc-sandbox-not-a-real-key"><iframe title="reCAPTCHA" src="../captcha/anchor" width="304" height="78" style="border:0"></iframe></div>
<p><button type="submit">Add listing</button></p></form>`,
        }),
    },
    {
      method: "GET",
      path: "captcha/anchor",
      handle: () =>
        page({
          title: "reCAPTCHA",
          css: `body{margin:0;font:14px sans-serif}.box{border:1px solid #d3d3d3;background:#f9f9f9;padding:20px;display:flex;gap:10px}`,
          body: `<div class="box"><input type="checkbox" id="rc"> <label for="rc">I'm not a robot</label></div>`,
        }),
    },
    {
      method: "POST",
      path: "listing/add",
      handle: (ctx) => {
        ctx.record(ctx.fields, false);
        return {
          status: 400,
          body: page({ title: "Error", body: `<p class="error">Please complete the captcha.</p>` }),
        };
      },
    },
  ],
};

export const emailVerify: SiteDefinition = {
  slug: "email-verify",
  name: "Verified Local",
  category: "general",
  domainAuthority: 54,
  patterns: ["email verification"],
  requiresEmailVerification: true,
  expected: { status: "failed", reason: "email_verification" },
  submissionPath: "claim",
  mapping: { business: "businessName", email: "email", phone: "phone", zip: "zip" },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Verified Local",
          body: `<h1>Verified Local</h1><a href="claim">Add or claim your business</a>`,
        }),
    },
    {
      method: "GET",
      path: "claim",
      handle: () =>
        page({
          title: "Add your business — Verified Local",
          body: `<h1>Add your business</h1><form method="post" action="claim">
<label>Business <input name="business"></label><br>
<label>Work email <input name="email" type="email"></label><br>
<label>Phone <input name="phone" type="tel"></label><br>
<label>ZIP <input name="zip"></label><br>
<button>Continue</button></form>`,
        }),
    },
    {
      method: "POST",
      path: "claim",
      handle: (ctx) => {
        ctx.record(ctx.fields, true);
        const email = (ctx.fields.email ?? "").trim();
        // Like a real directory: the listing waits for the link mailed to the address it was given.
        if (/^[^@\s]+@[^@\s]+$/.test(email)) {
          const link = `${ctx.base}confirm?token=${ctx.links.issue("email-verify", email)}`;
          ctx.sendMail({
            from: '"Verified Local" <listings@verified-local.example>',
            to: email,
            subject: "Confirm your listing on Verified Local",
            text: `Hello,\n\nThanks for adding ${ctx.fields.business ?? "your business"} to Verified Local.\nConfirm your listing: ${link}\n\nNot you? Ignore this mail.\nUnsubscribe: ${ctx.base}unsubscribe\n`,
            html: `<p>Thanks for adding <b>${escapeHtml(ctx.fields.business ?? "your business")}</b> to Verified Local.</p><p><a href="${escapeHtml(link)}">Confirm my listing</a></p><p><a href="${ctx.base}unsubscribe">Unsubscribe</a> · <a href="https://www.facebook.com/verifiedlocal">Facebook</a></p>`,
          });
        }
        return page({
          title: "Almost done",
          body: `<h1>Almost done!</h1><p>Check your email to verify your listing. We sent a confirmation link to ${escapeHtml(email)}.</p>`,
        });
      },
    },
    {
      method: "GET",
      path: "confirm",
      handle: (ctx) => {
        const spent = ctx.links.spend("email-verify", ctx.query.get("token") ?? "");
        const answers = {
          confirmed:
            "<h1>Thank you!</h1><p>Your email address has been confirmed. Your listing is now published.</p>",
          used: "<h1>Link already used</h1><p>This confirmation link has already been used.</p>",
          expired:
            "<h1>Link expired</h1><p>This confirmation link has expired. Please submit your business again.</p>",
          unknown: "<h1>Invalid link</h1><p>This confirmation link is invalid.</p>",
        } as const;
        return page({ title: "Verified Local", body: answers[spent] });
      },
    },
  ],
};

export const http500: SiteDefinition = {
  slug: "http-500",
  name: "QuickList USA",
  category: "general",
  domainAuthority: 51,
  patterns: ["server error"],
  expected: { status: "failed", reason: "http_error" },
  submissionPath: "add",
  mapping: {
    bizname: "businessName",
    email: "email",
    phone: "phone",
    website: "website",
    category: "category",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({ title: "QuickList USA", body: `<h1>QuickList USA</h1><a href="add">Add free listing</a>` }),
    },
    {
      method: "GET",
      path: "add",
      handle: () =>
        page({
          title: "Add free listing",
          body: `<h1>Add a free listing</h1><form method="post" action="add">
<p><label for="b">Business Name</label><input id="b" name="bizname"></p>
<p><label for="e">Email</label><input id="e" name="email"></p>
<p><label for="p">Phone</label><input id="p" name="phone"></p>
<p><label for="w">Website</label><input id="w" name="website"></p>
<p><label for="c">Category</label><select id="c" name="category">${categoryOptions("Select…")}</select></p>
<p><input type="submit" value="Add my listing"></p></form>`,
        }),
    },
    {
      method: "POST",
      path: "add",
      handle: (ctx) => {
        ctx.record(ctx.fields, false);
        return {
          status: 500,
          body: page({
            title: "Thank you",
            body: `<h1>Thank you for your submission!</h1><!-- PHP Fatal error: database gone away -->`,
          }),
        };
      },
    },
  ],
};

export const noForm: SiteDefinition = {
  slug: "no-form",
  name: "Local Business Journal",
  category: "news",
  domainAuthority: 48,
  patterns: ["no form"],
  expected: { status: "failed", reason: "form_not_found" },
  submissionPath: "articles/get-listed",
  mapping: {},
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Local Business Journal",
          body: `<h1>Local Business Journal</h1><a href="articles/get-listed">How to get listed</a>`,
        }),
    },
    {
      method: "GET",
      path: "articles/get-listed",
      handle: () =>
        page({
          title: "How to get your business listed",
          body: `<header><form role="search" action="/no-form/search"><input type="search" name="q" aria-label="Search articles"><button>Search</button></form></header>
<article><h1>How to get your business listed</h1>
<p>We no longer accept listing submissions online. Partners can reach our editors by mail.</p>
<p>${nav([
            ["../", "Home"],
            ["../archive", "Archive"],
            ["../contact", "Contact"],
          ])}</p></article>
<aside><h3>Newsletter</h3><form action="/no-form/newsletter" method="post"><input type="email" name="email" placeholder="Your email"><button>Subscribe</button></form></aside>`,
        }),
    },
  ],
};

function signIn(ctx: RequestContext) {
  return page({
    title: "Sign in — BizHub",
    body: `<h1>Sign in to add your business</h1><p>You need a BizHub account to add or manage listings.</p>
<form method="post" action="${ctx.base}login"><label>Email <input name="email" type="email"></label>
<label>Password <input name="password" type="password"></label><button>Sign in</button></form>
<p>New here? <a href="#">Create an account</a></p>`,
  });
}

export const login: SiteDefinition = {
  slug: "login",
  name: "BizHub",
  category: "general",
  domainAuthority: 45,
  patterns: ["login wall"],
  requiresLogin: true,
  expected: { status: "failed", reason: "login_required" },
  submissionPath: "listings/new",
  mapping: {},
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({ title: "BizHub", body: `<h1>BizHub</h1><a href="listings/new">Add your business</a>` }),
    },
    { method: "GET", path: "listings/new", handle: signIn },
    {
      method: "POST",
      path: "login",
      handle: (ctx) => {
        ctx.record({ email: ctx.fields.email ?? "" }, false);
        return { status: 401, body: signIn(ctx) };
      },
    },
  ],
};
