import { readFileSync } from "node:fs";
import type { BrowserContext, Frame } from "playwright-core";

/** The in-page helper (in-page.js), installed in every document as window.__autobolt. */
export const inPageSource = readFileSync(new URL("./in-page.js", import.meta.url), "utf8");

const missing = "__autobolt_missing__";

/** What element-handle evaluations use of the helper (the rest is called by name through inPage). */
interface InPageElementApi {
  keyFor(el: Element): string;
  selectorFor(el: Element): string | null;
}
declare global {
  interface Window {
    __autobolt?: InPageElementApi;
  }
}

/**
 * Installs the helper in every document the context opens, before the page's own scripts, so
 * its change watcher sees everything from the start and no call pays for installing it.
 */
export async function installInPage(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: inPageSource });
}

/**
 * Calls `window.__autobolt.<method>(...args)` in a frame and answers its (JSON) result; installs
 * the helper first where the init script did not run (a page set up before, an about:blank).
 * Rejects when the frame navigates or goes away meanwhile, like any evaluation.
 */
export async function inPage<T>(frame: Frame, method: string, ...args: unknown[]): Promise<T> {
  const call = `window.__autobolt ? window.__autobolt.${method}(...${JSON.stringify(args)}) : ${JSON.stringify(missing)}`;
  const first = await frame.evaluate(call);
  if (first !== missing) return first as T;
  await frame.evaluate(inPageSource);
  return (await frame.evaluate(call)) as T;
}

/** Like inPage, but a frame that went away answers `fallback` instead of rejecting. */
export function inPageOr<T>(frame: Frame, fallback: T, method: string, ...args: unknown[]): Promise<T> {
  return inPage<T>(frame, method, ...args).catch(() => fallback);
}
