import type { CustomerFields } from "@autobolt/contract";
import { describe, expect, test } from "vitest";
import {
  assignFields,
  boxDecision,
  classifyButton,
  isHoneypot,
  pickButton,
  rateGroup,
} from "../src/submit/classify.ts";
import { normalizeText } from "../src/submit/lexicon.ts";
import { classifyOutcome, newText, type OutcomeEvidence } from "../src/submit/outcome.ts";
import type { Button, Control } from "../src/submit/scan.ts";
import { findUsState, stateAbbreviation } from "../src/submit/states.ts";
import { chooseOption, phonePart, splitStreet, valueFor } from "../src/submit/values.ts";

let seq = 0;
function field(overrides: Partial<Control>): Control {
  seq += 1;
  return {
    key: `k${seq}`,
    tag: "input",
    type: "text",
    kind: "text",
    name: "",
    id: "",
    className: "",
    label: "",
    ariaLabel: "",
    placeholder: "",
    title: "",
    before: "",
    after: "",
    legend: "",
    describedBy: "",
    autocomplete: "",
    inputMode: "",
    pattern: "",
    maxLength: -1,
    min: "",
    tabIndex: "",
    required: false,
    visible: true,
    disabled: false,
    readOnly: false,
    checked: false,
    value: "",
    options: [],
    multiple: false,
    group: "g",
    order: seq,
    parent: `p${seq}`,
    grandparent: `gp${seq}`,
    standIn: "",
    fillKey: "",
    display: "",
    ...overrides,
  };
}

function mapped(fields: Control[]): Array<string | undefined> {
  const assignment = assignFields(fields);
  const customer = new Set([
    "businessName",
    "email",
    "phone",
    "website",
    "address",
    "city",
    "state",
    "zip",
    "description",
    "category",
  ]);
  return fields.map((f) => {
    const cls = assignment.get(f.key)?.cls;
    return cls && customer.has(cls) ? cls : undefined;
  });
}

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

