import { escapeHtml, page } from "../html.ts";
import type {
  CustomerFieldName,
  Reply,
  RequestContext,
  Route,
  SiteDefinition,
  SiteLanguage,
} from "../types.ts";
import { missing } from "./common.ts";

/** How each language says a field is missing, as the site's own error list would. */
const requiredPhrase: Record<SiteLanguage, (label: string) => string> = {
  en: (l) => `${l} is required`,
  es: (l) => `El campo ${l} es obligatorio`,
  fr: (l) => `Le champ ${l} est obligatoire`,
  de: (l) => `${l} ist ein Pflichtfeld`,
  pt: (l) => `O campo ${l} é obrigatório`,
  it: (l) => `Il campo ${l} è obbligatorio`,
};

/**
 * A site whose listing form posts to one place. Most practice sites are this shape; what makes
 * each one hard is its markup, so the spec carries the page bodies as written and the builder
 * only does what every such site does on a post: read, check what is required, record, answer.
 */
export interface FormSiteSpec {
  slug: string;
  name: string;
  category?: string;
  domainAuthority: number;
  language?: SiteLanguage;
  patterns: readonly string[];
  css: string;
  /** The home page's body; by default a heading and a link to the form. */
  home?: string;
  /** Path of the page with the form; "" when the form is on the home page. Default "add". */
  submissionPath?: string;
  /** The body of the form's page. */
  form: string;
  head?: string;
  /** Where the form posts (urlencoded or JSON). Default: the submission path. */
  postPath?: string;
  mapping: Record<string, CustomerFieldName>;
  /** Posted name → the label the site's error names. */
  required: Record<string, string>;
  /** What the site says when it takes the listing (a page body, or the JSON message to a fetch). */
  thanks: string;
  /** Fields as the site reads them, e.g. a phone joined from its three boxes. */
  read?: (fields: Record<string, string>) => Record<string, string>;
  /**
   * A post a correct filler never sends (a honeypot filled, a paid plan picked): recorded as not
   * taken with this note, yet answered with the usual thanks, as spam traps do.
   */
  trap?: (fields: Record<string, string>) => string | undefined;
  /** Replaces the usual answer to a complete post (a duplicate, a verification step). */
  answer?: (ctx: RequestContext, fields: Record<string, string>) => Reply | string | undefined;
  expected?: SiteDefinition["expected"];
  requiresCaptcha?: boolean;
  requiresEmailVerification?: boolean;
  requiresLogin?: boolean;
  routes?: Route[];
}

export function formSite(spec: FormSiteSpec): SiteDefinition {
  const submissionPath = spec.submissionPath ?? "add";
  const postPath = spec.postPath ?? submissionPath;
  const lang = spec.language ?? "en";
  const doc = (title: string, body: string) =>
    page({
      title: `${title} — ${spec.name}`,
      css: spec.css,
      body,
      lang,
      ...(spec.head ? { head: spec.head } : {}),
    });
  const reply = (ctx: RequestContext, status: number, message: string, html: string): Reply =>
    ctx.json
      ? { status, contentType: "application/json", body: JSON.stringify({ ok: status < 400, message }) }
      : { status, body: doc(spec.name, html) };

  const routes: Route[] = [
    {
      method: "GET",
      path: "",
      handle: () =>
        doc(
          spec.name,
          submissionPath === ""
            ? spec.form
            : (spec.home ??
                `<h1>${escapeHtml(spec.name)}</h1><p><a href="${submissionPath}">Add your business</a></p>`),
        ),
    },
    ...(submissionPath === ""
      ? []
      : [{ method: "GET" as const, path: submissionPath, handle: () => doc(spec.name, spec.form) }]),
    {
      method: "POST",
      path: postPath,
      handle: (ctx) => {
        const fields = spec.read ? spec.read(ctx.fields) : ctx.fields;
        const problems = missing(fields, spec.required);
        if (problems.length > 0) {
          ctx.record(fields, false, `missing ${problems.join(", ")}`);
          const list = problems.map((p) => requiredPhrase[lang](p));
          return reply(
            ctx,
            422,
            list.join(". "),
            `<h1>${escapeHtml(spec.name)}</h1><ul class="errors">${list.map((p) => `<li role="alert">${escapeHtml(p)}</li>`).join("")}</ul>`,
          );
        }
        const trapped = spec.trap?.(fields);
        const custom = trapped ? undefined : spec.answer?.(ctx, fields);
        if (custom !== undefined) {
          ctx.record(fields, false, "answered with a step before the listing");
          return custom;
        }
        if (trapped) ctx.trap(fields, trapped);
        else ctx.record(fields, true);
        return reply(ctx, 200, spec.thanks, `<h1>${escapeHtml(spec.thanks)}</h1>`);
      },
    },
    ...(spec.routes ?? []),
  ];

  return {
    slug: spec.slug,
    name: spec.name,
    category: spec.category ?? "general",
    domainAuthority: spec.domainAuthority,
    language: lang,
    patterns: spec.patterns,
    expected: spec.expected ?? { status: "submitted" },
    submissionPath,
    mapping: spec.mapping,
    ...(spec.requiresCaptcha ? { requiresCaptcha: true } : {}),
    ...(spec.requiresEmailVerification ? { requiresEmailVerification: true } : {}),
    ...(spec.requiresLogin ? { requiresLogin: true } : {}),
    routes,
  };
}

/** A JSON-posting helper a page's script uses, showing the answer's message in `target`. */
export const postJson = `async function postListing(url, data, show) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
  const j = await r.json().catch(() => ({ ok: false, message: 'Something went wrong (' + r.status + ')' }));
  show(j.message, j.ok);
}`;
