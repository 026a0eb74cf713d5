import { usStates } from "@autobolt/contract";
import { escapeHtml, page } from "../html.ts";
import type { SiteDefinition } from "../types.ts";
import { formSite, postJson } from "./builder.ts";
import { categories, categoryOptions, missing } from "./common.ts";

/**
 * Directories built on common platforms, with those platforms' own markup: ASP.NET WebForms,
 * a late consent manager, Rails with a Trix editor, WordPress's Business Directory Plugin with
 * select2, Bootstrap with Tom Select, Gravity Forms with its honeypot, a Material snackbar.
 */

const stateNames = usStates.map(([abbr, name]) => `<option value="${abbr}">${name}</option>`).join("");
const termIds = categories.map((c, i) => [String(40 + i * 3), c] as const);
const categoryByTerm = new Map(termIds);

const aspCss = `body{font-family:Tahoma,Verdana,sans-serif;font-size:12px;background:#dfe6ee;margin:0}#hdr{background:#1f3a60;color:#fff;padding:8px 16px;font-size:18px}
.formTable{background:#fff;border:1px solid #8aa;margin:16px auto;width:620px}.formTable td{padding:4px 6px;vertical-align:top}.formTable td.lbl{width:170px;text-align:right;color:#234}
.formTable th{background:#c9d6e4;text-align:left;padding:4px 6px}.req{color:#c00}.formTable input[type=text],.formTable textarea{width:300px}`;

export const aspnetTable = formSite({
  slug: "aspnet-table",
  name: "Regional Chamber Business Listings",
  domainAuthority: 39,
  patterns: [
    "ASP.NET WebForms: ctl00$ names, __VIEWSTATE",
    "labels in the cell before",
    "one 'City / State / Zip' cell for three controls",
  ],
  css: aspCss,
  submissionPath: "Members/AddListing.aspx",
  form: `<div id=hdr>Regional Chamber — Business Listings</div>
<form method="post" action="./AddListing.aspx" id="form1">
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAgIBD2QWAgIBDxYCHgRUZXh0ZWRkZA==">
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAAqX9Y6R0b0cmlWc3v4bQ8AnKc2i"></div>
<table class="formTable" cellspacing="0">
<tr><th colspan="2">Company Information</th></tr>
<tr><td class="lbl"><span class="req">*</span> Company Name:</td><td><input name="ctl00$MainContent$txtCompany" type="text" maxlength="100" id="MainContent_txtCompany"></td></tr>
<tr><td class="lbl">Street Address:</td><td><input name="ctl00$MainContent$txtAddr1" type="text" maxlength="100" id="MainContent_txtAddr1"></td></tr>
<tr><td class="lbl">City / State / Zip:</td><td><input name="ctl00$MainContent$txtCity" type="text" id="MainContent_txtCity" style="width:130px">
<select name="ctl00$MainContent$ddlState" id="MainContent_ddlState"><option value="">--</option>${stateNames}</select>
<input name="ctl00$MainContent$txtZip" type="text" maxlength="10" id="MainContent_txtZip" style="width:60px"></td></tr>
<tr><td class="lbl"><span class="req">*</span> Phone:</td><td><input name="ctl00$MainContent$txtPhone" type="text" id="MainContent_txtPhone"></td></tr>
<tr><td class="lbl"><span class="req">*</span> E-mail:</td><td><input name="ctl00$MainContent$txtEmail" type="text" id="MainContent_txtEmail"></td></tr>
<tr><td class="lbl">Web Address:</td><td><input name="ctl00$MainContent$txtURL" type="text" id="MainContent_txtURL"></td></tr>
<tr><th colspan="2">Listing Details</th></tr>
<tr><td class="lbl"><span class="req">*</span> Business Category:</td><td><select name="ctl00$MainContent$ddlCategory" id="MainContent_ddlCategory"><option value="0">(Select One)</option>${termIds.map(([v, c]) => `<option value="${v}">${c}</option>`).join("")}</select></td></tr>
<tr><td class="lbl">Brief Description:</td><td><textarea name="ctl00$MainContent$txtDescription" rows="4" cols="20" id="MainContent_txtDescription"></textarea></td></tr>
<tr><td></td><td><input type="submit" name="ctl00$MainContent$btnSubmit" value="Submit Listing" id="MainContent_btnSubmit"></td></tr>
</table></form>`,
  read: (f) => ({ ...f, category: categoryByTerm.get(f.ctl00$MainContent$ddlCategory ?? "") ?? "" }),
  trap: (f) =>
    f.__VIEWSTATE?.startsWith("/wEPDwUKMTY1NDU2MTA1Mg") && f.__EVENTVALIDATION
      ? undefined
      : "the page's __VIEWSTATE was lost",
  mapping: {
    ctl00$MainContent$txtCompany: "businessName",
    ctl00$MainContent$txtAddr1: "address",
    ctl00$MainContent$txtCity: "city",
    ctl00$MainContent$ddlState: "state",
    ctl00$MainContent$txtZip: "zip",
    ctl00$MainContent$txtPhone: "phone",
    ctl00$MainContent$txtEmail: "email",
    ctl00$MainContent$txtURL: "website",
    category: "category",
    ctl00$MainContent$txtDescription: "description",
  },
  required: {
    ctl00$MainContent$txtCompany: "Company Name",
    ctl00$MainContent$txtPhone: "Phone",
    ctl00$MainContent$txtEmail: "E-mail",
    category: "Business Category",
  },
  thanks: "Your listing has been submitted for approval by the Chamber staff.",
});

