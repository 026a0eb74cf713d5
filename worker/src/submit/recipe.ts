import type { CustomerFields, Recipe, RecipeStep } from "@autobolt/contract";
import type { Frame, Locator, Page } from "playwright-core";
import { changeCounts, waitForChange } from "./activity.ts";
import { detectCaptcha } from "./captcha.ts";
import { foldText } from "./lexicon.ts";
import {
  classifyOutcome,
  failed,
  gatherEvidence,
  pageText,
  type ResponseTracker,
  type Verdict,
} from "./outcome.ts";
import { scanFrame } from "./scan.ts";
import { chooseOption, customerValue, type Option, phonePart } from "./values.ts";
import { pickFromWidget } from "./widgets.ts";

const squash = (s: string) => foldText(s).replace(/\s+/g, " ").trim().toLowerCase();

function describe(step: RecipeStep): string {
  const where = "selector" in step ? `${step.frame ? `${step.frame} >> ` : ""}${step.selector}` : "";
  if (step.action === "goto") return `goto ${step.url}`;
  if (step.action === "expectText") return `expectText "${step.text}"`;
  return `${step.action} ${where}`;
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

function locate(page: Page, step: Extract<RecipeStep, { selector: string }>): Locator {
  const scope = step.frame ? page.frameLocator(step.frame) : page;
  return scope.locator(step.selector).first();
}

/** A recipe's `select`: a native select by its options, a scripted picker the way a person picks. */
async function selectIn(
  page: Page,
  target: Locator,
  choose: (options: readonly Option[]) => Option | undefined,
  search: string | undefined,
  timeout: number,
): Promise<string> {
  await target.waitFor({ state: "attached", timeout });
  const handle = await target.elementHandle({ timeout });
  const frame = (await handle?.ownerFrame()) as Frame | null;
  if (!handle || !frame) throw new StepFailed("the element went away");
  const key = (await handle.evaluate((el) => window.__autobolt?.keyFor(el) ?? "")) as string;
  const scan = await scanFrame(frame);
  const control = scan.controls.find((c) => c.key === key || c.fillKey === key || c.standIn === key);
  if (control?.kind === "select" && !control.standIn) {
    const option = choose(control.options);
    if (!option) throw new StepFailed("no option matches");
    await target.selectOption({ value: option.value }, { timeout });
    return option.text;
  }
  if (!control) throw new StepFailed("it is not a select or a picker");
  const picked = await pickFromWidget(page, frame, control, choose, search);
  if (picked === undefined) throw new StepFailed("no option matches");
  return picked;
}

/**
 * Follows a staff-written recipe instead of guessing. The human tests still apply: a captcha stops
 * it before any click, and what the page says at the end is judged like any submission (a
 * verification, a duplicate or a refusal is reported as that, not as success).
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
  const timeout = () => Math.max(500, Math.min(8_000, deadline - Date.now()));
  let before = { text: await pageText(page), url: page.url() };
  let expected: string | undefined;
  for (const [index, step] of recipe.steps.entries()) {
    const where = `Recipe step ${index + 1} (${describe(step)})`;
    try {
      switch (step.action) {
        case "goto": {
          const problem = await options.open(step.url);
          if (problem) return problem;
          before = { text: await pageText(page), url: page.url() };
          break;
        }
        case "fill": {
          const value = step.part ? phonePart(customer, step.part) : customerValue(customer, step.field);
          await locate(page, step).fill(value ?? "", { timeout: timeout() });
          filled.add(step.field);
          break;
        }
        case "fillText":
          await locate(page, step).fill(step.text, { timeout: timeout() });
          break;
        case "select": {
          const wanted = customerValue(customer, step.field);
          await selectIn(
            page,
            locate(page, step),
            (o) => chooseOption(o, step.field, wanted),
            wanted,
            timeout(),
          );
          filled.add(step.field);
          break;
        }
        case "selectText": {
          const wanted = squash(step.text);
          await selectIn(
            page,
            locate(page, step),
            (o) => o.find((x) => squash(x.text) === wanted),
            step.text,
            timeout(),
          );
          break;
        }
        case "check":
          await locate(page, step).check({ timeout: timeout() });
          break;
        case "click": {
          const captcha = await detectCaptcha(page);
          if (captcha) return failed("captcha_required", `Not submitted: ${captcha}`);
          before = { text: await pageText(page), url: page.url() };
          await tracker.arm();
          await locate(page, step).click({ timeout: timeout() });
          await tracker.settle(deadline);
          break;
        }
        case "waitFor":
          await locate(page, step).waitFor({ state: "visible", timeout: step.timeoutMs ?? 10_000 });
          break;
        case "expectText": {
          const until = Math.min(deadline, Date.now() + 10_000);
          const judged = classifyOutcome(await gatherEvidence(page, tracker, null, before));
          if (judged.status === "failed" && judged.reason !== "unexpected") return judged;
          if (await waitForText(page, step.text, until)) {
            expected = step.text;
            break;
          }
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
  const verdict = classifyOutcome(await gatherEvidence(page, tracker, null, before));
  if (verdict.status === "failed" && verdict.reason !== "unexpected") return verdict;
  if (expected) return { status: "submitted", proof: expected };
  return verdict;
}
