import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DirectoryFields } from "@autobolt/contract";
import { page, parseFields, readBody, sleep } from "./html.ts";
import { ListingPages } from "./listings.ts";
import { Mailer, type MailTarget, type SentMail } from "./mail.ts";
import { multiStep, oddNames, placeholders, plain, stateSelect, terms } from "./sites/accepting.ts";
import { iframe, recipeOnly, scriptRendered, slow } from "./sites/dynamic.ts";
import { hostileSites } from "./sites/hostile.ts";
import { hostileVariantSites } from "./sites/hostile-variants.ts";
import { languageSites } from "./sites/languages.ts";
import { nativeLanguageSites } from "./sites/languages-native.ts";
import { modernSites } from "./sites/modern.ts";
import { modernPatternSites } from "./sites/modern-patterns.ts";
import { modernPlatformSites } from "./sites/modern-platforms.ts";
import { captcha, emailVerify, http500, login, noForm, serverValidation } from "./sites/refusing.ts";
import { signUp } from "./sites/sign-up.ts";
import type { CustomerFields, ReceivedSubmission, Reply, SandboxSite, SiteDefinition } from "./types.ts";

export {
  checkSubmissions,
  comparable,
  type JudgedOutcome,
  judgeRun,
  type SiteVerdict,
  type SubmissionCheck,
} from "./check.ts";
export { changedPhoneSite, neverPublishedSite } from "./listings.ts";
export type { MailTarget, SentMail } from "./mail.ts";
export type { ReceivedSubmission, SandboxSite, SiteLanguage } from "./types.ts";

/** Strongest first, like a real catalog; each case is one thing a real directory does to a filler. */
export const siteDefinitions: readonly SiteDefinition[] = [
  ...modernSites,
  ...modernPatternSites,
  ...modernPlatformSites,
  ...languageSites,
  ...nativeLanguageSites,
  ...hostileSites,
  ...hostileVariantSites,
  plain,
  placeholders,
  oddNames,
  multiStep,
  stateSelect,
  terms,
  slow,
  scriptRendered,
  iframe,
  recipeOnly,
  serverValidation,
  captcha,
  emailVerify,
  signUp,
  http500,
  noForm,
  login,
].sort((a, b) => b.domainAuthority - a.domainAuthority);

export interface Sandbox {
  url: string;
  sites: SandboxSite[];
  received(slug: string): ReceivedSubmission[];
  /** The latest submission a site received, read through its own field mapping. */
  receivedAsCustomer(slug: string): Partial<CustomerFields> | undefined;
  /** Where the sites send mail (the campaign inbox's SMTP receiver); none: mail is kept, not sent. */
  setMailTarget(target: MailTarget | undefined): void;
  /** Mail the sites sent, with whether the SMTP server took it. */
  outbox(slug?: string): SentMail[];
  /** Resolves once every mail sent so far was delivered or refused. */
  mailSettled(): Promise<void>;
  /** Confirmations a site's links received (each link's first use). */
  confirmations(slug: string): { email: string; at: string }[];
  /** Accounts made on a site that wants one, and whether each was activated. */
  accounts(slug: string): { email: string; active: boolean }[];
  /** Move the sandbox's clock forward (listings publish by it), instead of waiting. */
  advanceTime(ms: number): void;
  /** From now on, confirmation links answer "expired" (a link followed too late). */
  expireLinks(expired: boolean): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startSandbox(
  options: {
    port?: number;
    host?: string;
    mailTarget?: MailTarget;
    /** How long after an accepted submission its listing page is published (default 10 s). */
    publishAfterMs?: number;
  } = {},
): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  const listings = new ListingPages(options.publishAfterMs ?? 10_000);
  const store = new Map<string, ReceivedSubmission[]>();
  const mailer = new Mailer();
  mailer.setTarget(options.mailTarget);
  const issued = new Map<string, { site: string; email: string; usedAt?: string }>();
  let linksExpired = false;
  const links = {
    issue(site: string, email: string) {
      const token = randomBytes(12).toString("base64url");
      issued.set(token, { site, email });
      return token;
    },
    spend(site: string, token: string) {
      const link = issued.get(token);
      if (!link || link.site !== site) return "unknown" as const;
      if (linksExpired) return "expired" as const;
      if (link.usedAt) return "used" as const;
      link.usedAt = new Date().toISOString();
      return "confirmed" as const;
    },
    emailOf: (token: string) => issued.get(token)?.email,
  };
  const siteAccounts = new Map<string, { password: string; active: boolean }>();
  const sessions = new Map<string, string>();
  const accounts = {
    register(site: string, email: string, password: string) {
      const key = `${site} ${email}`;
      if (siteAccounts.has(key)) return false;
      siteAccounts.set(key, { password, active: false });
      return true;
    },
    activate(site: string, email: string) {
      const account = siteAccounts.get(`${site} ${email}`);
      if (account) account.active = true;
    },
    signIn(site: string, email: string, password: string) {
      const account = siteAccounts.get(`${site} ${email}`);
      if (!account || account.password !== password) return "wrong" as const;
      if (!account.active) return "inactive" as const;
      const session = randomBytes(12).toString("base64url");
      sessions.set(`${site} ${session}`, email);
      return { session };
    },
    session: (site: string, token: string | undefined) =>
      token ? sessions.get(`${site} ${token}`) : undefined,
  };
  const bySlug = new Map(siteDefinitions.map((site) => [site.slug, site]));
  let url = "";

