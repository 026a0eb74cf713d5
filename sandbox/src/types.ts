import type { CustomerFieldName, CustomerFields, FailureReason, Recipe } from "@autobolt/contract";

export type { CustomerFieldName, CustomerFields, FailureReason, Recipe };

export interface ReceivedSubmission {
  site: string;
  receivedAt: string;
  /** Field name → value, exactly as the site parsed the post. */
  fields: Record<string, string>;
  /** Which of those fields the site reads as which customer detail. */
  mapping: Record<string, CustomerFieldName>;
  /** Whether the site accepted the post (a refused post is still recorded: it reached the site). */
  accepted: boolean;
  /** For a refused post: why the site refused it. */
  note?: string;
  /** A post a correct worker never sends (a honeypot filled, the newsletter, a paid plan): what gave it away. */
  wrong?: string;
}

export interface SandboxSite {
  slug: string;
  name: string;
  url: string;
  submissionUrl: string;
  category: string;
  domainAuthority: number;
  requiresCaptcha: boolean;
  requiresEmailVerification: boolean;
  requiresLogin: boolean;
  recipe: Recipe | null;
  /** How to find its listing by searching, for a site whose success page does not link it. */
  listingSearch: Recipe | null;
  expected: { status: "submitted" | "failed"; reason?: FailureReason };
  /** Which posted field carries which customer detail: what a correct worker must deliver. */
  mapping: Record<string, CustomerFieldName>;
  language: SiteLanguage;
  /** What the site does to a filler, in a few words each ("shadow DOM", "429"): for tables and test names. */
  patterns: readonly string[];
}

export type SiteLanguage = "en" | "es" | "fr" | "de" | "pt" | "it";

export interface Reply {
  status?: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Send the headers and never finish the body: a subresource that hangs until the connection closes. */
  hold?: boolean;
}

export interface RequestContext {
  /** The site's own base URL, ending in "/". */
  base: string;
  fields: Record<string, string>;
  /** The post came as JSON (a page's script), so the answer should be JSON too. */
  json: boolean;
  query: URLSearchParams;
  /** The request's cookies by name (a session a site set on an earlier page). */
  cookies: Record<string, string>;
  /** Records a post as received; `note` says what was wrong with a post the site did not take. */
  record(fields: Record<string, string>, accepted: boolean, note?: string): void;
  /** Records a post a correct worker never sends; the site may still answer it as if all were well. */
  trap(fields: Record<string, string>, wrong: string): void;
  /** Sends a mail over SMTP to the sandbox's mail target (the campaign inbox), as a real site does. */
  sendMail(mail: { from: string; to: string; subject: string; text: string; html?: string }): void;
  /** Confirmation links: issue one for an address, and spend one (what it proves, once). */
  links: ConfirmationLinks;
  /** Accounts on sites that want one, kept per sandbox. */
  accounts: SiteAccounts;
}

export interface SiteAccounts {
  /** False when the address has an account already. */
  register(site: string, email: string, password: string): boolean;
  activate(site: string, email: string): void;
  signIn(site: string, email: string, password: string): { session: string } | "inactive" | "wrong";
  /** The signed-in address of a session cookie, if any. */
  session(site: string, token: string | undefined): string | undefined;
}

export interface ConfirmationLinks {
  issue(site: string, email: string): string;
  /** `confirmed` the first time, `used` after, `expired` when the sandbox expires links, `unknown` else. */
  spend(site: string, token: string): "confirmed" | "used" | "expired" | "unknown";
  emailOf(token: string): string | undefined;
}

export interface Route {
  method: "GET" | "POST";
  /** Path below the site's prefix, "" for its home page. */
  path: string;
  delayMs?: number;
  handle(ctx: RequestContext): Reply | string;
}

export interface SiteDefinition {
  slug: string;
  name: string;
  category: string;
  domainAuthority: number;
  requiresCaptcha?: boolean;
  requiresEmailVerification?: boolean;
  requiresLogin?: boolean;
  expected: SandboxSite["expected"];
  /** Path below the prefix of the page with the listing form (or where one would be). */
  submissionPath: string;
  mapping: Record<string, CustomerFieldName>;
  /** Default "en". */
  language?: SiteLanguage;
  patterns: readonly string[];
  recipe?: (base: string) => Recipe;
  /**
   * The success page says nothing of where the listing will be (default: it links it); such a site
   * gives a listing search instead, to its search page (`search?q=`, served for every site).
   */
  listingSearch?: (base: string) => Recipe;
  routes: Route[];
}