describe("field mapping", () => {
  test("normalises names the way people read them, accents and all", () => {
    expect(normalizeText("businessName")).toBe("business name");
    expect(normalizeText("listing[zip_code]")).toBe("listing zip code");
    expect(normalizeText("E-mail")).toBe("e mail");
    expect(normalizeText("Straße und Hausnummer")).toBe("strasse und hausnummer");
    expect(normalizeText("Código postal")).toBe("codigo postal");
    expect(normalizeText("ctl00$Main$txtPhoneNumber")).toBe("ctl00 main txt phone number");
  });

  test("maps labels with synonyms", () => {
    expect(
      mapped([
        field({ label: "Company" }),
        field({ label: "Telephone" }),
        field({ label: "Postal code" }),
        field({ label: "Street address" }),
        field({ label: "Town" }),
        field({ label: "Province" }),
        field({ label: "Homepage" }),
        field({ tag: "textarea", type: "textarea", kind: "textarea", label: "About your business" }),
        field({ tag: "select", type: "select", kind: "select", label: "Industry" }),
      ]),
    ).toEqual([
      "businessName",
      "phone",
      "zip",
      "address",
      "city",
      "state",
      "website",
      "description",
      "category",
    ]);
    // A box that takes either of two things takes the customer's; a trade is a category.
    expect(
      mapped([
        field({ label: "County / State", name: "county" }),
        field({ tag: "select", type: "select", kind: "select", label: "Trade" }),
      ]),
    ).toEqual(["state", "category"]);
  });

  test.each([
    [
      "Spanish",
      [
        "Nombre del negocio",
        "Correo electrónico",
        "Teléfono",
        "Sitio web",
        "Dirección",
        "Ciudad",
        "Estado / Provincia",
        "Código postal",
      ],
    ],
    [
      "French",
      [
        "Nom de l'entreprise",
        "Adresse e-mail",
        "Téléphone",
        "Site internet",
        "Adresse",
        "Ville",
        "Région",
        "Code postal",
      ],
    ],
    [
      "German",
      [
        "Firmenname",
        "E-Mail-Adresse",
        "Telefonnummer",
        "Webseite",
        "Straße und Hausnummer",
        "Ort",
        "Bundesland",
        "PLZ",
      ],
    ],
    [
      "Portuguese",
      ["Nome da empresa", "E-mail", "Telefone", "Site da empresa", "Endereço", "Cidade", "Estado", "CEP"],
    ],
    [
      "Italian",
      [
        "Nome dell'attività",
        "Indirizzo email",
        "Telefono",
        "Sito web",
        "Indirizzo",
        "Città",
        "Provincia",
        "CAP",
      ],
    ],
  ])("reads labels in %s", (_language, labels) => {
    expect(mapped(labels.map((label) => field({ label })))).toEqual([
      "businessName",
      "email",
      "phone",
      "website",
      "address",
      "city",
      "state",
      "zip",
    ]);
  });

  test("uses placeholders, names, ids, aria labels and the text before or after a control", () => {
    expect(
      mapped([
        field({ placeholder: "Your business name" }),
        field({ name: "contact_email" }),
        field({ id: "phoneNumber" }),
        field({ ariaLabel: "ZIP" }),
        field({ before: "City:" }),
        field({ after: "Website" }),
      ]),
    ).toEqual(["businessName", "email", "phone", "zip", "city", "website"]);
  });

  test("an email address is not a street address, and a second address line gets nothing", () => {
    expect(
      mapped([
        field({ label: "Email address" }),
        field({ label: "Address line 1" }),
        field({ label: "Address line 2" }),
      ]),
    ).toEqual(["email", "address", undefined]);
  });

  test("'Business phone' is a phone, and the plain 'Name' beside it is the business name", () => {
    expect(mapped([field({ label: "Business phone" }), field({ label: "Name" })])).toEqual([
      "phone",
      "businessName",
    ]);
  });

  test("a contact person's name is never the business name, in any language", () => {
    expect(
      mapped([
        field({ label: "Contact name" }),
        field({ label: "First name" }),
        field({ label: "Votre nom" }),
        field({ label: "Ansprechpartner" }),
      ]),
    ).toEqual([undefined, undefined, undefined, undefined]);
    // "Nom" beside "Prénom" is a surname.
    expect(
      mapped([field({ label: "Prénom" }), field({ label: "Nom" }), field({ label: "Entreprise" })]),
    ).toEqual([undefined, undefined, "businessName"]);
  });

  test("input types and autocomplete tokens decide cryptic fields", () => {
    expect(
      mapped([
        field({ name: "f1", type: "email" }),
        field({ name: "f2", type: "tel" }),
        field({ name: "f3", type: "url" }),
        field({ name: "f4", autocomplete: "postal-code" }),
        field({ name: "f5", autocomplete: "organization" }),
        field({ name: "f6" }),
      ]),
    ).toEqual(["email", "phone", "website", "zip", "businessName", undefined]);
  });

  test("a confirm-email box repeats the email; other fields are used once", () => {
    expect(
      mapped([
        field({ label: "Email" }),
        field({ label: "Confirm email" }),
        field({ label: "City" }),
        field({ label: "City" }),
      ]),
    ).toEqual(["email", "email", "city", undefined]);
  });

  test("passwords, search boxes and boxes are never given a value", () => {
    expect(
      mapped([
        field({ type: "password", kind: "password", label: "Password" }),
        field({ type: "search", kind: "search", name: "q", placeholder: "Search businesses" }),
        field({ type: "checkbox", kind: "checkbox", label: "Email me" }),
      ]),
    ).toEqual([undefined, undefined, undefined]);
  });

  test("a phone in three boxes gets its three parts", () => {
    const parts = [
      field({ label: "Phone", maxLength: 3, parent: "row" }),
      field({ ariaLabel: "Prefix", maxLength: 3, parent: "row" }),
      field({ ariaLabel: "Line number", maxLength: 4, parent: "row" }),
    ];
    const assignment = assignFields(parts);
    expect(parts.map((p) => assignment.get(p.key)?.part?.index)).toEqual([0, 1, 2]);
    expect(
      parts.map((p) => valueFor(p, assignment.get(p.key) as never, customer, { splitStreet: false })),
    ).toEqual(["512", "555", "0142"]);
    expect(phonePart({ ...customer, phone: "+1 512 555 0142" }, { index: 1, count: 2 })).toBe("5550142");
  });

  test("honeypots: told to stay empty, or marked as a trap", () => {
    expect(isHoneypot(field({ label: "Leave this field empty" }))).toBe(true);
    expect(isHoneypot(field({ placeholder: "No rellenar" }))).toBe(true);
    expect(isHoneypot(field({ name: "hp_website", tabIndex: "-1" }))).toBe(true);
    expect(isHoneypot(field({ label: "Website", name: "website" }))).toBe(false);
  });
});

