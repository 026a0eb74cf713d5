import { browserArgs, findBrowserExecutable } from "@autobolt/worker/browser";
import { defineConfig } from "@playwright/test";
import { storageStatePath } from "./support/api.ts";

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
      // Found as the worker finds it: explicit path, Playwright's own, then the system's.
      executablePath: findBrowserExecutable(),
      args: browserArgs,
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