  const resetAll = () => {
    store.clear();
    mailer.reset();
    issued.clear();
    siteAccounts.clear();
    sessions.clear();
    listings.reset();
    linksExpired = false;
  };
  const received = (slug: string) => store.get(slug) ?? [];
  const receivedAsCustomer = (slug: string) => {
    const latest = received(slug).at(-1);
    if (!latest) return undefined;
    const customer: Partial<CustomerFields> = {};
    for (const [name, field] of Object.entries(latest.mapping)) {
      const value = latest.fields[name];
      if (value !== undefined) customer[field] = value;
    }
    return customer;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? "/", url);
    const method = req.method === "POST" ? "POST" : "GET";
    if (requestUrl.pathname === "/__sandbox/received" && method === "GET") {
      const slug = requestUrl.searchParams.get("site") ?? "";
      return send(res, {
        contentType: "application/json",
        body: JSON.stringify({
          site: slug,
          submissions: received(slug),
          asCustomer: receivedAsCustomer(slug) ?? null,
        }),
      });
    }
    if (requestUrl.pathname === "/__sandbox/reset" && method === "POST") {
      resetAll();
      return send(res, { contentType: "application/json", body: JSON.stringify({ ok: true }) });
    }
    if (requestUrl.pathname === "/") return send(res, { body: indexPage(url) });

    const [, slug = "", ...rest] = requestUrl.pathname.split("/");
    const site = bySlug.get(slug);
    const listingId = rest.length === 2 && rest[0] === "listing" ? Number(rest[1]) : Number.NaN;
    if (site && method === "GET" && Number.isInteger(listingId))
      return send(res, listings.render(site.slug, listingId));
    if (site && method === "GET" && rest.join("/") === "search")
      return send(res, listings.searchPage(site.slug, site.name, requestUrl.searchParams.get("q") ?? ""));
    const route = site?.routes.find((r) => r.method === method && r.path === rest.join("/"));
    if (!site || !route)
      return send(res, { status: 404, body: page({ title: "Not found", body: "<h1>404 Not found</h1>" }) });