describe("values", () => {
  test("a phone takes the shape its box shows, within its limit", () => {
    const phone = { cls: "phone" as const, score: 3 };
    expect(valueFor(field({ placeholder: "555-555-5555" }), phone, customer, { splitStreet: false })).toBe(
      "512-555-0142",
    );
    expect(valueFor(field({ maxLength: 10 }), phone, customer, { splitStreet: false })).toBe("5125550142");
    expect(valueFor(field({ pattern: "\\+1[0-9]{10}" }), phone, customer, { splitStreet: false })).toBe(
      "+15125550142",
    );
    expect(valueFor(field({}), phone, customer, { splitStreet: false })).toBe("(512) 555-0142");
  });

  test("a two-letter state box gets the abbreviation; a street and number split", () => {
    expect(
      valueFor(field({ maxLength: 2 }), { cls: "state", score: 3 }, customer, { splitStreet: false }),
    ).toBe("TX");
    expect(splitStreet("1200 Barton Springs Rd")).toEqual({ number: "1200", street: "Barton Springs Rd" });
    expect(splitStreet("Hauptstraße 5a")).toEqual({ number: "5a", street: "Hauptstraße" });
    expect(valueFor(field({}), { cls: "address", score: 3 }, customer, { splitStreet: true })).toBe(
      "Barton Springs Rd",
    );
  });

  test("a long description is cut at a word within the box's limit", () => {
    const cut = valueFor(field({ maxLength: 30 }), { cls: "description", score: 3 }, customer, {
      splitStreet: false,
    });
    expect(cut?.length).toBeLessThanOrEqual(30);
    expect(customer.description?.startsWith(cut ?? "x")).toBe(true);
  });
});

