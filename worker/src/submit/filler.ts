import type { CustomerFieldName, CustomerFields, RecipeStep } from "@autobolt/contract";
import type { Frame, Page } from "playwright-core";
import type { PhaseTimes } from "../phases.ts";
import { changeCounts, waitForChange, waitForQuiet } from "./activity.ts";
import { detectCaptcha } from "./captcha.ts";
import {
  type Assignment,
  type ButtonKind,
  boxDecision,
  humanText,
  isCustomerField,
  isDialCodeList,
  isHoneypot,
  pickButton,
  type RatedGroup,
  rateGroup,
  scoreControl,
  takesValue,
} from "./classify.ts";
import { bestListing, dismissConsent, type FoundForm, findListingForm, rateScans } from "./finder.ts";
import type { LearnedHints, LearnedUse, StepRecorder, Target } from "./learned.ts";
import {
  freeOptionText,
  marketingText,
  normalizeText,
  noText,
  ownerQuestion,
  paidOptionText,
  paymentButton,
  yesText,
} from "./lexicon.ts";
import {
  classifyOutcome,
  failed,
  gatherEvidence,
  pageText,
  type ResponseTracker,
  type Verdict,
} from "./outcome.ts";
import { type Button, type Control, scanFrame, scanPage } from "./scan.ts";
import {
  chooseOption,
  customerValue,
  type Option,
  phoneSplits,
  placeholderDate,
  valueFor,
} from "./values.ts";
import { byKey, clickKey, type FillItem, fillEditorFrame, fillItems, pickFromWidget } from "./widgets.ts";

export interface FillContext {
  page: Page;
  customer: CustomerFields;
  tracker: ResponseTracker;
  deadline: number;
  /** Customer fields put into the form ("consent" when a terms box was ticked). */
  filled: Set<string>;
  phases: PhaseTimes;
  recorder: StepRecorder;
  hints?: LearnedHints;
}

/** Next clicks and submits on one directory; a wizard longer than this is not a listing form. */
const maxSteps = 8;

// ---- planning -------------------------------------------------------------------------------

interface Planned {
  control: Control;
  /** The customer field this puts into the form, if any. */
  field?: CustomerFieldName;
  /** The step to remember, given where the control is (and, for a picker, the option's text). */
  step: (target: Target, text?: string) => RecipeStep | undefined;
}
interface PlannedItem extends Planned {
  item: FillItem;
}
interface PlannedPick extends Planned {
  choose: (options: readonly Option[]) => Option | undefined;
  search?: string;
}
interface PlannedEditor extends Planned {
  value: string;
}
interface Plan {
  items: PlannedItem[];
  picks: PlannedPick[];
  editors: PlannedEditor[];
  /** Controls looked at and settled (filled, or deliberately left alone). */
  settled: string[];
}

const textKinds = new Set<Control["kind"]>(["text", "textarea", "editable", "combobox"]);
const pickerKinds = new Set<Control["kind"]>(["listbox", "listbox-inline"]);

function fieldOf(assignment: Assignment | undefined): CustomerFieldName | undefined {
  return assignment && isCustomerField(assignment.cls) ? assignment.cls : undefined;
}

/** How a learned step or today's reading says a control is to be filled. */
function assignmentFor(
  control: Control,
  assignment: Map<string, Assignment>,
  uses: Map<string, LearnedUse>,
): Assignment | undefined {
  const use = uses.get(control.key);
  const current = assignment.get(control.key);
  if (use?.kind !== "field") return current;
  if (current?.cls === use.field) return current;
  const sizes = use.part ? phoneSplits[use.part.count] : undefined;
  return { cls: use.field, score: 10, ...(use.part && sizes ? { part: { ...use.part, sizes } } : {}) };
}

function fillStep(field: CustomerFieldName | undefined, assignment: Assignment | undefined, value: string) {
  return (target: Target): RecipeStep | undefined => {
    if (field) {
      const part = assignment?.part
        ? { index: assignment.part.index, count: assignment.part.count }
        : undefined;
      return { action: "fill", ...target, field, ...(part ? { part } : {}) };
    }
    // Not the customer's own detail (a country, a date): safe to keep as written.
    return assignment?.cls === "houseNumber" ? undefined : { action: "fillText", ...target, text: value };
  };
}

