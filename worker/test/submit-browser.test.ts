import { existsSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { findBrowserExecutable, launchBrowser } from "../src/browser.ts";

const headlessShell = "/usr/bin/chromium-headless-shell";

describe("findBrowserExecutable", () => {
  const saved = process.env.AUTOBOLT_BROWSER_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.AUTOBOLT_BROWSER_PATH;
    else process.env.AUTOBOLT_BROWSER_PATH = saved;
  });

  test("an explicit path wins, and a wrong one is a clear error", () => {
    expect(findBrowserExecutable(process.execPath)).toBe(process.execPath);
    expect(() => findBrowserExecutable("/nowhere/chromium")).toThrow(/\/nowhere\/chromium.*does not exist/);
  });

  test("AUTOBOLT_BROWSER_PATH is the explicit choice when none is passed", () => {
    process.env.AUTOBOLT_BROWSER_PATH = process.execPath;
    expect(findBrowserExecutable()).toBe(process.execPath);
  });

  // CI installs Debian's headless shell beside Chromium, so this runs there.
  test.skipIf(!existsSync(headlessShell))(
    "a headless worker takes the headless shell; a headed one does not",
    () => {
      delete process.env.AUTOBOLT_BROWSER_PATH;
      expect(findBrowserExecutable(undefined, { headless: true })).toBe(headlessShell);
      expect(findBrowserExecutable(undefined, { headless: false })).not.toBe(headlessShell);
    },
  );

  test("without a choice it finds an installed Chromium", () => {
    delete process.env.AUTOBOLT_BROWSER_PATH;
    expect(findBrowserExecutable()).toMatch(/chrom/i);
  });
});

describe("the worker's Chromium", () => {
  test("keeps every feature Playwright turns off, and builds no hidden omnibox page per context", async () => {
    // Full Chromium, where the omnibox WebUI exists; the last --disable-features is the one it obeys.
    const browser = await launchBrowser({ executablePath: findBrowserExecutable() });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto("chrome://version");
      const commandLine = (await page.locator("#command_line").textContent()) ?? "";
      const lists = [...commandLine.matchAll(/--disable-features=(\S+)/g)].map((m) =>
        (m[1] ?? "").split(","),
      );
      expect(lists.length).toBeGreaterThanOrEqual(1);
      const obeyed = new Set(lists.at(-1));
      for (const list of lists) for (const feature of list) expect(obeyed, feature).toContain(feature);

      const session = await browser.newBrowserCDPSession();
      const { targetInfos } = (await session.send("Target.getTargets")) as {
        targetInfos: Array<{ type: string; url: string }>;
      };
      expect(targetInfos.filter((t) => t.type === "browser_ui").map((t) => t.url)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
