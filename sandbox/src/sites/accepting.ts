import { usStates } from "@autobolt/contract";
import { escapeHtml, page } from "../html.ts";
import type { RequestContext, SiteDefinition } from "../types.ts";
import { categoryOptions, missing, nav } from "./common.ts";

const plainCss = `body{font-family:Georgia,serif;max-width:760px;margin:2rem auto;color:#222}
label{display:block;margin-top:.8rem;font-weight:bold}input,select,textarea{width:100%;padding:.4rem}
header{border-bottom:3px solid #8b0000;margin-bottom:1rem}`;

function refused(title: string, css: string, problems: string[], ctx: RequestContext) {
  return {
    status: 400,
    body: page({
      title,
      css,
      body: `<h1>${escapeHtml(title)}</h1><ul class="errors">${problems
        .map((p) => `<li role="alert">${escapeHtml(p)} is required</li>`)
        .join("")}</ul><p><a href="${ctx.base}">Back</a></p>`,
    }),
  };
}

export const plain: SiteDefinition = {
  slug: "plain",
  name: "Metro Business Pages",
  category: "general",
  domainAuthority: 90,
  patterns: ["plain HTML", "search form beside"],
  expected: { status: "submitted" },
  submissionPath: "add-listing",
  mapping: {
    business_name: "businessName",
    email: "email",
    phone: "phone",
    website: "website",
    address: "address",
    city: "city",
    state: "state",
    zip: "zip",
    description: "description",
    category: "category",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Metro Business Pages — find local businesses",
          css: plainCss,
          body: `<header><h1>Metro Business Pages</h1>${nav([["add-listing", "Add your business"]])}</header>
<form role="search" action="search"><input type="search" name="q" placeholder="Search businesses"><button>Search</button></form>
<p>Over 40,000 local businesses, reviewed by your neighbours.</p>`,
        }),
    },
    {
      method: "GET",
      path: "add-listing",
      handle: () =>
        page({
          title: "Add your business — Metro Business Pages",
          css: plainCss,
          body: `<header><h1>Add your business</h1></header>
<form method="post" action="add-listing">
<label for="business_name">Business name</label><input id="business_name" name="business_name" required>
<label for="email">Email</label><input id="email" name="email" type="email" required>
<label for="phone">Phone</label><input id="phone" name="phone">
<label for="website">Website</label><input id="website" name="website">
<label for="address">Address</label><input id="address" name="address">
<label for="city">City</label><input id="city" name="city">
<label for="state">State</label><input id="state" name="state">
<label for="zip">ZIP</label><input id="zip" name="zip">
<label for="category">Category</label><select id="category" name="category">${categoryOptions("Choose a category")}</select>
<label for="description">Description</label><textarea id="description" name="description" rows="4"></textarea>
<p><button type="submit">Submit listing</button></p>
</form>`,
        }),
    },
    {
      method: "POST",
      path: "add-listing",
      handle: (ctx) => {
        const problems = missing(ctx.fields, { business_name: "Business name", email: "Email" });
        ctx.record(ctx.fields, problems.length === 0);
        if (problems.length) return refused("Please fix your listing", plainCss, problems, ctx);
        return page({
          title: "Listing received",
          css: plainCss,
          body: `<h1>Thank you, your listing was received</h1><p>Our editors review new listings within 3 business days.</p>`,
        });
      },
    },
  ],
};

const placeholderCss = `body{font-family:system-ui,sans-serif;background:#f3f6fb;margin:0}
.card{background:#fff;max-width:520px;margin:3rem auto;padding:2rem;border-radius:12px;box-shadow:0 4px 20px #0002}
input,textarea{display:block;width:100%;margin:.5rem 0;padding:.7rem;border:1px solid #ccd;border-radius:6px}
.row{display:flex;gap:.5rem}.row input{flex:1}button{background:#2563eb;color:#fff;border:0;padding:.8rem 2rem;border-radius:6px}`;

