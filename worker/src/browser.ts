import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

const systemBrowsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/**
 * Which Chromium to drive. An operator's explicit choice wins; then the one Playwright downloaded
 * (matches playwright-core exactly); then a system browser, because `playwright install` is not
 * possible on every machine.
 */
export function findBrowserExecutable(explicit?: string): string {
  const chosen = explicit || process.env.AUTOBOLT_BROWSER_PATH;
  if (chosen) {
    if (!existsSync(chosen))
      throw new Error(`The browser at ${chosen} (AUTOBOLT_BROWSER_PATH) does not exist.`);
    return chosen;
  }
  const candidates = [playwrightChromium(), ...systemBrowsers];
  const found = candidates.find((path) => path !== undefined && existsSync(path));
  if (found) return found;
  throw new Error(
    "No Chromium found. Install one (e.g. `apt-get install chromium` or `npx playwright install chromium`) " +
      "or set AUTOBOLT_BROWSER_PATH to a Chromium or Chrome executable.",
  );
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Flags for a headless Chromium on a machine with no GPU and a closed network. */
export const browserArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export async function launchBrowser(
  options: { executablePath?: string; headless?: boolean } = {},
): Promise<Browser> {
  return chromium.launch({
    executablePath: findBrowserExecutable(options.executablePath),
    headless: options.headless ?? true,
    args: browserArgs,
  });
}