export const lateConsent = formSite({
  slug: "late-consent",
  name: "Civic Listings",
  domainAuthority: 34,
  patterns: [
    "consent manager (OneTrust markup) that appears a moment after the page, once filling has begun",
    "its dark filter intercepts clicks",
  ],
  css: `body{font-family:"Source Sans Pro",Arial,sans-serif;margin:0;background:#fafafa}.wrap{max-width:580px;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border:1px solid #e5e5e5}
label{display:block;margin-top:.8rem;font-weight:600}input,textarea{display:block;width:100%;box-sizing:border-box;padding:.5rem}.btn{margin-top:1rem;background:#b91c1c;color:#fff;border:0;padding:.7rem 1.4rem;font-weight:700}
.onetrust-pc-dark-filter{position:fixed;inset:0;background:rgba(0,0,0,.5);z-index:2147483646}#onetrust-banner-sdk{position:fixed;bottom:0;left:0;right:0;background:#fff;z-index:2147483647;padding:1.2rem 2rem;box-shadow:0 -2px 8px #0003}
#onetrust-banner-sdk button{margin:.3rem .5rem 0 0;padding:.6rem 1rem;border:1px solid #68b631}#onetrust-accept-btn-handler{background:#68b631;color:#fff}`,
  submissionPath: "add-business",
  form: `<div class=wrap><h1>Add your business to Civic Listings</h1><form method=post action="add-business">
<label for=cl-name>Business name</label><input id=cl-name name=cl_name>
<label for=cl-email>Email address</label><input id=cl-email name=cl_email type=email>
<label for=cl-phone>Phone number</label><input id=cl-phone name=cl_phone type=tel>
<label for=cl-web>Website</label><input id=cl-web name=cl_web type=url>
<label for=cl-addr>Street address</label><input id=cl-addr name=cl_addr>
<label for=cl-city>City</label><input id=cl-city name=cl_city>
<label for=cl-zip>ZIP</label><input id=cl-zip name=cl_zip>
<label for=cl-about>About the business</label><textarea id=cl-about name=cl_about rows=3></textarea>
<button class=btn type=submit>Add business</button></form></div>
<script>if (!document.cookie.includes('OptanonAlertBoxClosed')) setTimeout(() => {
  const sdk = document.createElement('div'); sdk.id = 'onetrust-consent-sdk';
  sdk.innerHTML = '<div class="onetrust-pc-dark-filter ot-fade-in"></div><div id="onetrust-banner-sdk" class="otFlat" role="region" aria-label="Cookie banner" tabindex="0"><div class="ot-sdk-container"><div id="onetrust-policy"><h2 id="onetrust-policy-title">Your privacy</h2><p id="onetrust-policy-text">We and our partners use cookies and similar technologies to improve your experience, measure audiences and show you relevant ads. <a href="#">Cookie Policy</a></p></div>' +
    '<div id="onetrust-button-group-parent"><div id="onetrust-button-group"><button id="onetrust-pc-btn-handler">Cookie Settings</button><button id="onetrust-reject-all-handler">Reject All</button><button id="onetrust-accept-btn-handler">Accept All Cookies</button></div></div></div></div>';
  document.body.append(sdk);
  const close = (choice) => () => { document.cookie = 'OptanonAlertBoxClosed=' + choice + '; path=/'; sdk.remove(); };
  document.getElementById('onetrust-reject-all-handler').onclick = close('reject');
  document.getElementById('onetrust-accept-btn-handler').onclick = close('accept');
}, 150);</script>`,
  mapping: {
    cl_name: "businessName",
    cl_email: "email",
    cl_phone: "phone",
    cl_web: "website",
    cl_addr: "address",
    cl_city: "city",
    cl_zip: "zip",
    cl_about: "description",
  },
  required: { cl_name: "Business name", cl_email: "Email address" },
  thanks: "Thank you. Your business has been added and will be visible after moderation.",
});

/** What a Rails app stores from a Trix editor's HTML: the text, as its sanitizer leaves it. */
function textOfHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(div|p|h1|li)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replaceAll("&nbsp;", " ")
    .replaceAll("&amp;", "&")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replace(/\s+/g, " ")
    .trim();
}

export const trixEditor = formSite({
  slug: "trix-editor",
  name: "Makers Row Directory",
  domainAuthority: 30,
  patterns: ["Trix rich-text editor (custom element) syncing a hidden input", "Rails authenticity token"],
  css: `body{font-family:-apple-system,BlinkMacSystemFont,sans-serif;margin:2rem auto;max-width:640px;color:#222}.field{margin-bottom:1rem}label{display:block;font-weight:600;margin-bottom:.3rem}
input[type=text],input[type=email],input[type=tel],input[type=url],select{width:100%;padding:.45rem;box-sizing:border-box}trix-toolbar{display:flex;gap:2px;border:1px solid #bbb;border-bottom:0;padding:4px;background:#f7f7f7}
trix-toolbar button{border:1px solid #ccc;background:#fff;padding:2px 8px}trix-editor{display:block;min-height:6em;border:1px solid #bbb;padding:.5rem;outline:none}`,
  submissionPath: "listings/new",
  postPath: "listings",
  form: `<h1>New listing</h1><form action="/trix-editor/listings" accept-charset="UTF-8" method="post">
<input type="hidden" name="authenticity_token" value="Zq81xK0s2Vn4" autocomplete="off">
<div class=field><label for="listing_name">Business name</label><input type="text" name="listing[name]" id="listing_name"></div>
<div class=field><label for="listing_category_id">Category</label><select name="listing[category_id]" id="listing_category_id"><option value="" label=" "></option>${termIds.map(([v, c]) => `<option value="${v}">${c}</option>`).join("")}</select></div>
<div class=field><label for="listing_description">Description</label>
<input type="hidden" name="listing[description]" id="listing_description_trix_input_listing" autocomplete="off">
<trix-toolbar id="trix-toolbar-1"><button type="button" data-trix-attribute="bold" title="Bold" tabindex="-1">B</button><button type="button" data-trix-attribute="italic" title="Italic" tabindex="-1">I</button><button type="button" data-trix-attribute="href" title="Link" tabindex="-1">Link</button><button type="button" data-trix-attribute="bullet" title="Bullets" tabindex="-1">•</button></trix-toolbar>
<trix-editor id="listing_description" input="listing_description_trix_input_listing" toolbar="trix-toolbar-1" class="trix-content" data-direct-upload-url="/rails/active_storage/direct_uploads"></trix-editor></div>
<div class=field><label for="listing_email">Email</label><input type="email" name="listing[email]" id="listing_email"></div>
<div class=field><label for="listing_phone">Phone</label><input type="tel" name="listing[phone]" id="listing_phone"></div>
<div class=field><label for="listing_website">Website</label><input type="url" name="listing[website]" id="listing_website"></div>
<div class=actions><input type="submit" name="commit" value="Create Listing" data-disable-with="Create Listing"></div></form>
<script>customElements.define('trix-editor', class extends HTMLElement {
  connectedCallback() { this.setAttribute('contenteditable', ''); this.setAttribute('role', 'textbox'); this.setAttribute('aria-multiline', 'true');
    const input = document.getElementById(this.getAttribute('input'));
    const sync = () => { input.value = this.innerText.trim() ? this.innerText.trim().split(/\\n+/).map((line) => '<div>' + line.replace(/&/g, '&amp;').replace(/</g, '&lt;') + '</div>').join('') : ''; };
    this.addEventListener('input', sync); this.addEventListener('blur', sync); }
});</script>`,
  read: (f) => ({
    ...f,
    description: textOfHtml(f["listing[description]"] ?? ""),
    category: categoryByTerm.get(f["listing[category_id]"] ?? "") ?? "",
  }),
  trap: (f) => (f.authenticity_token !== "Zq81xK0s2Vn4" ? "the authenticity token was lost" : undefined),
  mapping: {
    "listing[name]": "businessName",
    category: "category",
    description: "description",
    "listing[email]": "email",
    "listing[phone]": "phone",
    "listing[website]": "website",
  },
  required: { "listing[name]": "Business name", description: "Description", "listing[email]": "Email" },
  thanks: "Listing was successfully created.",
});

