import { usStates } from "@autobolt/contract";
import { escapeHtml, page } from "../html.ts";
import type { RequestContext, SiteDefinition } from "../types.ts";
import { formSite, postJson } from "./builder.ts";
import { categories, categoryOptions, missing } from "./common.ts";

/**
 * More of the modern web, each a second way real sites do what `modern.ts` shows once: a redirect
 * after the post, a React form without names, a type-to-filter combobox, boxes that move the
 * cursor on, nested web components, a modal whose form is fetched, selects three levels deep,
 * a wizard that keeps only one step in the page, segmented radios and styled checkboxes.
 */

const stateOptions = (placeholder: string) =>
  [
    `<option value="">${escapeHtml(placeholder)}</option>`,
    ...usStates.map(([abbr, name]) => `<option value="${abbr}">${escapeHtml(name)}</option>`),
  ].join("");

const saasCss = `body{font-family:"Helvetica Neue",Arial,sans-serif;background:#fff;margin:0;color:#111827}
.shell{max-width:600px;margin:2.5rem auto;padding:0 1rem}label{display:block;font-size:.875rem;font-weight:500;margin-top:1rem}
input,select,textarea{display:block;width:100%;box-sizing:border-box;margin-top:.25rem;padding:.55rem .7rem;border:1px solid #d1d5db;border-radius:6px;font:inherit}
button{margin-top:1.5rem;background:#4f46e5;color:#fff;border:0;border-radius:6px;padding:.65rem 1.2rem;font-weight:600;cursor:pointer}
button:disabled{opacity:.5;cursor:not-allowed}.error{color:#b91c1c;font-size:.8rem}.flash{background:#ecfdf5;border:1px solid #10b981;padding:.8rem;border-radius:6px}`;

/** Posts a listing that redirects to the new listing's page (post/redirect/get), as Rails and Laravel apps do. */
const listingsById = new Map<string, Record<string, string>>();
export const createdRedirect: SiteDefinition = {
  slug: "listing-created-redirect",
  name: "Hive Local",
  category: "general",
  domainAuthority: 38,
  patterns: ["303 redirect to the new listing's page", "success only as a flash notice"],
  expected: { status: "submitted" },
  submissionPath: "listings/new",
  mapping: {
    "listing[name]": "businessName",
    "listing[email]": "email",
    "listing[phone]": "phone",
    "listing[website]": "website",
    "listing[street]": "address",
    "listing[city]": "city",
    "listing[zip]": "zip",
    "listing[category]": "category",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Hive Local",
          css: saasCss,
          body: `<div class=shell><h1>Hive Local</h1><p>The neighbourhood's favourite places.</p><p><a href="listings/new">New listing</a></p></div>`,
        }),
    },
    {
      method: "GET",
      path: "listings/new",
      handle: () => hiveForm(),
    },
    {
      method: "POST",
      path: "listings",
      handle: (ctx) => {
        const problems = missing(ctx.fields, {
          "listing[name]": "Name",
          "listing[email]": "Email",
          "listing[category]": "Category",
        });
        if (problems.length > 0) {
          ctx.record(ctx.fields, false, `missing ${problems.join(", ")}`);
          return { status: 422, body: hiveForm(problems.map((p) => `${p} can't be blank`)) };
        }
        if (ctx.fields.authenticity_token !== "hv9Qm2Lx") {
          ctx.record(ctx.fields, false, "the authenticity token was lost");
          return {
            status: 422,
            body: page({ title: "422", body: "<h1>The change you wanted was rejected.</h1>" }),
          };
        }
        ctx.record(ctx.fields, true);
        listingsById.set("1008", ctx.fields);
        return { status: 303, body: "", headers: { location: "listings/1008?notice=created" } };
      },
    },
    {
      method: "GET",
      path: "listings/1008",
      handle: (ctx) => {
        const listing = listingsById.get("1008") ?? {};
        const notice =
          ctx.query.get("notice") === "created"
            ? `<p class=flash role=status>Listing was successfully created.</p>`
            : "";
        return page({
          title: `${listing["listing[name]"] ?? "Listing"} — Hive Local`,
          css: saasCss,
          body: `<div class=shell>${notice}<h1>${escapeHtml(listing["listing[name]"] ?? "")}</h1>
<p>${escapeHtml(listing["listing[street]"] ?? "")}, ${escapeHtml(listing["listing[city]"] ?? "")}</p>
<p><a href="new">Add another</a> · <a href="1008/edit">Edit</a></p></div>`,
        });
      },
    },
  ],
};

function hiveForm(errors: string[] = []): string {
  const list = errors.length
    ? `<div id=error_explanation role=alert><h2>${errors.length} error(s) prohibited this listing from being saved:</h2><ul>${errors.map((e) => `<li>${escapeHtml(e)}</li>`).join("")}</ul></div>`
    : "";
  return page({
    title: "New listing — Hive Local",
    css: saasCss,
    body: `<div class=shell><h1>New listing</h1>${list}
<form class=new_listing id=new_listing action="/listing-created-redirect/listings" accept-charset=UTF-8 method=post>
<input type=hidden name=authenticity_token value="hv9Qm2Lx" autocomplete=off>
<div class=field><label for=listing_name>Name</label><input type=text name="listing[name]" id=listing_name></div>
<div class=field><label for=listing_category>Category</label><select name="listing[category]" id=listing_category>${categoryOptions("")}</select></div>
<div class=field><label for=listing_street>Street</label><input type=text name="listing[street]" id=listing_street></div>
<div class=field><label for=listing_city>City</label><input type=text name="listing[city]" id=listing_city></div>
<div class=field><label for=listing_zip>Zip</label><input type=text name="listing[zip]" id=listing_zip></div>
<div class=field><label for=listing_phone>Phone</label><input type=tel name="listing[phone]" id=listing_phone></div>
<div class=field><label for=listing_email>Email</label><input type=email name="listing[email]" id=listing_email></div>
<div class=field><label for=listing_website>Website</label><input type=url name="listing[website]" id=listing_website></div>
<div class=actions><input type=submit name=commit value="Create Listing" data-disable-with="Create Listing"></div></form></div>`,
  });
}