    let listingPath: string | undefined;
    const keep = (post: Pick<ReceivedSubmission, "fields" | "accepted" | "note" | "wrong">) => {
      // An accepted post becomes a listing, published a while later.
      if (post.accepted && !post.wrong) listingPath = listings.create(site.slug, post.fields, site.mapping);
      const list = store.get(site.slug) ?? [];
      list.push({
        site: site.slug,
        receivedAt: new Date().toISOString(),
        mapping: { ...site.mapping },
        ...post,
        fields: { ...post.fields },
      });
      store.set(site.slug, list);
    };
    const body = method === "POST" ? await readBody(req) : "";
    const fields = method === "POST" ? parseFields(body, req.headers["content-type"]) : {};
    if (route.delayMs) await sleep(route.delayMs);
    const reply = route.handle({
      base: `${url}/${site.slug}/`,
      fields,
      json: method === "POST" && (req.headers["content-type"] ?? "").includes("application/json"),
      query: requestUrl.searchParams,
      cookies: parseCookies(req.headers.cookie),
      record(recorded, accepted, note) {
        keep({ fields: recorded, accepted, ...(note ? { note } : {}) });
      },
      trap(recorded, wrong) {
        keep({ fields: recorded, accepted: false, wrong });
      },
      sendMail: (mail) => mailer.send(site.slug, mail),
      links,
      accounts,
    });
    const answer = typeof reply === "string" ? { body: reply } : reply;
    const linked = listingPath && !site.listingSearch;
    send(res, linked ? withListingLink(answer, `${url}/${site.slug}/${listingPath}`) : answer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, contentType: "text/plain", body: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;

  const sites: SandboxSite[] = siteDefinitions.map((site) => {
    const base = `${url}/${site.slug}/`;
    return {
      slug: site.slug,
      name: site.name,
      url: base,
      submissionUrl: `${base}${site.submissionPath}`,
      category: site.category,
      domainAuthority: site.domainAuthority,
      requiresCaptcha: site.requiresCaptcha ?? false,
      requiresEmailVerification: site.requiresEmailVerification ?? false,
      requiresLogin: site.requiresLogin ?? false,
      recipe: site.recipe ? site.recipe(base) : null,
      listingSearch: site.listingSearch ? site.listingSearch(base) : null,
      expected: site.expected,
      mapping: site.mapping,
      language: site.language ?? "en",
      patterns: site.patterns,
    };
  });

  return {
    url,
    sites,
    received,
    receivedAsCustomer,
    setMailTarget: (target) => mailer.setTarget(target),
    outbox: (slug) => mailer.outbox(slug),
    mailSettled: () => mailer.settled(),
    confirmations: (slug) =>
      [...issued.values()]
        .filter((l) => l.site === slug && l.usedAt)
        .map((l) => ({ email: l.email, at: l.usedAt as string })),
    accounts: (slug) =>
      [...siteAccounts.entries()]
        .filter(([key]) => key.startsWith(`${slug} `))
        .map(([key, account]) => ({ email: key.slice(slug.length + 1), active: account.active })),
    advanceTime: (ms) => listings.advance(ms),
    expireLinks: (expired) => {
      linksExpired = expired;
    },
    reset: resetAll,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The success page links the listing it will publish, as directories do ("View your listing"). */
function withListingLink(reply: Reply, href: string): Reply {
  const html = (reply.contentType ?? "text/html").startsWith("text/html");
  if (!html || (reply.status ?? 200) >= 300 || reply.hold) return reply;
  const link = `<p class="listing-link"><a href="${href}">View your listing</a></p>`;
  const body = reply.body.includes("</body>")
    ? reply.body.replace("</body>", `${link}</body>`)
    : `${reply.body}${link}`;
  return { ...reply, body };
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0) cookies[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return cookies;
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status ?? 200, {
    "content-type": reply.contentType ?? "text/html; charset=utf-8",
    "cache-control": "no-store",
    ...reply.headers,
  });
  if (reply.hold) res.write(reply.body);
  else res.end(reply.body);
}

function indexPage(url: string): string {
  const rows = siteDefinitions
    .map((s) => `<li><a href="${url}/${s.slug}/">${s.name}</a> — ${s.slug} (DA ${s.domainAuthority})</li>`)
    .join("\n");
  return page({ title: "AutoBolt sandbox", body: `<h1>AutoBolt practice directories</h1><ul>${rows}</ul>` });
}

/** The sandbox's sites as catalog rows, to seed a server's directory catalog with. */
export function sandboxCatalog(
  sandbox: Sandbox,
  notes = `Practice site of the local sandbox (${sandbox.url}).`,
): DirectoryFields[] {
  return sandbox.sites.map((site) => ({
    id: site.slug,
    name: site.name,
    url: site.url,
    submissionUrl: site.submissionUrl,
    category: site.category,
    domainAuthority: site.domainAuthority,
    requiresLogin: site.requiresLogin,
    requiresCaptcha: site.requiresCaptcha,
    requiresEmailVerification: site.requiresEmailVerification,
    requiresPhoneVerification: false,
    active: true,
    recipe: site.recipe,
    listingSearch: site.listingSearch,
    notes,
    formEmail: "campaign",
  }));
}