function selectStep(field: CustomerFieldName | undefined) {
  return (target: Target, text?: string): RecipeStep | undefined =>
    field
      ? { action: "select", ...target, field }
      : text
        ? { action: "selectText", ...target, text }
        : undefined;
}

/** The option a select should get, and whether it carries a customer field. */
function chooseFor(
  control: Control,
  assignment: Assignment | undefined,
  use: LearnedUse | undefined,
  customer: CustomerFields,
): ((options: readonly Option[]) => Option | undefined) | undefined {
  if (use?.kind === "text")
    return (options) => options.find((o) => normalizeText(o.text) === normalizeText(use.text));
  if (isDialCodeList(control.options) || assignment?.part) {
    return (options) =>
      options.find((o) => /\b(us|usa|united states)\b/i.test(o.text) || /^us$/i.test(o.value.trim())) ??
      options.find((o) => /\+\s?1\b/.test(o.text));
  }
  const field = fieldOf(assignment);
  if (field) return (options) => chooseOption(options, field, customerValue(customer, field));
  if (assignment?.cls === "country") return (options) => chooseOption(options, "country", undefined);
  // "How did you hear about us?": a neutral answer, whether or not the page marks it required.
  if (assignment?.cls === "referral") return (options) => chooseOption(options, "referral", undefined);
  if (control.required) return (options) => chooseOption(options, "required", undefined);
  return undefined;
}

/** Boxes sharing a name are one question: a category list, a plan, a yes/no. */
function planBoxes(
  boxes: Control[],
  customer: CustomerFields,
  uses: Map<string, LearnedUse>,
  plan: Plan,
): void {
  const groups = new Map<string, Control[]>();
  for (const box of boxes) {
    const name = box.name || box.key;
    groups.set(name, [...(groups.get(name) ?? []), box]);
  }
  const set = (box: Control, mode: "check" | "uncheck") => {
    plan.items.push({
      control: box,
      item: { key: box.key, value: "", mode },
      step: (target) => (mode === "check" ? { action: "check", ...target } : undefined),
    });
  };
  for (const group of groups.values()) {
    const first = group[0] as Control;
    const question = normalizeText(
      `${first.legend} ${first.kind === "radio" || group.length > 2 ? first.before : ""}`,
    );
    const learned = group.find((b) => uses.get(b.key)?.kind === "check");
    if (learned) {
      if (!learned.checked) set(learned, "check");
      continue;
    }
    const options = group.map((b) => ({ value: b.key, text: b.options[0]?.text || b.label || b.after }));
    const asksCategory =
      (scoreControl({
        ...first,
        kind: "select",
        label: question,
        before: "",
        after: "",
        name: first.name,
      }).get("category") ?? 0) >= 1.5;
    if (first.kind === "checkbox" && group.length < 3 && !asksCategory) {
      for (const box of group) {
        const decision = boxDecision(box);
        if (decision === "check" && !box.checked) set(box, "check");
        if (decision === "uncheck" && box.checked) set(box, "uncheck");
      }
      continue;
    }
    let chosen: Option | undefined;
    if (asksCategory) chosen = chooseOption(options, "category", customer.category);
    else if (first.kind === "radio") chosen = chooseRadio(group, options, question);
    else if (group.some((b) => b.required) && !group.some((b) => b.checked))
      chosen = chooseOption(options, "required", undefined);
    const box = chosen && group.find((b) => b.key === chosen.value);
    if (box && !box.checked) set(box, "check");
  }
}

/** The free plan, "no" to offers, "yes" to being the owner; the first harmless choice when one is required. */
function chooseRadio(group: Control[], options: Option[], question: string): Option | undefined {
  const text = (o: Option) => normalizeText(o.text);
  const checked = group.find((b) => b.checked);
  const paid = (o: Option) => paidOptionText.test(o.text.toLowerCase()) || paidOptionText.test(text(o));
  if (checked && !paid(options[group.indexOf(checked)] as Option)) return undefined;
  const free = options.find((o) => freeOptionText.test(text(o)) && !paid(o));
  if (free) return free;
  const yes = options.find((o) => yesText.test(text(o)));
  const no = options.find((o) => noText.test(text(o)));
  if (yes && no) {
    if (marketingText.test(question)) return no;
    if (ownerQuestion.test(question)) return yes;
  }
  if (group.some((b) => b.required) || checked) return options.find((o) => !paid(o));
  return undefined;
}

