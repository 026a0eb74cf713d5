import { randomInt } from "node:crypto";
import type { CustomerFields } from "@autobolt/contract";
import type { Frame, Page } from "playwright-core";
import { changeCounts, waitForChange } from "./activity.ts";
import { assignFields, boxDecision, humanText, isCustomerField, pickButton, takesValue } from "./classify.ts";
import { dismissConsent, type FoundForm, rateScans } from "./finder.ts";
import type { StepRecorder } from "./learned.ts";
import {
  codeSentTo,
  duplicateOutcome,
  emailVerificationOutcome,
  type FieldClass,
  foldText,
  normalizeText,
  signInRefused,
  signUpText,
  siteProblemOutcome,
  usernameText,
  validationOutcome,
} from "./lexicon.ts";
import { pageText } from "./outcome.ts";
import { type Control, scanPage } from "./scan.ts";
import { customerValue } from "./values.ts";
import { clickKey, type FillItem, fillItems } from "./widgets.ts";

/*
 * Accounts on directories that want one before the listing: made with the campaign address (whose
 * mail the inbox reads) and a generated password, and later signed into. Forms are found and
 * filled like listing forms; only what an account form asks differs.
 */

export interface Credentials {
  email: string;
  password: string;
  username?: string;
}

const LOWER = "abcdefghijkmnopqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "!#%+-=?@_";

/** 20 characters from a CSPRNG with every class present: what any site's password rules accept. */
export function generatePassword(length = 20): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const pick = (set: string) => set[randomInt(set.length)] as string;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join("");
}

/** A user name from the address's local part: letters and digits, as most sites allow. */
export function usernameFor(email: string): string {
  return (email.split("@")[0] ?? "listing").replace(/[^a-zA-Z0-9]/g, "").slice(0, 20) || "listing";
}

const passwordsOf = (form: FoundForm) =>
  form.rated.controls.filter((c) => c.kind === "password" && c.visible && !c.disabled);

/** An account form on the page: a registration one (two passwords, a new-password, or saying so), or a sign-in. */
function accountForms(forms: FoundForm[]) {
  const withPassword = forms.filter((f) => f.rated.group.visible && passwordsOf(f).length > 0);
  const isRegistration = (f: FoundForm) =>
    passwordsOf(f).length >= 2 ||
    passwordsOf(f).some((c) => c.autocomplete.includes("new-password")) ||
    signUpText.test(
      normalizeText(`${ownWords(f.rated.group.hints)} ${f.rated.buttons.map((b) => b.text).join(" ")}`),
    );
  return {
    registration: withPassword.find(isRegistration),
    signIn: withPassword.find((f) => !isRegistration(f)),
  };
}