export const hooksForm = formSite({
  slug: "hooks-form",
  name: "Tandem",
  domainAuthority: 37,
  patterns: [
    "React form: inputs without names, ids like :r1:",
    "React's value tracker ignores values set without typing",
    "values re-rendered from state",
    "JSON post",
  ],
  css: saasCss,
  submissionPath: "onboarding/business",
  postPath: "onboarding/api/v1/businesses",
  form: `<div class=shell><h1>Tell us about your business</h1><p>It takes two minutes. You can edit everything later.</p><div id=app></div></div>
<script>${postJson}
const state = { businessName: '', email: '', phone: '', website: '', streetAddress: '', city: '', postalCode: '', about: '' };
const touched = {};
const spec = [['businessName', 'Business name', 'text', true], ['email', 'Work email', 'email', true], ['phone', 'Phone', 'tel', true],
  ['website', 'Website', 'url', false], ['streetAddress', 'Street address', 'text', false], ['city', 'City', 'text', true],
  ['postalCode', 'Postal code', 'text', false], ['about', 'What makes your business special?', 'textarea', false]];
const errorFor = (k) => { const v = state[k].trim(); const req = spec.find((s) => s[0] === k)[3];
  if (req && !v) return 'Required'; if (k === 'email' && v && !/^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/.test(v)) return 'Enter a valid email';
  if (k === 'phone' && v && v.replace(/\\D/g, '').length < 10) return 'Enter a 10-digit phone number'; return ''; };
const valid = () => spec.every(([k]) => !errorFor(k));
app.innerHTML = '<form novalidate>' + spec.map(([k, l, t], i) => '<div><label for=":r' + i + ':">' + l + '</label>' +
  (t === 'textarea' ? '<textarea id=":r' + i + ':" rows=3></textarea>' : '<input id=":r' + i + ':" type="' + t + '" autocomplete="off">') +
  '<p class=error id=":r' + i + ':-error"></p></div>').join('') + '<button type=submit disabled>Continue</button><p role=status></p></form>';
const form = app.querySelector('form'), button = form.querySelector('button');
// React's value tracker: a value written through the element's own value property is the page's
// own, so an input event that follows it changes nothing; typing (or the native setter) does.
function track(el) { const desc = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value'); let tracked = desc.get.call(el);
  Object.defineProperty(el, 'value', { configurable: true, get() { return desc.get.call(this); }, set(v) { tracked = String(v); desc.set.call(this, v); } });
  return () => { const now = desc.get.call(el); if (now === tracked) return false; tracked = now; return true; }; }
const controls = spec.map(([k], i) => [k, document.getElementById(':r' + i + ':')]);
function render() { for (const [k, el] of controls) { if (el.value !== state[k]) el.value = state[k];
    document.getElementById(el.id + '-error').textContent = touched[k] ? errorFor(k) : ''; }
  button.disabled = !valid(); }
for (const [k, el] of controls) { const changed = track(el); el.addEventListener('input', () => { if (!changed()) return; state[k] = el.value; render(); });
  el.addEventListener('blur', () => { touched[k] = true; render(); }); }
form.addEventListener('submit', (e) => { e.preventDefault(); if (!valid()) return; button.disabled = true; button.textContent = 'Saving…';
  postListing('api/v1/businesses', state, (m, ok) => { form.querySelector('[role=status]').textContent = m; if (ok) form.replaceChildren(Object.assign(document.createElement('h2'), { textContent: m })); else { button.disabled = false; button.textContent = 'Continue'; } }); });
</script>`,
  mapping: {
    businessName: "businessName",
    email: "email",
    phone: "phone",
    website: "website",
    streetAddress: "address",
    city: "city",
    postalCode: "zip",
    about: "description",
  },
  required: { businessName: "Business name", email: "Work email", phone: "Phone", city: "City" },
  thanks: "You're all set — your business profile is live on Tandem.",
});

const comboCategories = [
  "Accountant",
  "Auto Body Shop",
  "Bakery",
  "Barber Shop",
  "Dentist",
  "Electrician",
  "Florist",
  "Gym",
  "Heating Contractor",
  "Landscaper",
  "Lawyer",
  "Locksmith",
  "Painter",
  "Pet Groomer",
  "Plumbing",
  "Plumbing Supply Store",
  "Restaurant",
  "Roofing Contractor",
  "Tailor",
  "Veterinarian",
];

export const comboboxFilter = formSite({
  slug: "combobox-filter",
  name: "Fieldnote",
  domainAuthority: 36,
  patterns: ["required category in a combobox whose suggestions the server sends as one types"],
  css: `${saasCss}.cb{position:relative}.cb ul{position:absolute;z-index:10;left:0;right:0;margin:.2rem 0 0;padding:.25rem 0;list-style:none;background:#fff;border:1px solid #d1d5db;border-radius:6px;box-shadow:0 10px 15px -3px #0002;max-height:200px;overflow:auto}
.cb li{padding:.4rem .75rem;cursor:default}.cb li[aria-selected=true],.cb li:hover{background:#4f46e5;color:#fff}`,
  submissionPath: "add-place",
  form: `<div class=shell><h1>Add a place</h1><form method=post action="add-place" id=place>
<label for=pname>Business name</label><input id=pname name=place_name autocomplete=organization>
<label id=cat-label for=cat-input>Primary category</label>
<div class=cb><input id=cat-input role=combobox aria-expanded=false aria-controls=cat-options aria-autocomplete=list aria-labelledby=cat-label autocomplete=off placeholder="Start typing, e.g. Bakery">
<ul id=cat-options role=listbox aria-labelledby=cat-label hidden></ul></div>
<input type=hidden name=category_id id=category_id>
<p class=error id=cat-error></p>
<label for=pemail>Email</label><input id=pemail name=place_email type=email autocomplete=email>
<label for=pphone>Phone</label><input id=pphone name=place_phone type=tel autocomplete=tel>
<label for=psite>Website</label><input id=psite name=place_site type=url autocomplete=url>
<label for=pzip>ZIP code</label><input id=pzip name=place_zip autocomplete=postal-code inputmode=numeric>
<button type=submit>Add place</button></form></div>
<script>const input = document.getElementById('cat-input'), list = document.getElementById('cat-options'), hidden = document.getElementById('category_id');
let timer, asked = 0;
const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); };
function show(html) { list.innerHTML = html; list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
// Suggestions come from the server as one types, a moment after the last key, as a search API's do.
function suggest() { const q = input.value.trim(); clearTimeout(timer); if (q.length < 2) return close();
  show('<li class=cb-status aria-live=polite>Searching…</li>');
  timer = setTimeout(async () => { const mine = ++asked; const hits = await (await fetch('api/categories?q=' + encodeURIComponent(q))).json();
    if (mine !== asked) return;
    show(hits.length ? hits.map(([v, t]) => '<li role=option id="o-' + v + '" data-id="' + v + '" aria-selected=false>' + t + '</li>').join('') : '<li class=cb-status>Nothing found.</li>'); }, 150); }
input.addEventListener('input', () => { hidden.value = ''; suggest(); }); input.addEventListener('focus', () => { if (input.value && !hidden.value) suggest(); });
list.addEventListener('mousedown', (e) => { const o = e.target.closest('[role=option]'); if (!o) return; e.preventDefault();
  hidden.value = o.dataset.id; input.value = o.textContent; close(); });
input.addEventListener('blur', () => setTimeout(close, 100));
place.addEventListener('submit', (e) => { if (!hidden.value) { e.preventDefault(); document.getElementById('cat-error').textContent = 'Choose a category from the list'; } });</script>`,
  read: (f) => {
    const index = Number((f.category_id ?? "").replace("cat_", "")) - 101;
    return { ...f, category: comboCategories[index] ?? "" };
  },
  mapping: {
    place_name: "businessName",
    category: "category",
    place_email: "email",
    place_phone: "phone",
    place_site: "website",
    place_zip: "zip",
  },
  required: { place_name: "Business name", category: "Primary category", place_email: "Email" },
  thanks: "Thanks! Fieldnote will check the details and publish your place within 2 days.",
  routes: [
    {
      method: "GET",
      path: "api/categories",
      delayMs: 350,
      handle: (ctx) => {
        const q = (ctx.query.get("q") ?? "").toLowerCase();
        return {
          contentType: "application/json",
          body: JSON.stringify(
            comboCategories.flatMap((c, i) => (c.toLowerCase().includes(q) ? [[`cat_${101 + i}`, c]] : [])),
          ),
        };
      },
    },
  ],
});

