import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CustomerFields } from "@autobolt/contract";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../src/browser.ts";
import { type SubmissionOutcome, submitDirectory } from "../src/submit/index.ts";

/**
 * One widget or trick per page, served from memory: each page records what it was sent (as the
 * site would read it) so a test can tell a right submission from a lucky "thank you".
 */
const customer: CustomerFields = {
  businessName: "Bluebird Plumbing & Heating LLC",
  email: "owner@bluebird-plumbing.test",
  phone: "(512) 555-0142",
  website: "https://bluebird-plumbing.test",
  address: "1200 Barton Springs Rd",
  city: "Austin",
  state: "Texas",
  zip: "78704",
  description: "Family-run plumbing and heating since 1998.",
  category: "Plumbing",
};

// Every page posts JSON to /post/<name> through this, and shows the answer's message.
const post = `async function send(name, data, show) {
  const r = await fetch('/post/' + name, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
  const j = await r.json(); show(j.message);
}`;
const categories = ["Accounting", "Dentists", "Electricians", "Plumbing", "Restaurants"];

const pages: Record<string, string> = {
  shadow: `<h1>Join</h1><biz-form></biz-form><script>${post}
    customElements.define('biz-form', class extends HTMLElement { connectedCallback() {
      const root = this.attachShadow({ mode: 'open' });
      root.innerHTML = '<form><label for=n>Business name</label><input id=n name=n><label for=e>Email</label><input id=e name=e type=email>' +
        '<label for=p>Phone</label><input id=p name=p type=tel><label for=c>City</label><input id=c name=c><button>Create listing</button></form><p id=msg></p>';
      root.querySelector('form').addEventListener('submit', (ev) => { ev.preventDefault(); const f = ev.target;
        send('shadow', { businessName: f.n.value, email: f.e.value, phone: f.p.value, city: f.c.value }, (m) => root.getElementById('msg').textContent = m); });
    }});</script>`,
  consent: `<div id=cc style="position:fixed;inset:0;background:#0008;z-index:9"><div style="background:#fff;margin:20vh auto;width:400px;padding:1em">
    <p>We use cookies to improve your experience.</p><button onclick="cc.remove()">Accept all</button> <button onclick="cc.remove(); window.rejected = true">Reject all</button></div></div>
    <form method=post action="/post/consent"><label>Business name <input name=businessName></label><label>Email <input name=email></label>
    <label>ZIP <input name=zip></label><button>Submit listing</button></form>`,
  modal: `<h1>Local guide</h1><button id=open onclick="dlg.showModal()">Add your business</button><a href="/login">Log in</a>
    <dialog id=dlg><form method=post action="/post/modal"><label>Company <input name=businessName></label><label>E-mail <input name=email></label>
    <label>Website <input name=website></label><button>Send</button></form></dialog>`,
  select2: `<form id=f method=post action="/post/select2"><label>Listing title <input name=businessName></label><label>Email <input name=email></label>
    <label for=cat>Category</label><select id=cat name=category style="display:none"><option value="">Select</option>${categories
      .map((c, i) => `<option value=${i + 1}>${c}</option>`)
      .join("")}</select>
    <span class="select2 select2-container" style="display:inline-block;width:200px;border:1px solid #999"><span class="select2-selection" role=combobox aria-expanded=false tabindex=0 id=sel>Select</span></span>
    <button>Submit</button></form><script>
    const native = document.getElementById('cat');
    sel.addEventListener('click', () => {
      const drop = document.createElement('div'); drop.className = 'select2-dropdown'; drop.style = 'position:absolute;top:200px;left:10px;background:#fff;border:1px solid';
      drop.innerHTML = '<input class=select2-search__field><ul>' + Array.from(native.options).slice(1).map((o) => '<li class=select2-results__option data-v=' + o.value + '>' + o.text + '</li>').join('') + '</ul>';
      document.body.append(drop); drop.querySelector('input').focus();
      drop.querySelector('input').addEventListener('input', (e) => { for (const li of drop.querySelectorAll('li')) li.style.display = li.textContent.toLowerCase().includes(e.target.value.toLowerCase()) ? '' : 'none'; });
      drop.addEventListener('click', (e) => { const li = e.target.closest('li'); if (!li) return; native.value = li.dataset.v; sel.textContent = li.textContent; drop.remove(); });
    });</script>`,
  listbox: `<form method=post action="/post/listbox"><label>Business name <input name=businessName required></label><label>Phone <input name=phone required></label>
    <span id=cl>Category *</span><div style="position:relative"><button type=button id=trigger aria-haspopup=listbox aria-labelledby=cl aria-expanded=false>Choose…</button>
    <ul role=listbox id=lb hidden style="position:absolute;background:#fff">${categories
      .map((c) => `<li role=option data-value="${c}">${c}</li>`)
      .join(
        "",
      )}</ul></div><input type=hidden name=category id=hc><button type=submit>Publish</button></form><script>
    trigger.onclick = () => { lb.hidden = !lb.hidden; };
    lb.onclick = (e) => { const o = e.target.closest('[role=option]'); hc.value = o.dataset.value; trigger.textContent = o.textContent; lb.hidden = true; };
    document.forms[0].onsubmit = (e) => { if (!hc.value) { e.preventDefault(); alert('Category is required'); } };</script>`,
  controlled: `<div id=app></div><script>${post}
    const state = { name: '', email: '', zip: '' };
    app.innerHTML = '<label>Business name<input id=a></label><label>Email<input id=b></label><label>Zip code<input id=c></label><button id=go disabled>Add listing</button><p id=out role=status></p>';
    const sync = () => { go.disabled = !(state.name && state.email && state.zip); };
    a.addEventListener('input', (e) => { state.name = e.target.value; sync(); });
    b.addEventListener('input', (e) => { state.email = e.target.value; sync(); });
    c.addEventListener('input', (e) => { state.zip = e.target.value; sync(); });
    go.onclick = () => send('controlled', { businessName: state.name, email: state.email, zip: state.zip }, (m) => { out.textContent = m; });</script>`,
  "split-phone": `<form method=post action="/post/split-phone"><label>Business name <input name=businessName></label>
    <fieldset><legend>Phone</legend><input name=p1 maxlength=3 aria-label="Area code"> - <input name=p2 maxlength=3 aria-label="Prefix"> - <input name=p3 maxlength=4 aria-label="Line number"></fieldset>
    <label>Email <input name=email type=email></label><button>Submit</button></form>`,
  dependent: `<form method=post action="/post/dependent"><label>Business name <input name=businessName></label><label>Country <select name=country id=co><option value="">Choose</option><option value=CA>Canada</option><option value=US>United States</option></select></label>
    <label>State <select name=state id=st disabled><option value="">Choose a country first</option></select></label><label>City <input name=city></label><button>Submit</button></form><script>
    co.onchange = () => { setTimeout(() => { st.innerHTML = '<option value="">Select state</option>' + (co.value === 'US' ? '<option value=CA>California</option><option value=TX>Texas</option>' : '<option>Ontario</option>'); st.disabled = false; }, 300); };</script>`,
  editor: `<form method=post action="/post/editor"><label>Business name <input name=businessName></label><label>Email <input name=email></label>
    <label for=desc>Description</label><textarea id=desc name=description style="display:none"></textarea><div class="ql-container"><div class="ql-toolbar"><b>B</b> <i>I</i></div><div class="ql-editor" contenteditable=true style="min-height:60px;border:1px solid"></div></div>
    <button>Submit listing</button></form><script>document.querySelector('.ql-editor').addEventListener('input', (e) => { desc.value = e.target.innerText; });</script>`,
  honeypot: `<form method=post action="/post/honeypot"><label>Business name <input name=businessName></label><label>Email <input name=email></label>
    <div style="position:absolute;left:-5000px"><label>Website <input name=website></label></div><div aria-hidden=true><input name=url tabindex=-1></div>
    <label>Company website <input name=companyWebsite></label><label>Leave this field empty <input name=comments></label><button>Submit</button></form>`,
  toast: `<form id=f><label>Business name <input name=n></label><label>Email <input name=e></label><label>Phone <input name=p></label><button>Submit</button></form>
    <div id=t role=status></div><script>${post}
    f.onsubmit = (ev) => { ev.preventDefault(); send('toast', { businessName: f.n.value, email: f.e.value, phone: f.p.value }, (m) => { t.textContent = m; f.reset(); setTimeout(() => { t.textContent = ''; }, 800); }); };</script>`,
  tabla: `<form method=post action="/post/tabla"><table><tr><td>Nombre del negocio:</td><td><input name=f1></td></tr><tr><td>Correo electrónico:</td><td><input name=f2></td></tr>
    <tr><td>Teléfono:</td><td><input name=f3></td></tr><tr><td>Ciudad:</td><td><input name=f4></td></tr><tr><td>Código postal:</td><td><input name=f5></td></tr></table><input type=submit value="Enviar"></form>`,
  choices: `<form method=post action="/post/choices"><label>Business name <input name=businessName required></label>
    <label>Email <input name=email required></label><label>Phone <input name=phone></label>
    <p>Listing type *</p><label><input type=radio name=plan value=premium required> Premium ($99/mo)</label><label><input type=radio name=plan value=free required> Free listing</label>
    <fieldset><legend>Send me special offers?</legend><label><input type=radio name=offers value=yes> Yes</label><label><input type=radio name=offers value=no> No</label></fieldset>
    <label>Date founded <input type=date name=founded required></label>
    <label><input type=checkbox name=terms value=1 required> I agree to the terms of service</label>
    <label><input type=checkbox name=news value=1 checked> Email me the newsletter</label><button>Submit listing</button></form>`,
  // A script that says "Enviando…" and posts only a moment later: read too early, a listing that
  // went in would read as a failure.
  sending: `<form id=f><label>Título <input name=businessName></label><label>Correo electrónico <input name=email type=email></label><label>Teléfono <input name=phone type=tel></label>
    <button id=b>Guardar y publicar</button></form><div id=msg role=status></div><script>${post}
    f.addEventListener('submit', (e) => { e.preventDefault(); b.disabled = true; b.textContent = 'Enviando…';
      setTimeout(() => send('sending', { businessName: f.businessName.value, email: f.email.value, phone: f.phone.value }, (m) => { f.remove(); msg.textContent = m; }), 900); });</script>`,
  // Vuetify's v-select: a read-only box with role=combobox whose list is drawn only once opened.
  vselect: `<form id=f><label>Business name <input name=businessName></label><label>Email <input name=email type=email></label>
    <label for=cat>Category</label><input id=cat role=combobox readonly aria-expanded=false aria-controls=menu-cat required>
    <button>Submit listing</button></form><script>${post}
    cat.addEventListener('click', () => { if (document.getElementById('menu-cat')) return; const m = document.createElement('div'); m.id = 'menu-cat'; m.setAttribute('role', 'listbox');
      m.innerHTML = ${JSON.stringify(categories)}.map((c) => '<div role=option class=v-list-item><div class=v-list-item-title>' + c + '</div></div>').join('');
      m.style = 'position:absolute;top:150px;left:20px;background:#fff'; document.body.append(m);
      m.addEventListener('click', (e) => { cat.value = e.target.closest('[role=option]').textContent; m.remove(); }); });
    f.addEventListener('submit', (e) => { e.preventDefault(); send('vselect', { businessName: f.businessName.value, email: f.email.value, category: cat.value }, (m) => f.replaceWith(m)); });</script>`,
  // Angular Material: each option holds an empty ripple whose class says "option".
  matselect: `<form id=f><label>Business name <input name=businessName></label><label>Email <input name=email type=email></label>
    <label id=l>Category</label><mat-select id=ms role=combobox aria-haspopup=listbox aria-labelledby=l tabindex=0 style="display:block;border:1px solid;height:20px;width:200px"></mat-select>
    <button>Submit listing</button></form><script>${post}
    let chosen = '';
    ms.addEventListener('click', () => { const p = document.createElement('div'); p.id = 'ms-panel'; p.setAttribute('role', 'listbox'); ms.setAttribute('aria-controls', 'ms-panel');
      p.innerHTML = ${JSON.stringify(categories)}.map((c) => '<mat-option role=option class=mat-mdc-option style="display:block"><span>' + c + '</span><div class="mat-ripple mat-mdc-option-ripple"></div></mat-option>').join('');
      p.style = 'position:absolute;top:150px;left:20px;background:#fff'; document.body.append(p);
      p.addEventListener('click', (e) => { chosen = e.target.closest('[role=option]').textContent; ms.textContent = chosen; p.remove(); }); });
    f.addEventListener('submit', (e) => { e.preventDefault(); send('matselect', { businessName: f.businessName.value, email: f.email.value, category: chosen }, (m) => f.replaceWith(m)); });</script>`,
  // A Bootstrap modal whose Save button sits in the footer, outside its form.
  footer: `<button onclick="dlg.style.display='block'">Add your business</button>
    <div id=dlg class=modal role=dialog style="display:none"><div class=modal-body><form id=f><label>Business name <input name=businessName></label>
    <label>Email <input name=email type=email></label><label>Phone <input name=phone type=tel></label></form></div><div class=modal-footer><button type=button onclick="dlg.style.display='none'">Close</button>
    <button type=button id=save>Save listing</button></div></div><p id=msg></p><script>${post}
    save.addEventListener('click', () => send('footer', { businessName: f.businessName.value, email: f.email.value, phone: f.phone.value }, (m) => { dlg.remove(); msg.textContent = m; }));</script>`,
  // A pricing page is the way in: the free plan's button, never the recommended paid one.
  pricing: `<h1>List your business</h1><div class=plans><div class=plan><span>Recommended</span><h3>Premium</h3><p>$29/month</p><a href="/paid-form">Get Started</a></div>
    <div class=plan><h3>Basic</h3><p>$0 forever</p><a href="/free-form">Continue</a></div></div>`,
  "free-form": `<form method=post action="/post/pricing"><label>Business name <input name=businessName></label><label>Email <input name=email type=email></label><label>Phone <input name=phone type=tel></label><button>Submit listing</button></form>`,
  "paid-form": `<form method=post action="/post/paid"><label>Business name <input name=businessName></label><label>Email <input name=email type=email></label><label>Phone <input name=phone type=tel></label><label>Card number <input name=cc></label><button>Pay now</button></form>`,
  // HivePress names every box "hp-field": the platform's prefix, not a honeypot's mark.
  prefixed: `<form id=f class="hp-form hp-form--listing-submit"><input name=title placeholder=Title class=hp-field required>
    <input name=location placeholder=Location class=hp-field><input type=tel name=phone placeholder=Phone class=hp-field>
    <input type=email name=email placeholder=Email class=hp-field><input name=hp_check class=hp-field style="position:absolute;left:-9999px" tabindex=-1>
    <button class=hp-form__button>Submit Listing</button></form><script>${post}
    f.addEventListener('submit', (e) => { e.preventDefault(); send('prefixed', Object.fromEntries(new FormData(f)), (m) => f.replaceWith(m)); });</script>`,
  newsletter: `<header><form role=search action="/post/search"><input name=q placeholder="Search"><button>Go</button></form></header>
    <section><h2>Newsletter</h2><form method=post action="/post/newsletter-box"><input name=email type=email placeholder="Your email"><button>Subscribe</button></form></section>
    <form method=post action="/post/newsletter"><label>Business name <input name=businessName></label><label>Email <input name=email type=email></label><label>Address <input name=address></label><button>Add business</button></form>`,
};

