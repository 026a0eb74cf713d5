import type { SiteDefinition } from "../types.ts";
import { formSite, postJson } from "./builder.ts";
import { categories, categoryOptions } from "./common.ts";

/**
 * The modern web: widgets drawn by script, forms behind banners and buttons, state kept by a
 * framework rather than the DOM. Each site is one such thing, as a real directory does it.
 */

const appCss = `body{font-family:Inter,system-ui,sans-serif;background:#f8fafc;margin:0;color:#0f172a}
main{max-width:560px;margin:2rem auto;background:#fff;padding:2rem;border-radius:14px;box-shadow:0 1px 3px #0002}
label{display:block;font-size:.85rem;margin-top:1rem;color:#334155}input,select,textarea{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #cbd5e1;border-radius:8px}
button{margin-top:1.2rem;background:#0f766e;color:#fff;border:0;padding:.7rem 1.4rem;border-radius:8px;font-weight:600}
button:disabled{background:#94a3b8}[role=status]{margin-top:1rem;color:#047857}`;

export const tableLayout = formSite({
  slug: "table-layout",
  name: "Tri-County Business Register",
  domainAuthority: 89,
  patterns: ["labels in a neighbouring table cell", "meaningless field names"],
  css: `body{font:13px Verdana,sans-serif;background:#eee}table{background:#fff;border:1px solid #999;margin:1em auto}td{padding:4px 8px}td.l{text-align:right;font-weight:bold;background:#dde}`,
  submissionPath: "register.php",
  form: `<h2 align=center>Register your business</h2><form method=post action="register.php"><table>
<tr><td class=l>Business Name:</td><td><input name=f1 size=40></td></tr>
<tr><td class=l>Street Address:</td><td><input name=f2 size=40></td></tr>
<tr><td class=l>City:</td><td><input name=f3></td></tr>
<tr><td class=l>State:</td><td><input name=f4 size=4></td></tr>
<tr><td class=l>Zip:</td><td><input name=f5 size=10></td></tr>
<tr><td class=l>Telephone:</td><td><input name=f6></td></tr>
<tr><td class=l>E-mail:</td><td><input name=f7></td></tr>
<tr><td class=l>Web site:</td><td><input name=f8 size=40></td></tr>
<tr><td class=l>Type of business:</td><td><select name=f9>${categoryOptions("-- select --")}</select></td></tr>
<tr><td></td><td><input type=submit value="Add My Business"></td></tr></table></form>`,
  mapping: {
    f1: "businessName",
    f2: "address",
    f3: "city",
    f4: "state",
    f5: "zip",
    f6: "phone",
    f7: "email",
    f8: "website",
    f9: "category",
  },
  required: { f1: "Business Name", f6: "Telephone", f7: "E-mail" },
  thanks: "Your entry has been added to the register.",
});

export const publishedId = formSite({
  slug: "published-id",
  name: "Localist",
  domainAuthority: 88,
  patterns: ["success without a thank-you: 'Listing published. ID'"],
  css: appCss,
  submissionPath: "listings/new",
  form: `<main><h1>New listing</h1><form method=post action="/published-id/listings/new">
<label for=l-name>Listing name</label><input id=l-name name="listing[name]" required>
<label for=l-phone>Phone</label><input id=l-phone name="listing[phone]" type=tel>
<label for=l-email>Contact email</label><input id=l-email name="listing[email]" type=email required>
<label for=l-web>Website</label><input id=l-web name="listing[url]" type=url>
<label for=l-street>Street</label><input id=l-street name="listing[street]">
<label for=l-city>City</label><input id=l-city name="listing[city]">
<label for=l-zip>Postal code</label><input id=l-zip name="listing[postal]">
<button>Save</button></form></main>`,
  mapping: {
    "listing[name]": "businessName",
    "listing[phone]": "phone",
    "listing[email]": "email",
    "listing[url]": "website",
    "listing[street]": "address",
    "listing[city]": "city",
    "listing[postal]": "zip",
  },
  required: { "listing[name]": "Listing name", "listing[email]": "Contact email" },
  thanks: "Listing published. ID 1008",
});

export const controlled = formSite({
  slug: "controlled-form",
  name: "Nearbly",
  domainAuthority: 86,
  patterns: ["controlled form (React-style state)", "button disabled until valid", "JSON post"],
  css: appCss,
  submissionPath: "get-listed",
  postPath: "api/listings",
  form: `<main><h1>Get listed on Nearbly</h1><div id=root></div></main><script>${postJson}
const state = { name: '', email: '', phone: '', website: '', city: '', zip: '' };
const fields = [['name', 'Business name', 'text'], ['email', 'Work email', 'email'], ['phone', 'Phone number', 'tel'], ['website', 'Website (optional)', 'url'], ['city', 'City', 'text'], ['zip', 'ZIP code', 'text']];
root.innerHTML = fields.map(([k, l, t]) => '<label>' + l + '<input data-k="' + k + '" type="' + t + '" autocomplete="off"></label>').join('') +
  '<button id=go type=button disabled>Create my listing</button><p role=status id=msg></p>';
const valid = () => state.name.trim() && /@/.test(state.email) && state.phone.replace(/\\D/g, '').length >= 10 && state.zip.trim();
for (const input of root.querySelectorAll('input')) input.addEventListener('input', (e) => { state[e.target.dataset.k] = e.target.value; go.disabled = !valid(); });
go.addEventListener('click', () => { go.disabled = true; postListing('api/listings', state, (m) => { msg.textContent = m; }); });
</script>`,
  mapping: {
    name: "businessName",
    email: "email",
    phone: "phone",
    website: "website",
    city: "city",
    zip: "zip",
  },
  required: { name: "Business name", email: "Work email", zip: "ZIP code" },
  thanks: "Done! Your business is on Nearbly. Reference NB-55120.",
});

