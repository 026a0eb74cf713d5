import { z } from "zod";
import { isStorableText } from "./storable.ts";

export const MIN_PASSWORD_LENGTH = 10;
export const MIN_DISTINCT_CHARACTERS = 5;

/**
 * The rules a new password must meet that need no dictionary, each refusal naming its rule; the
 * server adds the common-password rule (a dictionary too large for the console's bundle).
 */
export function passwordRuleProblem(password: string): string | undefined {
  const characters = [...password];
  if (characters.length === 0) return "Password rule “not blank”: enter a password.";
  if (/^\s+$/u.test(password))
    return "Password rule “not only spaces”: a password of whitespace alone is refused; use letters, digits or symbols.";
  if (new Set(characters).size < MIN_DISTINCT_CHARACTERS)
    return `Password rule “no repeated characters”: a password like "aaaaaaaaaa" is refused; use at least ${MIN_DISTINCT_CHARACTERS} different characters.`;
  if (/\p{Cc}/u.test(password))
    return "Password rule “no control characters”: NUL, tab, newline and other control characters are refused.";
  if (!isStorableText(password))
    return "Password rule “whole characters”: half of a UTF-16 surrogate pair is not a character; type the password again.";
  if (characters.length < MIN_PASSWORD_LENGTH)
    return `Password rule “at least ${MIN_PASSWORD_LENGTH} characters”: this one has ${characters.length}.`;
  return undefined;
}

/** A password being set (staff account, password change): the dictionary-free rules. */
export const newPassword = z
  .string()
  .max(200, "Password rule “at most 200 characters”: use a shorter password.")
  .superRefine((password, ctx) => {
    const problem = passwordRuleProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
