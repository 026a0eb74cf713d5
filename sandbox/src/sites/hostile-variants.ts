import { escapeHtml, page } from "../html.ts";
import type { SiteDefinition } from "../types.ts";
import { missing } from "./common.ts";

/**
 * More pages that fight back, beside `hostile.ts`: a rate limit on the form page itself, a
 * "200 OK" that is an error under a banner already thanking the visitor, and a script that
 * freezes the page while the form is being filled, not after the submit.
 */

// ── 1. The form page itself answers 429 with Retry-After (an edge's rate limit) ──────────────────

const edgeCss = `body{font-family:-apple-system,"Segoe UI",sans-serif;margin:0;background:#fff;color:#404040}
.cf-wrapper{max-width:760px;margin:60px auto;padding:0 24px}.cf-error-code{font-size:15px;color:#999}
h1{font-weight:300;font-size:40px;margin:8px 0}.cf-footer{border-top:1px solid #ddd;margin-top:40px;padding-top:12px;font-size:13px;color:#999}`;

export const rateLimitedPage: SiteDefinition = {
  slug: "rate-limited-page",
  name: "CitationHub",
  category: "general",
  domainAuthority: 64,
  patterns: ["429 with Retry-After on the form page"],
  expected: { status: "failed", reason: "rate_limited" },
  submissionPath: "submit",
  mapping: {},
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "CitationHub",
          body: `<h1>CitationHub</h1><p><a href="submit">Submit your business</a></p>`,
        }),
    },
    {
      method: "GET",
      path: "submit",
      handle: () => ({
        status: 429,
        headers: { "retry-after": "3600" },
        body: page({
          title: "Access denied | citationhub.test used a security service to protect itself",
          css: edgeCss,
          body: `<div class="cf-wrapper"><span class="cf-error-code">Error 1015</span>
<h1>You are being rate limited</h1>
<p>The owner of this website (citationhub.test) has banned you temporarily from accessing this website.</p>
<div class="cf-footer">Ray ID: 8c1f2e3d4a5b6c7d · Your IP: 127.0.0.1 · Performance &amp; security by an edge network</div></div>`,
        }),
      }),
    },
  ],
};

// ── 2. HTTP 200 whose page is an error, from a back end stricter than its form ───────────────────

const lyingCss = `body{font-family:Helvetica,Arial,sans-serif;margin:0;background:#f2f2f2}.promo{background:#0a7;color:#fff;text-align:center;padding:6px}
.wrap{max-width:600px;margin:20px auto;background:#fff;padding:22px}.wrap label{display:block;margin-top:10px;font-weight:bold}
.wrap input,.wrap textarea{width:100%;padding:8px;box-sizing:border-box}.alert{padding:12px 16px;margin:12px 0;border-radius:4px}
.alert-error{background:#fdecea;border:1px solid #f5c2c0;color:#8a1f11}button{margin-top:14px;padding:10px 22px}`;

const minDescription = 120;

function lyingForm(values: Record<string, string>, alert: string): string {
  const v = (n: string) => escapeHtml(values[n] ?? "");
  return `<div class="promo">Thanks for choosing BizListings Pro — now with 2 million monthly visitors!</div>
<div class="wrap"><h1>Add a listing</h1>${alert}
<form method="post" action="add">
<label for="bn">Business name</label><input id="bn" name="business" value="${v("business")}">
<label for="em">Email</label><input id="em" name="email" value="${v("email")}">
<label for="ph">Phone</label><input id="ph" name="phone" value="${v("phone")}">
<label for="ad">Address</label><input id="ad" name="address" value="${v("address")}">
<label for="ct">City</label><input id="ct" name="city" value="${v("city")}">
<label for="st">State</label><input id="st" name="state" value="${v("state")}">
<label for="zp">Zip</label><input id="zp" name="zip" value="${v("zip")}">
<label for="ds">Description</label><textarea id="ds" name="description" rows="4">${v("description")}</textarea>
<button type="submit">Add listing</button>
</form></div>`;
}

