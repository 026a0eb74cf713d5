import { z } from "zod";
import { customerFieldName } from "./customer.ts";

const selector = z.string().trim().min(1, "A CSS or Playwright selector is required").max(500);

/**
 * A recipe is the declarative path through a form the generic filler cannot handle. Steps run in
 * order; the last `expectText` decides success. Values come from the customer by field name so a
 * recipe never holds one customer's data.
 */
export const recipeStep = z.discriminatedUnion("action", [
  z.object({ action: z.literal("goto"), url: z.url({ protocol: /^https?$/ }) }),
  z.object({ action: z.literal("fill"), selector, field: customerFieldName }),
  z.object({ action: z.literal("fillText"), selector, text: z.string().max(2000) }),
  z.object({ action: z.literal("select"), selector, field: customerFieldName }),
  z.object({ action: z.literal("check"), selector }),
  z.object({ action: z.literal("click"), selector }),
  z.object({
    action: z.literal("waitFor"),
    selector,
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  }),
  z.object({ action: z.literal("expectText"), text: z.string().trim().min(1).max(500) }),
]);
export type RecipeStep = z.infer<typeof recipeStep>;

export const recipe = z.object({
  version: z.literal(1).default(1),
  steps: z.array(recipeStep).min(1, "A recipe needs at least one step").max(50, "At most 50 steps"),
});
export type Recipe = z.infer<typeof recipe>;