describe("states and options", () => {
  test("a US state in either spelling", () => {
    expect(findUsState("TX")).toEqual({ abbreviation: "TX", name: "Texas" });
    expect(findUsState(" texas ")).toEqual({ abbreviation: "TX", name: "Texas" });
    expect(findUsState("new  york")?.abbreviation).toBe("NY");
    expect(findUsState("Ontario")).toBeUndefined();
    expect(stateAbbreviation("Texas")).toBe("TX");
    expect(stateAbbreviation("Ontario")).toBe("Ontario");
  });

  const states = [
    { value: "", text: "Select a state" },
    { value: "CA", text: "California" },
    { value: "TX", text: "Texas" },
  ];
  test("state selects match by abbreviation or full name, either way round", () => {
    expect(chooseOption(states, "state", "Texas")?.value).toBe("TX");
    expect(chooseOption(states, "state", "tx")?.value).toBe("TX");
    expect(chooseOption([{ value: "texas", text: "TX" }], "state", "Texas")?.value).toBe("texas");
    expect(chooseOption([{ value: "48", text: "TX - Texas" }], "state", "Texas")?.value).toBe("48");
    expect(chooseOption(states, "state", "Ontario")).toBeUndefined();
  });

  const categories = [
    { value: "", text: "-- choose --" },
    { value: "10", text: "Electricians" },
    { value: "11", text: "Plumbers & Heating" },
    { value: "12", text: "Restaurants" },
  ];
  test("a category in another language is the same trade", () => {
    const portuguese = ["Advogados", "Dentistas", "Encanadores", "Restaurantes"].map((text, i) => ({
      value: String(i + 1),
      text,
    }));
    expect(chooseOption(portuguese, "category", "Plumbing")?.text).toBe("Encanadores");
    expect(chooseOption(portuguese, "category", "Lawyers")?.text).toBe("Advogados");
  });

  test("categories: exact, containing, a shared stem, else Other, else the first real option", () => {
    expect(chooseOption(categories, "category", "restaurants")?.value).toBe("12");
    expect(chooseOption(categories, "category", "Heating")?.value).toBe("11");
    expect(chooseOption(categories, "category", "Plumbing")?.value).toBe("11");
    expect(chooseOption(categories, "category", "Florist")?.value).toBe("10");
    expect(chooseOption([...categories, { value: "99", text: "Otros" }], "category", "Florist")?.value).toBe(
      "99",
    );
    expect(
      chooseOption(
        [{ value: "", text: "Seleccione una categoría" }, ...categories.slice(1)],
        "category",
        undefined,
      )?.value,
    ).toBe("10");
  });

  test("a country select picks the United States in any language", () => {
    for (const text of [
      "United States",
      "Estados Unidos",
      "États-Unis",
      "Vereinigte Staaten",
      "Stati Uniti",
    ]) {
      expect(
        chooseOption(
          [
            { value: "", text: "Country" },
            { value: "CA", text: "Canada" },
            { value: "x", text },
          ],
          "country",
          undefined,
        )?.value,
      ).toBe("x");
    }
  });
});

describe("checkboxes and buttons", () => {
  const box = (label: string, required = false) =>
    field({ type: "checkbox", kind: "checkbox", label, required });
  test("agrees to terms, never to marketing unless the form insists", () => {
    expect(boxDecision(box("I agree to the Terms of Service"))).toBe("check");
    expect(boxDecision(box("Acepto la política de privacidad"))).toBe("check");
    expect(boxDecision(box("Ich akzeptiere die AGB"))).toBe("check");
    expect(boxDecision(box("Send me the newsletter and partner offers"))).toBe("leave");
    expect(boxDecision({ ...box("Recevoir des offres"), checked: true })).toBe("uncheck");
    expect(boxDecision(box("Subscribe to updates", true))).toBe("check");
    expect(boxDecision(box("Feature my listing"))).toBe("leave");
  });

  test("classifies button wording in six languages", () => {
    expect(classifyButton("Submit listing")).toBe("submit");
    expect(classifyButton("Add my business")).toBe("submit");
    expect(classifyButton("Enviar")).toBe("submit");
    expect(classifyButton("Eintrag absenden")).toBe("submit");
    expect(classifyButton("Envoyer")).toBe("submit");
    expect(classifyButton("Next")).toBe("next");
    expect(classifyButton("Weiter")).toBe("next");
    expect(classifyButton("Siguiente →")).toBe("next");
    expect(classifyButton("Back")).toBe("ignore");
    expect(classifyButton("Search")).toBe("ignore");
    expect(classifyButton("S'abonner")).toBe("ignore");
  });

  test("a saved draft is never the submit, in any wording", () => {
    for (const text of [
      "Save draft",
      "Save as draft",
      "Save for later",
      "Save & exit",
      "Guardar borrador",
      "Entwurf speichern",
      "Salva bozza",
    ])
      expect(classifyButton(text), text).toBe("ignore");
    expect(classifyButton("Save listing")).toBe("submit");
  });

  test("prefers a visible submit after the fields, then Next, then the default submit", () => {
    const b = (key: string, text: string, order: number, visible = true, type = "button"): Button => ({
      key,
      text,
      type,
      tag: "button",
      visible,
      disabled: false,
      group: "g",
      order,
      formKey: "",
    });
    const fields = { first: 10, last: 20 };
    expect(pickButton([b("1", "Next", 30), b("2", "Finish", 31, false, "submit")], fields)?.button.key).toBe(
      "1",
    );
    expect(pickButton([b("1", "Back", 30), b("2", "Finish", 31, true, "submit")], fields)?.button.key).toBe(
      "2",
    );
    expect(
      pickButton([b("cta", "Add your business", 2), b("2", "Submit listing", 25)], fields)?.button.key,
    ).toBe("2");
    expect(pickButton([b("1", "", 30, true, "submit")], fields)).toMatchObject({ kind: "other" });
    expect(pickButton([b("1", "Cancel", 30)], fields)).toBeUndefined();
  });
});