export const autoAdvancePhone = formSite({
  slug: "auto-advance-phone",
  name: "Yellow Door Pages",
  domainAuthority: 35,
  patterns: ["phone in three boxes that move the cursor on", "ZIP+4 box left empty", "state select by name"],
  css: `body{font-family:Verdana,Geneva,sans-serif;font-size:14px;background:#fffbea;margin:0}#wrap{width:640px;margin:1rem auto;background:#fff;border:2px solid #f5c400;padding:1rem 1.5rem}
.row{margin:.6rem 0}.row>label{display:inline-block;width:150px;font-weight:bold}.tel input{width:3.2em;text-align:center}.tel input.line{width:4em}.zip input{width:5em}small{color:#666}`,
  submissionPath: "free-listing.html",
  postPath: "cgi-bin/listing",
  form: `<div id=wrap><h1>Get your FREE listing</h1><form method=post action="cgi-bin/listing" name=listing>
<div class=row><label for=bname>Business Name</label><input id=bname name=bname size=40></div>
<div class=row><label for=street>Street Address</label><input id=street name=street size=40></div>
<div class=row><label for=city>City</label><input id=city name=city></div>
<div class=row><label for=st>State</label><select id=st name=st>${stateOptions("Select a state")}</select></div>
<div class="row zip"><label for=zip5>ZIP + 4</label><input id=zip5 name=zip5 maxlength=5 inputmode=numeric> - <input name=zip4 maxlength=4 inputmode=numeric aria-label="ZIP+4 extension"> <small>(+4 optional)</small></div>
<div class="row tel"><label for=phone1>Business Phone</label>(<input id=phone1 name=phone1 maxlength=3 inputmode=numeric>) <input name=phone2 maxlength=3 inputmode=numeric aria-label="Phone exchange"> - <input name=phone3 maxlength=4 class=line inputmode=numeric aria-label="Phone line"></div>
<div class=row><label for=email>E-mail Address</label><input id=email name=email size=40></div>
<div class=row><label for=url>Web Site</label><input id=url name=url size=40 value="http://"></div>
<div class=row><input type=submit value="Submit My Free Listing"></div></form></div>
<script>for (const box of document.querySelectorAll('.tel input, .zip input')) box.addEventListener('input', () => {
  box.value = box.value.replace(/\\D/g, ''); const next = box.nextElementSibling;
  if (box.value.length >= box.maxLength && next && next.tagName === 'INPUT') next.focus(); });</script>`,
  read: (f) => ({
    ...f,
    phone: f.phone1 || f.phone2 || f.phone3 ? `(${f.phone1 ?? ""}) ${f.phone2 ?? ""}-${f.phone3 ?? ""}` : "",
    zip: f.zip4 ? `${f.zip5 ?? ""}-${f.zip4}` : (f.zip5 ?? ""),
    website: f.url === "http://" ? "" : (f.url ?? ""),
  }),
  mapping: {
    bname: "businessName",
    street: "address",
    city: "city",
    st: "state",
    zip: "zip",
    phone: "phone",
    email: "email",
    website: "website",
  },
  required: { bname: "Business Name", phone: "Business Phone", email: "E-mail Address" },
  thanks: "Thank you! Your free listing will appear within 5 business days.",
});

export const nestedShadow = formSite({
  slug: "nested-shadow",
  name: "Atlas Local",
  domainAuthority: 33,
  patterns: ["design-system fields: a shadow root per field inside the form's shadow root", "JSON post"],
  css: "body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f5}header{background:#18181b;color:#fafafa;padding:1rem 2rem}",
  submissionPath: "business/new",
  postPath: "business/api/business",
  form: `<header><strong>Atlas Local</strong> · for business</header><atlas-listing-form></atlas-listing-form><script>${postJson}
customElements.define('atlas-text-field', class extends HTMLElement {
  constructor() { super(); const root = this.attachShadow({ mode: 'open' }); const multi = this.hasAttribute('multiline');
    root.innerHTML = '<style>:host{display:block;margin:.8rem 0}label{display:block;font:500 .85rem system-ui;margin-bottom:.25rem}input,textarea{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #a1a1aa;border-radius:6px;font:inherit}</style>' +
      '<label for=control part=label></label>' + (multi ? '<textarea id=control rows=3></textarea>' : '<input id=control>');
    root.querySelector('label').textContent = this.getAttribute('label') + (this.hasAttribute('required') ? ' *' : '');
    const control = root.getElementById('control'); if (!multi) control.type = this.getAttribute('type') || 'text';
    if (this.getAttribute('autocomplete')) control.autocomplete = this.getAttribute('autocomplete'); }
  get name() { return this.getAttribute('name'); }
  get value() { return this.shadowRoot.getElementById('control').value; }
});
customElements.define('atlas-listing-form', class extends HTMLElement {
  connectedCallback() { const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>form{max-width:540px;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:12px}button{background:#2563eb;color:#fff;border:0;border-radius:6px;padding:.7rem 1.3rem;font:600 1rem system-ui}</style>' +
      '<form novalidate><h2>Create your business profile</h2>' +
      '<atlas-text-field name=displayName label="Business name" autocomplete=organization required></atlas-text-field>' +
      '<atlas-text-field name=contactEmail label="Email" type=email autocomplete=email required></atlas-text-field>' +
      '<atlas-text-field name=contactPhone label="Phone" type=tel autocomplete=tel></atlas-text-field>' +
      '<atlas-text-field name=websiteUrl label="Website" type=url autocomplete=url></atlas-text-field>' +
      '<atlas-text-field name=addressLine label="Street address" autocomplete=address-line1></atlas-text-field>' +
      '<atlas-text-field name=locality label="City" autocomplete=address-level2></atlas-text-field>' +
      '<atlas-text-field name=region label="State" autocomplete=address-level1></atlas-text-field>' +
      '<atlas-text-field name=postalCode label="ZIP code" autocomplete=postal-code></atlas-text-field>' +
      '<atlas-text-field name=summary label="Short description" multiline></atlas-text-field>' +
      '<button type=submit>Create profile</button><p role=status></p></form>';
    const form = root.querySelector('form');
    form.addEventListener('submit', (e) => { e.preventDefault(); const data = {};
      for (const field of root.querySelectorAll('atlas-text-field')) data[field.name] = field.value;
      postListing('api/business', data, (m, ok) => { root.querySelector('[role=status]').textContent = m; if (ok) form.querySelectorAll('atlas-text-field').forEach((f) => f.remove()); }); });
  }
});</script>`,
  mapping: {
    displayName: "businessName",
    contactEmail: "email",
    contactPhone: "phone",
    websiteUrl: "website",
    addressLine: "address",
    locality: "city",
    region: "state",
    postalCode: "zip",
    summary: "description",
  },
  required: { displayName: "Business name", contactEmail: "Email" },
  thanks: "Your business profile was created. We'll email you when it is verified.",
});

