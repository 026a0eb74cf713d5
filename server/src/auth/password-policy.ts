import { passwordRuleProblem } from "@autobolt/contract";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import type { z } from "zod";

/** zxcvbn's 3: "safely unguessable", guesses beyond 10^8; argon2 makes each guess costly on top. */
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/**
 * The common-password rule: zxcvbn-ts with its leaked-password, name and English word lists,
 * which also sees through l33t, keyboard walks, sequences, dates and words of the account itself.
 * Built on first use, as the dictionaries take a moment to index.
 */
export function commonPasswordProblem(password: string, related: string[] = []): string | undefined {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  const result = estimator.check(password, related);
  if (result.score >= MIN_SCORE) return undefined;
  const why = result.feedback.warning ?? "it is made of common words, names or patterns";
  return `Password rule “not a common password”: ${why.replace(/\.$/, "")}. Use a longer phrase of unrelated words.`;
}

/** Every rule, the dictionary-free ones first; `related` are the account's own words (email, name). */
export function passwordProblem(password: string, related: string[] = []): string | undefined {
  return passwordRuleProblem(password) ?? commonPasswordProblem(password, related);
}

/** Adds the common-password rule to an input whose `field` is a password being set. */
export function refuseCommonPassword<T extends Record<string, unknown>>(
  field: keyof T & string,
  related: (input: T) => string[] = () => [],
) {
  return (input: T, ctx: z.RefinementCtx) => {
    const password = input[field];
    // The field's own rules already answered for a password they refuse.
    if (typeof password !== "string" || passwordRuleProblem(password)) return;
    const problem = commonPasswordProblem(password, related(input));
    if (problem) ctx.addIssue({ code: "custom", path: [field], message: problem });
  };
}
