import type { AddressInfo } from "node:net";
import { rowsOf, sweepAwaitingEmail, upsertDirectories } from "@autobolt/db";
import { sql } from "drizzle-orm";
import hoodiecrow, { type Hoodiecrow } from "hoodiecrow-imap";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { callerAs, customer, directory, rejection, setupServer, startPeerServer } from "./support.ts";

const SECRET = "8f".repeat(32);
const DOMAIN = "inbox.test";
const inboxSettings = {
  AUTOBOLT_INBOX_DOMAIN: DOMAIN,
  AUTOBOLT_SMTP_PORT: "0",
  AUTOBOLT_SECRET_KEY: SECRET,
  AUTOBOLT_MAIL_MAX_BYTES: "50000",
};

let imap: Hoodiecrow;
let env: Awaited<ReturnType<typeof setupServer>>;
beforeAll(async () => {
  // A real IMAP server (hoodiecrow-imap, from the npm registry) holding the agency's catch-all.
  imap = hoodiecrow({
    plugins: ["ID", "UNSELECT", "ENABLE", "SPECIAL-USE", "LITERALPLUS", "UIDPLUS"],
    users: { agency: { password: "imap-secret" } },
    storage: { INBOX: { messages: [] } },
  });
  await new Promise<void>((resolve) => imap.listen(0, "127.0.0.1", () => resolve()));
  env = await setupServer(inboxSettings);
});
afterAll(async () => {
  await env.close();
  await new Promise<void>((resolve) => imap.close(() => resolve()));
});
beforeEach(async () => {
  await env.database.truncate({ keepStaff: true });
  await upsertDirectories(env.server.services.database.db, [
    directory(1),
    directory(2),
    directory(3, { formEmail: "customer" }),
  ]);
});

const staff = () => callerAs(env.server.services, "staff");
const worker = () => callerAs(env.server.services, "worker");

function smtpPort(server = env.server): number {
  if (server.smtpPort === undefined) throw new Error("the SMTP receiver should be on");
  return server.smtpPort;
}

async function sendMail(
  port: number,
  mail: { to: string; from: string; subject: string; text: string; html?: string; messageId?: string },
) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}

const confirmationMail = (
  to: string,
  messageId = `<${Math.random().toString(36).slice(2)}@dir1.example.test>`,
) => ({
  to,
  from: "Directory 1 <listings@mail.dir1.example.test>",
  subject: "Confirm your listing",
  messageId,
  text: "Thanks!\nConfirm your listing: https://dir1.example.test/confirm?token=abc123\nUnsubscribe: https://dir1.example.test/unsubscribe",
  html: '<p>Thanks!</p><p><a href="https://dir1.example.test/confirm?token=abc123">Confirm my listing</a></p><a href="https://dir1.example.test/unsubscribe">Unsubscribe</a><script>alert(1)</script>',
});

/** A job planned on the three directories, the worker's claim, and dir-001 answered "check your email". */
async function awaitingEmail() {
  const created = await staff().customers.create({ customer, package: { size: 3 } });
  const claim = await worker().autobolt.jobs.next({ workerId: "w1" });
  if (!claim.job) throw new Error("expected a job");
  const lease = { jobId: claim.job.id, leaseToken: claim.job.leaseToken };
  await worker().autobolt.jobs.update({
    ...lease,
    results: [
      {
        directoryId: "dir-001",
        status: "failed",
        reason: "email_verification",
        errorMessage: "Check your email",
      },
    ],
  });
  const detail = await staff().customers.byId({ id: created.customer.id });
  if (!detail.campaignAddress) throw new Error("expected a campaign address");
  return { created, claim, lease, address: detail.campaignAddress };
}

const resultOf = async (jobId: string, directoryId: string) => {
  const detail = await staff().jobs.byId({ id: jobId });
  const result = detail.results.find((r) => r.directoryId === directoryId);
  if (!result) throw new Error(`no result for ${directoryId}`);
  return { result, events: detail.events };
};

describe("[CAMPAIGN ADDRESS]", () => {
  test("directories that take it get the customer's unguessable campaign address; the others their own", async () => {
    const { claim, address } = await awaitingEmail();
    expect(address).toMatch(/^[a-z0-9-]{12,}@inbox\.test$/);
    const byId = new Map(claim.directories.map((d) => [d.id, d.formEmail]));
    expect(byId.get("dir-001")).toBe(address);
    expect(byId.get("dir-003")).toBe(customer.email);
    // A second customer never shares an address.
    await staff().customers.create({
      customer: {
        ...customer,
        email: "other@example.test",
        phone: "+1 503 555 0199",
        website: "https://other.example.test",
      },
      package: { size: 1 },
    });
    const list = await staff().customers.list({});
    const addresses = await Promise.all(list.items.map((c) => staff().customers.byId({ id: c.id })));
    expect(new Set(addresses.map((c) => c.campaignAddress)).size).toBe(2);
  });

  test("a 'check your email' answer on a campaign directory is submitted, waiting for its mail", async () => {
    const { created } = await awaitingEmail();
    const { result } = await resultOf(created.job.id, "dir-001");
    expect(result).toMatchObject({ status: "submitted", confirmation: "awaiting_email", reason: null });
    expect(result.awaitingEmailSince).not.toBeNull();
  });
});

