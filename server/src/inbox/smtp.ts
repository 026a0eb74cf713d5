import type { AddressInfo } from "node:net";
import { toStorableText } from "@autobolt/contract";
import { findCustomerByCampaignLocal } from "@autobolt/db";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Services } from "../trpc.ts";
import { campaignLocalOf, type ParsedMail, receiveMail } from "./receive.ts";

export interface MailReceiver {
  port: number;
  close(): Promise<void>;
}

const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

/** Turn raw MIME into what the inbox stores: text PostgreSQL can hold, HTML kept aside. */
export async function parseMail(raw: Buffer, recipient: string): Promise<ParsedMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const from = parsed.from?.text ?? "";
  const html = typeof parsed.html === "string" ? parsed.html : null;
  return {
    recipient,
    messageId: parsed.messageId,
    from: toStorableText(from, 500),
    subject: toStorableText(parsed.subject ?? "", 1000),
    text: toStorableText(parsed.text ?? "", 200_000),
    html: html === null ? null : toStorableText(html, 500_000),
    size: raw.length,
    raw,
  };
}

/**
 * The built-in SMTP receiver, for an MX record or a forwarding rule pointed at it: mail for an
 * address that is no customer's campaign address is refused at RCPT (550), a message over
 * AUTOBOLT_MAIL_MAX_BYTES at DATA (552). No AUTH and no relaying: it only takes mail for us.
 */
export async function startSmtpReceiver(
  services: Services,
  port: number,
  host: string,
): Promise<MailReceiver> {
  const { inbox } = services.config;
  const server = new SMTPServer({
    name: inbox.domain,
    banner: "AutoBolt campaign inbox",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: inbox.maxBytes,
    logger: false,
    async onRcptTo(address, _session, callback) {
      try {
        const local = campaignLocalOf(address.address, inbox.domain);
        const customer = local ? await findCustomerByCampaignLocal(services.database.db, local) : undefined;
        if (!customer) return callback(smtpError(`No campaign mailbox ${address.address} here`, 550));
        callback();
      } catch (error) {
        services.log.error({ err: error }, "campaign mail recipient check failed");
        callback(smtpError("Try again later", 451));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      // Past the limit the rest is read and dropped: an oversized mail never sits in memory.
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= inbox.maxBytes) chunks.push(chunk);
      });
      stream.on("end", () => {
        if (bytes > inbox.maxBytes || (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded)
          return callback(smtpError(`Message larger than ${inbox.maxBytes} bytes`, 552));
        const raw = Buffer.concat(chunks);
        (async () => {
          for (const rcpt of session.envelope.rcptTo)
            await receiveMail(services, await parseMail(raw, rcpt.address));
        })().then(
          () => callback(),
          (error) => {
            services.log.error({ err: error }, "campaign mail could not be stored");
            callback(smtpError("Could not store the message; try again later", 451));
          },
        );
      });
    },
  });
  server.on("error", (error) => services.log.error({ err: error }, "SMTP receiver error"));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  services.log.info({ port: address.port }, "campaign inbox receiving mail over SMTP");
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
