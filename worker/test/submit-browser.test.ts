import { afterEach, describe, expect, test } from "vitest";
import { findBrowserExecutable } from "../src/browser.ts";

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

  test("without a choice it finds an installed Chromium", () => {
    delete process.env.AUTOBOLT_BROWSER_PATH;
    expect(findBrowserExecutable()).toMatch(/chrom/i);
  });
});