export const listbox = formSite({
  slug: "custom-listbox",
  name: "Proximo",
  domainAuthority: 85,
  patterns: ["required category in a custom ARIA listbox"],
  css: `${appCss}.lb{position:relative}.lb ul{position:absolute;z-index:5;background:#fff;border:1px solid #cbd5e1;list-style:none;margin:0;padding:0;width:100%;max-height:180px;overflow:auto}
.lb li{padding:.4rem .6rem;cursor:pointer}.lb li:hover{background:#f1f5f9}.trigger{width:100%;text-align:left;background:#fff;color:#0f172a;border:1px solid #cbd5e1;margin:0}`,
  submissionPath: "add-business",
  form: `<main><h1>Add a business</h1><form method=post action="add-business" id=f>
<label for=bn>Business name</label><input id=bn name=bn>
<label for=ph>Phone</label><input id=ph name=ph type=tel>
<label for=em>Email address</label><input id=em name=em type=email>
<span id=cat-label class=lbl>Category *</span>
<div class=lb><button type=button class=trigger id=cat-btn aria-haspopup=listbox aria-expanded=false aria-labelledby="cat-label cat-btn">Pick one</button>
<ul role=listbox id=cat-list aria-labelledby=cat-label hidden>${categories.map((c) => `<li role=option id="opt-${c.replace(/\W/g, "")}" data-value="${c}">${c}</li>`).join("")}</ul></div>
<input type=hidden name=cat id=cat>
<label for=desc>About the business</label><textarea id=desc name=desc rows=3></textarea>
<button type=submit>Publish</button><p id=err role=alert></p></form></main>
<script>
const btn = document.getElementById('cat-btn'), list = document.getElementById('cat-list');
btn.addEventListener('click', () => { list.hidden = !list.hidden; btn.setAttribute('aria-expanded', String(!list.hidden)); });
list.addEventListener('click', (e) => { const o = e.target.closest('[role=option]'); if (!o) return;
  document.getElementById('cat').value = o.dataset.value; btn.textContent = o.textContent; list.hidden = true; btn.setAttribute('aria-expanded', 'false');
  for (const x of list.children) x.setAttribute('aria-selected', String(x === o)); });
f.addEventListener('submit', (e) => { if (!document.getElementById('cat').value) { e.preventDefault(); err.textContent = 'Please choose a category'; } });
</script>`,
  mapping: { bn: "businessName", ph: "phone", em: "email", cat: "category", desc: "description" },
  required: { bn: "Business name", cat: "Category", em: "Email address" },
  thanks: "Thanks — your business is now listed on Proximo.",
});

export const splitPhone = formSite({
  slug: "split-phone",
  name: "Hometown Pages",
  domainAuthority: 83,
  patterns: ["phone split into three boxes", "address lines"],
  css: `body{font-family:Arial,sans-serif;margin:2rem;max-width:640px}label,legend{font-weight:bold;display:block;margin-top:.8rem}
.phone input{width:4em;display:inline-block}fieldset{border:0;padding:0}`,
  submissionPath: "list",
  form: `<h1>List your business free</h1><form method=post action="list">
<label for=company>Company name</label><input id=company name=company>
<fieldset class=phone><legend>Phone number</legend>(<input name=phone_area maxlength=3 size=3 inputmode=numeric aria-label="Area code">)
<input name=phone_prefix maxlength=3 size=3 inputmode=numeric aria-label="Phone prefix"> - <input name=phone_line maxlength=4 size=4 inputmode=numeric aria-label="Line number"></fieldset>
<label for=a1>Address line 1</label><input id=a1 name=address1>
<label for=a2>Address line 2</label><input id=a2 name=address2>
<label for=city>City</label><input id=city name=city>
<label for=zip>ZIP</label><input id=zip name=zip maxlength=10>
<label for=email>Email</label><input id=email name=email type=email>
<p><input type=submit value="Submit"></p></form>`,
  read: (f) => ({ ...f, phone: `${f.phone_area ?? ""}${f.phone_prefix ?? ""}${f.phone_line ?? ""}` }),
  trap: (f) => (f.address2 ? `address line 2 got "${f.address2}"` : undefined),
  mapping: {
    company: "businessName",
    phone: "phone",
    address1: "address",
    city: "city",
    zip: "zip",
    email: "email",
  },
  required: { company: "Company name", phone: "Phone number", email: "Email" },
  thanks: "Thank you! We'll review your listing shortly.",
});

