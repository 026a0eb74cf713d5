import type { CustomerFieldName } from "@autobolt/contract";
import {
  autocompleteClasses,
  consentText,
  type FieldClass,
  fieldClasses,
  fieldPatterns,
  honeypotMarker,
  honeypotText,
  ignoredButton,
  marketingText,
  nextButton,
  normalizeText,
  submitButton,
  tradeOf,
} from "./lexicon.ts";
import type { Button, Control, Group } from "./scan.ts";
import { phoneSplits } from "./values.ts";

/**
 * Reading a form the way a browser's autofill does: every hint a control carries is scored
 * against the field patterns of lexicon.ts, weighted by how much a person would trust it, and
 * the control's kind rules out what it cannot hold.
 */

const customerFieldNames: readonly CustomerFieldName[] = [
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
];
export function isCustomerField(c: FieldClass): c is CustomerFieldName {
  return (customerFieldNames as readonly string[]).includes(c);
}

/** How much each place a hint can come from is trusted: a label is the site speaking to people. */
const sourceWeights = {
  label: 1,
  ariaLabel: 1,
  placeholder: 0.9,
  before: 0.8,
  title: 0.7,
  name: 0.8,
  id: 0.6,
  after: 0.6,
  legend: 0.3,
} as const;
type Source = keyof typeof sourceWeights;

/** Controls a value can be put into (not boxes, buttons, files, passwords or search boxes). */
const valueKinds = new Set<Control["kind"]>([
  "text",
  "textarea",
  "select",
  "listbox",
  "listbox-inline",
  "combobox",
  "editable",
]);
export const takesValue = (c: Control) => valueKinds.has(c.kind);

export const matchThreshold = 1.5;

function texts(c: Control): Record<Source, string> {
  return {
    label: normalizeText(c.label),
    ariaLabel: normalizeText(c.ariaLabel),
    placeholder: normalizeText(c.placeholder || (c.kind === "listbox" ? c.display : "")),
    before: normalizeText(c.before),
    title: normalizeText(c.title),
    name: normalizeText(c.name),
    id: normalizeText(c.id),
    after: normalizeText(c.after),
    legend: normalizeText(c.legend),
  };
}

/** What a person reads as the control's name: label, aria text, placeholder, neighbouring words. */
export function humanText(c: Control): string {
  return normalizeText([c.label, c.ariaLabel, c.placeholder, c.before, c.after, c.title].join(" "));
}

function patternScore(cls: FieldClass, text: string): number {
  if (!text) return 0;
  let best = 0;
  for (const [pattern, weight] of fieldPatterns[cls]) if (weight > best && pattern.test(text)) best = weight;
  return best;
}

/** What each kind of control can hold; anything else scores nothing there. */
const textOnly: readonly FieldClass[] = [
  "email",
  "phone",
  "website",
  "address",
  "zip",
  "businessName",
  "description",
];