function planFills(
  controls: readonly Control[],
  rated: RatedGroup,
  uses: Map<string, LearnedUse>,
  done: ReadonlySet<string>,
  customer: CustomerFields,
): Plan {
  const plan: Plan = { items: [], picks: [], editors: [], settled: [] };
  const splitStreet = controls.some((c) => rated.assignment.get(c.key)?.cls === "houseNumber" && c.visible);
  const boxes: Control[] = [];
  for (const control of controls) {
    if (
      !control.visible ||
      control.disabled ||
      // A read-only box is the page's to fill, unless it is a picker's face (Vuetify's v-select).
      (control.readOnly && !pickerKinds.has(control.kind)) ||
      done.has(control.key) ||
      isHoneypot(control, controls)
    )
      continue;
    const use = uses.get(control.key);
    const assignment = assignmentFor(control, rated.assignment, uses);
    const field = fieldOf(assignment);
    if (control.kind === "checkbox" || control.kind === "radio") {
      boxes.push(control);
      continue;
    }
    if (textKinds.has(control.kind)) {
      let value =
        use?.kind === "text"
          ? use.text
          : assignment && (field || assignment.cls === "country" || assignment.cls === "houseNumber")
            ? valueFor(control, assignment, customer, { splitStreet })
            : undefined;
      plan.settled.push(control.key);
      if (value === undefined) continue;
      // A box with suggestions (a datalist) takes the suggestion that fits, where one does.
      if (control.options.length > 0 && control.kind === "text" && assignment) {
        const suggested = chooseOption(control.options, assignment.cls, value);
        if (suggested) value = suggested.value;
      }
      const planned = { control, field, step: fillStep(field, assignment, value) };
      if (control.kind === "combobox") {
        plan.picks.push({
          ...planned,
          search: field === "category" ? (value.split(" ")[0] ?? value).slice(0, 5) : value,
          choose: (options) => chooseOption(options, assignment?.cls ?? "required", value),
        });
      } else if (control.kind === "editable" && control.fillKey && control.standIn && control.tag !== "div") {
        plan.editors.push({ ...planned, value });
      } else {
        const same = control.value.trim() === value.trim();
        if (same) {
          if (field) plan.items.push({ ...planned, item: { key: control.key, value, mode: "text" } });
          continue;
        }
        plan.items.push({
          ...planned,
          item: {
            key: control.key,
            value,
            mode: "text",
            ...(field === "phone"
              ? { loose: "digits" as const }
              : control.kind === "editable"
                ? { loose: "contains" as const }
                : {}),
          },
        });
      }
      continue;
    }
    if (control.kind === "date") {
      plan.settled.push(control.key);
      if (!control.required && use?.kind !== "text") continue;
      const value = use?.kind === "text" ? use.text : placeholderDate(control);
      plan.items.push({
        control,
        item: { key: control.key, value, mode: "date" },
        step: (t) => ({ action: "fillText", ...t, text: value }),
      });
      continue;
    }
    if (control.kind === "select" || pickerKinds.has(control.kind)) {
      const choose = chooseFor(control, assignment, use, customer);
      const native = control.kind === "select" && !control.standIn;
      // A select still waiting for its options (a state list loaded once a country is chosen).
      const waiting = native && control.options.every((o) => o.value.trim() === "" || o.disabled);
      if (
        !choose ||
        (native &&
          !waiting &&
          control.value &&
          control.options.length > 0 &&
          !control.required &&
          !field &&
          // A phone's country code preset to another country would send the wrong number.
          !isDialCodeList(control.options))
      ) {
        if (!waiting) plan.settled.push(control.key);
        continue;
      }
      if (waiting) continue;
      plan.settled.push(control.key);
      const step = selectStep(field);
      if (native) {
        const option = choose(control.options);
        if (!option) continue;
        plan.items.push({
          control,
          field,
          item: { key: control.key, value: option.value, mode: "select" },
          step: (t) => step(t, option.text),
        });
      } else {
        const value = field ? customerValue(customer, field) : undefined;
        // A picker that filters as you type shows "Plumbers" for "plumb", not for "plumbing".
        const wanted = field === "category" && value ? (value.split(" ")[0] ?? value).slice(0, 5) : value;
        plan.picks.push({ control, field, choose, ...(wanted ? { search: wanted } : {}), step });
      }
    }
  }
  planBoxes(boxes, customer, uses, plan);
  for (const box of boxes) plan.settled.push(box.key);
  return plan;
}