export const consentOverlay = formSite({
  slug: "consent-overlay",
  name: "Brightside Local",
  domainAuthority: 82,
  patterns: ["cookie banner covering the form"],
  css: `${appCss}#consent{position:fixed;inset:0;background:rgba(15,23,42,.7);z-index:100;display:flex;align-items:flex-end}
#consent .box{background:#fff;width:100%;padding:1.5rem}#consent button{margin-right:.5rem}#consent .secondary{background:#fff;color:#0f172a;border:1px solid #0f172a}`,
  submissionPath: "submit-business",
  form: `<main><h1>Submit your business</h1><form method=post action="submit-business">
<label>Business name<input name=business></label><label>Email<input name=contact_email type=email></label>
<label>Phone<input name=contact_phone type=tel></label><label>Website<input name=homepage></label>
<label>City<input name=town></label><label>Category<select name=sector>${categoryOptions("Select…")}</select></label>
<button>Submit business</button></form></main>
<div id=consent role=dialog aria-modal=true aria-label="Cookie consent"><div class=box><h2>We value your privacy</h2>
<p>We use cookies to personalise content and ads, and to analyse our traffic. You can accept all cookies or only the necessary ones.</p>
<button id=accept>Accept all cookies</button><button id=necessary class=secondary>Only necessary</button><a href="#">Cookie settings</a></div></div>
<script>for (const id of ['accept', 'necessary']) document.getElementById(id).onclick = () => { document.cookie = 'consent=' + id; document.getElementById('consent').remove(); };</script>`,
  mapping: {
    business: "businessName",
    contact_email: "email",
    contact_phone: "phone",
    homepage: "website",
    town: "city",
    sector: "category",
  },
  required: { business: "Business name", contact_email: "Email" },
  thanks: "Thanks! Your business was submitted for review.",
});

export const shadowDom = formSite({
  slug: "shadow-dom",
  name: "Pinpoint Places",
  domainAuthority: 80,
  patterns: ["form inside a shadow root (web component)", "JSON post"],
  css: "body{font-family:system-ui;margin:0;background:#fafafa}header{background:#312e81;color:#fff;padding:1rem 2rem}",
  submissionPath: "claim",
  postPath: "api/places",
  form: `<header><h1>Pinpoint Places</h1></header><pp-listing-form></pp-listing-form><script>${postJson}
customElements.define('pp-listing-form', class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = \`<style>form{max-width:520px;margin:2rem auto;display:grid;gap:.6rem}label{display:grid;font-size:.9rem}input,textarea{padding:.5rem}</style>
    <form><h2>Add your place</h2>
    <label>Place name <input name=title required></label><label>Email <input name=mail type=email required></label>
    <label>Phone <input name=tel type=tel></label><label>Street address <input name=street></label>
    <label>City <input name=city></label><label>State <input name=region></label><label>ZIP <input name=postcode></label>
    <label>Describe your place <textarea name=about rows=3></textarea></label>
    <button>Add place</button><output role=status></output></form>\`;
    const form = root.querySelector('form');
    form.addEventListener('submit', (e) => { e.preventDefault();
      const data = Object.fromEntries(new FormData(form));
      postListing('api/places', data, (m) => { root.querySelector('output').textContent = m; if (m) form.hidden = true; }); });
  }
});</script>`,
  mapping: {
    title: "businessName",
    mail: "email",
    tel: "phone",
    street: "address",
    city: "city",
    region: "state",
    postcode: "zip",
    about: "description",
  },
  required: { title: "Place name", mail: "Email" },
  thanks: "Your place has been added to Pinpoint.",
});

export const modalCta = formSite({
  slug: "modal-cta",
  name: "Gather Guide",
  domainAuthority: 79,
  patterns: ["form in a modal opened by 'Add your business'", "login link beside"],
  css: `${appCss}dialog{border:0;border-radius:14px;padding:2rem;width:480px}dialog::backdrop{background:#0008}.hero{text-align:center;padding:4rem}`,
  submissionPath: "",
  form: `<div class=hero><h1>Gather Guide</h1><p>Find the best local services, picked by locals.</p>
<a href="login">Sign in</a> · <button type=button id=cta>Add your business</button></div>
<dialog id=dlg aria-labelledby=dlg-title><h2 id=dlg-title>Add your business</h2><form method=post action="listing">
<label>Business name<input name=org></label><label>Email<input name=org_email type=email></label><label>Phone<input name=org_phone></label>
<label>Website<input name=org_site></label><label>Address<input name=org_address></label><label>City<input name=org_city></label>
<button>Send listing</button> <button type=button onclick="dlg.close()">Cancel</button></form></dialog>
<script>cta.onclick = () => dlg.showModal();</script>`,
  postPath: "listing",
  mapping: {
    org: "businessName",
    org_email: "email",
    org_phone: "phone",
    org_site: "website",
    org_address: "address",
    org_city: "city",
  },
  required: { org: "Business name", org_email: "Email" },
  thanks: "Thank you! Your business has been received and will appear after review.",
  routes: [
    {
      method: "GET",
      path: "login",
      handle: () => "<h1>Sign in</h1><form><input name=u><input type=password name=p></form>",
    },
  ],
});

