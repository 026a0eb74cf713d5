import type { CustomerFields } from "@autobolt/contract";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkSubmissions, type Sandbox, startSandbox } from "../src/index.ts";

/**
 * The second set of modern sites as plain HTTP sees them: each takes a complete post and records
 * every field it maps exactly, refuses one without a required field, and keeps the posts a correct
 * filler never sends (a honeypot, the newsletter, the search, the login) as not accepted.
 */

const customer = {
  businessName: "Bluebird Plumbing & Heating LLC",
  email: "owner@bluebird-plumbing.test",
  phone: "(512) 555-0142",
  website: "https://bluebird-plumbing.test",
  address: "1200 Barton Springs Rd",
  city: "Austin",
  state: "Texas",
  zip: "78704",
  description: "Family-run plumbing and heating since 1998. Licensed, insured, open 24/7.",
  category: "Plumbing",
} satisfies CustomerFields;
const c = customer;

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
});

function post(
  slug: string,
  path: string,
  fields: Record<string, string>,
  options: { json?: boolean; cookie?: string } = {},
): Promise<Response> {
  return fetch(`${sandbox.url}/${slug}/${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": options.json ? "application/json" : "application/x-www-form-urlencoded",
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body: options.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
}

const without = (fields: Record<string, string>, name: string) =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => k !== name));

interface Case {
  path: string;
  fields: Record<string, string>;
  json?: boolean;
  /** A field the site requires, dropped to see it refused. */
  required: string;
  /** What the answer to the complete post says (or, for a redirect, where it goes). */
  says: RegExp;
  status?: number;
}

const viewState = {
  __VIEWSTATE: "/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAgIBD2QWAgIBDxYCHgRUZXh0ZWRkZA==",
  __EVENTVALIDATION: "/wEdAAqX9Y6R0b0cmlWc3v4bQ8AnKc2i",
};

const cases: Record<string, Case> = {
  "aspnet-table": {
    path: "Members/AddListing.aspx",
    fields: {
      ...viewState,
      ctl00$MainContent$txtCompany: c.businessName,
      ctl00$MainContent$txtAddr1: c.address,
      ctl00$MainContent$txtCity: c.city,
      ctl00$MainContent$ddlState: "TX",
      ctl00$MainContent$txtZip: c.zip,
      ctl00$MainContent$txtPhone: c.phone,
      ctl00$MainContent$txtEmail: c.email,
      ctl00$MainContent$txtURL: c.website,
      ctl00$MainContent$ddlCategory: "61",
      ctl00$MainContent$txtDescription: c.description,
      ctl00$MainContent$btnSubmit: "Submit Listing",
    },
    required: "ctl00$MainContent$txtEmail",
    says: /submitted for approval/,
  },
  "listing-created-redirect": {
    path: "listings",
    fields: {
      authenticity_token: "hv9Qm2Lx",
      "listing[name]": c.businessName,
      "listing[category]": c.category,
      "listing[street]": c.address,
      "listing[city]": c.city,
      "listing[zip]": c.zip,
      "listing[phone]": c.phone,
      "listing[email]": c.email,
      "listing[website]": c.website,
    },
    required: "listing[name]",
    says: /^$/,
    status: 303,
  },
  "hooks-form": {
    path: "onboarding/api/v1/businesses",
    json: true,
    fields: {
      businessName: c.businessName,
      email: c.email,
      phone: c.phone,
      website: c.website,
      streetAddress: c.address,
      city: c.city,
      postalCode: c.zip,
      about: c.description,
    },
    required: "city",
    says: /profile is live/,
  },
  "combobox-filter": {
    path: "add-place",
    fields: {
      place_name: c.businessName,
      category_id: "cat_115",
      place_email: c.email,
      place_phone: c.phone,
      place_site: c.website,
      place_zip: c.zip,
    },
    required: "category_id",
    says: /publish your place/,
  },
  "auto-advance-phone": {
    path: "cgi-bin/listing",
    fields: {
      bname: c.businessName,
      street: c.address,
      city: c.city,
      st: "TX",
      zip5: c.zip,
      zip4: "",
      phone1: "512",
      phone2: "555",
      phone3: "0142",
      email: c.email,
      url: c.website,
    },
    required: "email",
    says: /free listing will appear/,
  },
  "late-consent": {
    path: "add-business",
    fields: {
      cl_name: c.businessName,
      cl_email: c.email,
      cl_phone: c.phone,
      cl_web: c.website,
      cl_addr: c.address,
      cl_city: c.city,
      cl_zip: c.zip,
      cl_about: c.description,
    },
    required: "cl_email",
    says: /has been added/,
  },
  "nested-shadow": {
    path: "business/api/business",
    json: true,
    fields: {
      displayName: c.businessName,
      contactEmail: c.email,
      contactPhone: c.phone,
      websiteUrl: c.website,
      addressLine: c.address,
      locality: c.city,
      region: c.state,
      postalCode: c.zip,
      summary: c.description,
    },
    required: "contactEmail",
    says: /profile was created/,
  },
  "lazy-modal": {
    path: "companies",
    fields: {
      company_name: c.businessName,
      company_industry: "hs-plumbing",
      company_email: c.email,
      company_facebook: "",
      company_phone: c.phone,
      company_website: c.website,
      company_address: c.address,
      company_city: c.city,
      company_zip: c.zip,
    },
    required: "company_name",
    says: /has been submitted/,
  },
  "chained-selects": {
    path: "providers/join",
    fields: {
      company: c.businessName,
      country: "US",
      state: "TX",
      city: c.city,
      zip: c.zip,
      phone: c.phone,
      email: c.email,
    },
    required: "city",
    says: /pending approval/,
  },
  "trix-editor": {
    path: "listings",
    fields: {
      authenticity_token: "Zq81xK0s2Vn4",
      "listing[name]": c.businessName,
      "listing[category_id]": "61",
      "listing[description]": `<div>${c.description}</div>`,
      "listing[email]": c.email,
      "listing[phone]": c.phone,
      "listing[website]": c.website,
    },
    required: "listing[description]",
    says: /successfully created/,
  },
  "wpbdp-directory": {
    path: "business-directory/submit-listing",
    fields: {
      _wpnonce: "a1b2c3d4e5",
      "listingfields[1]": c.businessName,
      "listingfields[2][]": "61",
      "listingfields[3]": "",
      "listingfields[4]": c.description,
      "listingfields[5]": c.website,
      "listingfields[6]": c.phone,
      "listingfields[8]": c.email,
      "listingfields[9]": c.address,
      "listingfields[10]": c.zip,
      "terms-and-conditions-agreement": "1",
    },
    required: "terms-and-conditions-agreement",
    says: /reviewed by an administrator/,
  },
  "tomselect-floating": {
    path: "businesses/create",
    fields: {
      business_name: c.businessName,
      "categories[]": "plumbing",
      email: c.email,
      phone: c.phone,
      address: c.address,
      address2: "",
      city: c.city,
      state: c.state,
      zip: c.zip,
      website: c.website,
    },
    required: "address",
    says: /reviews new listings/,
  },
  "stepper-newsletter": {
    path: "listings",
    fields: {
      name: c.businessName,
      category: c.category,
      description: c.description,
      email: c.email,
      phone: c.phone,
      website: c.website,
      address: c.address,
      city: c.city,
      state: c.state,
      zip: c.zip,
    },
    required: "state",
    says: /listing is published/,
  },
  "honeypot-variants": {
    path: "get-listed",
    fields: {
      input_1: c.businessName,
      "input_4.1": c.address,
      "input_4.2": "",
      "input_4.3": c.city,
      "input_4.4": c.state,
      "input_4.5": c.zip,
      "input_4.6": "United States",
      input_5: c.phone,
      input_6: c.email,
      input_12: "",
      input_7: c.website,
      input_9: "",
      b_7f3a1c_91cd2e: "",
      is_submit_1: "1",
      gform_submit: "1",
      state_1: "WyJbXSIsIjZkNjQ0ZWI1NmI0NGZlNDQ3M2VhZjc0Y2VkMWY4MjNlIl0=",
    },
    required: "input_5",
    says: /Thanks for contacting us/,
  },
  snackbar: {
    path: "app/api/places",
    json: true,
    fields: {
      title: c.businessName,
      phone: c.phone,
      email: c.email,
      website: c.website,
      street: c.address,
      city: c.city,
    },
    required: "email",
    says: /Your business was added/,
  },
  "places-autocomplete": {
    path: "join",
    fields: {
      pro_name: c.businessName,
      pro_street: c.address,
      pro_city: c.city,
      pro_state: "TX",
      pro_zip: c.zip,
      lat: "30.2620",
      lng: "-97.7600",
      pro_phone: c.phone,
      pro_email: c.email,
    },
    required: "lat",
    says: /on the map/,
  },
  "wp-editor": {
    path: "submit-listing",
    fields: {
      _wpnonce: "6b1e2d3f4a",
      listing_title: c.businessName,
      post_content: `<p>${c.description}</p>`,
      listing_phone: c.phone,
      listing_email: c.email,
      listing_website: c.website,
      listing_address: c.address,
      listing_city: c.city,
    },
    required: "post_content",
    says: /pending review/,
  },
  "segmented-radios": {
    path: "pros/apply",
    fields: {
      business_name: c.businessName,
      business_type: "service_area",
      phone: c.phone,
      email: c.email,
      website: c.website,
      city: c.city,
      state: "TX",
      opened_on: "",
      tos: "accepted",
    },
    required: "tos",
    says: /profile has been created/,
  },
};

describe("modern sites over plain HTTP", () => {
  test("every site of the two modern files is registered with its expected outcome", () => {
    const slugs = [...Object.keys(cases), "session-wizard", "preview-continue"];
    for (const slug of slugs) {
      const site = sandbox.sites.find((s) => s.slug === slug);
      expect(site?.expected, slug).toEqual({ status: "submitted" });
      expect(site?.patterns.length, slug).toBeGreaterThan(0);
    }
  });

  for (const [slug, spec] of Object.entries(cases)) {
    test(`${slug}: takes a complete post and records every mapped field exactly`, async () => {
      sandbox.reset();
      const site = sandbox.sites.find((s) => s.slug === slug);
      const res = await post(slug, spec.path, spec.fields, { json: spec.json ?? false });
      expect(res.status).toBe(spec.status ?? 200);
      expect(await res.text()).toMatch(spec.says);
      const check = checkSubmissions(sandbox.received(slug), site?.mapping ?? {}, customer);
      expect(check.accepted).toBe(1);
      expect(check.wrong).toEqual([]);
      expect(check.mismatched).toEqual({});
      expect(check.exact.length).toBe(check.expected.length);
      expect(check.expected.length).toBeGreaterThanOrEqual(5);
    });

    test(`${slug}: refuses a post without ${spec.required}`, async () => {
      sandbox.reset();
      const res = await post(slug, spec.path, without(spec.fields, spec.required), {
        json: spec.json ?? false,
      });
      expect(res.status).toBe(422);
      const [kept] = sandbox.received(slug);
      expect(kept?.accepted).toBe(false);
      expect(kept?.note).toMatch(/missing/);
    });
  }

  test("the redirect leads to the new listing's page, which says it was created without a thank-you", async () => {
    sandbox.reset();
    const spec = cases["listing-created-redirect"] as Case;
    const res = await post("listing-created-redirect", spec.path, spec.fields);
    const location = res.headers.get("location") ?? "";
    const shown = await fetch(new URL(location, `${sandbox.url}/listing-created-redirect/listings`));
    const text = await shown.text();
    expect(text).toMatch(/Listing was successfully created/);
    expect(text).toContain("Bluebird Plumbing &amp; Heating LLC");
    expect(text).not.toMatch(/thank/i);
  });

  test("a Facebook page field holding the website is refused, as the site checks it", async () => {
    sandbox.reset();
    const spec = cases["lazy-modal"] as Case;
    const res = await post("lazy-modal", spec.path, { ...spec.fields, company_facebook: c.website });
    expect(res.status).toBe(422);
    expect(sandbox.received("lazy-modal")[0]?.accepted).toBe(false);
  });

  test("the address search suggests places by their start, and a pin elsewhere than the address is wrong", async () => {
    const answer = await fetch(`${sandbox.url}/places-autocomplete/api/places?input=1200%20Barton`);
    const found = (await answer.json()) as Array<{ street: string }>;
    expect(found.map((p) => p.street)).toContain(c.address);
    sandbox.reset();
    const spec = cases["places-autocomplete"] as Case;
    await post("places-autocomplete", spec.path, { ...spec.fields, lat: "30.2740", lng: "-97.7400" });
    expect(sandbox.received("places-autocomplete")[0]?.wrong).toMatch(/pin/);
  });

  test("the joined phone and ZIP are what the site reads from its boxes", async () => {
    sandbox.reset();
    const spec = cases["auto-advance-phone"] as Case;
    await post("auto-advance-phone", spec.path, { ...spec.fields, zip4: "1234" });
    const [kept] = sandbox.received("auto-advance-phone");
    expect(kept?.fields.phone).toBe("(512) 555-0142");
    expect(kept?.fields.zip).toBe("78704-1234");
  });

  test("the chained selects answer only after the choice before them, a little late", async () => {
    const started = Date.now();
    const regions = await (
      await fetch(`${sandbox.url}/chained-selects/providers/api/regions?country=US`)
    ).json();
    const cities = await (
      await fetch(`${sandbox.url}/chained-selects/providers/api/cities?region=TX`)
    ).json();
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(regions).toContainEqual(["TX", "Texas"]);
    expect(cities).toContainEqual(["Austin", "Austin"]);
  });

  test("a filled honeypot is kept as not accepted, yet answered with the usual thanks", async () => {
    sandbox.reset();
    const spec = cases["honeypot-variants"] as Case;
    for (const trap of ["input_9", "input_12", "b_7f3a1c_91cd2e"]) {
      const res = await post("honeypot-variants", spec.path, { ...spec.fields, [trap]: "x" });
      expect(await res.text()).toMatch(/Thanks for contacting us/);
    }
    const kept = sandbox.received("honeypot-variants");
    expect(kept.map((p) => p.accepted)).toEqual([false, false, false]);
    expect(kept.every((p) => /honeypot/.test(p.wrong ?? ""))).toBe(true);
  });

  test("posts a listing filler never sends are kept as wrong: newsletter, search, login, second address line, offers", async () => {
    sandbox.reset();
    await post("stepper-newsletter", "newsletter", { subscriber_email: c.email });
    await post("stepper-newsletter", "search", { query: "plumber" });
    await fetch(`${sandbox.url}/wpbdp-directory/business-directory/search?wpbdp_view=search&kw=plumber`);
    await post("lazy-modal", "session", { email: c.email, password: "x" });
    const tom = cases["tomselect-floating"] as Case;
    await post("tomselect-floating", tom.path, { ...tom.fields, address2: c.address });
    const pros = cases["segmented-radios"] as Case;
    await post("segmented-radios", pros.path, { ...pros.fields, offers: "1" });
    for (const slug of [
      "stepper-newsletter",
      "wpbdp-directory",
      "lazy-modal",
      "tomselect-floating",
      "segmented-radios",
    ]) {
      const kept = sandbox.received(slug);
      expect(kept.length, slug).toBeGreaterThan(0);
      expect(
        kept.every((p) => !p.accepted && p.wrong),
        slug,
      ).toBe(true);
    }
    expect(sandbox.received("stepper-newsletter").map((p) => p.wrong)).toEqual([
      "the newsletter sign-up was submitted",
      "the site search was submitted",
    ]);
  });

  test("a lost nonce, token or view state is kept as wrong", async () => {
    sandbox.reset();
    for (const [slug, name] of [
      ["aspnet-table", "__VIEWSTATE"],
      ["trix-editor", "authenticity_token"],
      ["wpbdp-directory", "_wpnonce"],
    ] as const) {
      const spec = cases[slug] as Case;
      await post(slug, spec.path, without(spec.fields, name));
      expect(sandbox.received(slug)[0]?.wrong, slug).toBeTruthy();
    }
  });

  test("preview-continue: the form's post is only a preview; the listing goes in on 'Continue'", async () => {
    sandbox.reset();
    const site = sandbox.sites.find((s) => s.slug === "preview-continue");
    const fields = {
      directorist_nonce: "d7f1e0c2",
      listing_title: c.businessName,
      tagline: "",
      address: c.address,
      zip: c.zip,
      phone: c.phone,
      email: c.email,
      website: c.website,
      "admin_category_select[]": c.category,
      listing_content: c.description,
    };
    const refused = await post("preview-continue", "add-listing", without(fields, "email"));
    expect(refused.status).toBe(422);
    const preview = await post("preview-continue", "add-listing", fields);
    const html = await preview.text();
    expect(html).toMatch(/press Continue/);
    expect(html).not.toMatch(/thank|submitted|received/i);
    const id = /name=listing_id value="(\d+)"/.exec(html)?.[1] ?? "";
    expect(
      checkSubmissions(sandbox.received("preview-continue"), site?.mapping ?? {}, customer).accepted,
    ).toBe(0);
    const done = await post("preview-continue", "listing-preview", {
      listing_id: id,
      directorist_nonce: "d7f1e0c2",
    });
    expect(await done.text()).toMatch(/submitted and is pending review/);
    const check = checkSubmissions(sandbox.received("preview-continue"), site?.mapping ?? {}, customer);
    expect(check.accepted).toBe(1);
    expect(check.mismatched).toEqual({});
    expect(check.exact.length).toBe(8);
    const again = await post("preview-continue", "listing-preview", {
      listing_id: id,
      directorist_nonce: "d7f1e0c2",
    });
    expect(again.status).toBe(404);
  });

  test("session-wizard: step 2 needs the cookie step 1 set, and the listing joins both steps", async () => {
    sandbox.reset();
    const site = sandbox.sites.find((s) => s.slug === "session-wizard");
    const step2 = {
      phone: c.phone,
      street: c.address,
      city: c.city,
      state: "TX",
      zip: c.zip,
      website: c.website,
    };
    const orphan = await post("session-wizard", "join/step-2", step2);
    expect(orphan.status).toBe(403);
    expect(sandbox.received("session-wizard")[0]).toMatchObject({ accepted: false });

    const first = await post("session-wizard", "join/step-1", {
      business_name: c.businessName,
      category: c.category,
      email: c.email,
    });
    expect(first.status).toBe(303);
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^mbn_sid=/);
    const page2 = await fetch(`${sandbox.url}/session-wizard/join/step-2`, { headers: { cookie } });
    expect(await page2.text()).toMatch(/Step 2 of 2/);

    const draft = await post("session-wizard", "join/step-2", { ...step2, intent: "draft" }, { cookie });
    expect(await draft.text()).toMatch(/draft was saved/);
    expect(sandbox.received("session-wizard").at(-1)?.wrong).toMatch(/draft/);

    const refused = await post("session-wizard", "join/step-2", without(step2, "phone"), { cookie });
    expect(refused.status).toBe(422);
    const done = await post("session-wizard", "join/step-2", step2, { cookie });
    expect(await done.text()).toMatch(/Registration complete/);
    const check = checkSubmissions(sandbox.received("session-wizard"), site?.mapping ?? {}, customer);
    expect(check.accepted).toBe(1);
    expect(check.mismatched).toEqual({});
    expect(check.exact.length).toBe(9);
  });
});