export const placeholders: SiteDefinition = {
  slug: "placeholders",
  name: "CityFinder",
  category: "local",
  domainAuthority: 87,
  patterns: ["placeholders as labels"],
  expected: { status: "submitted" },
  submissionPath: "join",
  mapping: {
    name: "businessName",
    mail: "email",
    tel_no: "phone",
    site: "website",
    addr1: "address",
    locality: "city",
    region: "state",
    postcode: "zip",
    about: "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "CityFinder",
          css: placeholderCss,
          body: `<div class="card"><h1>CityFinder</h1><p>The friendliest local guide.</p><a href="join">Get listed free →</a></div>`,
        }),
    },
    {
      method: "GET",
      path: "join",
      handle: () =>
        page({
          title: "Get listed — CityFinder",
          css: placeholderCss,
          body: `<div class="card"><h2>Get your business on CityFinder</h2>
<form method="post" action="join">
<input name="name" placeholder="Business name">
<input name="mail" placeholder="Email address">
<input name="tel_no" placeholder="Phone number">
<input name="site" placeholder="Website (https://…)">
<input name="addr1" placeholder="Street address">
<div class="row"><input name="locality" placeholder="City"><input name="region" placeholder="State"><input name="postcode" placeholder="ZIP code"></div>
<textarea name="about" placeholder="Tell customers about your business"></textarea>
<button>Get listed</button>
</form></div>`,
        }),
    },
    {
      method: "POST",
      path: "join",
      handle: (ctx) => {
        ctx.record(ctx.fields, true);
        return page({
          title: "Submitted",
          css: placeholderCss,
          body: `<div class="card"><h2>Your business has been submitted for review.</h2><p>We'll let you know when it goes live.</p></div>`,
        });
      },
    },
  ],
};

const oddCss = `body{font:14px Verdana,sans-serif;background:#222;color:#eee}main{width:600px;margin:auto}
.f{margin:10px 0}.f label{display:flex;justify-content:space-between}input,textarea{width:60%}`;

export const oddNames: SiteDefinition = {
  slug: "odd-names",
  name: "TradeIndex",
  category: "trades",
  domainAuthority: 84,
  patterns: ["meaningless field names"],
  expected: { status: "submitted" },
  submissionPath: "index.php?p=new",
  mapping: {
    f_01: "businessName",
    f_02: "email",
    fld_b: "phone",
    f_04: "website",
    f_05: "address",
    f_06: "city",
    fld_x: "state",
    f_08: "zip",
    f_09: "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "TradeIndex",
          css: oddCss,
          body: `<main><h1>TradeIndex</h1><p>Since 2004.</p><a href="index.php?p=new">New entry</a></main>`,
        }),
    },
    {
      method: "GET",
      path: "index.php",
      handle: () =>
        page({
          title: "TradeIndex :: new entry",
          css: oddCss,
          body: `<main><h2>Create a new entry</h2>
<form method="post" action="index.php?p=save" id="frm1">
<div class="f"><label>Company <input name="f_01" id="a1"></label></div>
<div class="f"><label>E-mail <input name="f_02" id="a2"></label></div>
<div class="f"><input name="fld_b" id="a3" aria-label="Telephone"></div>
<div class="f"><label>Homepage <input name="f_04" id="a4"></label></div>
<div class="f"><span id="lbl5">Street address</span> <input name="f_05" id="a5" aria-labelledby="lbl5"></div>
<div class="f"><label>Town <input name="f_06" id="a6"></label></div>
<div class="f"><span id="lbl7">State / Province</span> <input name="fld_x" id="a7" aria-labelledby="lbl7"></div>
<div class="f"><span id="lbl8">Postal code</span> <input name="f_08" id="a8" aria-labelledby="lbl8"></div>
<div class="f"><label>Short summary of your services<textarea name="f_09" id="a9"></textarea></label></div>
<input type="submit" value="Save entry">
</form></main>`,
        }),
    },
    {
      method: "POST",
      path: "index.php",
      handle: (ctx) => {
        ctx.record(ctx.fields, true);
        return page({
          title: "TradeIndex :: saved",
          css: oddCss,
          body: `<main><h2>Submission received — pending review</h2><p>Entry #${Math.floor(Math.random() * 9000 + 1000)}</p></main>`,
        });
      },
    },
  ],
};

const stepsCss = `body{font-family:Arial,sans-serif;max-width:640px;margin:auto}fieldset{border:1px solid #999;padding:1rem}
.hidden{display:none}.steps span{padding:4px 8px}.steps .on{background:#0a0;color:#fff}`;