export const dependentSelect = formSite({
  slug: "dependent-select",
  name: "North American Business Index",
  domainAuthority: 77,
  patterns: ["state select loaded after the country is chosen"],
  css: `body{font-family:Georgia,serif;margin:2rem auto;max-width:600px}label{display:block;margin-top:.7rem}input,select{display:block;width:100%}`,
  submissionPath: "submit",
  form: `<h1>Submit a company</h1><form method=post action="submit">
<label>Company name <input name=company required></label>
<label>Country <select name=country id=country required><option value="">Choose a country</option><option value=CA>Canada</option><option value=MX>Mexico</option><option value=US>United States</option></select></label>
<label>State / Province <select name=region id=region required disabled><option value="">Choose a country first</option></select></label>
<label>City <input name=city></label><label>Postal code <input name=postal></label>
<label>Phone <input name=phone></label><label>Email <input name=email></label>
<button>Submit company</button></form>
<script>country.addEventListener('change', async () => {
  region.disabled = true; region.innerHTML = '<option value="">Loading…</option>';
  const r = await fetch('regions?country=' + country.value); const list = await r.json();
  region.innerHTML = '<option value="">Select</option>' + list.map(([v, t]) => '<option value="' + v + '">' + t + '</option>').join('');
  region.disabled = false; });</script>`,
  read: (f) => ({ ...f }),
  trap: (f) => (f.country !== "US" ? `country "${f.country}"` : undefined),
  mapping: {
    company: "businessName",
    region: "state",
    city: "city",
    postal: "zip",
    phone: "phone",
    email: "email",
  },
  required: { company: "Company name", region: "State / Province", email: "Email" },
  thanks: "Thank you, your company was submitted.",
  routes: [
    {
      method: "GET",
      path: "regions",
      delayMs: 400,
      handle: (ctx) => ({
        contentType: "application/json",
        body: JSON.stringify(
          ctx.query.get("country") === "US"
            ? [
                ["CA", "California"],
                ["NY", "New York"],
                ["TX", "Texas"],
                ["WA", "Washington"],
              ]
            : [
                ["ON", "Ontario"],
                ["QC", "Quebec"],
              ],
        ),
      }),
    },
  ],
});

export const richText = formSite({
  slug: "rich-text",
  name: "Main Street Journal Directory",
  domainAuthority: 76,
  patterns: ["rich-text (contenteditable) description"],
  css: `body{font-family:system-ui;margin:2rem auto;max-width:640px}label{display:block;margin-top:.8rem}input{width:100%}
.editor{border:1px solid #bbb}.toolbar{background:#eee;padding:.3rem}.toolbar button{margin:0 .2rem}.ql-editor{min-height:90px;padding:.5rem;outline:0}`,
  submissionPath: "submit-listing",
  form: `<h1>Submit a listing</h1><form method=post action="submit-listing">
<label for=t>Business title</label><input id=t name=post_title>
<label for=e>Email</label><input id=e name=email type=email>
<label for=p>Phone</label><input id=p name=phone>
<label id=desc-label>Business description</label>
<div class=editor><div class=toolbar><button type=button>B</button><button type=button>I</button><button type=button>Link</button></div>
<div class="ql-editor" contenteditable=true role=textbox aria-multiline=true aria-labelledby=desc-label></div></div>
<input type=hidden name=post_content id=content>
<button type=submit>Submit listing</button></form>
<script>const ed = document.querySelector('.ql-editor');
ed.addEventListener('input', () => { document.getElementById('content').value = ed.innerText.trim(); });</script>`,
  mapping: { post_title: "businessName", email: "email", phone: "phone", post_content: "description" },
  required: { post_title: "Business title", post_content: "Business description" },
  thanks: "Thanks for your submission! It will be reviewed by our editors.",
});

const wpCss = `body{font-family:-apple-system,"Segoe UI",Roboto,sans-serif;background:#f0f0f1;margin:0}.site-header{background:#1d2327;color:#fff;padding:1rem 2rem}
.entry-content{max-width:720px;margin:2rem auto;background:#fff;padding:2rem}.geodir_form_row{margin-bottom:1rem}.geodir_form_row label{display:block;font-weight:600}
.geodir_form_row input[type=text],.geodir_form_row input[type=email],.geodir_form_row input[type=tel],.geodir_form_row input[type=url],.geodir_form_row textarea{width:100%;padding:.5rem}
.select2-container{display:inline-block;width:100%;border:1px solid #8c8f94;padding:.4rem;box-sizing:border-box;cursor:pointer}
.select2-dropdown{position:absolute;background:#fff;border:1px solid #8c8f94;z-index:1051}.select2-results__option{padding:.3rem .6rem}.select2-results__option--highlighted{background:#2271b1;color:#fff}
.geodir_button{background:#2271b1;color:#fff;border:0;padding:.6rem 1.2rem}`;