describe("form kinds", () => {
  const group = (hints = "", role = "") => ({
    key: "g",
    formless: false,
    tag: "form",
    role,
    hints,
    visible: true,
  });
  test("tells listing, login, sign-up, search and newsletter forms apart", () => {
    expect(rateGroup(group(), [field({ label: "Business name" }), field({ label: "Phone" })], []).kind).toBe(
      "listing",
    );
    expect(
      rateGroup(
        group(),
        [field({ label: "Email" }), field({ type: "password", kind: "password", label: "Password" })],
        [],
      ).kind,
    ).toBe("login");
    expect(
      rateGroup(
        group(),
        [
          field({ label: "Business name" }),
          field({ label: "Address" }),
          field({ label: "City" }),
          field({ label: "Email" }),
          field({ type: "password", kind: "password", label: "Password" }),
        ],
        [],
      ).kind,
    ).toBe("signup");
    expect(
      rateGroup(group("", "search"), [field({ name: "q", type: "search", kind: "search" })], []).kind,
    ).toBe("search");
    expect(rateGroup(group(), [field({ type: "email", placeholder: "Your email" })], []).kind).toBe(
      "newsletter",
    );
    expect(
      rateGroup(
        group("newsletter-signup"),
        [field({ label: "Name" }), field({ type: "email", label: "Email" })],
        [],
      ).kind,
    ).toBe("newsletter");
  });
});