const modalCss = `${saasCss}nav{display:flex;justify-content:space-between;align-items:center;padding:1rem 2rem;border-bottom:1px solid #e5e7eb}nav button{margin:0 0 0 .5rem}
.ghost{background:#fff;color:#111827;border:1px solid #d1d5db}.hero{text-align:center;padding:4rem 1rem}.hero form{display:flex;gap:.5rem;max-width:520px;margin:auto}.hero form input{margin:0}.hero form button{margin:0}
.backdrop{position:fixed;inset:0;background:rgba(17,24,39,.6);display:flex;align-items:flex-start;justify-content:center;overflow:auto;z-index:50}
.panel{background:#fff;border-radius:12px;margin:3rem 1rem;padding:1.5rem 2rem;width:100%;max-width:480px;position:relative}.x{position:absolute;top:.5rem;right:.5rem;margin:0;background:none;color:#6b7280;font-size:1.4rem}`;

export const lazyModal = formSite({
  slug: "lazy-modal",
  name: "Cornerstone Finder",
  domainAuthority: 32,
  patterns: [
    "'List your company' opens a modal whose form is fetched",
    "submit button in the modal footer, outside the form (form=…)",
    "industry select with optgroups",
    "Facebook page field the site checks",
    "login modal and search form beside",
  ],
  css: modalCss,
  submissionPath: "",
  postPath: "companies",
  form: `<nav><strong>Cornerstone Finder</strong><span><button type=button class=ghost data-modal=login>Log in</button><button type=button data-modal=company>List your company</button></span></nav>
<section class=hero><h1>Find trusted local companies</h1><form action="search" method=get role=search><input name=q aria-label="What are you looking for?" placeholder="What are you looking for?"><button>Search</button></form></section>
<script>
const titles = { login: 'Log in', company: 'List your company' };
document.addEventListener('click', async (e) => { const opener = e.target.closest('[data-modal]'); if (!opener) return;
  const which = opener.dataset.modal; const backdrop = document.createElement('div'); backdrop.className = 'backdrop';
  backdrop.innerHTML = '<div class=panel role=dialog aria-modal=true aria-labelledby=modal-title><button type=button class=x aria-label=Close>×</button><h2 id=modal-title>' + titles[which] + '</h2><div class=body><p>Loading…</p></div></div>';
  document.body.append(backdrop); backdrop.querySelector('.x').onclick = () => backdrop.remove();
  const r = await fetch('partials/' + which); backdrop.querySelector('.body').innerHTML = await r.text(); });
</script>`,
  read: (f) => ({
    ...f,
    industry:
      { "hs-electric": "Electricians", "hs-plumbing": "Plumbing", "hs-roofing": "Roofing" }[
        f.company_industry ?? ""
      ] ?? "",
  }),
  answer: (_ctx, f) =>
    f.company_facebook && !/^https?:\/\/(www\.)?facebook\.com\//.test(f.company_facebook)
      ? {
          status: 422,
          body: page({
            title: "Error",
            css: modalCss,
            body: "<p role=alert>Facebook page must be a facebook.com address</p>",
          }),
        }
      : undefined,
  mapping: {
    company_name: "businessName",
    industry: "category",
    company_email: "email",
    company_phone: "phone",
    company_website: "website",
    company_address: "address",
    company_city: "city",
    company_zip: "zip",
  },
  required: { company_name: "Company name", company_industry: "Industry", company_email: "Email" },
  thanks: "Thank you! Your company has been submitted and will be reviewed within 48 hours.",
  routes: [
    {
      method: "GET",
      path: "partials/company",
      delayMs: 300,
      handle: () =>
        `<form method=post action="companies" id=company-form><label for=cn>Company name</label><input id=cn name=company_name>
<label for=ck>Industry</label><select id=ck name=company_industry><option value="">Select an industry</option>
<optgroup label="Home Services"><option value=hs-electric>Electricians</option><option value=hs-hvac>Heating &amp; Air Conditioning</option><option value=hs-plumbing>Plumbing</option><option value=hs-roofing>Roofing</option></optgroup>
<optgroup label="Professional Services"><option value=ps-accounting>Accounting</option><option value=ps-legal>Legal</option></optgroup>
<optgroup label="Food &amp; Drink"><option value=fd-bakery>Bakeries</option><option value=fd-restaurant>Restaurants</option></optgroup></select>
<label for=ce>Email</label><input id=ce name=company_email type=email><label for=cp>Phone</label><input id=cp name=company_phone type=tel>
<label for=cw>Website</label><input id=cw name=company_website><label for=cf>Facebook page</label><input id=cf name=company_facebook type=url placeholder="https://facebook.com/yourpage">
<label for=ca>Address</label><input id=ca name=company_address>
<label for=cc>City</label><input id=cc name=company_city><label for=cz>ZIP</label><input id=cz name=company_zip></form>
<div class=modal-footer><button type=button class=ghost onclick="this.closest('.backdrop').remove()">Cancel</button> <button type=submit form=company-form>Submit company</button></div>`,
    },
    {
      method: "GET",
      path: "partials/login",
      delayMs: 300,
      handle: () =>
        `<form method=post action="session"><label for=le>Email</label><input id=le name=email type=email><label for=lp>Password</label><input id=lp name=password type=password><button>Log in</button></form>`,
    },
    {
      method: "POST",
      path: "session",
      handle: (ctx) => {
        ctx.trap(ctx.fields, "the login form was submitted");
        return "<h1>Invalid email or password</h1>";
      },
    },
    {
      method: "GET",
      path: "search",
      handle: () =>
        page({ title: "Search", css: modalCss, body: "<h1>Search results</h1><p>No companies found.</p>" }),
    },
  ],
});

