import type { Page } from "playwright-core";
import { normalizeText } from "./lexicon.ts";

/** A link's words that say it opens the listing just made, in the six languages. */
const viewListingText =
  /\b(view|see|open|visit) (your |the |my )?(listing|profile|business page|page|entry)\b|\byour (listing|profile|business page) (is|page)\b|\b(ver|abrir) (tu |su |la )?(ficha|anuncio|perfil|pagina)\b|\bvoir (votre |la )?(fiche|annonce|page|profil)\b|\b(eintrag|profil|seite) (ansehen|anzeigen|offnen)\b|\bzum eintrag\b|\bver (seu |o |a )?(anuncio|perfil|pagina|cadastro)\b|\b(vedi|visualizza|apri) (la |la tua |il tuo )?(scheda|annuncio|profilo|pagina)\b/;
/** Paths directories give a listing: /listing/1008, /biz/name, /business/name, /company/123. */
const listingPath =
  /\/(listings?|biz|business(es)?|company|companies|profile|profiles|place|places|directory\/[\w-]+|ficha|fiche|eintrag|anuncio|scheda)\/[\w%.-]+/i;

/**
 * The listing's own page, from what the confirmation proved: a redirect to it, or a link on the
 * page that says it opens the listing (or points at a listing path) on the directory's own site.
 * Undefined when the page shows none: the listing is then re-checked only once staff add a link.
 */
export async function findListingUrl(page: Page, submissionUrl: string): Promise<string | undefined> {
  let site: string;
  try {
    site = new URL(submissionUrl).hostname;
  } catch {
    return undefined;
  }
  const sameSite = (url: URL) =>
    url.hostname === site || url.hostname.endsWith(`.${site}`) || site.endsWith(`.${url.hostname}`);
  const here = safeUrl(page.url());
  if (here && sameSite(here) && listingPath.test(here.pathname) && here.href !== submissionUrl)
    return here.href;
  const anchors = await page
    .evaluate(() =>
      Array.from(document.querySelectorAll("a[href]"))
        .filter((a) => (a as HTMLElement).offsetParent !== null || a.getClientRects().length > 0)
        .map((a) => ({
          href: (a as HTMLAnchorElement).href,
          text: (a.textContent ?? "").trim().slice(0, 200),
        })),
    )
    .catch(() => [] as { href: string; text: string }[]);
  const candidates = anchors
    .map((a) => ({ ...a, url: safeUrl(a.href) }))
    .filter(
      (a): a is { href: string; text: string; url: URL } =>
        a.url !== undefined && /^https?:$/.test(a.url.protocol) && sameSite(a.url),
    );
  const worded = candidates.find((a) => viewListingText.test(normalizeText(a.text)));
  if (worded) return worded.url.href;
  return candidates.find((a) => listingPath.test(a.url.pathname))?.url.href;
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
