import type { Frame, Page } from "playwright-core";
import { inPage, inPageSource } from "./in-page.ts";

/**
 * Waiting on what the page does instead of sleeping and polling. The in-page helper counts every
 * change of its document (and of the open shadow roots in it) with a MutationObserver; these
 * wait on that count.
 */

/**
 * Nothing can change a document with no script, no inline handler and no timed refresh once it
 * has loaded: waiting on it for a late form or a late answer is waiting for nothing.
 */
export const staticSource = `(() => !document.querySelector("script, meta[http-equiv=refresh i]") &&
  !Array.from(document.querySelectorAll("*")).some((el) => el.getAttributeNames().some((n) => n.startsWith("on"))))()`;

/**
 * Where a frame's document stood: its change count, and which document it was (its time origin).
 * A count only means something in its own document: after a link is followed, the new document
 * counts from zero.
 */
export interface ChangeMark {
  count: number;
  document: number;
}

/** Every frame of the page with its change mark now: the `since` that waitForChange takes. */
export async function changeCounts(page: Page): Promise<Map<Frame, ChangeMark>> {
  const frames = page.frames();
  const marks = await Promise.all(
    frames.map(async (frame): Promise<ChangeMark> => {
      try {
        const [count, document] = await Promise.all([
          inPage<number>(frame, "changes"),
          frame.evaluate("performance.timeOrigin") as Promise<number>,
        ]);
        return { count, document };
      } catch {
        return { count: -1, document: -1 };
      }
    }),
  );
  return new Map(frames.map((frame, i) => [frame, marks[i] ?? { count: -1, document: -1 }]));
}

/**
 * In-page: resolves once the document has loaded, or has been parsed for `graceMs`. A page whose
 * tracking pixel or chat script never finishes never fires "load"; what it shows is there anyway.
 */
const loadedEnoughSource = (graceMs: number) => `new Promise((resolve) => {
  let done = false;
  const finish = () => { if (!done) { done = true; resolve(true); } };
  if (document.readyState === "complete") return finish();
  addEventListener("load", finish, { once: true });
  const graceFromParsed = () => {
    const nav = performance.getEntriesByType("navigation")[0];
    const parsedAt = nav && nav.domContentLoadedEventEnd > 0 ? nav.domContentLoadedEventEnd : performance.now();
    setTimeout(finish, Math.max(0, ${graceMs} - (performance.now() - parsedAt)));
  };
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", graceFromParsed, { once: true });
  else graceFromParsed();
})`;

/**
 * Waits for `frame` to load, or to have been parsed for `graceMs` (a subresource that never
 * finishes must not hold the worker), at most `maxMs`. Answers whether it got there in time.
 */
export async function loadedEnough(frame: Frame, maxMs: number, graceMs = 1_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, maxMs));
  });
  try {
    return await Promise.race([
      frame.evaluate(loadedEnoughSource(graceMs)).then(
        () => true,
        () => false,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const ensure = `(window.__autobolt || (${inPageSource.trim().replace(/;$/, "")}))`;

/**
 * Resolves true as soon as any of `frames` changes after the counts in `since` (a frame that
 * navigates or goes away counts as changed), or false after `ms` without a change.
 */
export async function waitForChange(frames: Map<Frame, ChangeMark>, ms: number): Promise<boolean> {
  if (frames.size === 0 || ms <= 0) return false;
  const waits = [...frames].map(([frame, since]) =>
    frame
      .evaluate(
        `new Promise((resolve) => {
          // Another document than the one counted: the frame navigated, a change once it is parsed.
          if (performance.timeOrigin !== ${Number(since.document)}) {
            if (document.readyState !== "loading") return resolve(true);
            return addEventListener("DOMContentLoaded", () => resolve(true), { once: true });
          }
          const state = ${ensure}.watch;
          if (state.count > ${Number(since.count)}) return resolve(true);
          const done = (changed) => { state.wake.delete(wake); clearTimeout(timer); resolve(changed); };
          const wake = () => done(true);
          const timer = setTimeout(() => done(false), ${Math.ceil(ms)});
          state.wake.add(wake);
        })`,
      )
      .then(
        (changed) => changed === true,
        // It navigated or went away: a change, once the new document (if any) has been parsed
        // (not loaded: its pixel or chat script may never finish).
        () =>
          frame.waitForLoadState("domcontentloaded", { timeout: Math.max(1, ms) }).then(
            () => true,
            () => true,
          ),
      ),
  );
  return anyTrue(waits);
}

/** Resolves true once any of `waits` does, false once all have resolved false (or there are none). */
export function anyTrue(waits: Promise<boolean>[]): Promise<boolean> {
  if (waits.length === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    let left = waits.length;
    for (const wait of waits) {
      void wait.then((yes) => {
        if (yes) resolve(true);
        else if (--left === 0) resolve(false);
      });
    }
  });
}

export type Quiet = "static" | "quiet" | "busy" | "gone";

/**
 * Waits for `frame`'s document to load (or to have been parsed for a second: see loadedEnough)
 * and then to go `quietMs` without a change, at most `maxMs`. A static document is done once
 * loaded. "gone" means it navigated or detached meanwhile.
 */
export async function waitForQuiet(frame: Frame, quietMs: number, maxMs: number): Promise<Quiet> {
  const source = `new Promise((resolve) => {
    const started = performance.now();
    setTimeout(() => resolve("busy"), ${maxMs});
    const settle = () => {
      if (${staticSource}) return resolve("static");
      const state = ${ensure}.watch;
      let timer;
      const check = () => {
        clearTimeout(timer);
        const now = performance.now();
        if (now - started >= ${maxMs}) return finish("busy");
        if (now - state.last >= ${quietMs}) return finish("quiet");
        timer = setTimeout(check, Math.min(${quietMs} - (now - state.last), ${maxMs} - (now - started)));
      };
      const finish = (how) => { state.wake.delete(check); clearTimeout(timer); resolve(how); };
      state.wake.add(check);
      check();
    };
    ${loadedEnoughSource(1_000)}.then(settle);
  })`;
  return (await frame.evaluate(source).catch(() => "gone")) as Quiet;
}