const regions: Record<string, Array<[string, string]>> = {
  US: [
    ["CA", "California"],
    ["FL", "Florida"],
    ["NY", "New York"],
    ["TX", "Texas"],
  ],
  CA: [
    ["BC", "British Columbia"],
    ["ON", "Ontario"],
  ],
};
const cities: Record<string, string[]> = {
  CA: ["Los Angeles", "San Diego", "San Francisco"],
  FL: ["Miami", "Orlando", "Tampa"],
  NY: ["Albany", "Buffalo", "New York"],
  TX: ["Austin", "Dallas", "El Paso", "Houston", "San Antonio"],
  BC: ["Vancouver", "Victoria"],
  ON: ["Ottawa", "Toronto"],
};

export const chainedSelects = formSite({
  slug: "chained-selects",
  name: "Statewide Service Finder",
  domainAuthority: 31,
  patterns: ["country → state → city selects, each loaded by script after the one before"],
  css: `body{font-family:"Trebuchet MS",sans-serif;background:#eef2f7;margin:0}.card{max-width:560px;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-top:4px solid #1d4ed8}
label{display:block;margin-top:.8rem;font-weight:bold}input,select{display:block;width:100%;padding:.45rem;margin-top:.2rem}select:disabled{background:#f1f5f9}button{margin-top:1.2rem;padding:.6rem 1.2rem;background:#1d4ed8;color:#fff;border:0}`,
  submissionPath: "providers/join",
  form: `<div class=card><h1>Join as a service provider</h1><form method=post action="join">
<label for=company>Company</label><input id=company name=company>
<label for=country>Country</label><select id=country name=country><option value="">Select country</option><option value=CA>Canada</option><option value=US>United States</option></select>
<label for=state>State / Province</label><select id=state name=state disabled><option value="">Select country first</option></select>
<label for=city>City</label><select id=city name=city disabled><option value="">Select state first</option></select>
<label for=zip>ZIP / Postal code</label><input id=zip name=zip>
<label for=phone>Phone</label><input id=phone name=phone type=tel>
<label for=email>Email</label><input id=email name=email type=email>
<button type=submit>Join now</button></form></div>
<script>
async function load(select, url, placeholder) { select.disabled = true; select.innerHTML = '<option value="">Loading…</option>';
  const list = await (await fetch(url)).json();
  select.innerHTML = '<option value="">' + placeholder + '</option>' + list.map(([v, t]) => '<option value="' + v + '">' + t + '</option>').join('');
  select.disabled = false; }
const country = document.getElementById('country'), state = document.getElementById('state'), city = document.getElementById('city');
country.addEventListener('change', () => { city.disabled = true; city.innerHTML = '<option value="">Select state first</option>'; if (country.value) load(state, 'api/regions?country=' + country.value, 'Select state'); });
state.addEventListener('change', () => { if (state.value) load(city, 'api/cities?region=' + state.value, 'Select city'); });
</script>`,
  postPath: "providers/join",
  trap: (f) => (f.country !== "US" ? `country "${f.country ?? ""}"` : undefined),
  mapping: {
    company: "businessName",
    state: "state",
    city: "city",
    zip: "zip",
    phone: "phone",
    email: "email",
  },
  required: {
    company: "Company",
    country: "Country",
    state: "State / Province",
    city: "City",
    email: "Email",
  },
  thanks: "Thanks for joining! Your profile is pending approval.",
  routes: [
    {
      method: "GET",
      path: "providers/api/regions",
      delayMs: 400,
      handle: (ctx) => ({
        contentType: "application/json",
        body: JSON.stringify(regions[ctx.query.get("country") ?? ""] ?? []),
      }),
    },
    {
      method: "GET",
      path: "providers/api/cities",
      delayMs: 400,
      handle: (ctx) => ({
        contentType: "application/json",
        body: JSON.stringify((cities[ctx.query.get("region") ?? ""] ?? []).map((c) => [c, c])),
      }),
    },
  ],
});

const launchCss = `${saasCss}header{display:flex;justify-content:space-between;align-items:center;padding:.8rem 2rem;background:#0b1120;color:#fff}header form{display:flex;gap:.4rem}header input{margin:0;width:220px}header button{margin:0}
.progress{display:flex;gap:.5rem;margin:1rem 0}.progress span{flex:1;height:6px;border-radius:3px;background:#e5e7eb}.progress span.on{background:#4f46e5}
footer{background:#f3f4f6;padding:2rem;margin-top:3rem}footer form{display:flex;gap:.5rem;max-width:480px}footer input{margin:0}footer button{margin:0}`;

