import type { CustomerFields, Recipe, RecipeStep } from "@autobolt/contract";
import type { Page } from "playwright-core";
import { changeCounts, waitForChange } from "./activity.ts";
import { detectCaptcha } from "./captcha.ts";
import { chooseOption, customerValue } from "./fields.ts";
import {
  classifyOutcome,
  emailVerificationText,
  failed,
  gatherEvidence,
  newText,
  pageText,
  phoneVerificationText,
  type ResponseTracker,
  type Verdict,
} from "./outcome.ts";

const squash = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

function describe(step: RecipeStep): string {
  if ("selector" in step) return `${step.action} ${step.selector}`;
  if (step.action === "goto") return `goto ${step.url}`;
  return `expectText "${step.text}"`;
}

/** A step that cannot be done: the recipe no longer fits the site. */
class StepFailed extends Error {}

/** Reads the page again each time it changes, not on a timer. */
async function waitForText(page: Page, text: string, until: number): Promise<boolean> {
  const wanted = squash(text);
  for (;;) {
    const since = await changeCounts(page);
    if (squash(await pageText(page)).includes(wanted)) return true;
    if (Date.now() >= until) return false;
    await waitForChange(since, until - Date.now());
  }
}

/**
 * Follows a staff-written recipe instead of guessing. The human tests still apply: a captcha stops
 * it before any click, and a page asking for email verification is reported as that, not success.
 */
export async function runRecipe(options: {
  page: Page;
  recipe: Recipe;
  customer: CustomerFields;
  tracker: ResponseTracker;
  deadline: number;
  filled: Set<string>;
  /** Opens a URL, or says why it could not. */
  open: (url: string) => Promise<Verdict | null>;
}): Promise<Verdict> {
  const { page, recipe, customer, tracker, deadline, filled } = options;
  // A recipe's selectors either match at once or the site has changed; do not burn the whole budget.
  const act = () => ({ timeout: Math.max(500, Math.min(8_000, deadline - Date.now())) });
  const startText = await pageText(page);
  let textBefore = startText;
  let expected = false;
  for (const [index, step] of recipe.steps.entries()) {
    const where = `Recipe step ${index + 1} (${describe(step)})`;
    try {
      switch (step.action) {
        case "goto": {
          const problem = await options.open(step.url);
          if (problem) return problem;
          textBefore = await pageText(page);
          break;
        }
        case "fill": {
          await page
            .locator(step.selector)
            .first()
            .fill(customerValue(customer, step.field) ?? "", act());
          filled.add(step.field);
          break;
        }
        case "fillText":
          await page.locator(step.selector).first().fill(step.text, act());
          break;
        case "select": {
          const target = page.locator(step.selector).first();
          const options = await target.locator("option").evaluateAll((list) =>
            list.map((o) => ({
              value: (o as HTMLOptionElement).value,
              text: (o.textContent ?? "").trim(),
            })),
          );
          const value = chooseOption(options, step.field, customerValue(customer, step.field));
          if (value === undefined) throw new StepFailed(`no option matches the customer's ${step.field}`);
          await target.selectOption({ value }, act());
          filled.add(step.field);
          break;
        }
        case "check":
          await page.locator(step.selector).first().check(act());
          break;
        case "click": {
          const captcha = await detectCaptcha(page);
          if (captcha) return failed("captcha_required", `Not submitted: ${captcha}`);
          textBefore = await pageText(page);
          await tracker.arm();
          await page.locator(step.selector).first().click(act());
          await tracker.settle(deadline);
          break;
        }
        case "waitFor":
          await page
            .locator(step.selector)
            .first()
            .waitFor({ state: "visible", timeout: step.timeoutMs ?? 10_000 });
          break;
        case "expectText": {
          const until = Math.min(deadline, Date.now() + 10_000);
          if (await waitForText(page, step.text, until)) {
            expected = true;
            break;
          }
          const verdict = classifyOutcome(await gatherEvidence(page, tracker, null, textBefore));
          if (verdict.status === "failed" && verdict.reason !== "unexpected") return verdict;
          const captcha = await detectCaptcha(page);
          if (captcha) return failed("captcha_required", captcha);
          throw new StepFailed(`the page never said "${step.text}"`);
        }
      }
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      return failed("recipe_failed", `${where} failed: ${message}`);
    }
  }

  const evidence = await gatherEvidence(page, tracker, null, textBefore);
  const added = newText(startText, evidence.textAfter);
  const status = evidence.response?.status;
  if (status !== undefined && status >= 400) return classifyOutcome(evidence);
  if (emailVerificationText.test(added)) return failed("email_verification", added.slice(0, 300));
  if (phoneVerificationText.test(added)) return failed("phone_verification", added.slice(0, 300));
  return expected ? { status: "submitted" } : classifyOutcome(evidence);
}
