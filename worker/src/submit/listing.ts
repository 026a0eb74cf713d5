import { normalizeBusinessName } from "@autobolt/contract";
import type { Page } from "playwright-core";
import { normalizeText } from "./lexicon.ts";

/** A link's words that say it opens the listing just made, in the six languages. */
const viewListingText =
  /\b(view|see|open|visit) (your |the |my )?(listing|profile|business page|page|entry)\b|\byour (listing|profile|business page) (is|page)\b|\b(ver|abrir) (tu |su |la )?(ficha|anuncio|perfil|pagina)\b|\bvoir (votre |la )?(fiche|annonce|page|profil)\b|\b(eintrag|profil|seite) (ansehen|anzeigen|offnen)\b|\bzum eintrag\b|\bver (seu |o |a )?(anuncio|perfil|pagina|cadastro)\b|\b(vedi|visualizza|apri) (la |la tua |il tuo )?(scheda|annuncio|profilo|pagina)\b/;
/** Paths directories give a listing: /listing/1008, /biz/name, /business/name, /company/123. */
const listingPath =
  /\/(listings?|biz|business(es)?|company|companies|profile|profiles|place|places|directory\/[\w-]+|ficha|fiche|eintrag|anuncio|scheda)\/[\w%.-]+/i;

/**
 * Last path segments that name a step of the form, not a listing: a post to /business/create
 * lands on a page whose address has a listing path, but it is the form's, not the listing's.
 */
const formStep =
  /^(new|add|create|submit|submitted|send|sent|edit|update|register|registration|signup|sign-up|join|thanks|thank-you|thankyou|success|done|confirm|confirmation|complete|completed|preview|review|save|post|claim|verify|pending|received|form|step-?\d*|nuevo|nueva|crear|enviar|gracias|nouveau|nouvelle|creer|ajouter|merci|neu|erstellen|danke|novo|nova|criar|obrigado|nuovo|nuova|crea|grazie)$/i;

/** A listing's address: a listing path whose last segment is not a step of the form. */
export function listingAddress(url: URL): boolean {
  const last = url.pathname.split("/").filter(Boolean).at(-1) ?? "";
  return listingPath.test(url.pathname) && !formStep.test(decodeURIComponent(last).replace(/\.\w+$/, ""));
}

/**
 * The listing's own page, from what the confirmation proved: a redirect to it, or a link on the
 * page that says it opens the listing (or points at a listing path) on the directory's own site.
 * Undefined when the page shows none: the listing is then re-checked only once staff add a link
 * (or, on a directory with a listing search, found by searching).
 */
export async function findListingUrl(page: Page, submissionUrl: string): Promise<string | undefined> {
  const site = safeUrl(submissionUrl)?.hostname;
  if (!site) return undefined;
  const sameSite = (url: URL) => onSite(url, site);
  const here = safeUrl(page.url());
  if (here && sameSite(here) && listingAddress(here) && here.href !== submissionUrl) return here.href;
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
  return candidates.find((a) => listingAddress(a.url))?.url.href;
}

/** Whether `url` is on the directory's site (`site`, a hostname), its subdomains or its parent. */
export function onSite(url: URL, site: string): boolean {
  return url.hostname === site || url.hostname.endsWith(`.${site}`) || site.endsWith(`.${url.hostname}`);
}

export function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * Of a page's links (a search's results), the one that names the business: its words hold every
 * word of the business's name, compared as names are (case, accents, punctuation, "LLC", "The");
 * the closest (fewest words besides) wins, so "Sponsored: Austin's best plumbers" or
 * "Live Plumbing Co Franchise Offers" lose to "Live Plumbing Co". Shown links before hidden ones.
 * A link whose words name nothing ("View profile", "Voir la fiche") is judged by its `card`: the
 * text of the result it alone belongs to. Undefined when none names it: not listed (yet).
 */
export function pickListingLink(
  links: readonly { text: string; href: string; shown?: boolean; card?: string }[],
  businessName: string,
): number | undefined {
  // The link's own words first; a "View profile" link is the business's by its result card.
  return pickBy(links, (l) => l.text, businessName) ?? pickBy(links, (l) => l.card ?? "", businessName);
}

function pickBy<L extends { href: string; shown?: boolean }>(
  links: readonly L[],
  textOf: (link: L) => string,
  businessName: string,
): number | undefined {
  // A name in a script the folding drops (中文, Ελληνικά) is matched by its own lowercase words.
  const words = (text: string) =>
    (normalizeBusinessName(text) || text.toLowerCase().replace(/\s+/g, " ").trim())
      .split(" ")
      .filter(Boolean);
  const name = words(businessName);
  if (name.length === 0) return undefined;
  let best: { index: number; score: number } | undefined;
  for (const [index, link] of links.entries()) {
    if (!/^https?:/i.test(link.href)) continue;
    const text = words(textOf(link));
    if (!name.every((w) => text.includes(w))) continue;
    const score = text.length - name.length + (link.shown === false ? 1_000 : 0);
    if (!best || score < best.score) best = { index, score };
  }
  return best?.index;
}
