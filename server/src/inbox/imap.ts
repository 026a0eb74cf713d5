import { ImapFlow } from "imapflow";
import type { Services } from "../trpc.ts";
import { campaignLocalOf, receiveMail } from "./receive.ts";
import { parseMail } from "./smtp.ts";

export interface MailPoller {
  /** One pass over the mailbox's unseen mail; answers how many messages it handed to the inbox. */
  pollOnce(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Fetch mail from an existing mailbox (AUTOBOLT_IMAP_URL), for an agency whose catch-all lives
 * with a mail provider: every unseen message addressed to a campaign address is received like SMTP
 * mail, then flagged seen. Several servers may poll the same mailbox: the inbox stores a message
 * once by its Message-ID, so a mail two of them fetch is followed once.
 */
export function startImapPoller(services: Services, imapUrl: string): MailPoller {
  const url = new URL(imapUrl);
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, "")) || "INBOX";
  const secure = url.protocol === "imaps:";
  const domain = services.config.inbox.domain;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function pass(): Promise<number> {
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port) || (secure ? 993 : 143),
      secure,
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
      // A test server on loopback has no certificate worth checking; a real provider does.
      tls: { rejectUnauthorized: url.hostname !== "127.0.0.1" && url.hostname !== "localhost" },
    });
    await client.connect();
    let handled = 0;
    try {
      const lock = await client.getMailboxLock(mailbox);
      try {
        const unseen = (await client.search({ seen: false }, { uid: true })) || [];
        for (const uid of unseen) {
          const message = await client.fetchOne(String(uid), { source: true, envelope: true }, { uid: true });
          if (!message || !message.source) continue;
          const recipients = [...(message.envelope?.to ?? []), ...(message.envelope?.cc ?? [])]
            .map((a) => a.address ?? "")
            .filter((a) => campaignLocalOf(a, domain) !== undefined);
          for (const recipient of recipients) {
            await receiveMail(services, await parseMail(message.source, recipient));
            handled += 1;
          }
          await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => {});
    }
    return handled;
  }

  const pollOnce = () => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (stopped) return;
    pollOnce().catch((error) => services.log.warn({ err: error }, "IMAP poll failed; trying again later"));
  }, services.config.inbox.imapPollSeconds * 1000);
  return {
    pollOnce,
    async close() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
