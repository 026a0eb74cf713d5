import type { CustomerFieldName, LearnedMapping, RecipeStep } from "@autobolt/contract";
import type { Frame, Page } from "playwright-core";
import { inPageOr } from "./in-page.ts";

/** Where a step acts, as a recipe says it: a selector, and the iframe holding it when not the page. */
export interface Target {
  selector: string;
  frame?: string;
}

/** A recipe holds at most 50 steps: a start, 48 of these and the success text it expects. */
const maxSteps = 48;

/**
 * Writes down what the filler does on a directory, as recipe steps with selectors that find the
 * same elements again (ids, names, labels; through open shadow roots and one level of iframe).
 * On success the steps become the directory's learned mapping.
 */
export class StepRecorder {
  readonly steps: RecipeStep[] = [];
  /** Something was done that the steps cannot say (a frame inside a frame, too many steps). */
  incomplete = false;
  private readonly frameTargets = new Map<Frame, string | null>();

  constructor(private readonly page: Page) {}

  /** The targets of elements by key, read before acting on them (a click may take them away). */
  async targets(frame: Frame, keys: readonly string[]): Promise<Array<Target | undefined>> {
    if (keys.length === 0) return [];
    const frameSelector = await this.frameSelector(frame);
    if (frameSelector === null) return keys.map(() => undefined);
    const selectors = await inPageOr<Array<string | null>>(
      frame,
      keys.map(() => null),
      "selectorsOf",
      keys,
    );
    return selectors.map((selector) =>
      selector ? { selector, ...(frameSelector ? { frame: frameSelector } : {}) } : undefined,
    );
  }

  async target(frame: Frame, key: string): Promise<Target | undefined> {
    return (await this.targets(frame, [key]))[0];
  }

  add(step: RecipeStep | undefined): void {
    if (!step) this.incomplete = true;
    else if (this.steps.length >= maxSteps) this.incomplete = true;
    else this.steps.push(step);
  }

  /** "" for the page itself, the iframe's selector for a frame in it, null deeper down. */
  async frameSelector(frame: Frame): Promise<string | null> {
    if (frame === this.page.mainFrame()) return "";
    const known = this.frameTargets.get(frame);
    if (known !== undefined) return known;
    let selector: string | null = null;
    if (frame.parentFrame() === this.page.mainFrame()) {
      const element = await frame.frameElement().catch(() => null);
      selector = element
        ? ((await element
            .evaluate((el) => window.__autobolt?.selectorFor(el as Element) ?? null)
            .catch(() => null)) as string | null)
        : null;
    }
    this.frameTargets.set(frame, selector);
    return selector;
  }

  /** The mapping to keep for next time, or nothing when it would not say everything that was done. */
  mapping(startUrl: string, successText: string | undefined, now = new Date()): LearnedMapping | undefined {
    if (this.incomplete || this.steps.length === 0 || !/^https?:/.test(startUrl)) return undefined;
    return {
      version: 1,
      startUrl,
      steps: [...this.steps],
      ...(successText ? { successText: successText.slice(0, 300) } : {}),
      learnedAt: now.toISOString(),
    };
  }
}

/** What a learned step says about one control, found again on today's page. */
export type LearnedUse =
  | { kind: "field"; field: CustomerFieldName; part?: { index: number; count: number } }
  | { kind: "text"; text: string }
  | { kind: "check" };

/**
 * A directory's learned mapping as hints for the filler: how each control it finds again was
 * filled last time (so it is filled the same way, whatever today's heuristics would guess), the
 * clicks that opened the form, and the button that submitted it.
 */
export class LearnedHints {
  constructor(
    private readonly page: Page,
    private readonly recorder: StepRecorder,
    readonly mapping: LearnedMapping,
  ) {}

  /** Clicks before the first value (consent banner, "Add your business"). */
  get openingClicks(): Target[] {
    const firstFill = this.mapping.steps.findIndex((s) => s.action !== "click");
    const opening = firstFill === -1 ? [] : this.mapping.steps.slice(0, firstFill);
    return opening.filter((s): s is Extract<RecipeStep, { action: "click" }> => s.action === "click");
  }

  /** Clicks after the values: the Next and submit buttons, in order. */
  get pressed(): Target[] {
    const firstFill = this.mapping.steps.findIndex((s) => s.action !== "click");
    return this.mapping.steps
      .slice(Math.max(0, firstFill))
      .filter((s): s is Extract<RecipeStep, { action: "click" }> => s.action === "click");
  }

  /** The learned use of every control of `frame` the steps name, by the control's key. */
  async uses(frame: Frame): Promise<Map<string, LearnedUse>> {
    const here = await this.recorder.frameSelector(frame);
    const found = new Map<string, LearnedUse>();
    if (here === null) return found;
    for (const step of this.mapping.steps) {
      if (!("selector" in step) || !step.selector || (step.frame ?? "") !== here) continue;
      let use: LearnedUse | undefined;
      if (step.action === "fill" || step.action === "select")
        use = {
          kind: "field",
          field: step.field,
          ...(step.action === "fill" && step.part ? { part: step.part } : {}),
        };
      else if (step.action === "selectText" || step.action === "fillText")
        use = { kind: "text", text: step.text };
      else if (step.action === "check") use = { kind: "check" };
      if (!use) continue;
      const key = await keyOf(frame, step.selector);
      if (key) found.set(key, use);
    }
    return found;
  }

  /** The key of the element a learned target names on the page now, if it is there and shown. */
  async find(target: Target): Promise<{ frame: Frame; key: string } | undefined> {
    for (const frame of this.page.frames()) {
      if (((await this.recorder.frameSelector(frame)) ?? null) !== (target.frame ?? "")) continue;
      const key = await keyOf(frame, target.selector);
      if (key && (await inPageOr(frame, false, "visible", key))) return { frame, key };
    }
    return undefined;
  }
}

/** The autobolt key of the first element a selector matches now, without waiting. */
async function keyOf(frame: Frame, selector: string): Promise<string | undefined> {
  const keys = (await frame
    .locator(selector)
    .evaluateAll((els) => els.slice(0, 1).map((e) => window.__autobolt?.keyFor(e) ?? null))
    .catch(() => [])) as Array<string | null>;
  return keys.find((k): k is string => !!k);
}