const wpbdpCss = `body{font-family:"Helvetica Neue",Helvetica,Arial,sans-serif;background:#f1f1f1;margin:0;color:#333}.site{display:flex;gap:2rem;max-width:980px;margin:0 auto;padding:2rem}
#wpbdp-submit-listing{flex:3;background:#fff;padding:1.5rem}aside{flex:1;background:#fff;padding:1rem}.wpbdp-form-field{margin-bottom:1rem}.wpbdp-form-field-label label{font-weight:700}
.wpbdp-form-field-required-indicator{color:#c00;margin-left:.2rem}.wpbdp-form-field-inner input[type=text],.wpbdp-form-field-inner textarea{width:100%;box-sizing:border-box;padding:.4rem}
.wpbdp-submit-listing-section-header{background:#eee;padding:.4rem .8rem;font-weight:700;margin:1rem 0}.select2-hidden-accessible{border:0!important;clip:rect(0 0 0 0)!important;height:1px!important;margin:-1px!important;overflow:hidden!important;padding:0!important;position:absolute!important;width:1px!important}
.select2-container{display:block;width:100%}.select2-selection--multiple{border:1px solid #aaa;min-height:32px;cursor:text;padding:2px}.select2-selection__rendered{display:inline;list-style:none;margin:0;padding:0}
.select2-selection__choice{display:inline-block;background:#e4e4e4;border:1px solid #aaa;border-radius:4px;padding:0 5px;margin:3px}.select2-search--inline .select2-search__field{border:0;outline:0;padding:4px;min-width:10em}
.select2-dropdown{position:absolute;background:#fff;border:1px solid #aaa;z-index:1051}.select2-results__options{list-style:none;margin:0;padding:0;max-height:200px;overflow-y:auto}.select2-results__option{padding:6px}
.select2-results__option--highlighted{background:#5897fb;color:#fff}.select2-results__option[aria-selected=true]{background:#ddd}`;

