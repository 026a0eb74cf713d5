import { createHash } from "node:crypto";
import { findCustomerByCampaignLocal, mailCandidates, storeMessage } from "@autobolt/db";
import type { Services } from "../trpc.ts";
import { belongsScore, confirmationLink, hostOf, linksOf, mentions, sameSite, senderHost } from "./links.ts";

export interface ParsedMail {
  recipient: string;
  messageId: string | undefined;
  from: string;
  subject: string;
  text: string;
  html: string | null;
  size: number;
  raw: Buffer;
}

/** A customer's campaign address, or null while the inbox is off (no domain). */
export function campaignAddress(local: string, domain: string | undefined): string | null {
  return domain ? `${local}@${domain}` : null;
}

/** Whether an address is one of ours: <local>@the inbox domain, case-insensitively. */
export function campaignLocalOf(address: string, domain: string | undefined): string | undefined {
  if (!domain) return undefined;
  const match = /^([^@\s]+)@([^@\s]+)$/.exec(address.trim().toLowerCase());
  if (!match || match[2] !== domain) return undefined;
  return match[1];
}

/**
 * One mail for one campaign address, however it came (SMTP or IMAP): stored once, matched to the
 * customer by the address and to a result by the directory's site (the sender's domain or the
 * link's), its confirmation link found, a follow-up queued for a worker. Answers what was done.
 */
export async function receiveMail(services: Services, mail: ParsedMail) {
  const db = services.database.db;
  const local = campaignLocalOf(mail.recipient, services.config.inbox.domain);
  const customer = local ? await findCustomerByCampaignLocal(db, local) : undefined;
  const links = linksOf(mail.text, mail.html);
  let match: { resultId: string; jobId: string; directoryId: string; urls: string[] } | undefined;
  if (customer) {
    const sender = senderHost(mail.from);
    // Each result scored by how surely the mail is its directory's: a link under the directory's
    // own path beats a link to its host, which ties with the sender's domain; a mail that only
    // names the directory (sent through a mailing service) counts least, and only for a result
    // waiting for its mail.
    const said = `${mail.subject}\n${mail.text}`;
    const scored = (await mailCandidates(db, customer.id)).map((c) => {
      const urls = [c.url, c.submissionUrl];
      const byLink = Math.max(0, ...links.map((l) => belongsScore(l.url, urls)));
      const bySender = urls.some((u) => sameSite(hostOf(u), sender)) ? 1 : 0;
      const byName = c.confirmation === "awaiting_email" && mentions(said, c.name) ? 0.5 : 0;
      return { ...c, urls, score: Math.max(byLink, bySender, byName) };
    });
    const top = Math.max(0, ...scored.map((c) => c.score));
    const fits = scored.filter((c) => top > 0 && c.score === top);
    // A result still waiting for its mail first; else the newest of that directory.
    const chosen = fits.find((c) => c.confirmation === "awaiting_email") ?? fits[0];
    if (chosen)
      match = {
        resultId: chosen.resultId,
        jobId: chosen.jobId,
        directoryId: chosen.directoryId,
        urls: chosen.urls,
      };
  }
  const link = match ? confirmationLink(links, match.urls) : undefined;
  // Without a Message-ID a digest of the whole message stands in: a relay's resend is still one mail.
  const messageKey =
    mail.messageId?.trim() || `sha256:${createHash("sha256").update(mail.raw).digest("hex")}`;
  const stored = await storeMessage(db, {
    customerId: customer?.id ?? null,
    recipient: mail.recipient.toLowerCase(),
    messageKey,
    fromAddress: mail.from.slice(0, 500),
    subject: mail.subject.slice(0, 1000),
    textBody: mail.text.slice(0, 200_000),
    htmlBody: mail.html ? mail.html.slice(0, 500_000) : null,
    size: mail.size,
    resultId: match?.resultId ?? null,
    directoryId: match?.directoryId ?? null,
    link: link ?? null,
    jobId: match?.jobId ?? null,
  });
  services.log.info(
    {
      messageId: stored.messageId,
      matched: Boolean(match),
      followUp: stored.followUpId,
      duplicate: stored.messageId === null,
    },
    "campaign mail received",
  );
  return { ...stored, matched: Boolean(match), link: link ?? null };
}
