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
export function generatePassword(length = 20, symbols = true): string {
  const all = LOWER + UPPER + DIGITS + (symbols ? SYMBOLS : "");
  const pick = (set: string) => set[randomInt(set.length)] as string;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), ...(symbols ? [pick(SYMBOLS)] : [])];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join("");
}

/**
 * A password the form's own rules take: no longer than its boxes' maxlength (a longer one would be
 * cut as it is typed, and the account's password would not be the one kept), matching their
 * pattern (symbols dropped where it refuses them). Rules it cannot read leave the strong default.
 */
export function passwordFor(boxes: readonly { maxLength: number; pattern: string }[]): string {
  const limits = boxes.map((b) => b.maxLength).filter((n) => n > 0);
  const length = limits.length > 0 ? Math.max(8, Math.min(20, ...limits)) : 20;
  const patterns = boxes
    .flatMap((b) => (b.pattern ? [htmlPattern(b.pattern)] : []))
    .filter((p) => p !== null);
  const fits = (password: string) => patterns.every((p) => p.test(password));
  for (const symbols of [true, false])
    for (let tries = 0; tries < 20; tries++) {
      const password = generatePassword(length, symbols);
      if (fits(password)) return password;
    }
  return generatePassword(length);
}

/** An input's `pattern` as the browser applies it: the whole value, with the `v` flag. */
function htmlPattern(pattern: string): RegExp | null {
  for (const flags of ["v", "u"]) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // Not valid with this flag: the browser ignores such a pattern too.
    }
  }
  return null;
}

/** A user name from the address's local part: letters and digits, as most sites allow. */
export function usernameFor(email: string): string {
  return (email.split("@")[0] ?? "listing").replace(/[^a-zA-Z0-9]/g, "").slice(0, 20) || "listing";
}

const passwordsOf = (form: FoundForm) =>
  form.rated.controls.filter((c) => c.kind === "password" && c.visible && !c.disabled);

/** What a form says of itself: its hints (addresses cut to their last segment) and its buttons. */
const formWords = (f: FoundForm) =>
  normalizeText(`${ownWords(f.rated.group.hints)} ${f.rated.buttons.map((b) => b.text).join(" ")}`);

const boxesOf = (form: FoundForm) =>
  form.rated.controls.filter((c) => c.visible && !c.disabled && !c.readOnly && takesValue(c));

const asksEmail = (box: Control) =>
  box.type === "email" || /\be ?mail\b|correo|courriel/.test(normalizeText(humanText(box)));

/**
 * An account form with no password yet: the first page of an email-first form (one address or
 * user name box, the password on the next page), or a registration that mails the way to set one
 * (a user name and an address, as WordPress's). Never a newsletter or a search.
 */
function identityOnly(form: FoundForm, most: 1 | 2): boolean {
  const boxes = boxesOf(form);
  if (boxes.length === 0 || boxes.length > most || form.rated.kind === "search") return false;
  if (/\b(newsletter|subscribe|search|suscri|abonn|iscriv)\b/.test(formWords(form))) return false;
  return (
    boxes.every((box) => asksEmail(box) || usernameText.test(normalizeText(humanText(box)))) &&
    (boxes.length === 1 || boxes.some(asksEmail))
  );
}

const signInOrOn =
  /\b(sign in|log ?in|continue|next|weiter|anmelden|continuar|siguiente|iniciar sesion|suivant|connexion|se connecter|entrar|proximo|accedi|avanti|continua)\b/;

/**
 * An account form on the page: a registration one (two passwords, a new-password, or saying so),
 * or a sign-in; each may be the address-only first page of an email-first form.
 */
function accountForms(forms: FoundForm[]) {
  const shown = forms.filter((f) => f.rated.group.visible);
  const withPassword = shown.filter((f) => passwordsOf(f).length > 0);
  const isRegistration = (f: FoundForm) =>
    passwordsOf(f).length >= 2 ||
    passwordsOf(f).some((c) => c.autocomplete.includes("new-password")) ||
    signUpText.test(formWords(f));
  const passwordless = shown.filter((f) => passwordsOf(f).length === 0);
  return {
    registration:
      withPassword.find(isRegistration) ??
      passwordless.find((f) => identityOnly(f, 2) && signUpText.test(formWords(f))),
    signIn:
      withPassword.find((f) => !isRegistration(f)) ??
      passwordless.find(
        (f) => identityOnly(f, 1) && !signUpText.test(formWords(f)) && signInOrOn.test(formWords(f)),
      ),
  };
}

