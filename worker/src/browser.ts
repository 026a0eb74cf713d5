import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

const systemBrowsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
/**
 * Chromium's headless shell (Debian: `apt-get install chromium-headless-shell`) has no browser
 * window behind each page. Full Chromium's headless mode builds one per browser context, and the
 * worker opens a context per directory: the shell does the same directory for about half the CPU.
 */
const headlessShells = ["/usr/bin/chromium-headless-shell"];

/**
 * Which Chromium to drive. An operator's explicit choice wins; then, for a headless run, an
 * installed headless shell; then the one Playwright downloaded (matches playwright-core exactly);
 * then a system browser, because `playwright install` is not possible on every machine.
 */
export function findBrowserExecutable(explicit?: string, options: { headless?: boolean } = {}): string {
  const chosen = explicit || process.env.AUTOBOLT_BROWSER_PATH;
  if (chosen) {
    if (!existsSync(chosen))
      throw new Error(`The browser at ${chosen} (AUTOBOLT_BROWSER_PATH) does not exist.`);
    return chosen;
  }
  const candidates = [...(options.headless ? headlessShells : []), playwrightChromium(), ...systemBrowsers];
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

/**
 * Chromium obeys only the last --disable-features it is given, so this list replaces the one
 * Playwright passes: it repeats Playwright's (a test checks it still does) and adds what costs a
 * worker CPU for nothing. Headless Chromium builds every window's omnibox popups as hidden WebUI
 * pages, and every browser context is a window: each directory paid for an extra renderer
 * process and 0.6–1 s of CPU drawing popups no one sees. A spare renderer is started for the
 * next navigation of the same context, which for a one-page context never comes.
 */
const disabledFeatures = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
  "WebUIOmniboxPopup",
  "WebUIOmniboxAimPopup",
  "SpareRendererForSitePerProcess",
];

/** Flags for a headless Chromium on a machine with no GPU and a closed network. */
export const browserArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  `--disable-features=${disabledFeatures.join(",")}`,
];

export async function launchBrowser(
  options: { executablePath?: string; headless?: boolean } = {},
): Promise<Browser> {
  const headless = options.headless ?? true;
  return chromium.launch({
    executablePath: findBrowserExecutable(options.executablePath, { headless }),
    headless,
    args: browserArgs,
    // The worker drains on a signal: directories in flight still need their browser. It closes
    // the browser itself once they are done (and Playwright still kills it if the process exits).
    handleSIGINT: false,
    handleSIGTERM: false,
  });
}
