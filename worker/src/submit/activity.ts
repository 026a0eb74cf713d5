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

/** Every frame of the page with its change count now: the `since` that waitForChange takes. */
export async function changeCounts(page: Page): Promise<Map<Frame, number>> {
  const frames = page.frames();
  const counts = await Promise.all(frames.map((frame) => inPage<number>(frame, "changes").catch(() => -1)));
  return new Map(frames.map((frame, i) => [frame, counts[i] ?? -1]));
}

const ensure = `(window.__autobolt || (${inPageSource.trim().replace(/;$/, "")}))`;

/**
 * Resolves true as soon as any of `frames` changes after the counts in `since` (a frame that
 * navigates or goes away counts as changed), or false after `ms` without a change.
 */
export async function waitForChange(frames: Map<Frame, number>, ms: number): Promise<boolean> {
  if (frames.size === 0 || ms <= 0) return false;
  const waits = [...frames].map(([frame, since]) =>
    frame
      .evaluate(
        `new Promise((resolve) => {
          const state = ${ensure}.watch;
          if (state.count > ${Number(since)}) return resolve(true);
          const done = (changed) => { state.wake.delete(wake); clearTimeout(timer); resolve(changed); };
          const wake = () => done(true);
          const timer = setTimeout(() => done(false), ${Math.ceil(ms)});
          state.wake.add(wake);
        })`,
      )
      .then(
        (changed) => changed === true,
        // It navigated or went away: a change, once the new document (if any) has loaded.
        () =>
          frame.waitForLoadState("load", { timeout: Math.max(1, ms) }).then(
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
 * Waits for `frame`'s document to load and then to go `quietMs` without a change, at most
 * `maxMs`. A static document is done once loaded. "gone" means it navigated or detached meanwhile.
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
    if (document.readyState === "complete") settle();
    else addEventListener("load", settle, { once: true });
  })`;
  return (await frame.evaluate(source).catch(() => "gone")) as Quiet;
}