export const multiStep: SiteDefinition = {
  slug: "multi-step",
  name: "Yellow Directory Online",
  category: "general",
  domainAuthority: 81,
  patterns: ["wizard across pages"],
  expected: { status: "submitted" },
  submissionPath: "wizard",
  mapping: {
    "listing[title]": "businessName",
    "listing[category]": "category",
    "listing[street]": "address",
    "listing[city]": "city",
    "listing[state]": "state",
    "listing[zip]": "zip",
    "listing[email]": "email",
    "listing[phone]": "phone",
    "listing[url]": "website",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Yellow Directory Online",
          css: stepsCss,
          body: `<h1>Yellow Directory Online</h1><p><a href="wizard">List your business in 3 easy steps</a></p>`,
        }),
    },
    {
      method: "GET",
      path: "wizard",
      handle: () =>
        page({
          title: "List your business — step by step",
          css: stepsCss,
          body: `<h1>List your business</h1>
<div class="steps"><span class="on">1. Business</span><span>2. Location</span><span>3. Contact</span></div>
<form method="post" action="wizard/finish" id="wizard">
<fieldset data-step="1"><legend>About the business</legend>
<p><label for="t">Listing title</label><br><input id="t" name="listing[title]"></p>
<p><label for="c">Industry</label><br><select id="c" name="listing[category]">${categoryOptions("-- select --")}</select></p>
<button type="button" class="next">Next</button></fieldset>
<fieldset data-step="2" class="hidden"><legend>Where are you?</legend>
<p><label for="s">Street</label><br><input id="s" name="listing[street]"></p>
<p><label for="ci">City</label><br><input id="ci" name="listing[city]"></p>
<p><label for="st">State</label><br><input id="st" name="listing[state]"></p>
<p><label for="z">Zip code</label><br><input id="z" name="listing[zip]"></p>
<button type="button" class="back">Back</button> <button type="button" class="next">Next</button></fieldset>
<fieldset data-step="3" class="hidden"><legend>How can customers reach you?</legend>
<p><label for="e">Email</label><br><input id="e" type="email" name="listing[email]"></p>
<p><label for="p">Phone</label><br><input id="p" type="tel" name="listing[phone]"></p>
<p><label for="u">Website</label><br><input id="u" type="url" name="listing[url]"></p>
<button type="button" class="back">Back</button> <button type="submit">Finish</button></fieldset>
</form>
<script>
const sets = [...document.querySelectorAll("fieldset")];
let at = 0;
function show(i){ at = i; sets.forEach((s, n) => s.classList.toggle("hidden", n !== i));
  document.querySelectorAll(".steps span").forEach((s, n) => s.classList.toggle("on", n === i)); }
document.querySelectorAll(".next").forEach((b) => b.addEventListener("click", () => setTimeout(() => show(at + 1), 150)));
document.querySelectorAll(".back").forEach((b) => b.addEventListener("click", () => show(at - 1)));
</script>`,
        }),
    },
    {
      method: "POST",
      path: "wizard/finish",
      handle: (ctx) => {
        const problems = missing(ctx.fields, {
          "listing[title]": "Listing title",
          "listing[email]": "Email",
        });
        ctx.record(ctx.fields, problems.length === 0);
        if (problems.length) return refused("Your listing is incomplete", stepsCss, problems, ctx);
        return page({
          title: "Done",
          css: stepsCss,
          body: `<h1>Listing submitted successfully</h1><p>Reference: YD-${Date.now() % 100000}</p>`,
        });
      },
    },
  ],
};

const tableCss = `body{font-family:Tahoma,sans-serif;font-size:13px}table{border-collapse:collapse}
td{padding:4px;border:1px solid #ccc}td:first-child{background:#eef;text-align:right}`;

export const stateSelect: SiteDefinition = {
  slug: "state-select",
  name: "Southern Biz Register",
  category: "regional",
  domainAuthority: 78,
  patterns: ["state select"],
  expected: { status: "submitted" },
  submissionPath: "register.html",
  mapping: {
    bn: "businessName",
    em: "email",
    ph: "phone",
    web: "website",
    addr: "address",
    cty: "city",
    st: "state",
    zp: "zip",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Southern Biz Register",
          css: tableCss,
          body: `<h1>Southern Biz Register</h1><p><a href="register.html">Register a business</a> · <a href="#">Browse</a></p>`,
        }),
    },
    {
      method: "GET",
      path: "register.html",
      handle: () =>
        page({
          title: "Register a business",
          css: tableCss,
          body: `<h2>Register a business</h2>
<form method="post" action="register.cgi"><table>
<tr><td>Business Name:</td><td><input name="bn" size="40"></td></tr>
<tr><td>E-mail Address:</td><td><input name="em" size="40"></td></tr>
<tr><td>Phone:</td><td><input name="ph"></td></tr>
<tr><td>Web Site:</td><td><input name="web" size="40"></td></tr>
<tr><td>Street Address:</td><td><input name="addr" size="40"></td></tr>
<tr><td>City:</td><td><input name="cty"></td></tr>
<tr><td>State:</td><td><select name="st"><option value="">Select a state</option>${usStates
            .map(([abbr, full]) => `<option value="${abbr}">${full}</option>`)
            .join("")}</select></td></tr>
<tr><td>Zip:</td><td><input name="zp" size="10"></td></tr>
<tr><td></td><td><input type="submit" value="Register"></td></tr>
</table></form>`,
        }),
    },
    {
      method: "POST",
      path: "register.cgi",
      handle: (ctx) => {
        const known = usStates.some(([abbr]) => abbr === ctx.fields.st);
        ctx.record(ctx.fields, known);
        if (!known) return refused("Registration problem", tableCss, ["State"], ctx);
        return page({
          title: "Registered",
          css: tableCss,
          body: `<h2>Thank you! Your registration was received.</h2>`,
        });
      },
    },
  ],
};