/** Every field class's score for one control. */
export function scoreControl(c: Control): Map<FieldClass, number> {
  const scores = new Map<FieldClass, number>();
  if (!takesValue(c)) return scores;
  const t = texts(c);
  for (const cls of fieldClasses) {
    let score = 0;
    for (const [source, weight] of Object.entries(sourceWeights) as Array<[Source, number]>) {
      score += weight * patternScore(cls, t[source]);
    }
    if (score > 0) scores.set(cls, score);
  }
  const add = (cls: FieldClass, by: number) => scores.set(cls, (scores.get(cls) ?? 0) + by);
  // Words that name one thing inside a phrase naming another: a "contact number" is a phone,
  // not a person; a "razón social" is a company's legal name, not a social profile.
  const label = normalizeText(`${c.label} ${c.placeholder} ${c.ariaLabel}`);
  if (/\bcontact (number|no|phone|telephone|tel|email|e mail|address)\b/.test(label))
    scores.delete("contactName");
  if (
    /\b(razon social|raison sociale|ragione sociale|denominacao social|denominacion social)\b/.test(label)
  ) {
    scores.delete("social");
    add("businessName", 3);
  }
  // A select whose first option asks the question ("Giro / Categoría *") is labelled by it; one
  // listing trades is a category whatever its label says ("Type").
  if (c.options.length > 0 && (c.kind === "select" || c.kind === "listbox")) {
    const first = c.options[0];
    if (first && first.value.trim() === "" && !c.label) {
      for (const cls of fieldClasses) {
        const by = patternScore(cls, normalizeText(first.text));
        if (by > 0) add(cls, by * 2);
      }
    }
    const trades = c.options.filter((o) => tradeOf(normalizeText(o.text)) !== undefined).length;
    if (trades >= 2 && trades >= c.options.length / 3) add("category", 3);
  }
  // "County / State", "Province or state": a box that takes either takes the customer's.
  const alternatives = (c.label || c.placeholder || c.ariaLabel).split(/\s*\/\s*|\s+(?:or|o|ou|oder)\s+/i);
  if (alternatives.length >= 2) {
    for (const cls of customerFieldNames) {
      if (alternatives.some((part) => patternScore(cls, normalizeText(part)) > 0)) add(cls, 4);
    }
  }
  const keepOnly = (allowed: readonly FieldClass[]) => {
    for (const cls of scores.keys()) if (!allowed.includes(cls)) scores.delete(cls);
  };
  for (const token of c.autocomplete.toLowerCase().split(/\s+/)) {
    const cls = autocompleteClasses[token];
    if (cls) add(cls, 5);
  }
  if (c.kind === "text" || c.kind === "combobox") {
    if (c.type === "email") {
      add("email", 4);
      keepOnly(["email"]);
    } else if (c.type === "tel") {
      add("phone", 4);
      keepOnly(["phone", "fax", "zip", "houseNumber"]);
    } else if (c.type === "url") {
      add("website", 4);
      keepOnly(["website", "social"]);
    } else if (c.type === "number") {
      keepOnly(["zip", "houseNumber", "phone", "employees", "founded", "price"]);
    }
    if (c.inputMode === "tel") add("phone", 2);
    if (c.inputMode === "email") add("email", 2);
    if (c.inputMode === "url") add("website", 2);
    if (c.inputMode === "numeric" && c.maxLength === 5) add("zip", 1);
  }
  if (c.kind === "textarea" || c.kind === "editable") {
    add("description", 1);
    for (const cls of ["email", "phone", "zip", "state", "city", "website", "businessName"] as const) {
      if (scores.has(cls)) scores.set(cls, (scores.get(cls) ?? 0) - 2);
    }
  }
  if (c.kind === "select" || c.kind === "listbox" || c.kind === "listbox-inline") {
    for (const cls of textOnly) scores.delete(cls);
    if (c.options.length > 0 && isDialCodeList(c.options)) scores.clear();
  }
  return scores;
}

/** A select of "+1", "+44"…: the country part of a phone number. */
export function isDialCodeList(options: Control["options"]): boolean {
  const real = options.filter((o) => o.text.trim() !== "");
  return real.length >= 3 && real.filter((o) => /\+\s?\d{1,4}\b/.test(o.text)).length >= real.length * 0.6;
}

const repeatWords =
  /\b(confirm|repeat|re ?enter|retype|verify|again|confirmar|repetir|confirmer|confirmation|wiederholen|bestatigen|bestatigung|conferma|ripeti|confirme|repita)\b/;

/** A honeypot: a box a person is told to leave alone, or marked as a trap and kept out of reach. */
export function isHoneypot(c: Control, form: readonly Control[] = []): boolean {
  const human = normalizeText(
    [c.label, c.placeholder, c.ariaLabel, c.describedBy, c.before, c.after, c.title].join(" "),
  );
  if (honeypotText.test(human)) return true;
  const marked = trapMarked(c) && !markerIsPrefix(form);
  return (
    marked &&
    (c.tabIndex === "-1" || /^(off|nope|false|new-password)$/.test(c.autocomplete.trim()) || !c.label)
  );
}

const trapMarked = (c: Control) => honeypotMarker.test(`${c.name} ${c.id} ${c.className}`);

/**
 * A trap is the odd box out: where most of a form's boxes carry the marker, it is the platform's
 * own prefix (HivePress names every field "hp-field"), not a sign of a trap.
 */
function markerIsPrefix(form: readonly Control[]): boolean {
  const marked = form.filter(trapMarked).length;
  return marked >= 3 && marked >= form.length / 2;
}

export interface Assignment {
  cls: FieldClass;
  score: number;
  /** One piece of a value split over several boxes. */
  part?: { index: number; count: number; sizes: readonly number[] };
}

const extensionWords = /\b(ext|extension|durchwahl|extension|extensao|interno|poste)\b/;

/**
 * Boxes side by side that together hold one phone number: the first is read as the phone (or all
 * share its label) and the rest are short and say nothing else.
 */