describe("outcome", () => {
  const base: OutcomeEvidence = {
    textBefore: "Add your business\nName",
    textAfter: "",
    transient: [],
    errors: [],
    invalidFields: [],
    urlBefore: "http://x/add",
    urlAfter: "http://x/add",
  };
  const verdict = (over: Partial<OutcomeEvidence>) => classifyOutcome({ ...base, ...over });

  test("a site's own trouble in an alert is retryable, not a field to fix; a webform's 'submission added' is success", () => {
    const trouble =
      "Error: Sorry, something went wrong and your listing could not be saved. Please try again later.";
    expect(verdict({ textAfter: trouble, errors: [trouble] })).toMatchObject({
      status: "failed",
      reason: "unexpected",
    });
    expect(verdict({ errors: ["Phone is required."] })).toMatchObject({ reason: "validation_error" });
    expect(verdict({ textAfter: "New submission added to Business listing." })).toMatchObject({
      status: "submitted",
    });
  });

  test("only text the submit added counts", () => {
    expect(newText("a\nThank you for visiting", "Thank you for visiting\nb")).toBe("b");
    expect(
      verdict({ textBefore: "Thank you for visiting", textAfter: "Thank you for visiting" }),
    ).toMatchObject({
      status: "failed",
      reason: "unexpected",
    });
  });

  test("a thank-you on an error status is an HTTP error; 429 is rate limiting", () => {
    expect(
      verdict({ response: { status: 500, url: "http://x/add" }, textAfter: "Thank you!" }),
    ).toMatchObject({
      reason: "http_error",
      errorMessage: expect.stringContaining("500"),
    });
    expect(verdict({ response: { status: 429, url: "http://x/add" }, textAfter: "Slow down" }).reason).toBe(
      "rate_limited",
    );
  });

  test("422 with messages is a validation error naming them", () => {
    expect(
      verdict({
        response: { status: 422, url: "http://x/add" },
        textAfter: "Add your business\nYear founded is required",
        errors: ["Year founded is required"],
      }),
    ).toMatchObject({ reason: "validation_error", errorMessage: expect.stringContaining("Year founded") });
  });

  test("a site saying it could not submit, or answering 200 with an error, is no success", () => {
    expect(
      verdict({ textAfter: "Sorry, your listing could not be submitted. Please try again." }).reason,
    ).toBe("unexpected");
    expect(verdict({ textAfter: "Error: your listing could not be saved" }).status).toBe("failed");
    expect(verdict({ textAfter: "Se produjo un error al guardar." }).status).toBe("failed");
  });

  test.each([
    ["Listing published. ID 1008", "submitted"],
    ["¡Gracias! Hemos recibido su empresa.", "submitted"],
    ["Merci ! Votre fiche a été envoyée.", "submitted"],
    ["Vielen Dank! Ihr Eintrag wurde gespeichert.", "submitted"],
    ["Obrigado! Sua empresa foi cadastrada.", "submitted"],
    ["Grazie! La tua attività è stata inviata.", "submitted"],
    ["Your listing is pending review", "submitted"],
    ["Thanks! Please check your email to confirm your listing.", "email_verification"],
    ["Un e-mail de confirmation vous a été envoyé.", "email_verification"],
    ["We sent a 6-digit code by SMS to your phone. Enter it below.", "phone_verification"],
    ["This business is already listed in our directory.", "duplicate_listing"],
    ["Este negocio ya existe en nuestro directorio.", "duplicate_listing"],
    ["Dieser Betrieb ist bereits eingetragen.", "duplicate_listing"],
    ["Too many requests, try again later.", "rate_limited"],
    ["Bitte melden Sie sich an, um einen Eintrag zu erstellen.", "login_required"],
  ])("%s → %s", (text, expected) => {
    const got = verdict({ textAfter: `Add your business\n${text}` });
    expect(got.status === "submitted" ? "submitted" : got.reason).toBe(expected);
  });

  test("a toast that came and went still counts; a new address that says thanks counts", () => {
    expect(
      verdict({ textAfter: "Add your business", transient: ["Your listing was submitted"] }).status,
    ).toBe("submitted");
    expect(verdict({ textAfter: "Welcome", urlAfter: "http://x/thank-you" }).status).toBe("submitted");
  });

  test("a form cleared after a confirmation is a success; 'try again later' alone is no rate limit", () => {
    expect(
      verdict({
        textAfter: "Add your business\nName",
        transient: ["✓ Listing submitted"],
        invalidFields: ["Company", "Email"],
      }).status,
    ).toBe("submitted");
    expect(
      verdict({ textAfter: "Add your business\nName\nWe got it! Your listing is in the review queue." })
        .status,
    ).toBe("submitted");
    expect(
      verdict({ textAfter: "Oops! We could not process your submission. Please try again later." }).reason,
    ).toBe("unexpected");
    expect(verdict({ textAfter: "Too many requests. Try again in 60 seconds." }).reason).toBe("rate_limited");
  });

  test("invalid fields are a validation error naming them", () => {
    expect(verdict({ textAfter: "Add your business\nName", invalidFields: ["Email"] })).toMatchObject({
      reason: "validation_error",
      errorMessage: expect.stringContaining("Email"),
    });
  });
});
test("a detail two boxes ask for goes to the one the site requires", () => {
  const short = field({ kind: "textarea", tag: "textarea", label: "Short Business Description" });
  const long = field({
    kind: "textarea",
    tag: "textarea",
    label: "Long Business Description *",
    required: true,
  });
  const assignment = assignFields([short, long]);
  expect(assignment.get(long.key)?.cls).toBe("description");
  expect(assignment.has(short.key)).toBe(false);
});
