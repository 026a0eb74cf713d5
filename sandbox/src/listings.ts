import type { CustomerFieldName } from "@autobolt/contract";
import { escapeHtml, page } from "./html.ts";

/*
 * What accepting practice sites do after a submission, as real directories do: publish a listing
 * page some time later, at /<site>/listing/<id>, linked from the success page (or, on a site that
 * does not link it, found through its search page). Most show the business as sent; one shows a
 * changed phone; one never publishes. Time is the sandbox's own
 * clock, which tests advance instead of waiting days.
 */

/** The site that publishes with a wrong phone, and the one that never publishes. */
export const changedPhoneSite = "placeholders";
export const neverPublishedSite = "odd-names";

export interface PublishedListing {
  id: number;
  site: string;
  at: number;
  details: Partial<Record<CustomerFieldName, string>>;
}

export class ListingPages {
  private readonly listings = new Map<number, PublishedListing>();
  private nextId = 1001;
  private offsetMs = 0;

  constructor(private readonly publishAfterMs: number) {}

  /** The sandbox's now: real time plus what tests advanced. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** A listing for an accepted submission; answers its path below the site. */
  create(site: string, fields: Record<string, string>, mapping: Record<string, CustomerFieldName>): string {
    const details: Partial<Record<CustomerFieldName, string>> = {};
    for (const [name, field] of Object.entries(mapping)) {
      const value = fields[name];
      if (value !== undefined) details[field] = value;
    }
    const id = this.nextId++;
    this.listings.set(id, { id, site, at: this.now(), details });
    return `listing/${id}`;
  }

  /** The listing page as the site shows it now: 404 until published (or ever, for one site). */
  render(site: string, id: number): { status: number; body: string } {
    const listing = this.listings.get(id);
    if (!listing || !this.published(listing, site))
      return {
        status: 404,
        body: page({
          title: "Listing not found",
          body: "<h1>Listing not found</h1><p>No listing here (yet).</p>",
        }),
      };
    const d = listing.details;
    const phone = site === changedPhoneSite ? changePhone(d.phone ?? "") : (d.phone ?? "");
    return {
      status: 200,
      body: page({
        title: d.businessName ?? "Listing",
        body: `<article><h1>${escapeHtml(d.businessName ?? "")}</h1>
<p>${escapeHtml(d.address ?? "")}<br>${escapeHtml([d.city, d.state].filter(Boolean).join(", "))} ${escapeHtml(d.zip ?? "")}</p>
<p>Phone: ${escapeHtml(phone)}</p>${d.website ? `<p><a href="${escapeHtml(d.website)}" rel="nofollow">Website</a></p>` : ""}</article>`,
      }),
    };
  }

  /**
   * The site's search page: a form, and for a query the published listings whose name holds every
   * word of it, each linking its page (beside a sponsored entry, as real results have).
   */
  searchPage(site: string, siteName: string, query: string): { status: number; body: string } {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const found =
      words.length === 0
        ? []
        : [...this.listings.values()].filter((l) => {
            const name = (l.details.businessName ?? "").toLowerCase();
            return this.published(l, site) && words.every((w) => name.includes(w));
          });
    const results = found
      .map(
        (l) =>
          `<li><a href="listing/${l.id}">${escapeHtml(l.details.businessName ?? "")}</a> <span>${escapeHtml(l.details.city ?? "")}</span></li>`,
      )
      .join("");
    return {
      status: 200,
      body: page({
        title: `Search — ${siteName}`,
        body: `<nav><a href="./">Home</a></nav><h1>Find a business</h1>
<form action="search" method="get" role="search"><label for="q">Business name</label> <input id="q" name="q" type="search" value="${escapeHtml(query)}"> <button type="submit">Search</button></form>
${
  words.length === 0
    ? ""
    : `<p class="sponsored"><a href="./">Sponsored: featured businesses near you</a></p>
<h2>${found.length} result${found.length === 1 ? "" : "s"}</h2><ul class="results">${results}</ul>`
}`,
      }),
    };
  }

  private published(listing: PublishedListing, site: string): boolean {
    return (
      listing.site === site && site !== neverPublishedSite && this.now() - listing.at >= this.publishAfterMs
    );
  }

  reset(): void {
    this.listings.clear();
    this.offsetMs = 0;
  }
}

/** The same number with its last digit changed: what a directory's typo looks like. */
function changePhone(phone: string): string {
  const match = /(\d)(\D*)$/.exec(phone);
  if (!match) return phone;
  const digit = (Number(match[1]) + 1) % 10;
  return `${phone.slice(0, match.index)}${digit}${match[2] ?? ""}`;
}
