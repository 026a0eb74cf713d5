import type { CustomerFields } from "@autobolt/contract";
import type { Frame, Page } from "playwright-core";
import type { PhaseTimes } from "../phases.ts";
import { detectCaptcha } from "./captcha.ts";
import { chooseOption, customerValue, type FieldDescriptor, isCountryField, shouldCheck } from "./fields.ts";
import { pickButton, type RatedForm, rateForm } from "./forms.ts";
import {
  classifyOutcome,
  failed,
  gatherEvidence,
  pageText,
  type ResponseTracker,
  type Verdict,
} from "./outcome.ts";
import { type ScannedForm, scanFrame } from "./scan.ts";

interface FoundForm {
  frame: Frame;
  form: ScannedForm;
  rated: RatedForm;
}

const maxSteps = 8;
const loginWallText =
  /\b(sign|log) ?in\b[^.\n]{0,40}\b(to|before)\b|\b(create|need) an? account\b|\bplease (sign|log) ?in\b/i;

const byKey = (frame: Frame, key: string) => frame.locator(`[data-autobolt-key="${key}"]`).first();

/** Every form of every frame, rated; the listing form is the one asking for most of the business. */
async function scanPage(page: Page): Promise<FoundForm[]> {
  const found: FoundForm[] = [];
  for (const frame of page.frames()) {
    const scan = await scanFrame(frame);
    for (const form of scan.forms) found.push({ frame, form, rated: rateForm(form) });
  }
  return found;
}

function bestListing(forms: FoundForm[]): FoundForm | undefined {
  return forms
    .filter((f) => f.rated.kind === "listing")
    .sort((a, b) => b.rated.score - a.rated.score || Number(a.form.formless) - Number(b.form.formless))[0];
}

/** Script-built forms appear late; a login form with nothing else is a wall, not a slow page. */
async function waitForListingForm(page: Page, until: number): Promise<FoundForm | Verdict> {
  const started = Date.now();
  for (;;) {
    const forms = await scanPage(page);
    const listing = bestListing(forms);
    if (listing) return listing;
    const login = forms.find((f) => f.rated.kind === "login");
    if (login && Date.now() - started > 1_500) {
      return failed("login_required", "The listing form is behind a sign-in form.");
    }
    if (Date.now() >= until) {
      const text = await pageText(page);
      if (login || loginWallText.test(text))
        return failed("login_required", "The page asks to sign in first.");
      return failed("form_not_found", `No listing form on ${page.url()}`);
    }
    await page.waitForTimeout(300);
  }
}

async function fillField(
  frame: Frame,
  field: FieldDescriptor,
  found: FoundForm,
  customer: CustomerFields,
  filled: Set<string>,
): Promise<void> {
  const target = byKey(frame, field.key);
  const customerField = found.rated.assignment.get(field.key);
  if (field.tag === "input" && field.type === "checkbox") {
    if (!field.checked && shouldCheck(field)) {
      await target.check({ timeout: 5_000 });
      filled.add("consent");
    }
    return;
  }
  if (field.tag === "select") {
    const wanted = customerField ? customerValue(customer, customerField) : undefined;
    let value: string | undefined;
    if (customerField) value = chooseOption(field.options, customerField, wanted);
    else if (isCountryField(field)) value = chooseOption(field.options, "country", undefined);
    else if (field.required) value = chooseOption(field.options, "category", undefined);
    if (value === undefined) return;
    await target.selectOption({ value }, { timeout: 5_000 });
    if (customerField) filled.add(customerField);
    return;
  }
  if (!customerField) return;
  const value = customerValue(customer, customerField);
  if (value === undefined) return;
  await target.fill(value, { timeout: 5_000 });
  filled.add(customerField);
}

async function fillVisible(
  found: FoundForm,
  customer: CustomerFields,
  done: Set<string>,
  filled: Set<string>,
) {
  for (const field of found.form.fields) {
    if (!field.visible || field.disabled || done.has(field.key)) continue;
    done.add(field.key);
    // One stubborn control (a masked input, a widget) must not sink the whole listing.
    await fillField(found.frame, field, found, customer, filled).catch(() => {});
  }
}

function hasUnfilledVisible(found: FoundForm, done: Set<string>): boolean {
  return found.form.fields.some((f) => f.visible && !done.has(f.key) && found.rated.assignment.has(f.key));
}

/**
 * The generic path: find the listing form, fill what it asks for, walk its steps, submit once,
 * and judge the answer. Refuses to press submit past a captcha.
 */
export async function fillAndSubmit(options: {
  page: Page;
  customer: CustomerFields;
  tracker: ResponseTracker;
  deadline: number;
  filled: Set<string>;
  phases: PhaseTimes;
}): Promise<Verdict> {
  const { page, customer, tracker, deadline, filled, phases } = options;
  const first = await phases.time("find", () =>
    waitForListingForm(page, Math.min(deadline, Date.now() + 5_000)),
  );
  if (!("frame" in first)) return first;
  let found: FoundForm = first;
  if (found.rated.kind === "login") return failed("login_required", "The form asks for a password.");
  const done = new Set<string>();

  for (let step = 0; step < maxSteps; step++) {
    await phases.time("fill", () => fillVisible(found, customer, done, filled));
    const captcha = await phases.time("submit", () => detectCaptcha(page));
    if (captcha) return failed("captcha_required", `Not submitted: ${captcha}`);
    const button = pickButton(found.form.buttons);
    if (!button) return failed("form_not_found", "The listing form has no button to submit it.");

    const textBefore = await phases.time("submit", async () => {
      const text = await pageText(page);
      tracker.arm();
      await byKey(found.frame, button.key).click({ timeout: 10_000 });
      return text;
    });
    await phases.time("outcome", () => tracker.settle(deadline));

    if (button.kind === "next" && !tracker.posted) {
      const next = bestListing(await phases.time("find", () => scanPage(page)));
      if (next && hasUnfilledVisible(next, done)) {
        found = next;
        continue;
      }
    }
    const formFrame = found.frame.isDetached() ? null : found.frame;
    const verdict = classifyOutcome(
      await phases.time("outcome", () =>
        gatherEvidence(page, tracker, formFrame, textBefore, found.form.key),
      ),
    );
    if (verdict.reason !== "unexpected") return verdict;
    // Nothing conclusive: a server-side wizard answers a step with the next form.
    const next = bestListing(await phases.time("find", () => scanPage(page)));
    if (next && hasUnfilledVisible(next, done)) {
      found = next;
      continue;
    }
    const captchaAfter = await detectCaptcha(page);
    return captchaAfter ? failed("captcha_required", `After submitting: ${captchaAfter}`) : verdict;
  }
  return failed("unexpected", `The form still asked for more after ${maxSteps} steps.`);
}