export const wpDirectory = formSite({
  slug: "wp-directory",
  name: "Lakeside Business Directory",
  domainAuthority: 74,
  patterns: [
    "WordPress directory plugin markup",
    "select2 category picker",
    "nonce field",
    "search form beside",
  ],
  css: wpCss,
  submissionPath: "add-listing/gd_place",
  postPath: "wp-admin/admin-ajax.php",
  home: `<header class=site-header><h1>Lakeside Business Directory</h1></header><div class=entry-content><form role=search class=geodir-search action="search"><input name=s placeholder="Search for"><input name=snear placeholder="Near"><button>Search</button></form>
<p><a href="add-listing/gd_place">Add Listing</a></p></div>`,
  form: `<header class=site-header><h1>Lakeside Business Directory</h1><form role=search class=geodir-search action="/wp-directory/search"><input name=s placeholder="Search for"><button class=geodir_button>Search</button></form></header>
<div class=entry-content><h2>Add Listing</h2>
<form name=propertyform id=propertyform method=post action="/wp-directory/wp-admin/admin-ajax.php" enctype="application/x-www-form-urlencoded">
<input type=hidden name=action value="geodir_save_post"><input type=hidden name=security value="8f3a2c9e1b"><input type=hidden name=post_type value="gd_place">
<div class=geodir_form_row><label for=post_title>Title <span class=geodir_required>*</span></label><input type=text id=post_title name=post_title></div>
<div class=geodir_form_row><label for=post_content>Description</label><textarea id=post_content name=post_content rows=5></textarea></div>
<div class=geodir_form_row><label for=post_category>Category <span class=geodir_required>*</span></label>
<select id=post_category name="tax_input[gd_placecategory][]" class="geodir-select select2-hidden-accessible" tabindex=-1 aria-hidden=true data-placeholder="Select Category">
<option value=""></option>${categories.map((c, i) => `<option value="${i + 11}">${c}</option>`).join("")}</select>
<span class="select2 select2-container select2-container--default" dir=ltr><span class=selection><span class="select2-selection select2-selection--single" role=combobox aria-haspopup=true aria-expanded=false tabindex=0 aria-labelledby="select2-post_category-container"><span class=select2-selection__rendered id="select2-post_category-container"><span class=select2-selection__placeholder>Select Category</span></span></span></span></span></div>
<div class=geodir_form_row><label for=street>Address <span class=geodir_required>*</span></label><input type=text id=street name=street></div>
<div class=geodir_form_row><label for=city>City</label><input type=text id=city name=city></div>
<div class=geodir_form_row><label for=region>Region</label><input type=text id=region name=region></div>
<div class=geodir_form_row><label for=zip>Zip/Post Code</label><input type=text id=zip name=zip></div>
<div class=geodir_form_row><label for=phone>Phone</label><input type=tel id=phone name=phone></div>
<div class=geodir_form_row><label for=email>Email</label><input type=email id=email name=email></div>
<div class=geodir_form_row><label for=website>Website</label><input type=url id=website name=website></div>
<input type=submit class=geodir_button value="Submit Listing"></form></div>
<script>
const native = document.getElementById('post_category'); const rendered = document.getElementById('select2-post_category-container');
document.querySelector('.select2-selection').addEventListener('mousedown', (ev) => { ev.preventDefault(); if (document.querySelector('.select2-dropdown')) return;
  const r = ev.currentTarget.getBoundingClientRect();
  const drop = document.createElement('span'); drop.className = 'select2-dropdown select2-dropdown--below';
  drop.style.cssText = 'top:' + (r.bottom + scrollY) + 'px;left:' + r.left + 'px;width:' + r.width + 'px';
  drop.innerHTML = '<span class=select2-search><input class=select2-search__field type=search autocomplete=off role=searchbox></span><ul class=select2-results__options role=listbox>' +
    Array.from(native.options).slice(1).map((o) => '<li class=select2-results__option role=option data-v="' + o.value + '">' + o.text + '</li>').join('') + '</ul>';
  document.body.append(drop); const search = drop.querySelector('input'); search.focus();
  search.addEventListener('input', () => { for (const li of drop.querySelectorAll('li')) li.style.display = li.textContent.toLowerCase().includes(search.value.toLowerCase()) ? '' : 'none'; });
  drop.addEventListener('mouseup', (e) => { const li = e.target.closest('li'); if (!li) return; native.value = li.dataset.v; native.dispatchEvent(new Event('change'));
    rendered.textContent = li.textContent; drop.remove(); });
});
document.addEventListener('mousedown', (e) => { const d = document.querySelector('.select2-dropdown'); if (d && !d.contains(e.target) && !e.target.closest('.select2-selection')) d.remove(); });
</script>`,
  read: (f) => {
    const id = Number(f["tax_input[gd_placecategory][]"]);
    return { ...f, category: categories[id - 11] ?? "" };
  },
  trap: (f) => (f.security !== "8f3a2c9e1b" ? "the form's nonce was lost" : undefined),
  mapping: {
    post_title: "businessName",
    post_content: "description",
    category: "category",
    street: "address",
    city: "city",
    region: "state",
    zip: "zip",
    phone: "phone",
    email: "email",
    website: "website",
  },
  required: { post_title: "Title", category: "Category", street: "Address" },
  thanks: "Listing submitted successfully. It will be published after review.",
  routes: [{ method: "GET", path: "search", handle: () => "<h1>Search results</h1><p>No results.</p>" }],
});

