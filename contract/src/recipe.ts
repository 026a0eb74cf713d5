import { z } from "zod";
import { customerFieldName } from "./customer.ts";
import { storableDateTime, storableString, storableUrl } from "./storable.ts";

const selector = storableString().trim().min(1, "A CSS or Playwright selector is required").max(500);

/**
 * Where a step acts: a selector (Playwright's, so it reaches into open shadow roots), inside the
 * iframe matched by `frame` when the control lives in one.
 */
const target = { selector, frame: selector.optional() };

/**
 * A recipe is the declarative path through a form the generic filler cannot handle. Steps run in
 * order; the last `expectText` decides success. Values come from the customer by field name so a
 * recipe never holds one customer's data.
 *
 * `fill` with `part` puts one piece of a value split over several boxes (a phone as area code,
 * exchange and line: index 0, 1, 2 of count 3). `select` works on a native select and on a
 * scripted one (ARIA listbox or combobox, select2/choices style): the option whose text best
 * matches the customer's value is picked the way a person would pick it; `selectText` picks the
 * option with that text (a plan, a "how did you hear about us"), for choices that are not the
 * customer's details. `openListing` opens the customer's own entry among a page's links (a search's
 * results): what a directory's listing search ends with.
 */
export const recipeStep = z.discriminatedUnion("action", [
  z.object({ action: z.literal("goto"), url: storableUrl() }),
  z.object({
    action: z.literal("fill"),
    ...target,
    field: customerFieldName,
    part: z
      .object({ index: z.number().int().min(0).max(5), count: z.number().int().min(2).max(6) })
      .refine((p) => p.index < p.count, "The part's index must be below its count")
      .optional(),
  }),
  z.object({ action: z.literal("fillText"), ...target, text: storableString().max(2000) }),
  z.object({ action: z.literal("select"), ...target, field: customerFieldName }),
  z.object({ action: z.literal("selectText"), ...target, text: storableString().trim().min(1).max(200) }),
  z.object({ action: z.literal("check"), ...target }),
  z.object({ action: z.literal("click"), ...target }),
  z.object({
    action: z.literal("waitFor"),
    ...target,
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  }),
  z.object({ action: z.literal("expectText"), text: storableString().trim().min(1).max(500) }),
  // Opens the link whose words best match the customer's business name (inside `selector` when
  // given: the results list), as a person picks their business from a directory's search results.
  z.object({ action: z.literal("openListing"), selector: selector.optional(), frame: selector.optional() }),
]);
export type RecipeStep = z.infer<typeof recipeStep>;

export const recipe = z.object({
  version: z.literal(1).default(1),
  steps: z.array(recipeStep).min(1, "A recipe needs at least one step").max(50, "At most 50 steps"),
});
export type Recipe = z.infer<typeof recipe>;

/**
 * How to find a directory's listing of a business when the confirmation gave no link: steps from
 * its search page (a `goto`, or the directory's home page) that search for the business
 * (`fill` with `businessName`, `click`) and end with `openListing`. Without `openListing` the page
 * the steps end on is read as the listing (a results page that shows name, address and phone).
 */
export const listingSearch = recipe.refine(
  (r) => !r.steps.some((s) => s.action === "expectText"),
  "A listing search has no expectText: what it finds is judged by the business's details",
);

/**
 * How the worker got through a directory's form the last time it succeeded, in recipe steps: the
 * clicks that opened the form (consent banner, "Add your business"), each control it filled and
 * with what, and the button that submitted. The next submission to that directory follows it
 * instead of discovering the form again, and falls back to discovery when the page has changed.
 * Staff see it on the directory and can turn it into a recipe.
 */
export const learnedMapping = z.object({
  version: z.literal(1).default(1),
  /** The page the steps start on. */
  startUrl: storableUrl(),
  /** At most 48, so that with its start and its success text it still fits in a recipe. */
  steps: z.array(recipeStep).min(1).max(48),
  /** The words on the page that proved success, so a recipe made from this can expect them. */
  successText: storableString().trim().max(300).optional(),
  learnedAt: storableDateTime(),
});
export type LearnedMapping = z.infer<typeof learnedMapping>;

/** A learned mapping as a recipe: its steps, then the success text it saw (when it kept one). */
export function recipeFromLearned(learned: LearnedMapping): Recipe {
  const steps: RecipeStep[] = [{ action: "goto", url: learned.startUrl }, ...learned.steps];
  if (learned.successText) steps.push({ action: "expectText", text: learned.successText });
  return { version: 1, steps };
}