// ---- doing -------------------------------------------------------------------------------------

async function runPlan(ctx: FillContext, frame: Frame, plan: Plan): Promise<void> {
  const { page, recorder, filled } = ctx;
  const everything: Planned[] = [...plan.items, ...plan.picks, ...plan.editors];
  const targets = await recorder.targets(
    frame,
    everything.map((p) => p.control.key),
  );
  const targetOf = new Map(everything.map((p, i) => [p, targets[i]]));
  const took = await fillItems(
    frame,
    plan.items.map((p) => p.item),
  );
  for (const planned of plan.items) {
    if (!took.has(planned.item.key)) continue;
    if (planned.field) filled.add(planned.field);
    if (
      planned.item.mode === "check" &&
      /terms|consent|agree|accept|privacy|condition/i.test(humanText(planned.control))
    )
      filled.add("consent");
    const target = targetOf.get(planned);
    recorder.add(target && planned.step(target));
  }
  for (const planned of plan.picks) {
    if (Date.now() >= ctx.deadline) break;
    const picked = await pickFromWidget(page, frame, planned.control, planned.choose, planned.search);
    if (picked === undefined) continue;
    if (planned.field) filled.add(planned.field);
    const target = targetOf.get(planned);
    recorder.add(target && planned.step(target, picked));
  }
  for (const planned of plan.editors) {
    const editor = await inFrameTag(frame, planned.control.fillKey);
    const ok =
      editor === "iframe"
        ? await fillEditorFrame(frame, planned.control.fillKey, planned.value)
        : (
            await fillItems(frame, [
              { key: planned.control.fillKey, value: planned.value, mode: "text", loose: "contains" },
            ])
          ).size > 0;
    if (!ok) continue;
    if (planned.field) filled.add(planned.field);
    const target = await recorder.target(frame, planned.control.fillKey);
    recorder.add(target && planned.step(target));
  }
}

async function inFrameTag(frame: Frame, key: string): Promise<string> {
  return byKey(frame, key)
    .evaluate((el) => el.tagName.toLowerCase())
    .then(
      (t) => String(t),
      () => "",
    );
}

/** The form's controls now, read again (values and visibility change as it is filled). */
async function reread(found: FoundForm): Promise<FoundForm | undefined> {
  const scan = await scanFrame(found.frame);
  const group = scan.groups.find((g) => g.key === found.rated.group.key);
  if (!group) return undefined;
  return {
    frame: found.frame,
    rated: rateGroup(
      group,
      scan.controls.filter((c) => c.group === group.key),
      scan.buttons.filter((b) => b.group === group.key),
    ),
  };
}

/**
 * Fills what the form shows, in rounds: a choice may reveal or load more (a state list after
 * the country, a panel after a checkbox), so the form is read again after each round settles.
 */
async function fillForm(ctx: FillContext, start: FoundForm, done: Set<string>): Promise<FoundForm> {
  let found = start;
  // How long to wait, in all, for controls the page is still preparing (a state list loading).
  const patience = Math.min(ctx.deadline, Date.now() + 4_000);
  for (let round = 0; round < 8 && Date.now() < ctx.deadline; round++) {
    const since = await changeCounts(ctx.page);
    const fresh = await reread(found);
    if (!fresh) break;
    found = fresh;
    const uses = ctx.hints ? await ctx.hints.uses(found.frame) : new Map<string, LearnedUse>();
    const plan = planFills(found.rated.controls, found.rated, uses, done, ctx.customer);
    for (const key of plan.settled) done.add(key);
    if (plan.items.length + plan.picks.length + plan.editors.length === 0) {
      if (
        preparing(found, done) &&
        Date.now() < patience &&
        (await waitForChange(since, patience - Date.now()))
      )
        continue;
      break;
    }
    await runPlan(ctx, found.frame, plan);
    await waitForQuiet(found.frame, 200, Math.max(0, Math.min(1_500, ctx.deadline - Date.now())));
  }
  return (await reread(found)) ?? found;
}