export const choicesPlatform = formSite({
  slug: "choices-platform",
  name: "Directorist Demo Town",
  domainAuthority: 73,
  patterns: ["choices.js-style picker", "floating labels", "address line 2 left empty"],
  css: `body{font-family:Roboto,sans-serif;background:#f6f7f9}.directorist-form{max-width:640px;margin:2rem auto;background:#fff;padding:2rem}
.form-floating{position:relative;margin-bottom:1rem}.form-floating input{width:100%;padding:1.6rem .75rem .5rem;box-sizing:border-box}
.form-floating label{position:absolute;top:.4rem;left:.75rem;font-size:.75rem;color:#666;pointer-events:none}
.choices{position:relative;margin-bottom:1rem}.choices__inner{border:1px solid #ccc;padding:.6rem;cursor:pointer}.choices__list--dropdown{display:none;position:absolute;background:#fff;border:1px solid #ccc;width:100%;z-index:3}
.choices.is-open .choices__list--dropdown{display:block}.choices__item--choice{padding:.4rem}.choices__item--choice.is-highlighted{background:#eef}`,
  submissionPath: "add-listing",
  form: `<div class=directorist-form><h1>Add listing</h1><form method=post action="add-listing">
<div class=form-floating><input id=ltitle name=listing_title placeholder=" "><label for=ltitle>Listing title</label></div>
<div class=form-floating><input id=addr1 name=address_line_1 placeholder=" "><label for=addr1>Address line 1</label></div>
<div class=form-floating><input id=addr2 name=address_line_2 placeholder=" "><label for=addr2>Address line 2 (optional)</label></div>
<div class=form-floating><input id=lcity name=listing_city placeholder=" "><label for=lcity>City</label></div>
<div class=form-floating><input id=lstate name=listing_state placeholder=" "><label for=lstate>State</label></div>
<div class=form-floating><input id=lzip name=listing_zip placeholder=" "><label for=lzip>ZIP code</label></div>
<div class=form-floating><input id=lphone name=listing_phone type=tel placeholder=" "><label for=lphone>Phone</label></div>
<div class=form-floating><input id=lemail name=listing_email type=email placeholder=" "><label for=lemail>Email</label></div>
<label for=cat-choices>Category</label>
<div class=choices data-type=select-one tabindex=0 role=combobox aria-expanded=false aria-haspopup=listbox>
<div class=choices__inner><select id=cat-choices name=listing_category class="choices__input" hidden tabindex=-1><option value="">Select a category</option></select>
<div class="choices__list choices__list--single"><div class="choices__item choices__placeholder">Select a category</div></div></div>
<div class="choices__list choices__list--dropdown" aria-expanded=false><input type=search class=choices__input--cloned placeholder="Search" aria-label="Search categories">
<div class=choices__list role=listbox>${categories.map((c) => `<div class="choices__item choices__item--choice choices__item--selectable" role=option data-value="${c}">${c}</div>`).join("")}</div></div></div>
<button type=submit>Save &amp; Preview</button></form></div>
<script>
const box = document.querySelector('.choices'), sel = document.getElementById('cat-choices'), single = box.querySelector('.choices__list--single');
box.querySelector('.choices__inner').addEventListener('click', () => { box.classList.toggle('is-open'); box.setAttribute('aria-expanded', String(box.classList.contains('is-open'))); box.querySelector('.choices__input--cloned').focus(); });
box.querySelector('.choices__input--cloned').addEventListener('input', (e) => { for (const o of box.querySelectorAll('[role=option]')) o.hidden = !o.textContent.toLowerCase().includes(e.target.value.toLowerCase()); });
box.addEventListener('click', (e) => { const o = e.target.closest('[role=option]'); if (!o) return; e.stopPropagation();
  sel.innerHTML = '<option value="' + o.dataset.value + '" selected>' + o.textContent + '</option>'; single.innerHTML = '<div class=choices__item>' + o.textContent + '</div>';
  box.classList.remove('is-open'); box.setAttribute('aria-expanded', 'false'); });
</script>`,
  trap: (f) => (f.address_line_2 ? `address line 2 got "${f.address_line_2}"` : undefined),
  mapping: {
    listing_title: "businessName",
    address_line_1: "address",
    listing_city: "city",
    listing_state: "state",
    listing_zip: "zip",
    listing_phone: "phone",
    listing_email: "email",
    listing_category: "category",
  },
  required: { listing_title: "Listing title", listing_category: "Category", listing_email: "Email" },
  thanks: "Congratulations! Your listing has been submitted and is awaiting approval.",
});