export const wpbdpDirectory = formSite({
  slug: "wpbdp-directory",
  name: "Valley Business Directory",
  domainAuthority: 29,
  patterns: [
    "WordPress Business Directory Plugin markup (listingfields[n], _wpnonce)",
    "select2 multiple category picker",
    "terms checkbox",
    "search form in the sidebar",
  ],
  css: wpbdpCss,
  submissionPath: "business-directory/submit-listing",
  postPath: "business-directory/submit-listing",
  form: `<div class=site><div id="wpbdp-submit-listing" class="wpbdp-submit-page businessdirectory-submit businessdirectory wpbdp-page">
<h2>Submit A Listing</h2><form action="" method="post" data-ajax-url="/wp-admin/admin-ajax.php" enctype="application/x-www-form-urlencoded">
<input type="hidden" id="_wpnonce" name="_wpnonce" value="a1b2c3d4e5"><input type="hidden" name="_wp_http_referer" value="/business-directory/?wpbdp_view=submit_listing">
<input type="hidden" name="listing_id" value="0"><input type="hidden" name="save_listing" value="1">
<div class="wpbdp-submit-listing-section wpbdp-submit-listing-section-listing_fields"><div class="wpbdp-submit-listing-section-header"><span class="title">Listing Information</span></div>
<div class="wpbdp-submit-listing-section-content">
<div class="wpbdp-form-field wpbdp-form-field-id-1 wpbdp-form-field-type-textfield wpbdp-form-field-association-title wpbdp-form-field-validate-required"><div class="wpbdp-form-field-label"><label for="wpbdp-field-1">Business Name</label><span class="wpbdp-form-field-required-indicator">*</span></div><div class="wpbdp-form-field-html wpbdp-form-field-inner"><input type="text" id="wpbdp-field-1" name="listingfields[1]" value=""></div></div>
<div class="wpbdp-form-field wpbdp-form-field-id-2 wpbdp-form-field-type-select wpbdp-form-field-association-category wpbdp-form-field-validate-required"><div class="wpbdp-form-field-label"><label for="wpbdp-field-2">Business Genre</label><span class="wpbdp-form-field-required-indicator">*</span></div><div class="wpbdp-form-field-html wpbdp-form-field-inner">
<select id="wpbdp-field-2" name="listingfields[2][]" multiple="multiple" class="wpbdp-js-select2 select2-hidden-accessible" data-placeholder="Select categories" tabindex="-1" aria-hidden="true">${termIds.map(([v, c]) => `<option value="${v}">${c}</option>`).join("")}</select>
<span class="select2 select2-container select2-container--default" dir="ltr" style="width:100%"><span class="selection"><span class="select2-selection select2-selection--multiple" role="combobox" aria-haspopup="true" aria-expanded="false" tabindex="-1" aria-disabled="false"><ul class="select2-selection__rendered"></ul><span class="select2-search select2-search--inline"><input class="select2-search__field" type="search" tabindex="0" autocomplete="off" autocorrect="off" autocapitalize="none" spellcheck="false" role="searchbox" aria-autocomplete="list" placeholder="Select categories"></span></span></span><span class="dropdown-wrapper" aria-hidden="true"></span></span></div></div>
<div class="wpbdp-form-field wpbdp-form-field-id-3 wpbdp-form-field-type-textarea wpbdp-form-field-association-excerpt"><div class="wpbdp-form-field-label"><label for="wpbdp-field-3">Short Business Description</label></div><div class="wpbdp-form-field-html wpbdp-form-field-inner"><textarea id="wpbdp-field-3" name="listingfields[3]" rows="2"></textarea></div></div>
<div class="wpbdp-form-field wpbdp-form-field-id-4 wpbdp-form-field-type-textarea wpbdp-form-field-association-content wpbdp-form-field-validate-required"><div class="wpbdp-form-field-label"><label for="wpbdp-field-4">Long Business Description</label><span class="wpbdp-form-field-required-indicator">*</span></div><div class="wpbdp-form-field-html wpbdp-form-field-inner"><textarea id="wpbdp-field-4" name="listingfields[4]" rows="5"></textarea></div></div>
<div class="wpbdp-form-field wpbdp-form-field-id-5 wpbdp-form-field-type-url wpbdp-form-field-association-meta"><div class="wpbdp-form-field-label"><label for="wpbdp-field-5">Business Website Address</label></div><div class="wpbdp-form-field-html wpbdp-form-field-inner"><input type="text" id="wpbdp-field-5" name="listingfields[5]" value=""></div></div>
<div class="wpbdp-form-field wpbdp-form-field-id-6 wpbdp-form-field-type-textfield wpbdp-form-field-association-meta"><div class="wpbdp-form-field-label"><label for="wpbdp-field-6">Business Phone Number</label></div><div class="wpbdp-form-field-html wpbdp-form-field-inner"><input type="text" id="wpbdp-field-6" name="listingfields[6]" value=""></div></div>
<div class="wpbdp-form-field wpbdp-form-field-id-7 wpbdp-form-field-type-textfield wpbdp-form-field-association-meta"><div class="wpbdp-form-field-label"><label for="wpbdp-field-7">Business Fax</label></div><div class="wpbdp-form-field-html wpbdp-form-field-inner"><input type="text" id="wpbdp-field-7" name="listingfields[7]" value=""></div></div>
<div class="wpbdp-form-field wpbdp-form-field-id-8 wpbdp-form-field-type-textfield wpbdp-form-field-association-meta wpbdp-form-field-validate-required wpbdp-form-field-validate-email"><div class="wpbdp-form-field-label"><label for="wpbdp-field-8">Business Contact Email</label><span class="wpbdp-form-field-required-indicator">*</span></div><div class="wpbdp-form-field-html wpbdp-form-field-inner"><input type="text" id="wpbdp-field-8" name="listingfields[8]" value=""></div></div>
<div class="wpbdp-form-field wpbdp-form-field-id-9 wpbdp-form-field-type-textfield wpbdp-form-field-association-meta"><div class="wpbdp-form-field-label"><label for="wpbdp-field-9">Address</label></div><div class="wpbdp-form-field-html wpbdp-form-field-inner"><input type="text" id="wpbdp-field-9" name="listingfields[9]" value=""></div></div>
<div class="wpbdp-form-field wpbdp-form-field-id-10 wpbdp-form-field-type-textfield wpbdp-form-field-association-meta"><div class="wpbdp-form-field-label"><label for="wpbdp-field-10">ZIP Code</label></div><div class="wpbdp-form-field-html wpbdp-form-field-inner"><input type="text" id="wpbdp-field-10" name="listingfields[10]" value=""></div></div>
</div></div>
<div class="wpbdp-submit-listing-section wpbdp-submit-listing-section-terms_and_conditions"><div class="wpbdp-submit-listing-section-content"><div class="wpbdp-form-field wpbdp-form-field-type-checkbox"><label><input type="checkbox" name="terms-and-conditions-agreement" value="1"> I agree to the <a href="#">Terms and Conditions</a></label></div></div></div>
<div class="wpbdp-submit-listing-form-actions"><input type="submit" value="Complete Listing" class="submit button wpbdp-button"></div></form></div>
<aside><form action="search" method="get" class="wpbdp-search-form"><input type="hidden" name="wpbdp_view" value="search"><label>Search Listings<input type="text" name="kw"></label><input type="submit" value="Find Listings"></form></aside></div>
<script>(function () {
  const native = document.getElementById('wpbdp-field-2'), container = native.nextElementSibling, selection = container.querySelector('.select2-selection'), rendered = container.querySelector('.select2-selection__rendered'), search = container.querySelector('.select2-search__field');
  let drop = null;
  function close() { if (drop) drop.remove(); drop = null; container.classList.remove('select2-container--open'); selection.setAttribute('aria-expanded', 'false'); }
  function draw() { const q = search.value.toLowerCase();
    const items = Array.from(native.options).filter((o) => o.text.toLowerCase().includes(q));
    drop.querySelector('ul').innerHTML = items.length ? items.map((o, i) => '<li class="select2-results__option' + (i === 0 ? ' select2-results__option--highlighted' : '') + '" role="option" aria-selected="' + o.selected + '" data-v="' + o.value + '">' + o.text + '</li>').join('') : '<li class="select2-results__option select2-results__message" role="alert">No results found</li>'; }
  function open() { if (drop) return; const r = selection.getBoundingClientRect();
    drop = document.createElement('span'); drop.className = 'select2-container select2-container--default select2-container--open';
    drop.style.cssText = 'position:absolute;top:' + (r.bottom + scrollY) + 'px;left:' + (r.left + scrollX) + 'px;width:' + r.width + 'px';
    drop.innerHTML = '<span class="select2-dropdown select2-dropdown--below" dir="ltr" style="position:static;width:100%"><span class="select2-results"><ul class="select2-results__options" role="listbox" aria-multiselectable="true"></ul></span></span>';
    document.body.append(drop); container.classList.add('select2-container--open'); selection.setAttribute('aria-expanded', 'true'); draw();
    drop.addEventListener('mouseup', (e) => { const li = e.target.closest('li[data-v]'); if (!li) return;
      const option = Array.from(native.options).find((o) => o.value === li.dataset.v); option.selected = true; native.dispatchEvent(new Event('change', { bubbles: true }));
      const chip = document.createElement('li'); chip.className = 'select2-selection__choice'; chip.title = option.text;
      chip.innerHTML = '<span class="select2-selection__choice__remove" role="presentation">×</span>' + option.text; rendered.append(chip);
      chip.firstChild.onclick = () => { option.selected = false; chip.remove(); };
      search.value = ''; close(); }); }
  search.addEventListener('focus', open); search.addEventListener('click', open); selection.addEventListener('mousedown', (e) => { if (e.target !== search) { e.preventDefault(); search.focus(); open(); } });
  search.addEventListener('input', () => { open(); draw(); });
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter' && drop) { e.preventDefault(); const first = drop.querySelector('li[data-v]'); if (first) first.dispatchEvent(new MouseEvent('mouseup', { bubbles: true })); } });
  document.addEventListener('mousedown', (e) => { if (drop && !drop.contains(e.target) && !container.contains(e.target)) close(); });
})();</script>`,
  read: (f) => ({ ...f, category: categoryByTerm.get(f["listingfields[2][]"] ?? "") ?? "" }),
  trap: (f) => (f._wpnonce !== "a1b2c3d4e5" ? "the form's nonce was lost" : undefined),
  mapping: {
    "listingfields[1]": "businessName",
    category: "category",
    "listingfields[4]": "description",
    "listingfields[5]": "website",
    "listingfields[6]": "phone",
    "listingfields[8]": "email",
    "listingfields[9]": "address",
    "listingfields[10]": "zip",
  },
  required: {
    "listingfields[1]": "Business Name",
    category: "Business Genre",
    "listingfields[4]": "Long Business Description",
    "listingfields[8]": "Business Contact Email",
    "terms-and-conditions-agreement": "Terms and Conditions",
  },
  thanks:
    "Listing submitted. Your listing has been submitted and will be reviewed by an administrator before it is published.",
  routes: [
    {
      method: "GET",
      path: "business-directory/search",
      handle: (ctx) => {
        ctx.trap(Object.fromEntries(ctx.query), "the directory search was submitted");
        return page({
          title: "Search",
          css: wpbdpCss,
          body: "<h2>Search Results</h2><p>No listings found.</p>",
        });
      },
    },
  ],
});

const tomCategories = categories.map((c) => [c.toLowerCase().replace(/\W+/g, "-"), c] as const);
const tomByValue = new Map(tomCategories);

