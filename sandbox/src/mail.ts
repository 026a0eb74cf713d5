import nodemailer from "nodemailer";

/** Where the practice sites send their mail: an SMTP server that takes it (the campaign inbox). */
export interface MailTarget {
  host: string;
  port: number;
}

export interface SentMail {
  site: string;
  to: string;
  subject: string;
  sentAt: string;
  /** `sent` once the SMTP server took it; `refused` with its answer; `no_target` with no server set. */
  delivery: "pending" | "sent" | "refused" | "no_target";
  error?: string;
}

export interface Outgoing {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * The practice sites' outgoing mail, over real SMTP like a directory's own mailer: plain SMTP, no
 * TLS (a local receiver), one connection per mail. Every mail is kept for tests, delivered or not.
 */
export class Mailer {
  private target: MailTarget | undefined;
  private readonly sent: SentMail[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  setTarget(target: MailTarget | undefined): void {
    this.target = target;
  }

  send(site: string, mail: Outgoing): void {
    const record: SentMail = {
      site,
      to: mail.to,
      subject: mail.subject,
      sentAt: new Date().toISOString(),
      delivery: this.target ? "pending" : "no_target",
    };
    this.sent.push(record);
    const target = this.target;
    if (!target) return;
    const transport = nodemailer.createTransport({
      host: target.host,
      port: target.port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 10_000,
    });
    const delivery = transport
      .sendMail(mail)
      .then(
        () => {
          record.delivery = "sent";
        },
        (error: unknown) => {
          record.delivery = "refused";
          record.error = (error as Error).message;
        },
      )
      .finally(() => {
        transport.close();
        this.inFlight.delete(delivery);
      });
    this.inFlight.add(delivery);
  }

  outbox(site?: string): SentMail[] {
    return this.sent.filter((m) => site === undefined || m.site === site);
  }

  /** Resolves once every mail sent so far was delivered or refused. */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  reset(): void {
    this.sent.length = 0;
  }
}
