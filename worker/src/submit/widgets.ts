import type { Frame, Page } from "playwright-core";
import { changeCounts, waitForChange, waitForQuiet } from "./activity.ts";
import { inPage, inPageOr } from "./in-page.ts";
import type { Control } from "./scan.ts";
import type { Option } from "./values.ts";

/**
 * Putting values into controls. Plain boxes are set in one evaluation the way typing does
 * (in-page `fill`); what refuses that, and every scripted picker, is worked with Playwright's real
 * clicks and keystrokes, as a person would.
 */

export const byKey = (frame: Frame, key: string) => frame.locator(`[data-autobolt-key="${key}"]`).first();

/** A real click; where something covers the element (a banner, a styled box), the element's own click(). */
export async function clickKey(frame: Frame, key: string, timeout = 2_500): Promise<boolean> {
  const clicked = await byKey(frame, key)
    .click({ timeout })
    .then(
      () => true,
      () => false,
    );
  return clicked || inPageOr(frame, false, "click", key);
}

export interface FillItem {
  key: string;
  value: string;
  mode: "text" | "select" | "date" | "check" | "uncheck";
  /** Accept the value as set when its digits match (a phone mask) or it contains ours (an editor). */
  loose?: "digits" | "contains";
}

/**
 * Sets every item; answers the keys that took. One evaluation for all of them, then Playwright's
 * fill (or keystrokes, for masked inputs) for each one the page refused.
 */
export async function fillItems(frame: Frame, items: FillItem[]): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const refused = new Set(await inPage<string[]>(frame, "fill", items).catch(() => items.map((i) => i.key)));
  const took = new Set(items.filter((i) => !refused.has(i.key)).map((i) => i.key));
  for (const item of items.filter((i) => refused.has(i.key))) {
    if (await fallbackFill(frame, item)) took.add(item.key);
  }
  return took;
}

async function fallbackFill(frame: Frame, item: FillItem): Promise<boolean> {
  const target = byKey(frame, item.key);
  const ok = (p: Promise<unknown>) =>
    p.then(
      () => true,
      () => false,
    );
  switch (item.mode) {
    case "select":
      return ok(target.selectOption({ value: item.value }, { timeout: 3_000 }));
    case "check":
    case "uncheck":
      return ok(target.setChecked(item.mode === "check", { timeout: 3_000, force: true }));
    default: {
      if (await ok(target.fill(item.value, { timeout: 3_000 }))) {
        if (await matches(frame, item)) return true;
      }
      // A masked input rewrites what is set at once: give it the keys one by one.
      if (!(await ok(target.fill("", { timeout: 2_000 })))) return false;
      await ok(target.pressSequentially(item.value, { timeout: 5_000 }));
      return matches(frame, item);
    }
  }
}

async function matches(frame: Frame, item: FillItem): Promise<boolean> {
  const got = await inPageOr<string | null>(frame, null, "value", item.key);
  if (got === null) return false;
  const squash = (s: string) => s.replace(/\s+/g, " ").trim();
  if (squash(got) === squash(item.value)) return true;
  if (item.loose === "digits") return got.replace(/\D/g, "") === item.value.replace(/\D/g, "");
  if (item.loose === "contains") return squash(got).includes(squash(item.value).slice(0, 40));
  return false;
}

/** A rich-text editor drawn in its own iframe (TinyMCE, CKEditor 4): typed into its body. */
export async function fillEditorFrame(frame: Frame, iframeKey: string, value: string): Promise<boolean> {
  const body = byKey(frame, iframeKey).contentFrame().locator("body");
  return body.fill(value, { timeout: 3_000 }).then(
    () => true,
    () => false,
  );
}

type ShownOption = Option & { key: string };

/**
 * Picks an option of a scripted picker (ARIA listbox or combobox, select2, choices, tom-select…)
 * the way a person does: open it, type to filter where it offers a search box, click the best
 * option. `choose` names the option among those shown; `search` is what to type. Answers the text
 * of the option picked, or undefined when nothing fitting was offered.
 */