export const pageWizard = formSite({
  slug: "page-wizard",
  name: "Bizly",
  domainAuthority: 71,
  patterns: ["wizard inside one page", "newsletter and search forms beside"],
  css: `${appCss}.step{display:none}.step.active{display:block}aside{max-width:560px;margin:1rem auto;padding:1rem;background:#e0f2fe}`,
  submissionPath: "start",
  postPath: "finish",
  form: `<header><form role=search action="search" method=post><input name=q aria-label="Search Bizly" placeholder="Search"><button>Search</button></form></header>
<main><h1>List your business</h1><form id=wiz method=post action="finish">
<section class="step active" data-step=1><h2>Step 1 of 3 · Basics</h2><label>Business name<input name=biz_name></label><label>Category<select name=biz_category>${categoryOptions("Select")}</select></label><button type=button class=next>Next</button></section>
<section class=step data-step=2><h2>Step 2 of 3 · Contact</h2><label>Phone<input name=biz_phone type=tel></label><label>Email<input name=biz_email type=email></label><label>Website<input name=biz_web></label><button type=button class=back>Back</button><button type=button class=next>Next</button></section>
<section class=step data-step=3><h2>Step 3 of 3 · Location</h2><label>Street address<input name=biz_street></label><label>City<input name=biz_city></label><label>ZIP<input name=biz_zip></label><button type=button class=back>Back</button><button type=submit>Publish listing</button></section>
</form></main>
<aside><h3>Get small-business tips</h3><form method=post action="newsletter"><label>Your email<input name=email type=email></label><button>Subscribe</button></form></aside>
<script>const steps = [...document.querySelectorAll('.step')]; let at = 0;
const show = (i) => { steps[at].classList.remove('active'); at = i; steps[at].classList.add('active'); };
for (const b of document.querySelectorAll('.next')) b.onclick = () => { const empty = [...steps[at].querySelectorAll('input,select')].find((x) => !x.value && x.name !== 'biz_web'); if (empty) { empty.focus(); return; } show(at + 1); };
for (const b of document.querySelectorAll('.back')) b.onclick = () => show(at - 1);</script>`,
  mapping: {
    biz_name: "businessName",
    biz_category: "category",
    biz_phone: "phone",
    biz_email: "email",
    biz_web: "website",
    biz_street: "address",
    biz_city: "city",
    biz_zip: "zip",
  },
  required: { biz_name: "Business name", biz_email: "Email", biz_city: "City" },
  thanks: "Your listing is live on Bizly!",
  routes: [
    {
      method: "POST",
      path: "newsletter",
      handle: (ctx) => {
        ctx.trap(ctx.fields, "the newsletter form was submitted");
        return "<h1>Thanks for subscribing!</h1>";
      },
    },
    {
      method: "POST",
      path: "search",
      handle: (ctx) => {
        ctx.trap(ctx.fields, "the search form was submitted");
        return "<h1>Search results</h1><p>Thank you for searching. No results.</p>";
      },
    },
  ],
});

export const honeypots = formSite({
  slug: "honeypots",
  name: "Verified Local",
  domainAuthority: 70,
  patterns: ["honeypot fields (CSS-hidden, off-screen, aria-hidden, 'leave empty')", "fake thanks to bots"],
  css: `body{font-family:system-ui;margin:2rem auto;max-width:560px}label{display:block;margin-top:.6rem}input,textarea{width:100%}.hp{display:none}.offscreen{position:absolute;left:-9999px;top:-9999px}`,
  submissionPath: "add",
  form: `<h1>Add your business</h1><form method=post action="add">
<label>Business name<input name=business_name></label>
<div class=hp><label>Website<input name=website_url></label></div>
<label>Email<input name=email_address type=email></label>
<div class=offscreen><label>Phone<input name=phone_number_confirm tabindex=-1 autocomplete=off></label></div>
<label>Phone<input name=phone_number type=tel></label>
<div aria-hidden=true><input name=company_fax tabindex=-1></div>
<label>Website<input name=site_link></label>
<label>City<input name=city_name></label>
<p><label>If you are human, leave this field empty <input name=leave_blank></label></p>
<button>Add business</button></form>`,
  trap: (f) => {
    const filled = ["website_url", "phone_number_confirm", "company_fax", "leave_blank"].filter((n) => f[n]);
    return filled.length > 0 ? `honeypot filled: ${filled.join(", ")}` : undefined;
  },
  mapping: {
    business_name: "businessName",
    email_address: "email",
    phone_number: "phone",
    site_link: "website",
    city_name: "city",
  },
  required: { business_name: "Business name", email_address: "Email" },
  thanks: "Thank you! Your business has been added.",
});

