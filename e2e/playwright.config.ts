import { existsSync } from "node:fs";
import { chromium, defineConfig } from "@playwright/test";
import { storageStatePath } from "./support/api.ts";

/** The Chromium to drive: an explicit path, Playwright's own if installed, else Debian's. */
function findChromium(): string {
  const candidates = [process.env.AUTOBOLT_BROWSER_PATH, safeBundledPath(), "/usr/bin/chromium"];
  const found = candidates.find((path): path is string => Boolean(path && existsSync(path)));
  if (!found) {
    throw new Error(
      "No Chromium found for the e2e tests. Set AUTOBOLT_BROWSER_PATH, run `npx playwright install chromium`, or `apt-get install chromium`.",
    );
  }
  return found;
}

function safeBundledPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export default defineConfig({
  testDir: "tests",
  outputDir: "test-results",
  globalSetup: "./support/global-setup.ts",
  // One real server and database for the run; tests share it, so they go one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 900 },
    storageState: storageStatePath,
    launchOptions: {
      executablePath: findChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
