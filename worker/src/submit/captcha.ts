import type { Page } from "playwright-core";

/**
 * Signs of a human test in one frame. Presence is enough: a widget that has not rendered yet still
 * guards the post, and the worker never tries to solve one.
 */
const captchaSource = `(() => {
  const selectors = [".g-recaptcha", ".h-captcha", ".cf-turnstile", "[data-sitekey]", "iframe[src*=captcha i]",
    "iframe[title*=captcha i]", "iframe[src*=turnstile i]", "iframe[src*='challenges.cloudflare']",
    "input[name*=captcha i]", "input[id*=captcha i]", "img[src*=captcha i]", "img[alt*=captcha i]"];
  for (const s of selectors) {
    const el = document.querySelector(s);
    if (el && !(el.closest(".grecaptcha-badge"))) return "captcha widget (" + s + ")";
  }
  const text = (document.body && document.body.innerText) || "";
  const m = text.match(/i['’]?m not a robot|type the (characters|letters|code|text)|enter the (characters|code|text) (you see|shown|above|below)|verify (that )?you are (a )?human|security check/i);
  return m ? "captcha text: " + m[0] : null;
})()`;

export async function detectCaptcha(page: Page): Promise<string | null> {
  for (const frame of page.frames()) {
    // Only an embedded frame's address counts: a site's own path may just say "captcha".
    if (frame !== page.mainFrame() && /captcha|turnstile|challenges\.cloudflare/i.test(frame.url())) {
      return `captcha frame ${frame.url()}`;
    }
    const found = await frame.evaluate(captchaSource).catch(() => null);
    if (typeof found === "string") return found;
  }
  return null;
}