export const tomSelectFloating = formSite({
  slug: "tomselect-floating",
  name: "Brightline Directory",
  domainAuthority: 28,
  patterns: [
    "Bootstrap floating labels (placeholders as examples)",
    "Tom Select multi-select",
    "address line 2 left empty",
  ],
  css: `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f8f9fa;margin:0}.container{max-width:600px;margin:2rem auto;background:#fff;padding:2rem;border-radius:.5rem}
.form-floating{position:relative;margin-bottom:1rem}.form-control,.form-select{display:block;width:100%;box-sizing:border-box;padding:1rem .75rem .25rem;height:calc(3.5rem + 2px);border:1px solid #dee2e6;border-radius:.375rem;font-size:1rem}
.form-control::placeholder{color:transparent}.form-floating>label{position:absolute;top:0;left:0;padding:1rem .75rem;pointer-events:none;transform-origin:0 0;transition:.1s;color:#6c757d}
.form-control:focus~label,.form-control:not(:placeholder-shown)~label,.form-select~label{transform:scale(.85) translateY(-.5rem)}.row{display:flex;gap:1rem}.row>*{flex:1}
.ts-wrapper{position:relative;margin-bottom:1rem}.ts-control{border:1px solid #dee2e6;border-radius:.375rem;padding:.5rem;display:flex;flex-wrap:wrap;gap:4px;cursor:text}.ts-control input{border:0;outline:0;flex:1;min-width:6rem;font-size:1rem}
.ts-control .item{background:#0d6efd;color:#fff;border-radius:3px;padding:1px 6px}.ts-dropdown{position:absolute;left:0;right:0;top:100%;background:#fff;border:1px solid #dee2e6;z-index:10}.ts-dropdown .option{padding:.4rem .75rem}.ts-dropdown .active{background:#e9ecef}
.ts-hidden-accessible{border:0!important;clip:rect(0 0 0 0)!important;height:1px!important;overflow:hidden!important;padding:0!important;position:absolute!important;width:1px!important}.btn{background:#0d6efd;color:#fff;border:0;padding:.75rem 1.5rem;border-radius:.375rem;font-size:1rem}`,
  submissionPath: "businesses/create",
  form: `<div class=container><h1 class=h3>Add your business</h1><form method=post action="create" class=needs-validation novalidate>
<div class=form-floating><input type=text class=form-control id=businessName name=business_name placeholder="Acme Bakery"><label for=businessName>Business name</label></div>
<label for="select-cat-ts-control" id="select-cat-ts-label">Categories (up to 3)</label>
<select id=select-cat name="categories[]" multiple placeholder="Pick categories…" autocomplete=off class="tomselected ts-hidden-accessible" tabindex=-1>${tomCategories.map(([v, c]) => `<option value="${v}">${c}</option>`).join("")}</select>
<div class="ts-wrapper multi plugin-remove_button form-control-like"><div class=ts-control><input type=text autocomplete=off size=1 tabindex=0 role=combobox aria-haspopup=listbox aria-expanded=false aria-controls="select-cat-ts-dropdown" id="select-cat-ts-control" aria-labelledby="select-cat-ts-label" placeholder="Pick categories…"></div>
<div class="ts-dropdown multi plugin-remove_button" style="display:none"><div role=listbox tabindex=-1 class=ts-dropdown-content id="select-cat-ts-dropdown" aria-labelledby="select-cat-ts-label"></div></div></div>
<div class=form-floating><input type=email class=form-control id=email name=email placeholder="name@example.com"><label for=email>Email address</label></div>
<div class=form-floating><input type=tel class=form-control id=phone name=phone placeholder="(555) 555-5555"><label for=phone>Phone</label></div>
<div class=form-floating><input type=text class=form-control id=address name=address placeholder="1234 Main St"><label for=address>Address</label></div>
<div class=form-floating><input type=text class=form-control id=address2 name=address2 placeholder="Apartment, studio, or floor"><label for=address2>Address 2</label></div>
<div class=row><div class=form-floating><input type=text class=form-control id=city name=city placeholder="Springfield"><label for=city>City</label></div>
<div class=form-floating><select class=form-select id=state name=state><option value="">Choose...</option>${usStates.map(([, n]) => `<option>${n}</option>`).join("")}</select><label for=state>State</label></div>
<div class=form-floating><input type=text class=form-control id=zip name=zip placeholder="12345"><label for=zip>Zip</label></div></div>
<div class=form-floating><input type=url class=form-control id=website name=website placeholder="https://example.com"><label for=website>Website</label></div>
<button class=btn type=submit>Add business</button></form></div>
<script>(function () {
  const native = document.getElementById('select-cat'), wrapper = native.nextElementSibling, control = wrapper.querySelector('.ts-control'), input = document.getElementById('select-cat-ts-control'),
    dropdown = wrapper.querySelector('.ts-dropdown'), content = dropdown.querySelector('.ts-dropdown-content'), items = new Set();
  function draw() { const q = input.value.toLowerCase();
    const rest = Array.from(native.options).filter((o) => !items.has(o.value) && o.text.toLowerCase().includes(q));
    content.innerHTML = rest.length ? rest.map((o, i) => '<div data-selectable class="option' + (i === 0 ? ' active' : '') + '" role=option id="select-cat-opt-' + o.index + '" data-value="' + o.value + '">' + o.text + '</div>').join('') : '<div class=no-results>No results found for "' + input.value + '"</div>'; }
  function open() { dropdown.style.display = 'block'; input.setAttribute('aria-expanded', 'true'); draw(); }
  function close() { dropdown.style.display = 'none'; input.setAttribute('aria-expanded', 'false'); }
  input.addEventListener('focus', open); input.addEventListener('input', open); input.addEventListener('blur', () => setTimeout(close, 150));
  control.addEventListener('mousedown', (e) => { if (e.target !== input) { e.preventDefault(); input.focus(); open(); } });
  content.addEventListener('mousedown', (e) => { const o = e.target.closest('[data-value]'); if (!o) return; e.preventDefault();
    const option = Array.from(native.options).find((x) => x.value === o.dataset.value); items.add(option.value); option.selected = true; native.dispatchEvent(new Event('change'));
    const item = document.createElement('div'); item.className = 'item'; item.dataset.value = option.value; item.textContent = option.text; control.insertBefore(item, input);
    input.value = ''; if (items.size >= 3) { close(); input.blur(); } else draw(); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); const a = content.querySelector('.active'); if (a) a.dispatchEvent(new MouseEvent('mousedown', { bubbles: true })); } });
})();</script>`,
  read: (f) => ({ ...f, category: tomByValue.get(f["categories[]"] ?? "") ?? "" }),
  trap: (f) => (f.address2 ? `address line 2 got "${f.address2}"` : undefined),
  mapping: {
    business_name: "businessName",
    category: "category",
    email: "email",
    phone: "phone",
    address: "address",
    city: "city",
    state: "state",
    zip: "zip",
    website: "website",
  },
  required: {
    business_name: "Business name",
    category: "Categories",
    email: "Email address",
    address: "Address",
  },
  thanks: "Your business was submitted. Our team reviews new listings within one business day.",
});