/** The boxes a form asks for, to tell the next page of a form from the same form shown again. */
const askedFor = (form: FoundForm) =>
  boxesOf(form)
    .concat(passwordsOf(form))
    .map((c) => `${c.kind}:${c.name || c.id}`)
    .sort()
    .join(" ");

/** A form's hints with each address cut to its last segment: "/sign-up/login" is a sign-in. */
const ownWords = (hints: string) =>
  hints.replace(/\b[a-z]+:\/\/\S+/gi, (url) => url.split(/[?#]/)[0]?.split("/").filter(Boolean).at(-1) ?? "");

async function scanForms(page: Page, recorder: StepRecorder) {
  await dismissConsent(page, recorder);
  return rateScans(await scanPage(page));
}

/**
 * Fill an account form's controls: addresses, passwords, a user name, the business; terms yes,
 * marketing no. Says which user name it typed, so the account kept is the one the site has.
 */
function accountItems(
  form: FoundForm,
  credentials: Credentials,
  customer: CustomerFields,
): { items: FillItem[]; username?: string } {
  const visible = form.rated.controls.filter((c) => c.visible && !c.disabled && !c.readOnly);
  const assignment = assignFields(visible.filter(takesValue));
  const items: FillItem[] = [];
  let username: string | undefined;
  for (const control of visible) {
    const cls = assignment.get(control.key)?.cls;
    const value = accountValue(control, cls, credentials, customer);
    if (value !== undefined) items.push({ key: control.fillKey || control.key, value, mode: "text" });
    if (value !== undefined && value !== credentials.email && asksUsername(control, cls)) username = value;
    if (control.kind === "checkbox") {
      const decision = boxDecision(control);
      if (decision !== "leave") items.push({ key: control.key, value: "", mode: decision });
    }
  }
  return { items, ...(username ? { username } : {}) };
}

const asksUsername = (control: Control, cls: FieldClass | undefined) =>
  cls === "username" || usernameText.test(normalizeText(humanText(control)));

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
  if (asksUsername(control, cls)) return credentials.username ?? usernameFor(credentials.email);
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
      .locator(`[data-autobolt-key="${(passwordsOf(form)[0] ?? boxesOf(form)[0])?.key}"]`)
      .press("Enter")
      .catch(() => {});
  await waitForChange(before, Math.max(500, Math.min(8_000, deadline - Date.now())));
  await page.waitForLoadState("domcontentloaded", { timeout: 5_000 }).catch(() => {});
  return foldText(await pageText(page));
}

export type AccountStep =
  | { kind: "verify_email" | "signed_in"; said: string }
  | { kind: "failed"; said: string };

/** A registration's end, with the account as the site has it (password fitted to its rules). */
export type Registered =
  | { kind: "verify_email" | "signed_in"; said: string; credentials: Credentials }
  | { kind: "failed"; said: string };

const excerpt = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 300);

/** Pages an account form may take (address, then password, then details): more is a loop. */
const accountPages = 3;

/**
 * From a sign-in wall (or a registration form) to a registered account: follow "Create an
 * account" when only a sign-in form shows, fill the registration form and send it, page by page
 * where it asks for the address first. Answers `verify_email` when the site mails a link first,
 * `signed_in` when the account works at once, each with the account made.
 */
export async function registerAccount(options: {
  page: Page;
  email: string;
  customer: CustomerFields;
  deadline: number;
  recorder: StepRecorder;
}): Promise<Registered> {
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
  let form = accountForms(forms).registration;
  if (!form)
    return { kind: "failed", said: "The directory wants an account, and no way to make one was found." };
  let password: string | undefined;
  let username: string | undefined;
  for (let pageNo = 1; ; pageNo++) {
    // The password is made when a page asks for it, to that page's rules.
    if (passwordsOf(form).length > 0) password ??= passwordFor(passwordsOf(form));
    const credentials = { email: options.email, password: password ?? "", ...(username ? { username } : {}) };
    const filled = accountItems(form, credentials, options.customer);
    username ??= filled.username;
    await fillItems(form.frame, filled.items);
    const said = await send(page, form, deadline);
    const made = (): Credentials => ({
      email: options.email,
      password: password ?? "",
      ...(username ? { username } : {}),
    });
    // A site that never asked for a password mails the way to set one: this one, kept now, is
    // what the worker types when it follows that mail's link.
    if (emailVerificationOutcome.test(said) || codeSentTo(said) === "email") {
      password ??= passwordFor([]);
      return { kind: "verify_email", said: excerpt(said), credentials: made() };
    }
    if (duplicateOutcome.test(said))
      return { kind: "failed", said: `The campaign address has an account here already: ${excerpt(said)}` };
    const next = accountForms(await scanForms(page, options.recorder)).registration;
    const refused = validationOutcome.test(said) || siteProblemOutcome.test(said);
    if (!next && !refused && password !== undefined)
      return { kind: "signed_in", said: excerpt(said), credentials: made() };
    if (!next || refused || pageNo >= accountPages || askedFor(next) === askedFor(form))
      return { kind: "failed", said: `The registration was refused: ${excerpt(said)}` };
    form = next;
  }
}

/**
 * Sign in where the page shows a sign-in form (page by page where it asks for the address first);
 * `failed` when the site refuses the account.
 */
export async function signIn(options: {
  page: Page;
  credentials: Credentials;
  customer: CustomerFields;
  deadline: number;
  recorder: StepRecorder;
}): Promise<AccountStep> {
  let form = accountForms(await scanForms(options.page, options.recorder)).signIn;
  if (!form) return { kind: "failed", said: "No sign-in form on the page." };
  for (let pageNo = 1; ; pageNo++) {
    await fillItems(form.frame, accountItems(form, options.credentials, options.customer).items);
    const said = await send(options.page, form, options.deadline);
    const again = accountForms(await scanForms(options.page, options.recorder)).signIn;
    if (signInRefused.test(said))
      return { kind: "failed", said: `The sign-in was refused: ${excerpt(said)}` };
    if (!again) return { kind: "signed_in", said: excerpt(said) };
    if (pageNo >= accountPages || askedFor(again) === askedFor(form))
      return { kind: "failed", said: `The sign-in was refused: ${excerpt(said)}` };
    form = again;
  }
}

/**
 * A mailed link that opens a form to choose the account's password (a registration that never
 * asked for one, a "set your password" step): the account's password typed into it and sent.
 * `none` when the page has no such form; `failed` when the site refuses the password.
 */
export async function setPasswordFromLink(options: {
  page: Page;
  credentials: Credentials;
  customer: CustomerFields;
  deadline: number;
  recorder: StepRecorder;
}): Promise<{ kind: "none" } | AccountStep> {
  const forms = (await scanForms(options.page, options.recorder)).filter((f) => f.rated.group.visible);
  const form = forms.find(
    (f) =>
      passwordsOf(f).length > 0 &&
      (passwordsOf(f).some((c) => c.autocomplete.includes("new-password")) ||
        newPasswordText.test(formWords(f))),
  );
  if (!form) return { kind: "none" };
  await fillItems(form.frame, accountItems(form, options.credentials, options.customer).items);
  const said = await send(options.page, form, options.deadline);
  const still = accountForms(await scanForms(options.page, options.recorder)).registration;
  if (
    validationOutcome.test(said) ||
    siteProblemOutcome.test(said) ||
    (still && askedFor(still) === askedFor(form))
  )
    return { kind: "failed", said: `The new password was refused: ${excerpt(said)}` };
  return { kind: "signed_in", said: excerpt(said) };
}

/** A form that sets an account's password ("Enter your new password", "Choose a password"). */
const newPasswordText =
  /\b(new password|set (a |your )?password|choose (a |your )?password|create (a |your )?password|reset (your )?password|nueva contrasena|nouveau mot de passe|neues passwort|nova senha|nuova password)\b/;

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