export const toast = formSite({
  slug: "toast",
  name: "QuickCite",
  domainAuthority: 68,
  patterns: ["success only in a toast that disappears", "JSON post"],
  css: `${appCss}.toast{position:fixed;bottom:1rem;right:1rem;background:#065f46;color:#fff;padding:1rem;border-radius:8px}`,
  submissionPath: "new",
  postPath: "api/submit",
  form: `<main><h1>Add a citation</h1><form id=f><label>Business name<input name=name></label><label>Phone<input name=phone type=tel></label>
<label>Email<input name=email type=email></label><label>Website<input name=url></label><label>Address<input name=address></label>
<button>Submit</button></form></main><div aria-live=polite id=live></div><script>${postJson}
f.addEventListener('submit', (e) => { e.preventDefault(); const data = Object.fromEntries(new FormData(f));
  postListing('api/submit', data, (m, ok) => { const t = document.createElement('div'); t.className = 'toast'; t.setAttribute('role', ok ? 'status' : 'alert'); t.textContent = m;
    live.append(t); if (ok) f.reset(); setTimeout(() => t.remove(), 3000); }); });</script>`,
  mapping: { name: "businessName", phone: "phone", email: "email", url: "website", address: "address" },
  required: { name: "Business name", phone: "Phone" },
  thanks: "Your business was added.",
});

export const radiosDate = formSite({
  slug: "radios-date",
  name: "Chamber Online",
  domainAuthority: 67,
  patterns: ["radios (plan, type)", "required date", "terms yes, marketing no"],
  css: `body{font-family:"Open Sans",sans-serif;margin:2rem auto;max-width:620px}label{display:block;margin:.4rem 0}fieldset{margin:.8rem 0}`,
  submissionPath: "membership/listing",
  form: `<h1>Free business listing</h1><form method=post action="listing">
<fieldset><legend>Choose your listing</legend><label><input type=radio name=plan value=featured> Featured listing — $49/month</label>
<label><input type=radio name=plan value=basic> Basic listing — free</label></fieldset>
<label>Business name <input name=bizname required></label><label>Phone <input name=bizphone required></label><label>Email <input name=bizemail type=email required></label>
<fieldset><legend>Business type</legend><label><input type=radio name=btype value=storefront> Storefront</label><label><input type=radio name=btype value=service_area> Service area business</label><label><input type=radio name=btype value=online> Online only</label></fieldset>
<label>Open since <input type=date name=opened required></label>
<label><input type=checkbox name=agree value=yes required> I accept the listing terms and conditions</label>
<label><input type=checkbox name=marketing value=yes checked> Send me partner offers and marketing emails</label>
<button>Submit free listing</button></form>`,
  postPath: "membership/listing",
  trap: (f) => {
    if (f.plan !== "basic") return `plan "${f.plan ?? ""}" instead of the free one`;
    if (f.marketing) return "opted in to marketing";
    if (f.agree !== "yes") return "terms not accepted";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.opened ?? "")) return `open-since date "${f.opened ?? ""}"`;
    return undefined;
  },
  mapping: { bizname: "businessName", bizphone: "phone", bizemail: "email" },
  required: { bizname: "Business name", plan: "Listing", btype: "Business type", opened: "Open since" },
  thanks: "Thank you — your free listing request was received.",
});

export const modalIframe = formSite({
  slug: "modal-iframe",
  name: "Countywide Connect",
  domainAuthority: 65,
  patterns: ["form in an iframe inside a modal opened by 'Get listed'"],
  css: `body{font-family:system-ui;margin:0}.hero{padding:4rem;text-align:center;background:#fef3c7}.overlay{position:fixed;inset:0;background:#0009;display:none}.overlay.open{display:block}
.overlay iframe{width:520px;height:640px;border:0;background:#fff;display:block;margin:3vh auto}`,
  submissionPath: "",
  form: `<div class=hero><h1>Countywide Connect</h1><p>Your county's business network.</p><a class=btn href="#get-listed" id=cta>Get listed</a></div>
<div class=overlay id=ov role=dialog aria-modal=true></div>
<script>cta.addEventListener('click', (e) => { e.preventDefault(); ov.innerHTML = '<iframe title="Get listed" src="embed/form"></iframe>'; ov.classList.add('open'); });</script>`,
  postPath: "embed/form",
  mapping: {
    company: "businessName",
    email: "email",
    phone: "phone",
    website: "website",
    zip: "zip",
    about: "description",
  },
  required: { company: "Company", email: "Email" },
  thanks: "Thanks! You're listed on Countywide Connect.",
  routes: [
    {
      method: "GET",
      path: "embed/form",
      handle: () =>
        `<!doctype html><html><body style="font-family:system-ui;padding:1rem"><h2>Get listed</h2><form method=post action="form">
<p><label>Company <input name=company></label></p><p><label>Email <input name=email type=email></label></p><p><label>Phone <input name=phone></label></p>
<p><label>Website <input name=website></label></p><p><label>Zip <input name=zip></label></p><p><label>About your business <textarea name=about></textarea></label></p>
<button>Join now</button></form></body></html>`,
    },
  ],
});

export const modernSites: readonly SiteDefinition[] = [
  tableLayout,
  publishedId,
  controlled,
  listbox,
  splitPhone,
  consentOverlay,
  shadowDom,
  modalCta,
  dependentSelect,
  richText,
  wpDirectory,
  choicesPlatform,
  pageWizard,
  honeypots,
  toast,
  radiosDate,
  modalIframe,
];