function phoneRuns(controls: readonly Control[], best: Map<string, Assignment>): Control[][] {
  const runs: Control[][] = [];
  const candidates = controls.filter((c) => c.visible && (c.kind === "text" || c.kind === "select"));
  for (let i = 0; i < candidates.length; i++) {
    const first = candidates[i] as Control;
    if (best.get(first.key)?.cls !== "phone" && !isDialCodeList(first.options)) continue;
    const run = [first];
    for (let j = i + 1; j < candidates.length && run.length < 4; j++) {
      const next = candidates[j] as Control;
      const prev = run.at(-1) as Control;
      const near =
        next.group === prev.group &&
        (next.parent === prev.parent ||
          next.grandparent === prev.grandparent ||
          next.parent === prev.grandparent);
      const cls = best.get(next.key)?.cls;
      const short = next.maxLength > 0 && next.maxLength <= 4;
      if (!near || next.kind !== "text" || (cls && cls !== "phone") || extensionWords.test(humanText(next)))
        break;
      if (!short && run.length < 2 && !(first.maxLength > 0 && first.maxLength <= 4)) break;
      run.push(next);
    }
    if (run.length >= 2) {
      runs.push(run);
      i += run.length - 1;
    }
  }
  return runs;
}

function splitSizes(run: readonly Control[]): number[] {
  const dial = isDialCodeList(run[0]?.options ?? []);
  const boxes = dial ? run.slice(1) : run;
  let sizes = [...(phoneSplits[boxes.length] ?? [10])];
  const known = boxes.map((c) => c.maxLength);
  const sum = known.reduce((a, b) => a + b, 0);
  if (known.every((n) => n > 0 && n <= 10) && (sum === 10 || sum === 11)) sizes = known;
  return dial ? [1, ...sizes] : sizes;
}

/**
 * Which field each control asks for. Strongest pairs win first, so "Business phone" goes to the
 * phone and a later plain "Name" can still take the business name; each customer field is used
 * once (a "confirm email" box repeats the email), while what is not the customer's (a contact
 * name, a second address line) may appear any number of times and is left empty.
 */
export function assignFields(controls: readonly Control[]): Map<string, Assignment> {
  const pairs: Array<{ control: Control; cls: FieldClass; score: number }> = [];
  const scored = new Map<string, Map<FieldClass, number>>();
  for (const control of controls) {
    const scores = scoreControl(control);
    scored.set(control.key, scores);
    for (const [cls, score] of scores) if (score >= matchThreshold) pairs.push({ control, cls, score });
  }
  // "Nom" beside "Prénom" is a surname, never the business.
  const hasFirstName = pairs.some((p) => p.cls === "firstName" && p.score >= 3);
  if (hasFirstName) {
    for (const control of controls) {
      if (
        /^(name|nom|nome|nombre|name)$/.test(
          normalizeText(control.label || control.placeholder || control.ariaLabel),
        )
      )
        pairs.push({ control, cls: "lastName", score: 4 });
    }
  }
  // A control shown now beats a hidden one for the same field: the hidden one is a later step at
  // best and a honeypot at worst, and is read again when it shows.
  pairs.sort(
    (a, b) =>
      Number(b.control.visible) - Number(a.control.visible) ||
      b.score - a.score ||
      a.control.order - b.control.order,
  );
  const assigned = new Map<string, Assignment>();
  const used = new Set<FieldClass>();
  for (const { control, cls, score } of pairs) {
    if (assigned.has(control.key)) continue;
    const repeat = cls === "email" && repeatWords.test(humanText(control) || normalizeText(control.name));
    if (isCustomerField(cls) && used.has(cls) && !repeat) continue;
    assigned.set(control.key, { cls, score });
    used.add(cls);
  }
  preferRequired(controls, scored, assigned);
  for (const run of phoneRuns(controls, assigned)) {
    const sizes = splitSizes(run);
    run.forEach((control, index) => {
      assigned.set(control.key, { cls: "phone", score: 3, part: { index, count: run.length, sizes } });
    });
  }
  return assigned;
}

/**
 * Two boxes ask for the same detail ("Short description" and "Long description *"): the value
 * goes to the one the site requires, when that one reads almost as well, since the optional one
 * can stay empty and the required one cannot.
 */
function preferRequired(
  controls: readonly Control[],
  scored: ReadonlyMap<string, Map<FieldClass, number>>,
  assigned: Map<string, Assignment>,
): void {
  for (const control of controls) {
    const held = assigned.get(control.key);
    if (!held || !isCustomerField(held.cls) || control.required) continue;
    const rival = controls.find(
      (c) =>
        c.required &&
        c.visible === control.visible &&
        !assigned.has(c.key) &&
        (scored.get(c.key)?.get(held.cls) ?? 0) >= Math.max(matchThreshold, held.score * 0.8),
    );
    if (!rival) continue;
    assigned.delete(control.key);
    assigned.set(rival.key, { cls: held.cls, score: scored.get(rival.key)?.get(held.cls) ?? held.score });
  }
}

// ---- forms -------------------------------------------------------------------------------------

export type FormKind = "listing" | "login" | "signup" | "search" | "newsletter" | "other";

export interface RatedGroup {
  group: Group;
  kind: FormKind;
  /** How much of the business the form asks for, each customer field counting up to 1. */
  score: number;
  controls: Control[];
  buttons: Button[];
  assignment: Map<string, Assignment>;
}