export const stepperNewsletter = formSite({
  slug: "stepper-newsletter",
  name: "Launchpad Local",
  domainAuthority: 27,
  patterns: [
    "wizard that keeps only the current step in the page",
    "newsletter 'Sign up' and site search beside",
  ],
  css: launchCss,
  submissionPath: "list-your-business",
  postPath: "listings",
  form: `<header><strong>Launchpad Local</strong><form action="search" method=post role=search><input name=query placeholder="Search businesses" aria-label="Search businesses"><button>Search</button></form></header>
<div class=shell><h1>List your business</h1><div class=progress><span class=on></span><span></span><span></span></div><div id=step></div>
<form id=final method=post action="listings" hidden></form></div>
<footer><h3>The Launchpad newsletter</h3><p>Marketing tips for local businesses, every other Tuesday.</p><form method=post action="newsletter"><input type=email name=subscriber_email placeholder="you@example.com" aria-label="Email address"><button>Sign up</button></form></footer>
<script>
const steps = [
  { title: 'About your business', fields: [['name', 'Business name', 'text', true], ['category', 'Category', 'select', true], ['description', 'Description', 'textarea', false]] },
  { title: 'How customers reach you', fields: [['email', 'Email', 'email', true], ['phone', 'Phone', 'tel', true], ['website', 'Website', 'url', false]] },
  { title: 'Where you are', fields: [['address', 'Street address', 'text', true], ['city', 'City', 'text', true], ['state', 'State', 'text', true], ['zip', 'ZIP code', 'text', true]] },
];
const categories = ${JSON.stringify(categories)};
const draft = {}; let at = 0;
function control([k, l, t]) { const id = 'f-' + k;
  if (t === 'select') return '<label for=' + id + '>' + l + '</label><select id=' + id + ' name=' + k + '><option value="">Choose…</option>' + categories.map((c) => '<option>' + c + '</option>').join('') + '</select>';
  if (t === 'textarea') return '<label for=' + id + '>' + l + '</label><textarea id=' + id + ' name=' + k + ' rows=3></textarea>';
  return '<label for=' + id + '>' + l + '</label><input id=' + id + ' name=' + k + ' type=' + t + '>'; }
function show() { const s = steps[at];
  document.getElementById('step').innerHTML = '<form id=current novalidate><h2>Step ' + (at + 1) + ' of 3: ' + s.title + '</h2>' + s.fields.map(control).join('') + '<p class=error id=step-error role=alert></p>' +
    (at > 0 ? '<button type=button class=ghost id=back>Back</button> ' : '') + '<button type=submit>' + (at === steps.length - 1 ? 'Publish listing' : 'Continue') + '</button></form>';
  document.querySelectorAll('.progress span').forEach((b, i) => b.classList.toggle('on', i <= at));
  const form = document.getElementById('current');
  for (const [k] of s.fields) if (draft[k]) form.elements[k].value = draft[k];
  if (at > 0) document.getElementById('back').onclick = () => { save(form); at -= 1; show(); };
  form.addEventListener('submit', (e) => { e.preventDefault(); save(form);
    const empty = s.fields.filter(([k, , , req]) => req && !draft[k].trim());
    if (empty.length) { document.getElementById('step-error').textContent = 'Please fill in: ' + empty.map((f) => f[1]).join(', '); return; }
    if (at < steps.length - 1) { at += 1; show(); return; }
    const final = document.getElementById('final');
    for (const [k, v] of Object.entries(draft)) { const h = document.createElement('input'); h.type = 'hidden'; h.name = k; h.value = v; final.append(h); }
    final.submit(); }); }
function save(form) { for (const [k] of steps[at].fields) draft[k] = form.elements[k].value; }
show();
</script>`,
  mapping: {
    name: "businessName",
    category: "category",
    description: "description",
    email: "email",
    phone: "phone",
    website: "website",
    address: "address",
    city: "city",
    state: "state",
    zip: "zip",
  },
  required: {
    name: "Business name",
    category: "Category",
    email: "Email",
    phone: "Phone",
    address: "Street address",
    city: "City",
    state: "State",
    zip: "ZIP code",
  },
  thanks: "Your listing is published! Welcome to Launchpad Local.",
  routes: [
    {
      method: "POST",
      path: "newsletter",
      handle: (ctx) => {
        ctx.trap(ctx.fields, "the newsletter sign-up was submitted");
        return page({ title: "Subscribed", css: launchCss, body: "<h1>Thank you for subscribing!</h1>" });
      },
    },
    {
      method: "POST",
      path: "search",
      handle: (ctx) => {
        ctx.trap(ctx.fields, "the site search was submitted");
        return page({
          title: "Search",
          css: launchCss,
          body: "<h1>Search results</h1><p>No businesses found.</p>",
        });
      },
    },
  ],
});

export const segmentedRadios = formSite({
  slug: "segmented-radios",
  name: "Cityline Pros",
  domainAuthority: 24,
  patterns: [
    "segmented radios (inputs visually hidden)",
    "intl-tel-input flag picker, number sent in E.164 from a hidden input",
    "optional opening date",
    "styled terms checkbox yes, offers no",
  ],
  css: `${saasCss}.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-size:.875rem;font-weight:500}.segmented{display:flex;margin-top:.3rem}.segmented label{margin:0;flex:1;text-align:center;border:1px solid #d1d5db;padding:.5rem;cursor:pointer}
.segmented input:checked+span{font-weight:700;color:#4f46e5}.check{display:flex;gap:.5rem;align-items:center;font-weight:400;cursor:pointer}.box{width:18px;height:18px;border:2px solid #6b7280;border-radius:4px;display:inline-block}
.check input:checked+.box{background:#4f46e5;border-color:#4f46e5}
.iti{position:relative}.iti__flag-container{position:absolute;top:0;bottom:0;left:0;display:flex;align-items:center;padding:0 .5rem;cursor:pointer}.iti__selected-flag{display:flex;gap:.3rem;align-items:center}
.iti__flag{width:20px;height:14px;background:#cbd5e1}.iti__country-list{position:absolute;top:100%;left:0;z-index:5;background:#fff;border:1px solid #d1d5db;list-style:none;margin:0;padding:0;width:260px}.iti__country{padding:.3rem .5rem;display:flex;gap:.4rem}.iti__hide{display:none}`,
  submissionPath: "pros/apply",
  form: `<div class=shell><h1>Create your free pro profile</h1><form method=post action="apply">
<label for=n>Business name</label><input id=n name=business_name>
<fieldset><legend>What kind of business is it?</legend><div class=segmented>
<label><input class=sr-only type=radio name=business_type value=storefront><span>Storefront</span></label>
<label><input class=sr-only type=radio name=business_type value=service_area><span>Service area</span></label>
<label><input class=sr-only type=radio name=business_type value=online><span>Online only</span></label></div></fieldset>
<fieldset><legend>Price range (optional)</legend><div class=segmented>
<label><input class=sr-only type=radio name=price value=1><span>$</span></label><label><input class=sr-only type=radio name=price value=2><span>$$</span></label><label><input class=sr-only type=radio name=price value=3><span>$$$</span></label></div></fieldset>
<label for=ph>Phone</label>
<div class="iti iti--allow-dropdown iti--separate-dial-code"><div class=iti__flag-container><div class=iti__selected-flag role=combobox aria-controls=iti-0__country-listbox aria-owns=iti-0__country-listbox aria-expanded=false tabindex=0 title="United States: +1" aria-activedescendant=iti-0__item-us><div class="iti__flag iti__us"></div><div class=iti__selected-dial-code>+1</div><div class=iti__arrow></div></div>
<ul class="iti__country-list iti__hide" id=iti-0__country-listbox role=listbox aria-label="List of countries">${[
    ["ca", "Canada", "1"],
    ["mx", "Mexico", "52"],
    ["gb", "United Kingdom", "44"],
    ["us", "United States", "1"],
  ]
    .map(
      ([code, name, dial]) =>
        `<li class="iti__country iti__standard" tabindex=-1 id=iti-0__item-${code} role=option data-dial-code=${dial} data-country-code=${code} aria-selected=${code === "us"}><div class=iti__flag-box><div class="iti__flag iti__${code}"></div></div><span class=iti__country-name>${name}</span><span class=iti__dial-code>+${dial}</span></li>`,
    )
    .join("")}</ul></div>
<input type=tel id=ph name=phone_display autocomplete=off placeholder="201-555-0123" style="padding-left:84px"></div>
<input type=hidden name=phone id=phone-full>
<label for=em>Email</label><input id=em name=email type=email>
<label for=ws>Website</label><input id=ws name=website type=url>
<label for=ci>City</label><input id=ci name=city>
<label for=st>State</label><select id=st name=state>${stateOptions("Select")}</select>
<label for=od>Opening date (optional)</label><input id=od name=opened_on type=date>
<label class=check><input class=sr-only type=checkbox name=tos value=accepted><span class=box></span> I agree to the Terms of Service and Privacy Policy</label>
<label class=check><input class=sr-only type=checkbox name=offers value=1><span class=box></span> Email me growth tips and partner offers</label>
<button type=submit>Create profile</button></form></div>
<script>(function () { // intl-tel-input: a flag picker beside the box, and the number in E.164 in a hidden input
  const flag = document.querySelector('.iti__selected-flag'), list = document.getElementById('iti-0__country-listbox'), box = document.getElementById('ph'), full = document.getElementById('phone-full');
  let dial = '1';
  const sync = () => { const digits = box.value.replace(/\\D/g, ''); full.value = digits ? '+' + dial + digits : ''; };
  flag.addEventListener('click', () => { list.classList.toggle('iti__hide'); flag.setAttribute('aria-expanded', String(!list.classList.contains('iti__hide'))); });
  list.addEventListener('click', (e) => { const li = e.target.closest('[role=option]'); if (!li) return; dial = li.dataset.dialCode;
    flag.querySelector('.iti__selected-dial-code').textContent = '+' + dial; flag.title = li.querySelector('.iti__country-name').textContent + ': +' + dial;
    for (const o of list.children) o.setAttribute('aria-selected', String(o === li)); list.classList.add('iti__hide'); sync(); });
  box.addEventListener('input', sync); box.form.addEventListener('submit', sync);
})();</script>`,
  trap: (f) => {
    if (f.offers) return "opted in to partner offers";
    if (f.opened_on && !/^\d{4}-\d{2}-\d{2}$/.test(f.opened_on)) return `opening date "${f.opened_on}"`;
    return undefined;
  },
  mapping: {
    business_name: "businessName",
    phone: "phone",
    email: "email",
    website: "website",
    city: "city",
    state: "state",
  },
  required: {
    business_name: "Business name",
    business_type: "Kind of business",
    email: "Email",
    tos: "Terms of Service",
  },
  thanks: "Welcome aboard! Your pro profile has been created.",
});

