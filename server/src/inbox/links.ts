/*
 * Reading a directory's mail: which of its links confirms the listing, and whether the mail came
 * from (or points at) a given directory. Pure functions over text, tested on their own.
 */

// Words a confirmation link or its text uses, in the languages the worker reads forms in.
const CONFIRM_WORDS =
  /confirm|verif|activat|validat|bestätig|aktivier|confirmar|verificar|activar|ativar|valider|activer|conferm|verifica|attiva|convalid|click here to complete|complete (your )?(registration|listing)|(set|choose|create) (up )?(a |your )?(new )?password|action=rp\b|passwort (festlegen|setzen)|(establece|elige) (tu |una )?contraseña|(définir|choisir) (votre |un )?mot de passe|(defina|crie) (sua |uma )?senha|(imposta|scegli) (la tua |una )?password/i;
// Links no mail sends to confirm anything: unsubscribing, preferences, privacy, social.
const NOT_CONFIRM =
  /unsubscribe|abmelden|darse de baja|désabonner|preferences|privacy|datenschutz|facebook|twitter|linkedin|instagram/i;

export interface FoundLink {
  url: string;
  text: string;
}

const decodeEntities = (value: string) =>
  value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** Every http(s) link of a mail: anchors of its HTML with their text, then bare URLs of its text. */
export function linksOf(text: string, html: string | null): FoundLink[] {
  const found: FoundLink[] = [];
  if (html) {
    for (const match of html.matchAll(/<a\b[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/gi)) {
      const url = decodeEntities((match[2] ?? "").trim());
      const label = (match[3] ?? "")
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ")
        .trim();
      if (/^https?:\/\//i.test(url)) found.push({ url, text: decodeEntities(label) });
    }
  }
  for (const match of text.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)) {
    const url = match[0].replace(/[.,;:!?]+$/, "");
    // The line the URL sits on says what it is for ("Confirm your listing: https://…"); a URL on a
    // line of its own is said by the line before ("To set your password, visit:\n\nhttps://…").
    const lineStart = text.lastIndexOf("\n", match.index) + 1;
    const line =
      text.slice(lineStart, match.index).trim() ||
      (text.slice(0, lineStart).trimEnd().split("\n").at(-1)?.trim() ?? "");
    if (!found.some((f) => f.url === url)) found.push({ url, text: line });
  }
  return found;
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

/** Same site: equal hosts, or one a subdomain of the other (mail.dir.com and dir.com). */
export function sameSite(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * How surely a URL belongs to a directory: 0 not at all; 1 the same site (host or subdomain);
 * 2 + the prefix's length when it also sits under the directory's own path (several directories
 * on one host — a platform's tenants, or the sandbox — are told apart by their path).
 */
export function belongsScore(url: string, directoryUrls: string[]): number {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 0;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, "");
  let best = 0;
  for (const candidate of directoryUrls) {
    let base: URL;
    try {
      base = new URL(candidate);
    } catch {
      continue;
    }
    if (!sameSite(host, base.hostname.toLowerCase().replace(/^www\./, ""))) continue;
    const prefix = base.pathname.replace(/[^/]*$/, "");
    const score = prefix.length > 1 && parsed.pathname.startsWith(prefix) ? 2 + prefix.length : 1;
    best = Math.max(best, score);
  }
  return best;
}

/**
 * The link that confirms: among links belonging to the directory, the best-placed one saying
 * confirm/verify/activate in its text or address. A directory that mails through a sending
 * service has its links rewritten to the service's click tracker: then the one link elsewhere
 * whose *words* say confirm (the worker follows it, and confirms only if it lands on the
 * directory's site). Else the directory's only link.
 */
export function confirmationLink(links: FoundLink[], directoryUrls: string[]): string | undefined {
  const usable = links.filter((l) => !NOT_CONFIRM.test(l.url) && !NOT_CONFIRM.test(l.text));
  const scored = usable
    .map((l) => ({ ...l, score: belongsScore(l.url, directoryUrls) }))
    .sort((a, b) => b.score - a.score);
  const own = scored.filter((l) => l.score > 0);
  const worded = own.find((l) => CONFIRM_WORDS.test(l.text) || CONFIRM_WORDS.test(l.url));
  if (worded) return worded.url;
  const tracked = scored.filter((l) => l.score === 0 && CONFIRM_WORDS.test(l.text));
  if (tracked.length === 1) return tracked[0]?.url;
  return own.length === 1 ? own[0]?.url : undefined;
}

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * Whether a mail names the directory (its name as whole words, at least four letters): how a
 * mail sent through a sending service, from its domain and with its tracking links, is told apart.
 */
export function mentions(text: string, name: string): boolean {
  const wanted = fold(name);
  if (wanted.replace(/ /g, "").length < 4) return false;
  return ` ${fold(text)} `.includes(` ${wanted} `);
}

/** The sender's domain, from a From address like `Listings <noreply@mail.dir.com>`. */
export function senderHost(from: string): string | undefined {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return match?.[1]?.toLowerCase().replace(/^www\./, "");
}
