import { page } from "../html.ts";
import type { SiteDefinition } from "../types.ts";
import { categoryOptions } from "./common.ts";

const slowCss = `body{font-family:Helvetica,sans-serif;margin:2rem}label{display:block;margin:.5rem 0}`;

export const slow: SiteDefinition = {
  slug: "slow",
  name: "Heritage Business Guide",
  category: "general",
  domainAuthority: 72,
  patterns: ["slow page and answer"],
  expected: { status: "submitted" },
  submissionPath: "submit",
  mapping: {
    company: "businessName",
    email: "email",
    phone: "phone",
    url: "website",
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
          title: "Heritage Business Guide",
          css: slowCss,
          body: `<h1>Heritage Business Guide</h1><a href="submit">Submit a business</a>`,
        }),
    },
    {
      method: "GET",
      path: "submit",
      delayMs: 3_000,
      handle: () =>
        page({
          title: "Submit a business",
          css: slowCss,
          body: `<h1>Submit a business</h1><form method="post" action="submit">
<label>Company name <input name="company"></label>
<label>Email <input name="email" type="email"></label>
<label>Phone <input name="phone" type="tel"></label>
<label>Website <input name="url" type="url"></label>
<label>Address <input name="address"></label>
<label>City <input name="city"></label>
<label>State <input name="state"></label>
<label>Zip <input name="zip"></label>
<button type="submit">Send</button></form>`,
        }),
    },
    {
      method: "POST",
      path: "submit",
      delayMs: 3_000,
      handle: (ctx) => {
        ctx.record(ctx.fields, true);
        return page({ title: "Received", css: slowCss, body: `<h1>Thank you — listing received</h1>` });
      },
    },
  ],
};

export const scriptRendered: SiteDefinition = {
  slug: "script-rendered",
  name: "Bizly",
  category: "startups",
  domainAuthority: 69,
  patterns: ["form drawn by script"],
  expected: { status: "submitted" },
  submissionPath: "app/new-listing",
  mapping: {
    businessName: "businessName",
    emailAddress: "email",
    phoneNumber: "phone",
    websiteUrl: "website",
    streetAddress: "address",
    city: "city",
    state: "state",
    postalCode: "zip",
    category: "category",
    summary: "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Bizly",
          body: `<div id="root"><h1>Bizly</h1><a href="app/new-listing">Add listing</a></div>`,
        }),
    },
    {
      method: "GET",
      path: "app/new-listing",
      handle: () =>
        page({
          title: "Bizly — new listing",
          css: `body{font-family:Inter,sans-serif;background:#111;color:#ddd}.field{margin:8px 0}.field span{display:block;font-size:12px}`,
          body: `<div id="app"><p class="loading">Loading…</p></div>
<script>
const spec = [
  ["businessName", "Business name", "text"], ["emailAddress", "Email", "email"], ["phoneNumber", "Phone", "tel"],
  ["websiteUrl", "Website", "url"], ["streetAddress", "Street address", "text"], ["city", "City", "text"],
  ["state", "State", "text"], ["postalCode", "Postal code", "text"]];
setTimeout(() => {
  const app = document.getElementById("app");
  app.textContent = "";
  const form = document.createElement("form");
  form.method = "post";
  form.action = "listings";
  for (const [name, text, type] of spec) {
    const wrap = document.createElement("div"); wrap.className = "field";
    const label = document.createElement("label");
    const span = document.createElement("span"); span.textContent = text;
    const input = document.createElement("input"); input.name = name; input.type = type;
    label.append(span, input); wrap.append(label); form.append(wrap);
  }
  const cat = document.createElement("div"); cat.className = "field";
  cat.innerHTML = '<label><span>Category</span><select name="category">' + ${JSON.stringify(categoryOptions("Pick one"))} + '</select></label>';
  form.append(cat);
  const sum = document.createElement("div"); sum.className = "field";
  sum.innerHTML = '<label><span>Summary</span><textarea name="summary"></textarea></label>';
  form.append(sum);
  const button = document.createElement("button"); button.textContent = "Publish listing";
  form.append(button);
  app.append(form);
}, 1000);
</script>`,
        }),
    },
    {
      method: "POST",
      path: "app/listings",
      handle: (ctx) => {
        ctx.record(ctx.fields, true);
        return page({
          title: "Published",
          body: `<div id="app"><h2>Success! Your listing is pending review.</h2></div>`,
        });
      },
    },
  ],
};

