import type { CustomerFieldName } from "@autobolt/contract";
import { assignFields, type ButtonKind, classifyButton, isFillable } from "./fields.ts";
import type { ButtonDescriptor, ScannedForm } from "./scan.ts";

export type FormKind = "listing" | "login" | "search" | "newsletter" | "other";

export interface RatedForm {
  kind: FormKind;
  /** Distinct customer fields the form asks for: how business-like it is. */
  score: number;
  assignment: Map<string, CustomerFieldName>;
}

/** What a form is for, judged the way a person glancing at it would. */
export function rateForm(form: ScannedForm): RatedForm {
  const fillable = form.fields.filter((f) => isFillable(f) || f.tag === "editable");
  const assignment = assignFields(fillable);
  const distinct = new Set(assignment.values());
  const score = distinct.size;
  const hasPassword = form.fields.some((f) => f.tag === "input" && f.type === "password");
  const searchLike = (name: string) => /^(q|s|query|search|keywords?|term)$/i.test(name);
  if (hasPassword) return { kind: "login", score, assignment };
  if (
    form.role === "search" ||
    (fillable.length <= 2 && form.fields.some((f) => f.type === "search" || searchLike(f.name)))
  ) {
    return { kind: "search", score, assignment };
  }
  if (score <= 1 && distinct.has("email")) return { kind: "newsletter", score, assignment };
  if (score >= 2) return { kind: "listing", score, assignment };
  return { kind: "other", score, assignment };
}

/**
 * The button to press now: a submit-like one, else Next/Continue (a step of a wizard), else the
 * form's default submit, else its only button.
 */
export function pickButton(
  buttons: readonly ButtonDescriptor[],
): { key: string; kind: ButtonKind } | undefined {
  const usable = buttons
    .filter((b) => b.visible && !b.disabled)
    .map((b) => ({ ...b, kind: classifyButton(b.text) }))
    .filter((b) => b.kind !== "ignore");
  const choice =
    usable.find((b) => b.kind === "submit") ??
    usable.find((b) => b.kind === "next") ??
    usable.find((b) => b.type === "submit" || b.type === "image") ??
    (usable.length === 1 ? usable[0] : undefined);
  return choice ? { key: choice.key, kind: choice.kind } : undefined;
}