export const honeypotVariants = formSite({
  slug: "honeypot-variants",
  name: "Trusted Trades Register",
  domainAuthority: 26,
  patterns: [
    "Gravity Forms markup with its honeypot ('should be left unchanged')",
    "Mailchimp-style off-screen bot field",
    "zero-size 'website' decoy",
    "hidden state_1 hash",
    "fake thanks to bots",
  ],
  css: `body{font-family:Lato,Arial,sans-serif;background:#fff;margin:2rem auto;max-width:640px;color:#333}.gform_fields{list-style:none;padding:0}.gfield{margin-bottom:1rem}
.gfield_label{display:block;font-weight:700}.gfield_required{color:#c02b0a}.ginput_container input,.ginput_container select{width:100%;padding:.45rem;box-sizing:border-box}
.ginput_complex span{display:block;margin-bottom:.4rem}.ginput_complex label{font-size:.8rem;color:#666}.gform_validation_container{display:none!important;position:absolute!important;left:-9000px}
.form-field-alt{opacity:0;position:absolute;top:0;left:0;height:0;width:0;z-index:-1}.gform_button{background:#204ce5;color:#fff;border:0;padding:.7rem 1.5rem}`,
  submissionPath: "get-listed",
  form: `<h1>Get listed</h1><div class="gform_wrapper gravity-theme" id="gform_wrapper_1"><form method="post" enctype="application/x-www-form-urlencoded" id="gform_1" action="/honeypot-variants/get-listed">
<div class="gform_body gform-body"><ul id="gform_fields_1" class="gform_fields top_label form_sublabel_below description_below">
<li id="field_1_1" class="gfield gfield_contains_required field_sublabel_below"><label class="gfield_label" for="input_1_1">Business Name<span class="gfield_required">*</span></label><div class="ginput_container ginput_container_text"><input name="input_1" id="input_1_1" type="text" aria-required="true"></div></li>
<li id="field_1_4" class="gfield field_sublabel_below"><label class="gfield_label gfield_label_before_complex">Business Address</label>
<div class="ginput_complex ginput_container has_street has_street2 has_city has_state has_zip ginput_container_address" id="input_1_4">
<span class="ginput_full address_line_1"><input type="text" name="input_4.1" id="input_1_4_1"><label for="input_1_4_1">Street Address</label></span>
<span class="ginput_full address_line_2"><input type="text" name="input_4.2" id="input_1_4_2"><label for="input_1_4_2">Address Line 2</label></span>
<span class="ginput_left address_city"><input type="text" name="input_4.3" id="input_1_4_3"><label for="input_1_4_3">City</label></span>
<span class="ginput_right address_state"><select name="input_4.4" id="input_1_4_4"><option value=""></option>${usStates.map(([, n]) => `<option value="${n}">${n}</option>`).join("")}</select><label for="input_1_4_4">State</label></span>
<span class="ginput_left address_zip"><input type="text" name="input_4.5" id="input_1_4_5"><label for="input_1_4_5">ZIP Code</label></span>
<input type="hidden" class="gform_hidden" name="input_4.6" id="input_1_4_6" value="United States"></div></li>
<li id="field_1_5" class="gfield gfield_contains_required"><label class="gfield_label" for="input_1_5">Phone<span class="gfield_required">*</span></label><div class="ginput_container ginput_container_phone"><input name="input_5" id="input_1_5" type="tel"></div></li>
<li id="field_1_6" class="gfield gfield_contains_required"><label class="gfield_label" for="input_1_6">Email<span class="gfield_required">*</span></label><div class="ginput_container ginput_container_email"><input name="input_6" id="input_1_6" type="email"></div></li>
<li class="gfield form-field-alt" aria-hidden="true"><label class="gfield_label" for="input_1_12">Website</label><div class="ginput_container"><input name="input_12" id="input_1_12" type="text" tabindex="-1" autocomplete="off"></div></li>
<li id="field_1_7" class="gfield"><label class="gfield_label" for="input_1_7">Company Website</label><div class="ginput_container ginput_container_website"><input name="input_7" id="input_1_7" type="url" placeholder="https://"></div></li>
<li id="field_1_9" class="gfield gform_validation_container field_sublabel_below"><label class="gfield_label" for="input_1_9">Comments</label><div class="ginput_container"><input name="input_9" id="input_1_9" type="text" autocomplete="new-password"></div><div class="gfield_description" id="gfield_description_1_9">This field is for validation purposes and should be left unchanged.</div></li>
</ul></div>
<div style="position:absolute;left:-5000px" aria-hidden="true"><input type="text" name="b_7f3a1c_91cd2e" tabindex="-1" value=""></div>
<div class="gform_footer top_label"><input type="submit" id="gform_submit_button_1" class="gform_button button" value="Submit">
<input type="hidden" class="gform_hidden" name="is_submit_1" value="1"><input type="hidden" class="gform_hidden" name="gform_submit" value="1"><input type="hidden" class="gform_hidden" name="gform_unique_id" value="">
<input type="hidden" class="gform_hidden" name="state_1" value="WyJbXSIsIjZkNjQ0ZWI1NmI0NGZlNDQ3M2VhZjc0Y2VkMWY4MjNlIl0="><input type="hidden" class="gform_hidden" name="gform_target_page_number_1" id="gform_target_page_number_1" value="0"></div>
</form></div>`,
  trap: (f) => {
    const filled = ["input_9", "input_12", "b_7f3a1c_91cd2e", "input_4.2"].filter((n) => f[n]);
    if (filled.length > 0) return `honeypot or unused field filled: ${filled.join(", ")}`;
    if (f.state_1 !== "WyJbXSIsIjZkNjQ0ZWI1NmI0NGZlNDQ3M2VhZjc0Y2VkMWY4MjNlIl0=")
      return "the form's state_1 hash was changed";
    return undefined;
  },
  mapping: {
    input_1: "businessName",
    "input_4.1": "address",
    "input_4.3": "city",
    "input_4.4": "state",
    "input_4.5": "zip",
    input_5: "phone",
    input_6: "email",
    input_7: "website",
  },
  required: { input_1: "Business Name", input_5: "Phone", input_6: "Email" },
  thanks: "Thanks for contacting us! We will get in touch with you shortly.",
});

