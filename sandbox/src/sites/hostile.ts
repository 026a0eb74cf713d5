import type { SiteDefinition } from "../types.ts";
import { formSite } from "./builder.ts";

/**
 * Pages that fight back: they refuse politely or not, lie about how it went, never finish, or
 * spin the CPU. None of them may stall a worker or end as a false "submitted".
 */

const css = `body{font-family:system-ui;margin:2rem auto;max-width:560px}label{display:block;margin-top:.5rem}input,textarea{width:100%}`;
const basicForm = (action: string, button: string) => `<form method=post action="${action}">
<label>Business name<input name=business_name></label><label>Phone<input name=phone type=tel></label>
<label>Email<input name=email type=email></label><label>Website<input name=website></label>
<label>City<input name=city></label><button>${button}</button></form>`;
const basicMapping = {
  business_name: "businessName",
  phone: "phone",
  email: "email",
  website: "website",
  city: "city",
} as const;

export const duplicate = formSite({
  slug: "duplicate",
  name: "Yellow Directory Online",
  domainAuthority: 47,
  patterns: ["duplicate listing ('already exists')"],
  css,
  submissionPath: "add",
  form: `<h1>Add a free listing</h1>${basicForm("add", "Add listing")}`,
  expected: { status: "failed", reason: "duplicate_listing" },
  mapping: basicMapping,
  required: { business_name: "Business name", phone: "Phone" },
  thanks: "",
  answer: () =>
    `<!doctype html><html><body><h1>Add a free listing</h1><div class="alert alert-warning" role=alert>A listing with this phone number already exists. <a href="claim">Claim your listing</a> to manage it.</div></body></html>`,
});

export const rateLimited = formSite({
  slug: "rate-limited",
  name: "FastPages",
  domainAuthority: 46,
  patterns: ["429 Too Many Requests with Retry-After"],
  css,
  submissionPath: "submit",
  form: `<h1>Submit your business</h1>${basicForm("submit", "Submit")}`,
  expected: { status: "failed", reason: "rate_limited" },
  mapping: basicMapping,
  required: { business_name: "Business name" },
  thanks: "",
  answer: () => ({
    status: 429,
    headers: { "retry-after": "3600" },
    body: "<!doctype html><html><body><h1>Too many requests</h1><p>You have made too many submissions. Please try again later.</p></body></html>",
  }),
});

export const lying200 = formSite({
  slug: "lying-200",
  name: "BizSpot",
  domainAuthority: 44,
  patterns: ["an error page answered with 200"],
  css,
  submissionPath: "list-your-business",
  form: `<h1>List your business</h1>${basicForm("list-your-business", "Submit listing")}`,
  expected: { status: "failed", reason: "validation_error" },
  mapping: basicMapping,
  required: { business_name: "Business name" },
  thanks: "",
  answer: () =>
    `<!doctype html><html><body><h1>List your business</h1><div class="alert alert-danger">Error: your submission could not be processed. Please enter a valid phone number.</div>${basicForm("list-your-business", "Submit listing")}</body></html>`,
});

export const cpuSpinner = formSite({
  slug: "cpu-spinner",
  name: "Infinite Local",
  // The weakest site, so a package one smaller than the catalog leaves it out (the worker
  // benchmark measures throughput without a directory that costs exactly its timeout).
  domainAuthority: 41,
  patterns: ["page script spins the CPU forever after submit"],
  css,
  submissionPath: "add",
  form: `<h1>Add your business</h1>${basicForm("add", "Add business")}
<script>document.forms[0].addEventListener('submit', (e) => { e.preventDefault(); for (;;) {} });</script>`,
  expected: { status: "failed", reason: "timeout" },
  mapping: basicMapping,
  required: { business_name: "Business name" },
  thanks: "Thanks!",
});

export const hangingAsset = formSite({
  slug: "hanging-asset",
  name: "Slowpoke Listings",
  domainAuthority: 43,
  patterns: ["a script and an image that never finish loading"],
  css,
  submissionPath: "add",
  form: `<h1>Add your business</h1><img src="pixel.gif" alt="" width=1 height=1>${basicForm("add", "Add listing")}
<script async src="tracker.js"></script>`,
  mapping: basicMapping,
  required: { business_name: "Business name", email: "Email" },
  thanks: "Thank you, your listing has been received.",
  routes: [
    {
      method: "GET",
      path: "pixel.gif",
      handle: () => ({ contentType: "image/gif", body: "GIF89a", hold: true }),
    },
    {
      method: "GET",
      path: "tracker.js",
      handle: () => ({ contentType: "text/javascript", body: "// ", hold: true }),
    },
  ],
});

export const hostileSites: readonly SiteDefinition[] = [
  duplicate,
  rateLimited,
  lying200,
  cpuSpinner,
  hangingAsset,
];