/** A wizard across pages whose second page only works with the session cookie the first one set. */
const sessions = new Map<string, Record<string, string>>();
const metroCss = `body{font-family:Georgia,serif;background:#f7f5f0;margin:0}.box{max-width:560px;margin:2rem auto;background:#fff;border:1px solid #ddd;padding:1.5rem 2rem}
label{display:block;margin-top:.8rem}input,select{display:block;width:100%;padding:.4rem}.steps{color:#777}.err{color:#a00}button{margin-top:1rem;padding:.5rem 1rem}`;
const cookieName = "mbn_sid";
const metroPage = (title: string, body: string, status = 200) => ({
  status,
  body: page({
    title: `${title} — Metro Business Network`,
    css: metroCss,
    body: `<div class=box>${body}</div>`,
  }),
});
const sessionOf = (ctx: RequestContext) => {
  const id = ctx.cookies[cookieName];
  return id ? sessions.get(id) : undefined;
};
const metroStep1 = (errors: string[] = []) =>
  metroPage(
    "Join",
    `<h1>Join the network</h1><p class=steps>Step 1 of 2 — Your business</p>${errors.map((e) => `<p class=err role=alert>${escapeHtml(e)}</p>`).join("")}
<form method=post action="step-1"><label for=bn>Business name</label><input id=bn name=business_name>
<label for=ca>Category</label><select id=ca name=category>${categoryOptions("Choose a category")}</select>
<label for=em>Email</label><input id=em name=email type=email><button type=submit>Continue</button></form>`,
    errors.length ? 422 : 200,
  );

export const sessionWizard: SiteDefinition = {
  slug: "session-wizard",
  name: "Metro Business Network",
  category: "general",
  domainAuthority: 23,
  patterns: [
    "wizard across pages",
    "page 2 needs the session cookie page 1 set",
    "'Save draft' beside 'Finish'",
  ],
  expected: { status: "submitted" },
  submissionPath: "join/step-1",
  mapping: {
    business_name: "businessName",
    category: "category",
    email: "email",
    phone: "phone",
    street: "address",
    city: "city",
    state: "state",
    zip: "zip",
    website: "website",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "Metro Business Network",
          css: metroCss,
          body: `<div class=box><h1>Metro Business Network</h1><p><a href="join/step-1">Join the network</a></p></div>`,
        }),
    },
    { method: "GET", path: "join/step-1", handle: () => metroStep1() },
    {
      method: "POST",
      path: "join/step-1",
      handle: (ctx) => {
        const problems = missing(ctx.fields, { business_name: "Business name", email: "Email" });
        if (problems.length > 0) return metroStep1(problems.map((p) => `${p} is required`));
        const id = `s${sessions.size + 1}${Math.random().toString(36).slice(2, 8)}`;
        sessions.set(id, { ...ctx.fields });
        return {
          status: 303,
          body: "",
          headers: {
            location: "step-2",
            "set-cookie": `${cookieName}=${id}; Path=/session-wizard; HttpOnly; SameSite=Lax`,
          },
        };
      },
    },
    {
      method: "GET",
      path: "join/step-2",
      handle: (ctx) => {
        if (!sessionOf(ctx))
          return metroPage(
            "Session expired",
            `<h1>Your session has expired</h1><p><a href="step-1">Start again</a></p>`,
            403,
          );
        return metroPage(
          "Join",
          `<h1>Join the network</h1><p class=steps>Step 2 of 2 — Contact details</p>
<form method=post action="step-2"><label for=ph>Phone</label><input id=ph name=phone type=tel>
<label for=st>Street address</label><input id=st name=street><label for=ci>City</label><input id=ci name=city>
<label for=sa>State</label><select id=sa name=state>${stateOptions("State")}</select><label for=zi>ZIP</label><input id=zi name=zip>
<label for=we>Website</label><input id=we name=website>
<p><button type=submit name=intent value=draft>Save draft</button> <button type=submit name=intent value=finish>Finish registration</button></p></form>`,
        );
      },
    },
    {
      method: "POST",
      path: "join/step-2",
      handle: (ctx) => {
        const first = sessionOf(ctx);
        if (!first) {
          ctx.record(ctx.fields, false, "step 2 posted without the session cookie");
          return metroPage(
            "Session expired",
            `<h1>Your session has expired</h1><p><a href="step-1">Start again</a></p>`,
            403,
          );
        }
        const fields = { ...first, ...ctx.fields };
        if (fields.intent === "draft") {
          ctx.trap(fields, "saved a draft instead of finishing the registration");
          return metroPage(
            "Draft saved",
            "<h1>Your draft was saved</h1><p>You can finish your registration later.</p>",
          );
        }
        const problems = missing(fields, { phone: "Phone", city: "City" });
        if (problems.length > 0) {
          ctx.record(fields, false, `missing ${problems.join(", ")}`);
          return metroPage(
            "Join",
            problems.map((p) => `<p class=err role=alert>${p} is required</p>`).join(""),
            422,
          );
        }
        ctx.record(fields, true);
        return metroPage(
          "Welcome",
          "<h1>Registration complete</h1><p>Your business profile is now live in the network.</p>",
        );
      },
    },
  ],
};

