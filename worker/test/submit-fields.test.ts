import { describe, expect, test } from "vitest";
import {
  assignFields,
  chooseOption,
  classifyButton,
  type FieldDescriptor,
  normalizeText,
  shouldCheck,
} from "../src/submit/fields.ts";
import { pickButton, rateForm } from "../src/submit/forms.ts";
import { classifyOutcome, newText } from "../src/submit/outcome.ts";
import { findUsState, stateAbbreviation } from "../src/submit/states.ts";

let seq = 0;
function field(overrides: Partial<FieldDescriptor>): FieldDescriptor {
  seq += 1;
  return {
    key: `k${seq}`,
    tag: "input",
    type: "text",
    name: "",
    id: "",
    label: "",
    ariaLabel: "",
    placeholder: "",
    autocomplete: "",
    title: "",
    nearby: "",
    required: false,
    visible: true,
    disabled: false,
    checked: false,
    value: "",
    options: [],
    ...overrides,
  };
}

function mapped(fields: FieldDescriptor[]): Array<string | undefined> {
  const assignment = assignFields(fields);
  return fields.map((f) => assignment.get(f.key));
}

describe("field mapping", () => {
  test("normalises names the way people read them", () => {
    expect(normalizeText("businessName")).toBe("business name");
    expect(normalizeText("listing[zip_code]")).toBe("listing zip code");
    expect(normalizeText("E-mail")).toBe("e mail");
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
        field({ tag: "textarea", type: "textarea", label: "About your business" }),
        field({ tag: "select", type: "select", label: "Industry" }),
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
  });

  test("uses placeholders, names, ids, aria labels and nearby text when there is no label", () => {
    expect(
      mapped([
        field({ placeholder: "Your business name" }),
        field({ name: "contact_email" }),
        field({ id: "phoneNumber" }),
        field({ ariaLabel: "ZIP" }),
        field({ nearby: "City:" }),
      ]),
    ).toEqual(["businessName", "email", "phone", "zip", "city"]);
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

  test("a contact person's name is never the business name", () => {
    expect(mapped([field({ label: "Contact name" }), field({ label: "First name" })])).toEqual([
      undefined,
      undefined,
    ]);
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

  test("passwords, hidden fields and search boxes are never filled", () => {
    expect(
      mapped([
        field({ type: "password", label: "Password" }),
        field({ type: "hidden", name: "email" }),
        field({ type: "search", name: "q", placeholder: "Search businesses" }),
      ]),
    ).toEqual([undefined, undefined, undefined]);
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
    expect(chooseOption(states, "state", "Texas")).toBe("TX");
    expect(chooseOption(states, "state", "tx")).toBe("TX");
    expect(chooseOption([{ value: "texas", text: "TX" }], "state", "Texas")).toBe("texas");
    expect(chooseOption(states, "state", "Ontario")).toBeUndefined();
  });

  const categories = [
    { value: "", text: "-- choose --" },
    { value: "10", text: "Electricians" },
    { value: "11", text: "Plumbers & Heating" },
    { value: "12", text: "Restaurants" },
  ];
  test("categories: exact, containing, shared words, else the first real option", () => {
    expect(chooseOption(categories, "category", "restaurants")).toBe("12");
    expect(chooseOption(categories, "category", "Heating")).toBe("11");
    expect(chooseOption(categories, "category", "Electrician")).toBe("10");
    expect(chooseOption(categories, "category", "Florist")).toBe("10");
    expect(chooseOption(categories, "category", undefined)).toBe("10");
  });

  test("a country select picks the United States", () => {
    expect(
      chooseOption(
        [
          { value: "", text: "Country" },
          { value: "CA", text: "Canada" },
          { value: "US", text: "United States" },
        ],
        "country",
        undefined,
      ),
    ).toBe("US");
  });
});

describe("checkboxes and buttons", () => {
  const box = (label: string, required = false) => field({ type: "checkbox", label, required });
  test("agrees to terms, never to marketing unless the form insists", () => {
    expect(shouldCheck(box("I agree to the Terms of Service"))).toBe(true);
    expect(shouldCheck(box("I accept the privacy policy"))).toBe(true);
    expect(shouldCheck(box("Send me the newsletter and partner offers"))).toBe(false);
    expect(shouldCheck(box("Subscribe to updates", true))).toBe(true);
    expect(shouldCheck(box("Feature my listing"))).toBe(false);
  });

  test("classifies button wording", () => {
    expect(classifyButton("Submit listing")).toBe("submit");
    expect(classifyButton("Add my business")).toBe("submit");
    expect(classifyButton("Next")).toBe("next");
    expect(classifyButton("Continue")).toBe("next");
    expect(classifyButton("Back")).toBe("ignore");
    expect(classifyButton("Search")).toBe("ignore");
  });

  test("prefers a visible submit, then Next, then the default submit", () => {
    const b = (key: string, text: string, visible = true, type = "button") => ({
      key,
      text,
      type,
      visible,
      disabled: false,
    });
    expect(pickButton([b("1", "Next"), b("2", "Finish", false, "submit")])).toEqual({
      key: "1",
      kind: "next",
    });
    expect(pickButton([b("1", "Back"), b("2", "Finish", true, "submit")])).toEqual({
      key: "2",
      kind: "submit",
    });
    expect(pickButton([b("1", "", true, "submit")])).toEqual({ key: "1", kind: "other" });
    expect(pickButton([b("1", "Cancel")])).toBeUndefined();
  });
});

describe("form kinds", () => {
  const form = (fields: FieldDescriptor[], role = "") => ({
    key: "f",
    formless: false,
    role,
    fields,
    buttons: [],
  });
  test("tells listing, login, search and newsletter forms apart", () => {
    expect(rateForm(form([field({ label: "Business name" }), field({ label: "Phone" })])).kind).toBe(
      "listing",
    );
    expect(
      rateForm(form([field({ label: "Email" }), field({ type: "password", label: "Password" })])).kind,
    ).toBe("login");
    expect(rateForm(form([field({ name: "q", type: "search" })], "search")).kind).toBe("search");
    expect(rateForm(form([field({ type: "email", placeholder: "Your email" })])).kind).toBe("newsletter");
  });
});

describe("outcome", () => {
  const base = { textBefore: "Add your business\nName", errors: [], invalidFields: [] };
  test("only text the submit added counts", () => {
    expect(newText("a\nThank you for visiting", "Thank you for visiting\nb")).toBe("b");
    expect(
      classifyOutcome({ ...base, textBefore: "Thank you for visiting", textAfter: "Thank you for visiting" }),
    ).toMatchObject({
      status: "failed",
      reason: "unexpected",
    });
  });

  test("a thank-you on an error status is an HTTP error", () => {
    expect(
      classifyOutcome({ ...base, response: { status: 500, url: "http://x/add" }, textAfter: "Thank you!" }),
    ).toMatchObject({ status: "failed", reason: "http_error", errorMessage: expect.stringContaining("500") });
  });

  test("422 with messages is a validation error naming them", () => {
    expect(
      classifyOutcome({
        ...base,
        response: { status: 422, url: "http://x/add" },
        textAfter: "Add your business\nYear founded is required",
        errors: ["Year founded is required"],
      }),
    ).toMatchObject({ reason: "validation_error", errorMessage: expect.stringContaining("Year founded") });
  });

  test("a site saying it could not submit is no success", () => {
    expect(
      classifyOutcome({ ...base, textAfter: "Sorry, your listing could not be submitted. Please try again." })
        .reason,
    ).toBe("unexpected");
  });

  test("verification, success and nothing", () => {
    expect(classifyOutcome({ ...base, textAfter: "Check your email to verify your listing" }).reason).toBe(
      "email_verification",
    );
    expect(
      classifyOutcome({
        ...base,
        response: { status: 200, url: "" },
        textAfter: "Your listing is pending review",
      }),
    ).toEqual({
      status: "submitted",
    });
    expect(
      classifyOutcome({ ...base, textAfter: "Add your business\nName", invalidFields: ["Email"] }),
    ).toMatchObject({
      reason: "validation_error",
      errorMessage: expect.stringContaining("Email"),
    });
  });
});