export const iframe: SiteDefinition = {
  slug: "iframe",
  name: "Neighborhood Guide",
  category: "community",
  domainAuthority: 66,
  patterns: ["form in an iframe"],
  expected: { status: "submitted" },
  submissionPath: "add-business",
  mapping: {
    org: "businessName",
    email: "email",
    phone: "phone",
    homepage: "website",
    line1: "address",
    town: "city",
    province: "state",
    zip: "zip",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Neighborhood Guide",
          body: `<h1>Neighborhood Guide</h1><a href="add-business">Add a business</a>`,
        }),
    },
    {
      method: "GET",
      path: "add-business",
      handle: () =>
        page({
          title: "Add a business — Neighborhood Guide",
          css: `body{font-family:sans-serif}iframe{width:100%;height:560px;border:1px solid #aaa}`,
          body: `<h1>Add a business</h1><p>Fill in the form below; listings appear after moderation.</p>
<iframe src="embed/listing-form" title="Listing form"></iframe>
<footer><a href="#">About</a> · <a href="#">Contact</a></footer>`,
        }),
    },
    {
      method: "GET",
      path: "embed/listing-form",
      handle: () =>
        page({
          title: "Listing form",
          css: `label{display:block;margin:6px}`,
          body: `<form method="post" action="listing-form">
<label for="o">Organization name</label><input id="o" name="org">
<label for="e">Email</label><input id="e" name="email">
<label for="p">Telephone</label><input id="p" name="phone">
<label for="h">Homepage</label><input id="h" name="homepage">
<label for="l">Address line 1</label><input id="l" name="line1">
<label for="l2">Address line 2</label><input id="l2" name="line2">
<label for="t">Town / City</label><input id="t" name="town">
<label for="pr">State</label><input id="pr" name="province">
<label for="z">ZIP / Postal code</label><input id="z" name="zip">
<input type="submit" value="Submit">
</form>`,
        }),
    },
    {
      method: "POST",
      path: "embed/listing-form",
      handle: (ctx) => {
        ctx.record(ctx.fields, true);
        return page({
          title: "Thanks",
          body: `<p><strong>Thank you!</strong> Your submission was received and is awaiting moderation.</p>`,
        });
      },
    },
  ],
};

export const recipeOnly: SiteDefinition = {
  slug: "recipe-only",
  name: "Pinboard Local",
  category: "design",
  domainAuthority: 63,
  patterns: ["needs a recipe"],
  expected: { status: "submitted" },
  submissionPath: "studio",
  mapping: { title: "businessName", contact: "email", phone: "phone", where: "city" },
  recipe: (base) => ({
    version: 1,
    steps: [
      { action: "goto", url: `${base}studio` },
      { action: "waitFor", selector: "[data-slot=title]", timeoutMs: 5_000 },
      { action: "fill", selector: "[data-slot=title]", field: "businessName" },
      { action: "fill", selector: "[data-slot=contact]", field: "email" },
      { action: "fill", selector: "[data-slot=phone]", field: "phone" },
      { action: "fill", selector: "[data-slot=where]", field: "city" },
      { action: "click", selector: ".pin-go" },
      { action: "expectText", text: "Pinned! Your listing is live" },
    ],
  }),
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Pinboard Local",
          body: `<h1>Pinboard Local</h1><a href="studio">Pin your business</a>`,
        }),
    },
    {
      method: "GET",
      path: "studio",
      handle: () =>
        page({
          title: "Pin your business",
          css: `.slot{border:1px dashed #999;min-height:1.5em;margin:6px 0;padding:4px}.pin-go{width:40px;height:40px;background:#e60023;border-radius:50%;cursor:pointer}`,
          body: `<h2>Pin your business</h2>
<div class="slot" contenteditable="true" data-slot="title"></div>
<div class="slot" contenteditable="true" data-slot="contact"></div>
<div class="slot" contenteditable="true" data-slot="phone"></div>
<div class="slot" contenteditable="true" data-slot="where"></div>
<div class="pin-go"></div>
<div id="out"></div>
<script>
document.querySelector(".pin-go").addEventListener("click", async () => {
  const data = {};
  for (const el of document.querySelectorAll("[data-slot]")) data[el.dataset.slot] = el.textContent;
  const res = await fetch("api/pins", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(data) });
  document.getElementById("out").textContent = res.ok ? "Pinned! Your listing is live." : "Something went wrong.";
});
</script>`,
        }),
    },
    {
      method: "POST",
      path: "api/pins",
      handle: (ctx) => {
        ctx.record(ctx.fields, true);
        return { status: 201, contentType: "application/json", body: JSON.stringify({ ok: true }) };
      },
    },
  ],
};