/** Controls of the customer's the page shows but keeps disabled or empty for now (a list loading). */
function preparing(found: FoundForm, done: ReadonlySet<string>): boolean {
  return found.rated.controls.some(
    (c) =>
      c.visible &&
      !done.has(c.key) &&
      fieldOf(found.rated.assignment.get(c.key)) !== undefined &&
      (c.disabled || (c.kind === "select" && c.options.every((o) => o.value.trim() === "" || o.disabled))),
  );
}

// ---- pressing ----------------------------------------------------------------------------------

/** Labels of required controls still empty: what a disabled button is waiting for. */
function emptyRequired(found: FoundForm): string[] {
  return found.rated.controls
    .filter((c) => c.visible && c.required && !c.value && !c.checked && !isHoneypot(c, found.rated.controls))
    .map((c) => c.label || c.ariaLabel || c.placeholder || c.before || c.name)
    .filter(Boolean);
}

async function chooseButton(
  ctx: FillContext,
  found: FoundForm,
  usedHints: Set<string>,
): Promise<{ button: Button; kind: ButtonKind } | undefined> {
  const buttons = found.rated.buttons;
  for (const hinted of ctx.hints?.pressed ?? []) {
    if (usedHints.has(hinted.selector)) continue;
    const match = await ctx.hints?.find(hinted);
    const button =
      match && match.frame === found.frame ? buttons.find((b) => b.key === match.key) : undefined;
    if (button) {
      usedHints.add(hinted.selector);
      return { button, kind: pickButton([button], { first: 0, last: 0 })?.kind ?? "submit" };
    }
  }
  const orders = found.rated.controls.filter((c) => c.visible).map((c) => c.order);
  const fieldOrder = { first: Math.min(...orders, Number.MAX_SAFE_INTEGER), last: Math.max(...orders, 0) };
  const picked = pickButton(buttons, fieldOrder);
  if (picked || !found.rated.group.formless) return picked;
  // A loose form's button may sit outside the region its fields are in.
  const scan = await scanFrame(found.frame);
  return pickButton(
    scan.buttons.filter((b) => b.order > fieldOrder.last),
    fieldOrder,
  );
}

/** Waits for a button the page keeps disabled until the form is valid; answers it once enabled. */
async function whenEnabled(ctx: FillContext, found: FoundForm, key: string): Promise<FoundForm | undefined> {
  const until = Math.min(ctx.deadline, Date.now() + 3_000);
  for (;;) {
    const since = await changeCounts(ctx.page);
    const fresh = (await reread(found)) ?? found;
    const button = fresh.rated.buttons.find((b) => b.key === key);
    if (button && !button.disabled) return fresh;
    if (Date.now() >= until) return undefined;
    await waitForChange(since, until - Date.now());
  }
}

/** A listing form on the page now with customer fields still to fill: the next step of a wizard. */
async function nextForm(page: Page, done: ReadonlySet<string>): Promise<FoundForm | undefined> {
  const forms = rateScans(await scanPage(page)).filter((f) =>
    f.rated.controls.some(
      (c) => c.visible && !done.has(c.key) && fieldOf(f.rated.assignment.get(c.key)) && !c.value,
    ),
  );
  return bestListing(forms);
}

/**
 * A page that only asks to go on with what was sent (a preview with "Continue", a summary with
 * "Confirm and publish"): a real form with nothing to fill and one button that submits or goes on.
 */
async function confirmStep(page: Page): Promise<FoundForm | undefined> {
  const forms = rateScans(await scanPage(page)).filter(
    (f) =>
      !f.rated.group.formless &&
      !f.rated.controls.some(
        (c) => c.visible && (takesValue(c) || c.kind === "checkbox" || c.kind === "radio"),
      ),
  );
  const steps = forms.filter((f) => {
    const picked = pickButton(f.rated.buttons, { first: 0, last: 0 });
    return (
      picked &&
      (picked.kind === "submit" || picked.kind === "next") &&
      !paymentButton.test(normalizeText(picked.button.text)) &&
      !paymentButton.test(picked.button.text)
    );
  });
  return steps.length === 1 ? steps[0] : undefined;
}