/** What the address search knows: a prediction per address, with its parts and map position. */
const places = [
  {
    street: "1200 Barton Springs Rd",
    city: "Austin",
    state: "TX",
    zip: "78704",
    lat: "30.2620",
    lng: "-97.7600",
  },
  {
    street: "1200 Barton Hills Dr",
    city: "Austin",
    state: "TX",
    zip: "78704",
    lat: "30.2550",
    lng: "-97.7790",
  },
  { street: "1200 Congress Ave", city: "Austin", state: "TX", zip: "78701", lat: "30.2740", lng: "-97.7400" },
  {
    street: "120 Barton Springs Rd",
    city: "Austin",
    state: "TX",
    zip: "78704",
    lat: "30.2610",
    lng: "-97.7500",
  },
];

export const placesAutocomplete = formSite({
  slug: "places-autocomplete",
  name: "Pinpoint Pros",
  domainAuthority: 20,
  patterns: [
    "address search (Google Places markup): a suggestion must be picked to set the map pin",
    "city, state and ZIP filled from the suggestion",
  ],
  css: `${saasCss}.pac-container{position:absolute;z-index:1000;background:#fff;border:1px solid #d9d9d9;box-shadow:0 2px 6px #0000004d;font-size:13px}
.pac-item{padding:4px 8px;cursor:default;border-top:1px solid #e6e6e6;white-space:nowrap}.pac-item:hover,.pac-item-selected{background:#ebf2fe}.pac-item-query{font-weight:600;padding-right:4px}.pac-matched{font-weight:700}
.map{height:120px;background:#e5e7eb;border-radius:6px;margin-top:.5rem;display:flex;align-items:center;justify-content:center;color:#6b7280}`,
  submissionPath: "join",
  form: `<div class=shell><h1>Put your business on the map</h1><form method=post action="join" id=pro>
<label for=pro-name>Business name</label><input id=pro-name name=pro_name>
<label for=pro-address>Business address</label><input id=pro-address name=pro_street type=text placeholder="Enter a location" autocomplete=off class=pac-target-input>
<div class=map id=map>Pick your address to place the pin</div>
<label for=pro-city>City</label><input id=pro-city name=pro_city>
<label for=pro-state>State</label><input id=pro-state name=pro_state>
<label for=pro-zip>ZIP code</label><input id=pro-zip name=pro_zip>
<input type=hidden name=lat id=lat><input type=hidden name=lng id=lng>
<label for=pro-phone>Phone</label><input id=pro-phone name=pro_phone type=tel>
<label for=pro-email>Email</label><input id=pro-email name=pro_email type=email>
<button type=submit>Join Pinpoint Pros</button><p class=error id=pro-error role=alert></p></form></div>
<script>(function () { // Places Autocomplete, as Google's legacy widget draws it: a .pac-container on the body
  const input = document.getElementById('pro-address'); let box = null, timer, places = [];
  const close = () => { if (box) box.remove(); box = null; };
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  input.addEventListener('input', () => { document.getElementById('lat').value = ''; document.getElementById('lng').value = ''; clearTimeout(timer);
    const q = input.value.trim(); if (q.length < 3) return close();
    timer = setTimeout(async () => { places = await (await fetch('api/places?input=' + encodeURIComponent(q))).json(); close(); if (!places.length) return;
      const r = input.getBoundingClientRect(); box = document.createElement('div'); box.className = 'pac-container pac-logo';
      box.style.cssText = 'top:' + (r.bottom + scrollY) + 'px;left:' + (r.left + scrollX) + 'px;width:' + r.width + 'px';
      box.innerHTML = places.map((p, i) => '<div class=pac-item data-i=' + i + '><span class="pac-icon pac-icon-marker"></span><span class=pac-item-query>' + esc(p.street) + '</span><span>' + esc(p.city + ', ' + p.state + ', USA') + '</span></div>').join('');
      document.body.append(box);
      box.addEventListener('mousedown', (e) => { const item = e.target.closest('.pac-item'); if (!item) return; e.preventDefault(); const p = places[Number(item.dataset.i)];
        input.value = p.street; document.getElementById('pro-city').value = p.city; document.getElementById('pro-state').value = p.state; document.getElementById('pro-zip').value = p.zip;
        document.getElementById('lat').value = p.lat; document.getElementById('lng').value = p.lng; document.getElementById('map').textContent = '📍 ' + p.street + ', ' + p.city; close(); });
    }, 200); });
  input.addEventListener('blur', () => setTimeout(close, 150));
  document.getElementById('pro').addEventListener('submit', (e) => { if (!document.getElementById('lat').value) { e.preventDefault();
    document.getElementById('pro-error').textContent = 'Please select your address from the suggestions so we can place your pin.'; } });
})();</script>`,
  trap: (f) => {
    const place = places.find((p) => p.lat === f.lat && p.lng === f.lng);
    return place && place.street !== f.pro_street
      ? `the pin is at ${place.street}, the address says ${f.pro_street}`
      : undefined;
  },
  mapping: {
    pro_name: "businessName",
    pro_street: "address",
    pro_city: "city",
    pro_state: "state",
    pro_zip: "zip",
    pro_phone: "phone",
    pro_email: "email",
  },
  required: { pro_name: "Business name", pro_street: "Business address", lat: "Map pin", pro_email: "Email" },
  thanks: "Thanks! Your business is on the map and awaiting review.",
  routes: [
    {
      method: "GET",
      path: "api/places",
      delayMs: 250,
      handle: (ctx) => {
        const q = (ctx.query.get("input") ?? "").toLowerCase();
        return {
          contentType: "application/json",
          body: JSON.stringify(places.filter((p) => p.street.toLowerCase().startsWith(q.slice(0, 4)))),
        };
      },
    },
  ],
});

export const modernPatternSites: readonly SiteDefinition[] = [
  createdRedirect,
  hooksForm,
  comboboxFilter,
  autoAdvancePhone,
  nestedShadow,
  lazyModal,
  chainedSelects,
  stepperNewsletter,
  segmentedRadios,
  sessionWizard,
  placesAutocomplete,
];
