import type { Page } from "playwright-core";
import { inPageOr } from "./in-page.ts";
import { captchaText, foldText } from "./lexicon.ts";

/**
 * Signs of a human test in one frame. Presence is enough: a widget that has not rendered yet still
 * guards the post, and the worker never tries to solve one. Invisible reCAPTCHA's badge alone is
 * not a test a person is shown.
 */
const widgetSource = `(() => {
  const selectors = [".g-recaptcha:not([data-size=invisible])", ".h-captcha", ".cf-turnstile", "[data-sitekey]:not([data-size=invisible])",
    "iframe[src*=captcha i]", "iframe[title*=captcha i]", "iframe[src*=turnstile i]", "iframe[src*='challenges.cloudflare']",
    "input[name*=captcha i]", "input[id*=captcha i]", "img[src*=captcha i]", "img[alt*=captcha i]", "[class*=captcha i] img", "canvas[class*=captcha i]"];
  for (const s of selectors) {
    const el = document.querySelector(s);
    if (el && !el.closest(".grecaptcha-badge")) return "captcha widget (" + s + ")";
  }
  return null;
})()`;

export async function detectCaptcha(page: Page): Promise<string | null> {
  for (const frame of page.frames()) {
    // Only an embedded frame's address counts: a site's own path may just say "captcha".
    if (frame !== page.mainFrame() && /captcha|turnstile|challenges\.cloudflare/i.test(frame.url())) {
      return `captcha frame ${frame.url()}`;
    }
    const widget = await frame.evaluate(widgetSource).catch(() => null);
    if (typeof widget === "string") return widget;
    const text = foldText(await inPageOr(frame, "", "deepText"));
    const said = text.match(captchaText);
    if (said) return `captcha text: ${said[0]}`;
  }
  return null;
}