const replies: Record<string, { message: string; status?: number }> = {
  shadow: { message: "Listing published. ID 1008" },
  controlled: { message: "Your listing was created and is pending review." },
  toast: { message: "Thanks! Listing submitted." },
  sending: { message: "¡Su anuncio se ha enviado correctamente!" },
  vselect: { message: "Listing submitted." },
  matselect: { message: "Listing submitted." },
  footer: { message: "New submission added to Business listing." },
  prefixed: { message: "Listing has been submitted." },
};
/** The post-field names each page reads, as customer fields (posted JSON uses customer names). */
const mapping: Record<string, Record<string, keyof CustomerFields>> = {
  "split-phone": { businessName: "businessName", phone: "phone", email: "email" },
  tabla: { f1: "businessName", f2: "email", f3: "phone", f4: "city", f5: "zip" },
  prefixed: {
    title: "businessName",
    location: "address",
    phone: "phone",
    email: "email",
    hp_check: "description",
  },
};

let server: Server;
let base = "";
let browser: Browser;
const received = new Map<string, Array<Record<string, string>>>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "POST") {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        const name = url.pathname.replace("/post/", "");
        const fields: Record<string, string> = req.headers["content-type"]?.includes("json")
          ? (JSON.parse(body) as Record<string, string>)
          : Object.fromEntries(new URLSearchParams(body));
        if (fields.p1 !== undefined) fields.phone = `${fields.p1}${fields.p2}${fields.p3}`;
        received.set(name, [...(received.get(name) ?? []), fields]);
        const reply = replies[name];
        if (reply)
          return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
        res
          .writeHead(200, { "content-type": "text/html" })
          .end("<h1>Thank you! Your listing was received.</h1>");
      });
      return;
    }
    const page = pages[url.pathname.slice(1)];
    res.writeHead(page ? 200 : 404, { "content-type": "text/html" });
    res.end(
      `<!doctype html><html><head><meta charset=utf-8></head><body>${page ?? "Not found"}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser({});
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function submit(name: string): Promise<SubmissionOutcome> {
  const context = await browser.newContext();
  try {
    return await submitDirectory({
      context,
      directory: { id: name, name, submissionUrl: `${base}/${name}`, recipe: null },
      customer,
      timeoutMs: 30_000,
    });
  } finally {
    await context.close();
  }
}

/** What a page received, as customer fields. */
function got(name: string, index = 0): Partial<Record<keyof CustomerFields, string>> {
  const fields = received.get(name)?.[index] ?? {};
  const names = mapping[name];
  if (!names) return fields;
  return Object.fromEntries(Object.entries(names).map(([post, field]) => [field, fields[post]]));
}

describe.concurrent("widgets and page tricks", () => {
  test("a button saying 'Enviando…' is waited for: the post a moment later is the outcome", async () => {
    const outcome = await submit("sending");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("sending")).toMatchObject({ businessName: customer.businessName, email: customer.email });
  });

  test("a read-only combobox box (Vuetify) is opened and its option picked", async () => {
    const outcome = await submit("vselect");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("vselect")).toMatchObject({ category: "Plumbing" });
  });

  test("an option holding an empty ripple (Angular Material) is still an option", async () => {
    const outcome = await submit("matselect");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("matselect")).toMatchObject({ category: "Plumbing" });
  });

  test("a modal's footer button outside its form sends that form", async () => {
    const outcome = await submit("footer");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("footer")).toMatchObject({ businessName: customer.businessName, email: customer.email });
  });

  test("a pricing page leads through the free plan, never the recommended paid one", async () => {
    const outcome = await submit("pricing");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("pricing")).toMatchObject({ businessName: customer.businessName, email: customer.email });
    expect(received.get("paid")).toBeUndefined();
  });

  test("a platform prefix shared by every box is no honeypot mark; the odd box out still is", async () => {
    const outcome = await submit("prefixed");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("prefixed")).toEqual({
      businessName: customer.businessName,
      address: customer.address,
      phone: customer.phone,
      email: customer.email,
      description: "",
    });
  });

  test("a form in a shadow root, answered by script", async () => {
    const outcome = await submit("shadow");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("shadow")).toEqual({
      businessName: customer.businessName,
      email: customer.email,
      phone: customer.phone,
      city: "Austin",
    });
    expect(outcome.learned?.steps.map((s) => s.action)).toEqual(["fill", "fill", "fill", "fill", "click"]);
  });

  test("a cookie banner over the form is declined first", async () => {
    const outcome = await submit("consent");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("consent")).toEqual({
      businessName: customer.businessName,
      email: customer.email,
      zip: "78704",
    });
    expect(outcome.learned?.steps[0]).toMatchObject({
      action: "click",
      selector: expect.stringContaining("Reject all"),
    });
  });

  test("a form in a dialog opened by a call to action", async () => {
    const outcome = await submit("modal");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("modal")).toEqual({
      businessName: customer.businessName,
      email: customer.email,
      website: customer.website,
    });
  });

  test("a select2-style picker over a hidden select", async () => {
    const outcome = await submit("select2");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("select2")).toEqual({
      businessName: customer.businessName,
      email: customer.email,
      category: "4",
    });
  });

  test("an ARIA listbox with no select behind it", async () => {
    const outcome = await submit("listbox");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("listbox")).toEqual({
      businessName: customer.businessName,
      phone: customer.phone,
      category: "Plumbing",
    });
  });

  test("a controlled form whose button waits for real input", async () => {
    const outcome = await submit("controlled");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("controlled")).toEqual({
      businessName: customer.businessName,
      email: customer.email,
      zip: "78704",
    });
  });

  test("a phone split over three boxes", async () => {
    const outcome = await submit("split-phone");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("split-phone")).toEqual({
      businessName: customer.businessName,
      phone: "5125550142",
      email: customer.email,
    });
  });

  test("a state list loaded once the country is chosen", async () => {
    const outcome = await submit("dependent");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("dependent")).toEqual({
      businessName: customer.businessName,
      country: "US",
      state: "TX",
      city: "Austin",
    });
  });

  test("a rich-text editor over a hidden textarea", async () => {
    const outcome = await submit("editor");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("editor")).toEqual({
      businessName: customer.businessName,
      email: customer.email,
      description: customer.description,
    });
  });

  test("honeypots stay empty", async () => {
    const outcome = await submit("honeypot");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("honeypot")).toEqual({
      businessName: customer.businessName,
      email: customer.email,
      website: "",
      url: "",
      companyWebsite: customer.website,
      comments: "",
    });
  });

  test("a success shown only in a toast that goes away", async () => {
    const outcome = await submit("toast");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(outcome.proof).toMatch(/Listing submitted/);
  });

  test("Spanish labels in the neighbouring table cell", async () => {
    const outcome = await submit("tabla");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(got("tabla")).toEqual({
      businessName: customer.businessName,
      email: customer.email,
      phone: customer.phone,
      city: "Austin",
      zip: "78704",
    });
  });

  test("radios, dates and boxes: the free plan, no offers, a date where one is required, terms yes, newsletter no", async () => {
    const outcome = await submit("choices");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    const sent = received.get("choices")?.[0] ?? {};
    expect(sent).toMatchObject({
      businessName: customer.businessName,
      plan: "free",
      offers: "no",
      terms: "1",
    });
    expect(sent.founded).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent.news).toBeUndefined();
    expect(outcome.filledFields).toContain("consent");
  });

  test("the listing form, never the search or newsletter beside it", async () => {
    const outcome = await submit("newsletter");
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(received.get("search")).toBeUndefined();
    expect(received.get("newsletter-box")).toBeUndefined();
    expect(got("newsletter")).toEqual({
      businessName: customer.businessName,
      email: customer.email,
      address: customer.address,
    });
  });
});

describe("learned mappings", () => {
  test("the second time, the steps learned the first time are followed, with the same result", async () => {
    const first = await submit("modal");
    expect(first.status, first.errorMessage).toBe("submitted");
    const learned = first.learned;
    expect(learned?.steps.map((s) => s.action)).toEqual(["click", "fill", "fill", "fill", "click"]);
    expect(learned?.successText).toMatch(/Thank you/);
    const context = await browser.newContext();
    try {
      const again = await submitDirectory({
        context,
        directory: {
          id: "modal",
          name: "modal",
          submissionUrl: `${base}/modal`,
          recipe: null,
          learned: learned ?? null,
        },
        customer,
      });
      expect(again.status, again.errorMessage).toBe("submitted");
      expect(again.usedLearned).toBe(true);
      expect(got("modal", 1)).toEqual(got("modal", 0));
    } finally {
      await context.close();
    }
  });

  test("a learned step that no longer matches falls back to reading the form", async () => {
    const context = await browser.newContext();
    try {
      const outcome = await submitDirectory({
        context,
        directory: {
          id: "consent",
          name: "consent",
          submissionUrl: `${base}/consent`,
          recipe: null,
          learned: {
            version: 1,
            startUrl: `${base}/consent`,
            steps: [
              { action: "click", selector: "#gone-banner-button" },
              { action: "fill", selector: "#no-such-field", field: "businessName" },
              { action: "click", selector: "#no-such-button" },
            ],
            learnedAt: new Date().toISOString(),
          },
        },
        customer,
      });
      expect(outcome.status, outcome.errorMessage).toBe("submitted");
      expect(received.get("consent")?.at(-1)).toMatchObject({
        businessName: customer.businessName,
        zip: "78704",
      });
    } finally {
      await context.close();
    }
  });
});
