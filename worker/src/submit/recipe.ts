import type { CustomerFields, Recipe, RecipeStep } from "@autobolt/contract";
import type { Frame, Locator, Page } from "playwright-core";
import { changeCounts, waitForChange } from "./activity.ts";
import { detectCaptcha } from "./captcha.ts";
import { foldText } from "./lexicon.ts";
import { pickListingLink } from "./listing.ts";
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

function locate(page: Page, step: { selector: string; frame?: string | undefined }): Locator {
  const scope = step.frame ? page.frameLocator(step.frame) : page;
  return scope.locator(step.selector).first();
}

/** The step's customer is not among the page's links: a search that did not find the listing. */
class NotListed extends Error {}

/**
 * `openListing`: the link (inside the step's scope) whose words name the business, opened like a
 * person clicks it. Sponsored entries and near names lose to the business's own (pickListingLink).
 */
async function openListing(
  ctx: StepContext,
  step: Extract<RecipeStep, { action: "openListing" }>,
  timeout: number,
): Promise<Verdict | null> {
  const { page, customer, tracker, deadline } = ctx;
  const scope = locate(page, {
    selector: step.selector ?? "body",
    ...(step.frame ? { frame: step.frame } : {}),
  });
  await scope.waitFor({ state: "attached", timeout });
  // Read and clicked through one locator, so the index means the same link (shadow roots too).
  const anchors = scope.locator("a[href]");
  const links = await anchors.evaluateAll((all) =>
    all.map((a) => ({
      text: (a.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 300),
      href: (a as HTMLAnchorElement).href,
      shown: (a as HTMLElement).offsetParent !== null || a.getClientRects().length > 0,
      // The result the link alone belongs to (a card with a heading and "View profile").
      card: (() => {
        let card = "";
        for (let node = a.parentElement, depth = 0; node && depth < 4; node = node.parentElement, depth++) {
          if (node.querySelectorAll("a[href]").length > 2) break;
          card = node.textContent ?? "";
        }
        return card.replace(/\s+/g, " ").trim().slice(0, 500);
      })(),
    })),
  );
  const index = pickListingLink(links, customer.businessName);
  const chosen = index === undefined ? undefined : links[index];
  if (index === undefined || !chosen)
    throw new NotListed(`no link on the page names ${customer.businessName}`);
  // A link to another page is opened in this tab (one meant for a new tab would leave this one on
  // the results); a scripted one (a fragment of this page) is clicked.
  if (chosen.href.split("#")[0] !== page.url().split("#")[0]) return ctx.open(chosen.href);
  await tracker.arm();
  await anchors.nth(index).click({ timeout });
  await tracker.settle(deadline);
  return null;
}

type ActionStep = Exclude<RecipeStep, { action: "expectText" }>;

interface StepContext {
  page: Page;
  customer: CustomerFields;
  tracker: ResponseTracker;
  deadline: number;
  filled: Set<string>;
  open: (url: string) => Promise<Verdict | null>;
}

/** One step that acts on the page; a `goto` that cannot load says why instead. */
async function perform(ctx: StepContext, step: ActionStep): Promise<Verdict | null> {
  const { page, customer, tracker, deadline, filled } = ctx;
  // A recipe's selectors either match at once or the site has changed; do not burn the whole budget.
  const timeout = Math.max(500, Math.min(8_000, deadline - Date.now()));
  switch (step.action) {
    case "goto":
      return ctx.open(step.url);
    case "fill": {
      const value = step.part ? phonePart(customer, step.part) : customerValue(customer, step.field);
      await locate(page, step).fill(value ?? "", { timeout });
      filled.add(step.field);
      return null;
    }
    case "fillText":
      await locate(page, step).fill(step.text, { timeout });
      return null;
    case "select": {
      const wanted = customerValue(customer, step.field);
      await selectIn(page, locate(page, step), (o) => chooseOption(o, step.field, wanted), wanted, timeout);
      filled.add(step.field);
      return null;
    }
    case "selectText": {
      const wanted = squash(step.text);
      await selectIn(
        page,
        locate(page, step),
        (o) => o.find((x) => squash(x.text) === wanted),
        step.text,
        timeout,
      );
      return null;
    }
    case "check":
      await locate(page, step).check({ timeout });
      return null;
    case "click":
      await tracker.arm();
      await locate(page, step).click({ timeout });
      await tracker.settle(deadline);
      return null;
    case "waitFor":
      await locate(page, step).waitFor({ state: "visible", timeout: step.timeoutMs ?? 10_000 });
      return null;
    case "openListing":
      return openListing(ctx, step, timeout);
  }
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
export async function runRecipe(options: StepContext & { recipe: Recipe }): Promise<Verdict> {
  const { page, recipe, tracker, deadline } = options;
  let before = { text: await pageText(page), url: page.url() };
  let expected: string | undefined;
  for (const [index, step] of recipe.steps.entries()) {
    const where = `Recipe step ${index + 1} (${describe(step)})`;
    try {
      if (step.action === "expectText") {
        const until = Math.min(deadline, Date.now() + 10_000);
        const judged = classifyOutcome(await gatherEvidence(page, tracker, null, before));
        if (judged.status === "failed" && judged.reason !== "unexpected") return judged;
        if (await waitForText(page, step.text, until)) {
          expected = step.text;
          continue;
        }
        const captcha = await detectCaptcha(page);
        if (captcha) return failed("captcha_required", captcha);
        throw new StepFailed(`the page never said "${step.text}"`);
      }
      if (step.action === "click") {
        const captcha = await detectCaptcha(page);
        if (captcha) return failed("captcha_required", `Not submitted: ${captcha}`);
      }
      if (step.action === "click" || step.action === "openListing")
        before = { text: await pageText(page), url: page.url() };
      const problem = await perform(options, step);
      if (problem) return problem;
      if (step.action === "goto") before = { text: await pageText(page), url: page.url() };
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

/** Where a directory's listing search ended. */
export type SearchOutcome =
  /** The steps ran; the page is the listing (after `openListing`) or the results to read. */
  | { kind: "found"; opened: boolean }
  /** The search ran and no result named the business. */
  | { kind: "not_listed"; why: string }
  /** A step no longer fits the site, or a page would not load: tried again, staff told why. */
  | { kind: "broken"; why: string };

/**
 * A directory's listing search (`listingSearch`), run in a page already on its start: the same
 * steps as a recipe, ending on the business's own entry. No captcha is ever answered and nothing is
 * submitted but the search itself.
 */
export async function runListingSearch(
  options: Omit<StepContext, "filled"> & {
    steps: readonly RecipeStep[];
    /** Steps already done (the opening `goto`, by whoever opened the page): numbered, not run. */
    done?: number;
  },
): Promise<SearchOutcome> {
  let opened = false;
  for (const [index, step] of options.steps.entries()) {
    const where = `Listing search step ${index + 1} (${describe(step)})`;
    if (index < (options.done ?? 0) || step.action === "expectText") continue;
    try {
      const problem = await perform({ ...options, filled: new Set() }, step);
      if (problem) return { kind: "broken", why: `${where}: ${problem.errorMessage ?? problem.reason}` };
      if (step.action === "openListing") opened = true;
    } catch (error) {
      const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
      if (error instanceof NotListed) return { kind: "not_listed", why: `${where}: ${message}` };
      return { kind: "broken", why: `${where} failed: ${message}` };
    }
  }
  return { kind: "found", opened };
}