const termsCss = `body{font-family:"Segoe UI",sans-serif;background:#fffaf0;max-width:700px;margin:auto}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:12px}.grid div{display:flex;flex-direction:column}
.checks{margin:1rem 0}`;

export const terms: SiteDefinition = {
  slug: "terms",
  name: "LocalPros Network",
  category: "services",
  domainAuthority: 75,
  patterns: ["terms checkbox", "listing found by search"],
  expected: { status: "submitted" },
  submissionPath: "business/new",
  // Its thank-you page does not say where the listing will be: re-checks search for it.
  listingSearch: (base) => ({
    version: 1,
    steps: [
      { action: "goto", url: `${base}search` },
      { action: "fill", selector: "#q", field: "businessName" },
      { action: "click", selector: "form[role=search] button" },
      { action: "openListing", selector: ".results" },
    ],
  }),
  mapping: {
    "business-name": "businessName",
    "contact-email": "email",
    "contact-phone": "phone",
    "web-url": "website",
    street: "address",
    city: "city",
    state: "state",
    postal: "zip",
    details: "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "LocalPros Network",
          css: termsCss,
          body: `<h1>LocalPros Network</h1><p><a href="business/new">Add a business</a></p>`,
        }),
    },
    {
      method: "GET",
      path: "business/new",
      handle: () =>
        page({
          title: "Add a business — LocalPros",
          css: termsCss,
          body: `<h1>Add a business</h1>
<form method="post" action="create" novalidate>
<div class="grid">
<div><label for="bn">Business name *</label><input id="bn" name="business-name" autocomplete="organization"></div>
<div><label for="ce">Contact email *</label><input id="ce" name="contact-email" autocomplete="email"></div>
<div><label for="cp">Business phone</label><input id="cp" name="contact-phone" autocomplete="tel"></div>
<div><label for="wu">Website URL</label><input id="wu" name="web-url" autocomplete="url"></div>
<div><label for="sa">Street</label><input id="sa" name="street" autocomplete="address-line1"></div>
<div><label for="ct">City</label><input id="ct" name="city" autocomplete="address-level2"></div>
<div><label for="sr">State</label><input id="sr" name="state" autocomplete="address-level1"></div>
<div><label for="pc">Postal code</label><input id="pc" name="postal" autocomplete="postal-code"></div>
</div>
<p><label for="dt">Describe your business</label><br><textarea id="dt" name="details" cols="60"></textarea></p>
<div class="checks">
<p><input type="checkbox" id="news" name="newsletter" value="yes"> <label for="news">Send me the LocalPros monthly newsletter and partner offers</label></p>
<p><input type="checkbox" id="tos" name="accept_terms" value="1" required> <label for="tos">I agree to the <a href="#">Terms of Service</a> and <a href="#">Privacy Policy</a> *</label></p>
</div>
<button type="submit" class="btn">Create listing</button>
</form>`,
        }),
    },
    {
      method: "POST",
      path: "business/create",
      handle: (ctx) => {
        const problems = missing(ctx.fields, {
          "business-name": "Business name",
          "contact-email": "Contact email",
        });
        if (ctx.fields.accept_terms !== "1") problems.push("Accepting the terms");
        ctx.record(ctx.fields, problems.length === 0);
        if (problems.length) return refused("Please correct the following", termsCss, problems, ctx);
        return page({
          title: "Created",
          css: termsCss,
          body: `<h1>Thanks! Your business listing has been created.</h1>`,
        });
      },
    },
  ],
};