export async function pickFromWidget(
  page: Page,
  frame: Frame,
  control: Control,
  choose: (options: readonly Option[]) => Option | undefined,
  search: string | undefined,
): Promise<string | undefined> {
  const triggerKey = control.fillKey || control.key;
  // A native select behind the widget: set it, and see whether the widget follows.
  if (control.tag === "select" && control.options.length > 0) {
    const option = choose(control.options);
    if (!option) return undefined;
    const refused = await inPage<string[]>(frame, "fill", [
      { key: control.key, value: option.value, mode: "select" },
    ]).catch(() => [control.key]);
    if (refused.length === 0) {
      const shown = await inPageOr<string | null>(frame, null, "value", triggerKey);
      if (shown !== null && normalize(shown).includes(normalize(option.text))) return option.text;
    }
    search = option.text;
    const wanted = option.text;
    choose = (options) =>
      options.find((o) => normalize(o.text) === normalize(wanted)) ??
      options.find((o) => normalize(o.text).includes(normalize(wanted)));
  }
  if (control.kind !== "listbox-inline") {
    const since = await changeCounts(page);
    if (!(await clickKey(frame, triggerKey))) return undefined;
    // A combobox is typed into next, and what it opens shows while we type: no long wait here.
    await waitForChange(since, control.kind === "combobox" ? 300 : 1_000);
  }
  let typed = false;
  if (search && (control.kind === "combobox" || (await inPageOr(frame, false, "focusedIsTyping")))) {
    const since = await changeCounts(page);
    await page.keyboard.type(search.slice(0, 40));
    typed = true;
    // Each keystroke may redraw the suggestions: read them once they stop changing, or the
    // option picked is gone by the time it is clicked.
    if (await waitForChange(since, 1_200)) await waitForQuiet(frame, 200, 1_500);
  }
  let shownSince = await changeCounts(page);
  let options = await inPageOr<ShownOption[]>(frame, [], "visibleOptions", triggerKey);
  let choice = choose(options) as ShownOption | undefined;
  // Suggestions a server sends as one types arrive a moment later, often after a "Searching…"
  // line: while none is shown and the page keeps changing, read them again before giving up.
  for (const until = Date.now() + 2_500; !choice && typed && options.length === 0 && Date.now() < until; ) {
    if (!(await waitForChange(shownSince, until - Date.now()))) break;
    shownSince = await changeCounts(page);
    options = await inPageOr<ShownOption[]>(frame, [], "visibleOptions", triggerKey);
    choice = choose(options) as ShownOption | undefined;
  }
  if (!choice && typed) {
    // Nothing matched what we typed: clear the filter and choose among everything offered.
    const since = await changeCounts(page);
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Backspace");
    await waitForChange(since, 1_000);
    options = await inPageOr<ShownOption[]>(frame, [], "visibleOptions", triggerKey);
    choice = choose(options) as ShownOption | undefined;
  }
  if (!choice) {
    if (control.kind === "combobox" && typed && search) {
      // Nothing to pick: the box keeps what was typed, as a person would leave it.
      await page.keyboard.press("Escape").catch(() => {});
      if ((await inPageOr<string | null>(frame, null, "value", triggerKey))?.trim() !== search.trim())
        await fillItems(frame, [{ key: triggerKey, value: search, mode: "text" }]);
      return search;
    }
    await page.keyboard.press("Escape").catch(() => {});
    return undefined;
  }
  const since = await changeCounts(page);
  if (!(await clickKey(frame, choice.key))) {
    // Redrawn under us: the same option, as shown now.
    const wanted = choice.text;
    const again = (await inPageOr<ShownOption[]>(frame, [], "visibleOptions", triggerKey)).find(
      (o) => o.text === wanted,
    );
    if (!again || !(await clickKey(frame, again.key))) return undefined;
  }
  await waitForChange(since, 800);
  if (control.multiple || (await inPageOr(frame, false, "visible", choice.key))) {
    await page.keyboard.press("Escape").catch(() => {});
  }
  return choice.text;
}

const normalize = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