export const snackbar = formSite({
  slug: "snackbar",
  name: "Pinboard Local",
  domainAuthority: 25,
  patterns: [
    "Material text fields (aria-labelledby)",
    "success only in a snackbar that disappears",
    "form stays filled",
    "JSON post",
  ],
  css: `body{font-family:Roboto,sans-serif;background:#fafafa;margin:0}.card{max-width:520px;margin:2rem auto;background:#fff;padding:1.5rem;box-shadow:0 1px 3px #0003;border-radius:4px}
.mdc-text-field{display:block;position:relative;background:#f5f5f5;border-bottom:1px solid #888;margin-bottom:1rem;padding:1.4rem .8rem .4rem}.mdc-floating-label{position:absolute;top:.3rem;left:.8rem;font-size:.75rem;color:#666}
.mdc-text-field__input{width:100%;border:0;background:transparent;font-size:1rem;outline:0}.mdc-button{background:#6200ee;color:#fff;border:0;padding:.6rem 1.2rem;border-radius:4px;text-transform:uppercase;letter-spacing:.08em}
.mdc-snackbar{position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);display:none}.mdc-snackbar--open{display:block}.mdc-snackbar__surface{background:#333;color:#fff;padding:.9rem 1rem;border-radius:4px;display:flex;gap:1rem;align-items:center}`,
  submissionPath: "app/add",
  postPath: "app/api/places",
  form: `<div class=card><h1>Pin your business</h1><form id=pin novalidate>
<label class="mdc-text-field mdc-text-field--filled"><span class=mdc-floating-label id=l-name>Business name</span><input class=mdc-text-field__input type=text aria-labelledby=l-name name=title></label>
<label class="mdc-text-field mdc-text-field--filled"><span class=mdc-floating-label id=l-phone>Phone</span><input class=mdc-text-field__input type=tel aria-labelledby=l-phone name=phone></label>
<label class="mdc-text-field mdc-text-field--filled"><span class=mdc-floating-label id=l-email>Email</span><input class=mdc-text-field__input type=email aria-labelledby=l-email name=email></label>
<label class="mdc-text-field mdc-text-field--filled"><span class=mdc-floating-label id=l-web>Website</span><input class=mdc-text-field__input type=url aria-labelledby=l-web name=website></label>
<label class="mdc-text-field mdc-text-field--filled"><span class=mdc-floating-label id=l-addr>Street address</span><input class=mdc-text-field__input type=text aria-labelledby=l-addr name=street></label>
<label class="mdc-text-field mdc-text-field--filled"><span class=mdc-floating-label id=l-city>City</span><input class=mdc-text-field__input type=text aria-labelledby=l-city name=city></label>
<button class=mdc-button type=submit>Pin it</button></form></div>
<aside class=mdc-snackbar><div class=mdc-snackbar__surface role=status aria-relevant=additions><div class=mdc-snackbar__label aria-atomic=false></div><div class=mdc-snackbar__actions aria-atomic=true><button type=button class=mdc-snackbar__action>Dismiss</button></div></div></aside>
<script>${postJson}
const bar = document.querySelector('.mdc-snackbar'), label = bar.querySelector('.mdc-snackbar__label'); let timer;
function snack(text) { label.textContent = ''; bar.classList.add('mdc-snackbar--open'); setTimeout(() => { label.textContent = text; }, 50);
  clearTimeout(timer); timer = setTimeout(() => { bar.classList.remove('mdc-snackbar--open'); label.textContent = ''; }, 3000); }
bar.querySelector('button').onclick = () => { bar.classList.remove('mdc-snackbar--open'); label.textContent = ''; };
pin.addEventListener('submit', (e) => { e.preventDefault(); postListing('api/places', Object.fromEntries(new FormData(pin)), (m) => snack(m)); });</script>`,
  mapping: {
    title: "businessName",
    phone: "phone",
    email: "email",
    website: "website",
    street: "address",
    city: "city",
  },
  required: { title: "Business name", email: "Email" },
  thanks: "Your business was added",
});

/** Listings shown as a preview, waiting for "Continue": the post is only a draft until then. */
const previews = new Map<string, Record<string, string>>();
const previewCss = `body{font-family:"Manrope",Arial,sans-serif;background:#f4f5f7;margin:0;color:#1f2937}.directorist-container{max-width:680px;margin:2rem auto;background:#fff;padding:2rem;border-radius:8px}
.directorist-form-group{margin-bottom:1rem}.directorist-form-group label{display:block;font-weight:600;margin-bottom:.3rem}.directorist-form-element{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #d1d5db;border-radius:6px}
.directorist-btn{background:#444aff;color:#fff;border:0;padding:.7rem 1.4rem;border-radius:6px;font-weight:600;cursor:pointer}.directorist-btn-light{background:#eef;color:#444aff}
.directorist-alert{background:#eef6ff;border-left:4px solid #3b82f6;padding:.8rem 1rem;margin-bottom:1rem}.directorist-preview-bar{display:flex;gap:.6rem;justify-content:flex-end;margin-bottom:1rem}`;
const previewFields: Array<[string, string, string]> = [
  ["listing_title", "Listing Title", "text"],
  ["tagline", "Tagline", "text"],
  ["address", "Address", "text"],
  ["zip", "Zip/Post Code", "text"],
  ["phone", "Phone", "tel"],
  ["email", "Email", "email"],
  ["website", "Website", "url"],
];
const previewPage = (title: string, body: string, status = 200) => ({
  status,
  body: page({
    title: `${title} — Greenway Directory`,
    css: previewCss,
    body: `<div class=directorist-container>${body}</div>`,
  }),
});
const previewForm = (errors: string[] = []) =>
  previewPage(
    "Add Listing",
    `<h1>Add Listing</h1>${errors.map((e) => `<div class="directorist-alert" role=alert>${escapeHtml(e)}</div>`).join("")}
<form method=post action="add-listing" class="directorist-add-listing-form" id=directorist-add-listing-form>
<input type=hidden name=directorist_nonce value="d7f1e0c2">
${previewFields
  .map(
    ([name, label, type]) =>
      `<div class="directorist-form-group directorist-form-${name}-field"><label for=${name}>${label}${name === "listing_title" || name === "email" ? ":*" : ":"}</label><input type=${type} name=${name} id=${name} class=directorist-form-element></div>`,
  )
  .join("")}
<div class="directorist-form-group directorist-form-categories-field"><label for=at_biz_dir-categories>Select Category:*</label><select name="admin_category_select[]" id=at_biz_dir-categories class=directorist-form-element>${categoryOptions("Select Category")}</select></div>
<div class="directorist-form-group directorist-form-description-field"><label for=listing_content>Description:</label><textarea name=listing_content id=listing_content rows=5 class=directorist-form-element></textarea></div>
<button type=submit class="directorist-btn directorist-form-submit__btn">Save &amp; Preview</button></form>`,
    errors.length ? 422 : 200,
  );

