import type { CustomerFieldName, CustomerFields } from "@autobolt/contract";
import type { Frame, Page } from "playwright-core";
import type { PhaseTimes } from "../phases.ts";
import { waitForChange } from "./activity.ts";
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

interface PageScan {
  forms: FoundForm[];
  /** Each frame's change count at the scan, to wait for the next change from. */
  changes: Map<Frame, number>;
  /** Every frame loaded and static: what is not there now never will be. */
  settled: boolean;
}

/** Every form of every frame, rated; the listing form is the one asking for most of the business. */
async function scanPage(page: Page): Promise<PageScan> {
  const frames = page.frames();
  const scans = await Promise.all(frames.map((frame) => scanFrame(frame)));
  return {
    forms: frames.flatMap((frame, i) =>
      (scans[i]?.forms ?? []).map((form) => ({ frame, form, rated: rateForm(form) })),
    ),
    changes: new Map(frames.map((frame, i) => [frame, scans[i]?.changes ?? -1])),
    settled: scans.every((s) => s.settled),
  };
}

function bestListing(forms: FoundForm[]): FoundForm | undefined {
  return forms
    .filter((f) => f.rated.kind === "listing")
    .sort((a, b) => b.rated.score - a.rated.score || Number(a.form.formless) - Number(b.form.formless))[0];
}

/**
 * Script-built forms appear late, so an unfinished page is watched until it changes, never
 * polled; a static page is judged at once. A login form with nothing else is a wall, not a slow
 * page: a scripted one gets 1.5 s to show a listing form after all.
 */
async function waitForListingForm(page: Page, until: number): Promise<FoundForm | Verdict> {
  const loginGrace = Date.now() + 1_500;
  for (;;) {
    const scan = await scanPage(page);
    const listing = bestListing(scan.forms);
    if (listing) return listing;
    const login = scan.forms.find((f) => f.rated.kind === "login");
    if (login && (scan.settled || Date.now() >= loginGrace)) {
      return failed("login_required", "The listing form is behind a sign-in form.");
    }
    if (scan.settled || Date.now() >= until) {
      if (loginWallText.test(await pageText(page)))
        return failed("login_required", "The page asks to sign in first.");
      return failed("form_not_found", `No listing form on ${page.url()}`);
    }
    await waitForChange(scan.changes, (login ? Math.min(until, loginGrace) : until) - Date.now());
  }
}

/** A text or select value to set, and the customer field it carries (none for a required default). */
interface PlannedValue {
  field: FieldDescriptor;
  value: string;
  customerField?: CustomerFieldName;
}

function planValue(
  field: FieldDescriptor,
  found: FoundForm,
  customer: CustomerFields,
): PlannedValue | undefined {
  const customerField = found.rated.assignment.get(field.key);
  if (field.tag === "select") {
    const wanted = customerField ? customerValue(customer, customerField) : undefined;
    let value: string | undefined;
    if (customerField) value = chooseOption(field.options, customerField, wanted);
    else if (isCountryField(field)) value = chooseOption(field.options, "country", undefined);
    else if (field.required) value = chooseOption(field.options, "category", undefined);
    return value === undefined ? undefined : { field, value, customerField };
  }
  if (!customerField) return undefined;
  const value = customerValue(customer, customerField);
  return value === undefined ? undefined : { field, value, customerField };
}

/**
 * Sets every planned value in one evaluation, the way typing does: focus, select what is there,
 * insert the text (the browser fires beforeinput/input, and change on blur); selects get their
 * option and input/change events. Answers the keys whose value did not end up as asked, which
 * then go through Playwright's own fill. One round trip instead of several per field: on a
 * ten-field form that was ~0.4 s of CPU per directory.
 */
const fillSource = `((items) => {
  const refused = [];
  for (const item of items) {
    const el = document.querySelector('[data-autobolt-key="' + item.key + '"]');
    try {
      if (!el) throw new Error("gone");
      if (el.tagName === "SELECT") {
        if (!Array.from(el.options).some((o) => o.value === item.value)) throw new Error("no option");
        el.value = item.value;
        el.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
        continue;
      }
      const plain = el.tagName === "INPUT" || el.tagName === "TEXTAREA";
      el.focus();
      if (plain) el.select();
      else {
        const range = document.createRange();
        range.selectNodeContents(el);
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      const inserted = document.execCommand("insertText", false, item.value);
      if (!inserted || (plain ? el.value : el.textContent) !== item.value) refused.push(item.key);
    } catch {
      refused.push(item.key);
    }
  }
  return refused;
})`;

async function fillVisible(
  found: FoundForm,
  customer: CustomerFields,
  done: Set<string>,
  filled: Set<string>,
) {
  const planned: PlannedValue[] = [];
  const boxes: FieldDescriptor[] = [];
  for (const field of found.form.fields) {
    if (!field.visible || field.disabled || done.has(field.key)) continue;
    done.add(field.key);
    if (field.tag === "input" && field.type === "checkbox") {
      if (!field.checked && shouldCheck(field)) boxes.push(field);
      continue;
    }
    const plan = planValue(field, found, customer);
    if (plan) planned.push(plan);
  }
  const items = planned.map((p) => ({ key: p.field.key, value: p.value }));
  const refused = new Set(
    items.length === 0
      ? []
      : ((await found.frame
          .evaluate(`${fillSource}(${JSON.stringify(items)})`)
          .catch(() => items.map((i) => i.key))) as string[]),
  );
  for (const plan of planned) {
    if (refused.has(plan.field.key)) {
      const target = byKey(found.frame, plan.field.key);
      // One stubborn control (a masked input, a widget) must not sink the whole listing.
      const set =
        plan.field.tag === "select"
          ? target.selectOption({ value: plan.value }, { timeout: 5_000 })
          : target.fill(plan.value, { timeout: 5_000 });
      if (
        !(await set.then(
          () => true,
          () => false,
        ))
      )
        continue;
    }
    if (plan.customerField) filled.add(plan.customerField);
  }
  for (const box of boxes) {
    // A real click: a terms box is often a styled widget listening for one.
    await byKey(found.frame, box.key)
      .check({ timeout: 5_000 })
      .then(
        () => filled.add("consent"),
        () => {},
      );
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
      await tracker.arm();
      await byKey(found.frame, button.key).click({ timeout: 10_000 });
      return text;
    });
    await phases.time("outcome", () => tracker.settle(deadline));

    if (button.kind === "next" && !tracker.posted) {
      const next = bestListing((await phases.time("find", () => scanPage(page))).forms);
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
    const next = bestListing((await phases.time("find", () => scanPage(page))).forms);
    if (next && hasUnfilledVisible(next, done)) {
      found = next;
      continue;
    }
    const captchaAfter = await detectCaptcha(page);
    return captchaAfter ? failed("captcha_required", `After submitting: ${captchaAfter}`) : verdict;
  }
  return failed("unexpected", `The form still asked for more after ${maxSteps} steps.`);
}