describe("[SMTP]: mail in over real SMTP, matched and followed once", () => {
  test("a confirmation mail is stored, matched to its result, and a worker follows its link once → confirmed", async () => {
    const { created, address } = await awaitingEmail();
    await sendMail(smtpPort(), confirmationMail(address));
    const [message] = await staff().inbox.messages({ customerId: created.customer.id });
    expect(message).toMatchObject({
      directoryName: "Directory 1",
      link: "https://dir1.example.test/confirm?token=abc123",
      followUpStatus: "pending",
      subject: "Confirm your listing",
    });
    // Staff get the text, never the HTML a directory sent.
    expect(message).not.toHaveProperty("htmlBody");
    expect(JSON.stringify(message)).not.toContain("<script>");

    const task = (await worker().autobolt.followUps.next({ workerId: "w1" })).followUp;
    expect(task).toMatchObject({
      link: "https://dir1.example.test/confirm?token=abc123",
      formEmail: address,
    });
    if (!task) throw new Error("expected a follow-up");
    expect((await worker().autobolt.followUps.next({ workerId: "w2" })).followUp).toBeNull();
    await worker().autobolt.followUps.heartbeat({ followUpId: task.id, leaseToken: task.leaseToken });
    expect(
      await worker().autobolt.followUps.report({
        followUpId: task.id,
        leaseToken: task.leaseToken,
        outcome: "confirmed",
        finalUrl: "https://dir1.example.test/confirm?token=abc123",
      }),
    ).toEqual({ status: "done" });
    // The same lease cannot report twice.
    expect(
      await rejection(
        worker().autobolt.followUps.report({
          followUpId: task.id,
          leaseToken: task.leaseToken,
          outcome: "confirmed",
        }),
      ),
    ).toMatchObject({ code: "CONFLICT" });
    const { result, events } = await resultOf(created.job.id, "dir-001");
    expect(result).toMatchObject({ status: "submitted", confirmation: "confirmed" });
    expect(result.confirmedAt).not.toBeNull();
    expect(events.some((e) => e.type === "email_confirmed" && e.actor === "worker:w1")).toBe(true);
  });

  test("a mail sent through a mailing service (its domain, its click-tracking links) is matched by the directory's name", async () => {
    const { created, address } = await awaitingEmail();
    const tracked = "https://u4417.ct.sendgrid.net/ls/click?upn=K9x-2FqZ";
    await sendMail(smtpPort(), {
      to: address,
      from: "Listings <bounces+4417@em.sendgrid.net>",
      subject: "One more step for your Directory 1 listing",
      text: `Confirm my listing: ${tracked}
View in browser: https://u4417.ct.sendgrid.net/ls/click?upn=Vw3`,
      html: `<a href="${tracked}">Confirm my listing</a> <a href="https://u4417.ct.sendgrid.net/ls/click?upn=Vw3">View in browser</a>`,
    });
    const [message] = await staff().inbox.messages({ customerId: created.customer.id });
    expect(message).toMatchObject({ directoryName: "Directory 1", link: tracked, followUpStatus: "pending" });
    const task = (await worker().autobolt.followUps.next({ workerId: "w1" })).followUp;
    expect(task).toMatchObject({ link: tracked, directory: { id: "dir-001" } });
  });

  test("mail for an unknown address is refused at RCPT (550), an oversized one at DATA (552)", async () => {
    const { address } = await awaitingEmail();
    await expect(sendMail(smtpPort(), confirmationMail(`nobody-here@${DOMAIN}`))).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(sendMail(smtpPort(), confirmationMail("someone@elsewhere.test"))).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(
      sendMail(smtpPort(), { ...confirmationMail(address), text: "x".repeat(80_000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
  });

  test("two servers receiving the same mail store it once and queue one follow-up", async () => {
    const { created, address } = await awaitingEmail();
    const peer = await startPeerServer(env.database, inboxSettings);
    try {
      const mail = confirmationMail(address, "<same-message@dir1.example.test>");
      await Promise.all([
        sendMail(smtpPort(), mail),
        sendMail(smtpPort(peer), mail),
        sendMail(smtpPort(peer), mail),
      ]);
      expect(await staff().inbox.messages({ customerId: created.customer.id })).toHaveLength(1);
      const peerWorker = callerAs(peer.services, "worker");
      const claims = await Promise.all([
        worker().autobolt.followUps.next({ workerId: "w1" }),
        peerWorker.autobolt.followUps.next({ workerId: "w2" }),
      ]);
      expect(claims.filter((c) => c.followUp !== null)).toHaveLength(1);
      // A second, different mail for the same result while one is open queues nothing more.
      await sendMail(smtpPort(peer), confirmationMail(address, "<another@dir1.example.test>"));
      expect((await worker().autobolt.followUps.next({ workerId: "w3" })).followUp).toBeNull();
    } finally {
      await peer.close();
    }
  });
});

describe("[NEEDS A PERSON]: a link that fails, or no mail in time", () => {
  test("an expired link makes the result a failure with the mail beside it", async () => {
    const { created, address } = await awaitingEmail();
    await sendMail(smtpPort(), confirmationMail(address));
    const task = (await worker().autobolt.followUps.next({ workerId: "w1" })).followUp;
    if (!task) throw new Error("expected a follow-up");
    await worker().autobolt.followUps.report({
      followUpId: task.id,
      leaseToken: task.leaseToken,
      outcome: "link_failed",
      errorMessage: "The site said: This confirmation link has expired.",
    });
    const { result, events } = await resultOf(created.job.id, "dir-001");
    expect(result).toMatchObject({
      status: "failed",
      reason: "email_verification",
      confirmation: "link_failed",
    });
    expect(result.errorMessage).toContain("expired");
    expect(events.some((e) => e.type === "email_link_failed")).toBe(true);
    const [message] = await staff().inbox.messages({ jobId: created.job.id });
    expect(message).toMatchObject({ resultId: result.id, followUpOutcome: "link_failed" });
    expect(message?.textBody).toContain("Confirm your listing");
    // Needs attention carries the mail beside the failure.
    const attention = await staff().results.needsAttention({});
    expect(attention.items.find((i) => i.id === result.id)?.mail).toMatchObject({
      subject: "Confirm your listing",
      link: "https://dir1.example.test/confirm?token=abc123",
    });
  });

  test("a site that stays down is tried again, then given to a person", async () => {
    const { created, address } = await awaitingEmail();
    await sendMail(smtpPort(), confirmationMail(address));
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) {
      const task = (await worker().autobolt.followUps.next({ workerId: "w1" })).followUp;
      if (!task) throw new Error(`expected a follow-up on attempt ${i + 1}`);
      const answer = await worker().autobolt.followUps.report({
        followUpId: task.id,
        leaseToken: task.leaseToken,
        outcome: "retry",
        errorMessage: "HTTP 503",
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual(["requeued", "requeued", "failed"]);
    expect((await resultOf(created.job.id, "dir-001")).result).toMatchObject({
      status: "failed",
      confirmation: "link_failed",
    });
  });

  test("no mail within the wait: a failure for a person, reason email_verification", async () => {
    const { created } = await awaitingEmail();
    const db = env.server.services.database.db;
    expect(await sweepAwaitingEmail(db, 60)).toHaveLength(0);
    await db.execute(
      sql`update job_results set awaiting_email_since = now() - interval '2 hours' where confirmation = 'awaiting_email'`,
    );
    expect(await sweepAwaitingEmail(db, 60)).toHaveLength(1);
    expect((await resultOf(created.job.id, "dir-001")).result).toMatchObject({
      status: "failed",
      reason: "email_verification",
      confirmation: "no_mail",
    });
  });
});

describe("[ACCOUNTS]: a directory account kept only encrypted", () => {
  test("stored sealed, opened for the worker's follow-up, revealed to staff only with an event", async () => {
    await staff().customers.create({ customer, package: { size: 3 } });
    const claim = await worker().autobolt.jobs.next({ workerId: "w1" });
    if (!claim.job) throw new Error("expected a job");
    const address = claim.directories.find((d) => d.id === "dir-002")?.formEmail ?? "";
    const password = "Xq9!correct-Horse-Battery-71";
    await worker().autobolt.jobs.update({
      jobId: claim.job.id,
      leaseToken: claim.job.leaseToken,
      results: [
        {
          directoryId: "dir-002",
          status: "failed",
          reason: "email_verification",
          account: { email: address, password },
        },
      ],
    });
    const stored = rowsOf(
      await env.server.services.database.db.execute(
        sql`select email, password_cipher, password_iv, password_tag from directory_accounts`,
      ),
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(password);

    const { result } = await resultOf(claim.job.id, "dir-002");
    expect(result).toMatchObject({ status: "submitted", confirmation: "awaiting_email" });
    const account = await staff().inbox.account({ resultId: result.id });
    expect(account).toMatchObject({ email: address, handedOver: null });
    expect(JSON.stringify(account)).not.toContain(password);
    if (!account) throw new Error("expected an account");

    // The follow-up gets the password for its lease, to sign in after confirming.
    await sendMail(smtpPort(), {
      ...confirmationMail(address),
      from: "Directory 2 <hello@dir2.example.test>",
      text: "Activate your account: https://dir2.example.test/activate?k=9",
      html: undefined,
    });
    const task = (await worker().autobolt.followUps.next({ workerId: "w1" })).followUp;
    expect(task).toMatchObject({
      link: "https://dir2.example.test/activate?k=9",
      account: { email: address, password },
    });

    const revealed = await staff().inbox.reveal({ accountId: account.id });
    expect(revealed.password).toBe(password);
    const { events } = await resultOf(claim.job.id, "dir-002");
    expect(events.find((e) => e.type === "account_revealed")).toMatchObject({
      actor: expect.stringMatching(/^staff:/),
    });
    expect(await staff().inbox.handOver({ accountId: account.id, handOver: true })).toMatchObject({
      handedOver: expect.any(Date),
    });
    // Handed over, the login is on the customer's report page; taken back, it is gone.
    const link = await staff().reports.createLink({ jobId: claim.job.id });
    const reportText = async () => (await fetch(`${env.server.url}${link.path}`)).text();
    const withLogin = await reportText();
    expect(withLogin).toContain("Your directory logins");
    expect(withLogin).toContain(password);
    await staff().inbox.handOver({ accountId: account.id, handOver: false });
    expect(await reportText()).not.toContain(password);
    // The job page shows the account (never its password) on its result.
    const detail = await staff().jobs.byId({ id: claim.job.id });
    expect(detail.results.find((r) => r.directoryId === "dir-002")?.account).toMatchObject({
      email: address,
    });
    expect(detail.results.find((r) => r.directoryId === "dir-001")?.account).toBeNull();
    expect(JSON.stringify(detail)).not.toContain(password);
  });

  test("without the inbox no key exists: reveal refuses clearly; staff input is checked", async () => {
    const plain = await setupServer({}, undefined);
    try {
      const caller = callerAs(plain.server.services, "staff");
      expect(await rejection(caller.inbox.reveal({ accountId: crypto.randomUUID() }))).toMatchObject({
        code: "PRECONDITION_FAILED",
      });
      expect(await caller.inbox.status()).toMatchObject({ enabled: false });
      expect(await rejection(caller.inbox.messages({}))).toMatchObject({ code: "BAD_REQUEST" });
    } finally {
      await plain.close();
    }
  });
});

describe("[IMAP]: mail polled from an existing mailbox", () => {
  test("unseen mail to a campaign address is received once, however often and by however many servers it is polled", async () => {
    const { created, address } = await awaitingEmail();
    const port = (imap.server.address() as AddressInfo).port;
    const { AUTOBOLT_SMTP_PORT: _smtp, ...noSmtp } = inboxSettings;
    const imapSettings = {
      ...noSmtp,
      AUTOBOLT_IMAP_URL: `imap://agency:imap-secret@127.0.0.1:${port}/INBOX`,
      AUTOBOLT_IMAP_POLL_SECONDS: "3600",
    };
    const raw = (to: string, id: string) =>
      [
        "From: Directory 1 <listings@dir1.example.test>",
        `To: ${to}`,
        `Message-ID: <${id}@dir1.example.test>`,
        "Subject: Please verify your listing",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Verify your listing: https://dir1.example.test/verify/77",
        "",
      ].join("\r\n");
    imap.appendMessage("INBOX", [], new Date(), raw(address, "imap-1"));
    imap.appendMessage("INBOX", [], new Date(), raw("someone@other-domain.test", "imap-2"));
    const first = await startPeerServer(env.database, imapSettings);
    const second = await startPeerServer(env.database, imapSettings);
    try {
      if (!first.imap || !second.imap) throw new Error("the IMAP poller should be on");
      const handled = await Promise.all([first.imap.pollOnce(), second.imap.pollOnce()]);
      // The other domain's mail is left alone; ours is handed over (by one poller, or both: stored once).
      expect(handled.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      expect(await first.imap.pollOnce()).toBe(0);
      const messages = await staff().inbox.messages({ customerId: created.customer.id });
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        link: "https://dir1.example.test/verify/77",
        followUpStatus: "pending",
      });
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