/** A form's hints with each address cut to its last segment: "/sign-up/login" is a sign-in. */
const ownWords = (hints: string) =>
  hints.replace(/\b[a-z]+:\/\/\S+/gi, (url) => url.split(/[?#]/)[0]?.split("/").filter(Boolean).at(-1) ?? "");

async function scanForms(page: Page, recorder: StepRecorder) {
  await dismissConsent(page, recorder);
  return rateScans(await scanPage(page));
}

/** Fill an account form's controls: addresses, passwords, a user name, the business; terms yes, marketing no. */
function accountItems(form: FoundForm, credentials: Credentials, customer: CustomerFields): FillItem[] {
  const visible = form.rated.controls.filter((c) => c.visible && !c.disabled && !c.readOnly);
  const assignment = assignFields(visible.filter(takesValue));
  const items: FillItem[] = [];
  for (const control of visible) {
    const value = accountValue(control, assignment.get(control.key)?.cls, credentials, customer);
    if (value !== undefined) items.push({ key: control.fillKey || control.key, value, mode: "text" });
    if (control.kind === "checkbox") {
      const decision = boxDecision(control);
      if (decision !== "leave") items.push({ key: control.key, value: "", mode: decision });
    }
  }
  return items;
}

function accountValue(
  control: Control,
  cls: FieldClass | undefined,
  credentials: Credentials,
  customer: CustomerFields,
): string | undefined {
  if (control.kind === "password") return credentials.password;
  if (control.kind !== "text") return undefined;
  const text = normalizeText(humanText(control));
  if (control.type === "email" || cls === "email" || /\be ?mail\b|correo|courriel/.test(text))
    return credentials.email;
  if (cls === "username" || usernameText.test(text))
    return credentials.username ?? usernameFor(credentials.email);
  if (cls === "contactName" || cls === "firstName" || cls === "lastName") {
    const words = customer.businessName.split(/\s+/);
    return cls === "firstName"
      ? words[0]
      : cls === "lastName"
        ? words.slice(1).join(" ") || words[0]
        : customer.businessName;
  }
  if (cls && isCustomerField(cls)) return customerValue(customer, cls);
  return undefined;
}

/** Press the form's button and wait for the page to answer; the page's text after it. */
async function send(page: Page, form: FoundForm, deadline: number): Promise<string> {
  const fields = form.rated.controls.filter((c) => c.visible);
  const order = {
    first: Math.min(...fields.map((c) => c.order)),
    last: Math.max(...fields.map((c) => c.order)),
  };
  const choice = pickButton(form.rated.buttons, order);
  const before = await changeCounts(page);
  if (choice) await clickKey(form.frame, choice.button.key);
  else
    await form.frame
      .locator(`[data-autobolt-key="${passwordsOf(form)[0]?.key}"]`)
      .press("Enter")
      .catch(() => {});
  await waitForChange(before, Math.max(500, Math.min(8_000, deadline - Date.now())));
  await page.waitForLoadState("domcontentloaded", { timeout: 5_000 }).catch(() => {});
  return foldText(await pageText(page));
}

export type AccountStep =
  | { kind: "verify_email" | "signed_in"; said: string }
  | { kind: "failed"; said: string };

const excerpt = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 300);

/**
 * From a sign-in wall (or a registration form) to a registered account: follow "Create an
 * account" when only a sign-in form shows, fill the registration form and send it. Answers
 * `verify_email` when the site mails a link first, `signed_in` when the account works at once.
 */
export async function registerAccount(options: {
  page: Page;
  credentials: Credentials;
  customer: CustomerFields;
  deadline: number;
  recorder: StepRecorder;
}): Promise<AccountStep> {
  const { page, deadline } = options;
  let forms = await scanForms(page, options.recorder);
  for (let hop = 0; !accountForms(forms).registration && hop < 2; hop++) {
    const link = await signUpLink(page);
    if (!link) break;
    const before = await changeCounts(page);
    if (!(await clickKey(link.frame, link.key))) break;
    await waitForChange(before, Math.max(500, Math.min(6_000, deadline - Date.now())));
    await page.waitForLoadState("domcontentloaded", { timeout: 5_000 }).catch(() => {});
    forms = await scanForms(page, options.recorder);
  }
  const form = accountForms(forms).registration;
  if (!form)
    return { kind: "failed", said: "The directory wants an account, and no way to make one was found." };
  const items = accountItems(form, options.credentials, options.customer);
  await fillItems(form.frame, items);
  const said = await send(page, form, deadline);
  if (emailVerificationOutcome.test(said) || codeSentTo(said) === "email")
    return { kind: "verify_email", said: excerpt(said) };
  if (duplicateOutcome.test(said))
    return { kind: "failed", said: `The campaign address has an account here already: ${excerpt(said)}` };
  const still = accountForms(await scanForms(page, options.recorder)).registration;
  if (still || validationOutcome.test(said) || siteProblemOutcome.test(said))
    return { kind: "failed", said: `The registration was refused: ${excerpt(said)}` };
  return { kind: "signed_in", said: excerpt(said) };
}

/** Sign in where the page shows a sign-in form; `failed` when the site refuses the account. */
export async function signIn(options: {
  page: Page;
  credentials: Credentials;
  customer: CustomerFields;
  deadline: number;
  recorder: StepRecorder;
}): Promise<AccountStep> {
  const forms = await scanForms(options.page, options.recorder);
  const form = accountForms(forms).signIn;
  if (!form) return { kind: "failed", said: "No sign-in form on the page." };
  await fillItems(form.frame, accountItems(form, options.credentials, options.customer));
  const said = await send(options.page, form, options.deadline);
  const again = accountForms(await scanForms(options.page, options.recorder)).signIn;
  if (again || signInRefused.test(said))
    return { kind: "failed", said: `The sign-in was refused: ${excerpt(said)}` };
  return { kind: "signed_in", said: excerpt(said) };
}

/** The visible link or button that leads to a registration form, in any frame. */
async function signUpLink(page: Page): Promise<{ frame: Frame; key: string } | undefined> {
  for (const scan of await scanPage(page)) {
    const button = scan.buttons.find(
      (b) => b.visible && !b.disabled && signUpText.test(normalizeText(b.text)),
    );
    if (button) return { frame: scan.frame, key: button.key };
  }
  // Links are not buttons to the scanner: look for them by their text.
  for (const frame of page.frames()) {
    const link = frame.locator("a").filter({
      hasText: /sign ?up|register|create (an |your )?account|regist|crear|cr[ée]er|criar|crea |inscri|konto/i,
    });
    const count = await link.count().catch(() => 0);
    for (let i = 0; i < count; i++) {
      const candidate = link.nth(i);
      const text = normalizeText((await candidate.innerText().catch(() => "")) ?? "");
      if (!signUpText.test(text) || !(await candidate.isVisible().catch(() => false))) continue;
      const key = `signup-${i}`;
      await candidate.evaluate((el, k) => el.setAttribute("data-autobolt-key", k), key).catch(() => {});
      return { frame, key };
    }
  }
  return undefined;
}
