import type { CustomerFieldName } from "@autobolt/contract";
import { escapeHtml, page } from "./html.ts";

/*
 * What accepting practice sites do after a submission, as real directories do: publish a listing
 * page some time later, at /<site>/listing/<id>, linked from the success page. Most show the
 * business as sent; one shows a changed phone; one never publishes. Time is the sandbox's own
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
    const published =
      listing &&
      listing.site === site &&
      site !== neverPublishedSite &&
      this.now() - listing.at >= this.publishAfterMs;
    if (!listing || !published)
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