const placeFields: readonly FieldClass[] = [
  "address",
  "city",
  "zip",
  "phone",
  "website",
  "category",
  "state",
];

/** What a form is for, judged the way a person glancing at it would. */
export function rateGroup(group: Group, controls: Control[], buttons: Button[]): RatedGroup {
  const usable = controls.filter((c) => !isHoneypot(c, controls));
  const assignment = assignFields(usable);
  const strength = new Map<FieldClass, number>();
  for (const c of usable) {
    const a = assignment.get(c.key);
    if (!a || !isCustomerField(a.cls)) continue;
    // A field shown now counts fully; one hidden for now (a later step, a closed panel) half.
    const weight = (Math.min(3, a.score) / 3) * (c.visible ? 1 : 0.5);
    strength.set(a.cls, Math.max(strength.get(a.cls) ?? 0, weight));
  }
  const score = [...strength.values()].reduce((a, b) => a + b, 0);
  const visibleFillable = usable.filter((c) => c.visible && takesValue(c));
  const hints = normalizeText(group.hints);
  const hasPassword = usable.some((c) => c.kind === "password" && c.visible);
  const rated = (kind: FormKind): RatedGroup => ({ group, kind, score, controls, buttons, assignment });

  if (hasPassword) return rated(score >= 3 && placeFields.some((f) => strength.has(f)) ? "signup" : "login");
  const searchy = /\b(search|buscar|busqueda|recherche|suche|pesquisa|cerca|find)\b/.test(hints);
  if (
    group.role === "search" ||
    (visibleFillable.length <= 2 &&
      (searchy ||
        usable.some((c) => c.kind === "search" || /^(q|s|query|search|keywords?|term)$/i.test(c.name))))
  )
    return rated("search");
  const newsy = /\b(newsletter|subscribe|suscri|abonn|iscriv|assine|mailing list)\b/.test(hints);
  if ((newsy && visibleFillable.length <= 3 && score < 2.5) || (strength.size <= 1 && strength.has("email")))
    return rated("newsletter");
  if (score >= 1.8 && placeFields.some((f) => strength.has(f))) return rated("listing");
  if (score >= 2.5) return rated("listing");
  return rated("other");
}

// ---- buttons -----------------------------------------------------------------------------------

export type ButtonKind = "submit" | "next" | "ignore" | "other";

export function classifyButton(text: string): ButtonKind {
  const clean = normalizeText(text);
  if (ignoredButton.test(clean)) return "ignore";
  if (nextButton.test(clean) || /[→»>›]\s*$/.test(text.trim())) return "next";
  if (submitButton.test(clean)) return "submit";
  return "other";
}

/**
 * The button to press now for a form: a submit-like one, else Next/Continue (a step of a
 * wizard), else the form's default submit, else its only button; among equals, the one after
 * the fields it sends. Disabled ones are answered too (the caller waits for them).
 */
export function pickButton(
  buttons: readonly Button[],
  fieldOrder: { first: number; last: number },
): { button: Button; kind: ButtonKind } | undefined {
  const usable = buttons
    .filter((b) => b.visible)
    .map((b) => ({ button: b, kind: classifyButton(b.text) }))
    .filter((b) => b.kind !== "ignore");
  const rank = ({ button, kind }: { button: Button; kind: ButtonKind }) => {
    let score =
      kind === "submit"
        ? 30
        : kind === "next"
          ? 20
          : button.type === "submit" || button.type === "image"
            ? 10
            : 0;
    if (button.order > fieldOrder.last) score += 5;
    else if (button.order < fieldOrder.first) score -= 8;
    if (button.disabled) score -= 1;
    return score;
  };
  const ranked = usable
    .map((b) => ({ ...b, rank: rank(b) }))
    .filter((b) => b.rank >= 5 || usable.length === 1)
    .sort(
      (a, b) =>
        b.rank - a.rank ||
        Math.abs(a.button.order - fieldOrder.last) - Math.abs(b.button.order - fieldOrder.last),
    );
  const choice = ranked[0];
  return choice ? { button: choice.button, kind: choice.kind } : undefined;
}

// ---- boxes ---------------------------------------------------------------------------------

/** Agree to what a listing needs (terms, consent); never sign the customer up for marketing unless forced. */
export function boxDecision(box: Control): "check" | "uncheck" | "leave" {
  const text = normalizeText(
    `${box.label} ${box.ariaLabel} ${box.after} ${box.before} ${box.name} ${box.id}`,
  );
  if (marketingText.test(text)) return box.required ? "check" : box.checked ? "uncheck" : "leave";
  if (consentText.test(text) || box.required) return "check";
  return "leave";
}