/**
 * The generic path: find the listing form, fill what it asks for, walk its steps, submit once,
 * and judge the answer from what the page proves. Refuses to press submit past a captcha.
 */
export async function fillAndSubmit(ctx: FillContext): Promise<Verdict> {
  const { page, tracker, deadline, phases, recorder } = ctx;
  const first = await phases.time("find", () =>
    findListingForm({ page, deadline, recorder, hints: ctx.hints }),
  );
  if (!("frame" in first)) return first;
  let found: FoundForm = first;
  const done = new Set<string>();
  const usedHints = new Set<string>();
  let confirmed = false;

  for (let step = 0; step < maxSteps; step++) {
    found = await phases.time("fill", () => fillForm(ctx, found, done));
    let choice = await chooseButton(ctx, found, usedHints);
    if (!choice) return failed("form_not_found", "The listing form has no button to submit it.");
    if (choice.button.disabled) {
      const enabled = await phases.time("fill", () => whenEnabled(ctx, found, choice?.button.key ?? ""));
      if (!enabled) {
        const missing = emptyRequired(found);
        return failed(
          "validation_error",
          `The form kept its "${choice.button.text}" button disabled${missing.length ? `; still empty: ${missing.join(", ")}` : ""}.`,
        );
      }
      found = enabled;
      choice = {
        ...choice,
        button: enabled.rated.buttons.find((b) => b.key === choice?.button.key) ?? choice.button,
      };
    }
    const captcha = await phases.time("submit", () => detectCaptcha(page));
    if (captcha) return failed("captcha_required", `Not submitted: ${captcha}`);

    const before = await phases.time("submit", async () => {
      // A consent banner whose script came late may cover the button by now: answer it first.
      await dismissConsent(page, recorder);
      const seen = { text: await pageText(page), url: page.url() };
      const target = await recorder.target(found.frame, choice.button.key);
      await tracker.arm();
      await clickKey(found.frame, choice.button.key, 10_000);
      recorder.add(target && { action: "click", ...target });
      return seen;
    });
    await phases.time("outcome", () => tracker.settle(deadline));

    const formFrame = found.frame.isDetached() ? null : found.frame;
    const captchaAfter = await detectCaptcha(page);
    const verdict = classifyOutcome(
      await phases.time("outcome", () =>
        gatherEvidence(
          page,
          tracker,
          formFrame,
          before,
          found.rated.group.formless ? "" : found.rated.group.key,
          captchaAfter,
        ),
      ),
    );
    const conclusive = verdict.status === "submitted" || verdict.reason !== "unexpected";
    if (choice.kind === "next") {
      // A step of a wizard: go on with what it shows now, unless the page objected. The next
      // step's boxes, shown empty and required, are no objection: they are what comes next.
      if (verdict.status === "failed" && conclusive) {
        const revealed =
          verdict.reason === "validation_error" && !tracker.posted ? await nextForm(page, done) : undefined;
        if (!revealed) return verdict;
        found = revealed;
        continue;
      }
      if (!tracker.reacted) {
        const missing = emptyRequired((await reread(found)) ?? found);
        return failed(
          "validation_error",
          `Pressing "${choice.button.text}" changed nothing${missing.length ? `; still empty: ${missing.join(", ")}` : ""}.`,
        );
      }
      const same = formFrame && !tracker.posted ? await reread(found) : undefined;
      const next = same ?? (await nextForm(page, done));
      if (next) {
        found = next;
        continue;
      }
      return verdict;
    }
    if (conclusive) return verdict;
    // Nothing conclusive: a server-side wizard answers a step with the next form, or with a
    // preview to confirm (once: a second one is no longer a confirmation).
    const next = await phases.time("find", () => nextForm(page, done));
    if (next) {
      found = next;
      continue;
    }
    const confirm =
      !confirmed && tracker.posted ? await phases.time("find", () => confirmStep(page)) : undefined;
    if (confirm) {
      confirmed = true;
      found = confirm;
      continue;
    }
    return verdict;
  }
  return failed("unexpected", `The form still asked for more after ${maxSteps} steps.`);
}