export const lying200Strict: SiteDefinition = {
  slug: "lying-200-strict",
  name: "BizListings Pro",
  category: "general",
  domainAuthority: 42,
  patterns: ["error page with HTTP 200", "stricter than its form"],
  expected: { status: "failed", reason: "validation_error" },
  submissionPath: "add",
  mapping: {
    business: "businessName",
    email: "email",
    phone: "phone",
    address: "address",
    city: "city",
    state: "state",
    zip: "zip",
    description: "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "BizListings Pro",
          css: lyingCss,
          body: `<div class="wrap"><h1>BizListings Pro</h1><a href="add">Add a listing</a></div>`,
        }),
    },
    {
      method: "GET",
      path: "add",
      handle: () =>
        page({ title: "Add a listing — BizListings Pro", css: lyingCss, body: lyingForm({}, "") }),
    },
    {
      method: "POST",
      path: "add",
      handle: (ctx) => {
        // The form says nothing about it, but the back end wants a long description.
        const problems = missing(ctx.fields, {
          business: "Business name is required.",
          email: "Email is required.",
        });
        if ((ctx.fields.description ?? "").trim().length < minDescription)
          problems.push(`Description must be at least ${minDescription} characters.`);
        ctx.record(ctx.fields, problems.length === 0);
        if (problems.length === 0)
          return page({
            title: "Listing added",
            css: lyingCss,
            body: `<div class="wrap"><h1>Your listing was added.</h1></div>`,
          });
        const alert = `<div class="alert alert-error"><strong>Error: your submission could not be processed.</strong><ul>${problems
          .map((p) => `<li>${escapeHtml(p)}</li>`)
          .join("")}</ul></div>`;
        return page({
          title: "Add a listing — BizListings Pro",
          css: lyingCss,
          body: lyingForm(ctx.fields, alert),
        });
      },
    },
  ],
};

// ── 3. An address autocomplete whose loop never gives the page back ──────────────────────────────

const spinCss = `body{font-family:Arial,sans-serif;margin:2rem}label{display:block;margin:.6rem 0}input{width:320px;padding:6px}
.suggest{border:1px solid #ccc;max-width:330px;display:none}`;

export const cpuSpinnerAutocomplete: SiteDefinition = {
  slug: "cpu-spinner-autocomplete",
  name: "QuickPlace Listings",
  category: "general",
  // Below every site that is not a timeout: the throughput benchmark leaves the spinners out by
  // asking for a package that many directories smaller than the catalog.
  domainAuthority: 40,
  patterns: ["address autocomplete spins forever while the form is filled"],
  expected: { status: "failed", reason: "timeout" },
  submissionPath: "new",
  mapping: { name: "businessName", email: "email", phone: "phone", address: "address", city: "city" },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({ title: "QuickPlace", css: spinCss, body: `<h1>QuickPlace</h1><a href="new">Add a place</a>` }),
    },
    {
      method: "GET",
      path: "new",
      handle: () =>
        page({
          title: "Add a place — QuickPlace",
          css: spinCss,
          body: `<h1>Add a place</h1>
<form method="post" action="new">
<label>Business name <input name="name"></label>
<label>Email <input name="email" type="email"></label>
<label>Phone <input name="phone" type="tel"></label>
<label>Address <input name="address" id="address" autocomplete="off"></label><div class="suggest" id="suggest"></div>
<label>City <input name="city"></label>
<button type="submit">Add place</button>
</form>
<script>
// An address autocomplete whose matching loop never ends: once it starts, the page is frozen.
const cache = [];
function suggest(text) {
  let i = 0;
  while (cache.length === 0 || cache[i % cache.length] !== text) i++;
}
document.getElementById("address").addEventListener("input", (e) => suggest(e.target.value));
setTimeout(() => suggest("warm-up"), 1500);
</script>`,
        }),
    },
    {
      method: "POST",
      path: "new",
      handle: (ctx) => {
        ctx.record(ctx.fields, true);
        return page({ title: "Added", css: spinCss, body: `<h1>Thanks, your place was added.</h1>` });
      },
    },
  ],
};

export const hostileVariantSites: readonly SiteDefinition[] = [
  rateLimitedPage,
  lying200Strict,
  cpuSpinnerAutocomplete,
];