export const previewContinue: SiteDefinition = {
  slug: "preview-continue",
  name: "Greenway Directory",
  category: "general",
  domainAuthority: 22,
  patterns: ["Directorist 'Save & Preview': the listing goes in only on the preview page's 'Continue'"],
  expected: { status: "submitted" },
  submissionPath: "add-listing",
  mapping: {
    listing_title: "businessName",
    address: "address",
    zip: "zip",
    phone: "phone",
    email: "email",
    website: "website",
    "admin_category_select[]": "category",
    listing_content: "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        previewPage(
          "Home",
          `<h1>Greenway Directory</h1><p><a href="add-listing" class=directorist-btn>Add Listing</a></p>`,
        ),
    },
    { method: "GET", path: "add-listing", handle: () => previewForm() },
    {
      method: "POST",
      path: "add-listing",
      handle: (ctx) => {
        const problems = missing(ctx.fields, {
          listing_title: "Listing Title",
          email: "Email",
          "admin_category_select[]": "Category",
        });
        if (problems.length > 0) {
          ctx.record(ctx.fields, false, `missing ${problems.join(", ")}`);
          return previewForm(problems.map((p) => `${p} field is required!`));
        }
        const id = String(4470 + previews.size + 1);
        previews.set(id, { ...ctx.fields });
        ctx.record(ctx.fields, false, "a preview: not a listing until 'Continue'");
        const f = ctx.fields;
        return previewPage(
          "Preview",
          `<div class=directorist-preview-bar><a class="directorist-btn directorist-btn-light" href="add-listing?edit=${id}">Edit Listing</a>
<form method=post action="listing-preview"><input type=hidden name=listing_id value="${id}"><input type=hidden name=directorist_nonce value="d7f1e0c2"><button type=submit class=directorist-btn>Continue</button></form></div>
<div class="directorist-alert">This is how your listing will look. Check the details, then press Continue.</div>
<article class=directorist-single-listing><h1>${escapeHtml(f.listing_title ?? "")}</h1><p>${escapeHtml(f.tagline ?? "")}</p><p>${escapeHtml(f.address ?? "")} ${escapeHtml(f.zip ?? "")}</p>
<p>${escapeHtml(f.phone ?? "")} · ${escapeHtml(f.email ?? "")}</p><div>${escapeHtml(f.listing_content ?? "")}</div></article>`,
        );
      },
    },
    {
      method: "POST",
      path: "listing-preview",
      handle: (ctx) => {
        const listing = previews.get(ctx.fields.listing_id ?? "");
        if (!listing || ctx.fields.directorist_nonce !== "d7f1e0c2") {
          ctx.record(ctx.fields, false, "no such preview");
          return previewPage("Error", "<h1>Sorry, this listing could not be found.</h1>", 404);
        }
        previews.delete(ctx.fields.listing_id ?? "");
        ctx.record(listing, true);
        return previewPage("Submitted", "<h1>Your listing has been submitted and is pending review.</h1>");
      },
    },
  ],
};

const tinyBody = `<!doctype html><html><head><style>body{font:14px/1.6 -apple-system,sans-serif;margin:8px}</style></head><body id=tinymce class="mce-content-body post_content" data-id=post_content contenteditable=true spellcheck=false><p><br data-mce-bogus=1></p></body></html>`;

export const wpEditor = formSite({
  slug: "wp-editor",
  name: "Harbor Town Business Guide",
  domainAuthority: 21,
  patterns: [
    "WordPress wp_editor: TinyMCE in an iframe over a hidden textarea, saved on submit",
    "Visual/Text tabs",
  ],
  css: `body{font-family:-apple-system,"Segoe UI",Roboto,sans-serif;background:#f0f0f1;margin:0}.entry{max-width:720px;margin:2rem auto;background:#fff;padding:2rem}
.field{margin-bottom:1rem}.field label{display:block;font-weight:600;margin-bottom:.3rem}.field input{width:100%;padding:.5rem;box-sizing:border-box}
.wp-editor-tabs{text-align:right}.wp-switch-editor{background:#f6f7f7;border:1px solid #dcdcde;padding:3px 8px}.mce-tinymce{border:1px solid #dcdcde}.mce-toolbar-grp{background:#f6f7f7;padding:4px;border-bottom:1px solid #dcdcde}
.mce-btn{display:inline-block;padding:2px 6px}.mce-edit-area iframe{width:100%;height:200px;border:0;display:block}.button-primary{background:#2271b1;color:#fff;border:0;padding:.6rem 1.2rem}`,
  submissionPath: "submit-listing",
  form: `<div class=entry><h1>Submit your listing</h1><form method=post action="submit-listing" id=submit-listing>
<input type=hidden name=_wpnonce value="6b1e2d3f4a">
<div class=field><label for=listing_title>Business name</label><input id=listing_title name=listing_title></div>
<div class=field><label for=post_content>Business description</label>
<div id="wp-post_content-wrap" class="wp-core-ui wp-editor-wrap tmce-active"><div id="wp-post_content-editor-tools" class="wp-editor-tools hide-if-no-js"><div class="wp-editor-tabs"><button type=button id="post_content-tmce" class="wp-switch-editor switch-tmce" data-wp-editor-id=post_content>Visual</button><button type=button id="post_content-html" class="wp-switch-editor switch-html" data-wp-editor-id=post_content>Text</button></div></div>
<div id="wp-post_content-editor-container" class="wp-editor-container"><div id=mceu_1 class="mce-tinymce mce-container mce-panel" role=application><div class=mce-toolbar-grp role=group><div class=mce-btn aria-label=Bold role=button tabindex=-1><b>B</b></div><div class=mce-btn aria-label=Italic role=button tabindex=-1><i>I</i></div><div class=mce-btn aria-label="Bulleted list" role=button tabindex=-1>•</div></div>
<div class=mce-edit-area><iframe id=post_content_ifr frameborder=0 allowtransparency=true title="Rich Text Area. Press ALT-0 for help."></iframe></div></div>
<textarea class=wp-editor-area rows=20 autocomplete=off cols=40 name=post_content id=post_content style="display:none" aria-hidden=true></textarea></div></div></div>
<div class=field><label for=listing_phone>Phone</label><input id=listing_phone name=listing_phone type=tel></div>
<div class=field><label for=listing_email>Email</label><input id=listing_email name=listing_email type=email></div>
<div class=field><label for=listing_website>Website</label><input id=listing_website name=listing_website type=url></div>
<div class=field><label for=listing_address>Street address</label><input id=listing_address name=listing_address></div>
<div class=field><label for=listing_city>City</label><input id=listing_city name=listing_city></div>
<p><input type=submit class=button-primary value="Submit Listing"></p></form></div>
<script>(function () { // TinyMCE: the editor is a document of its own; the textarea gets its HTML when the form is saved
  const frame = document.getElementById('post_content_ifr'), area = document.getElementById('post_content');
  frame.contentDocument.open(); frame.contentDocument.write(${JSON.stringify(tinyBody)}); frame.contentDocument.close();
  document.getElementById('submit-listing').addEventListener('submit', () => {
    const body = frame.contentDocument.body; area.value = body.textContent.trim() ? body.innerHTML : ''; });
})();</script>`,
  read: (f) => ({ ...f, description: textOfHtml(f.post_content ?? "") }),
  trap: (f) => (f._wpnonce !== "6b1e2d3f4a" ? "the form's nonce was lost" : undefined),
  mapping: {
    listing_title: "businessName",
    description: "description",
    listing_phone: "phone",
    listing_email: "email",
    listing_website: "website",
    listing_address: "address",
    listing_city: "city",
  },
  required: { listing_title: "Business name", description: "Business description", listing_email: "Email" },
  thanks: "Thank you for your submission. Your listing is pending review.",
});

export const modernPlatformSites: readonly SiteDefinition[] = [
  aspnetTable,
  lateConsent,
  trixEditor,
  wpbdpDirectory,
  tomSelectFloating,
  honeypotVariants,
  snackbar,
  previewContinue,
  wpEditor,
];
