import nodemailer from "nodemailer";
import {
  adminCookie,
  cancelPendingJobs,
  claimJob,
  createCustomer,
  followUpPost,
  stackUrl,
  trpcCall,
  workerPost,
} from "../support/api.ts";
import { expect, snapshot, test } from "../support/fixtures.ts";

// The campaign inbox as staff meet it: the customer's campaign address and mail, a result waiting
// for its email then confirmed, and a directory account whose password is revealed only on request
// (and logged).

async function mail(to: string, from: string, subject: string, text: string) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: Number(process.env.AUTOBOLT_E2E_SMTP_PORT),
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({ to, from, subject, text });
  } finally {
    transport.close();
  }
}

test("[INBOX]: a confirmation mail is followed, the result confirmed; an account is revealed only on request", async ({
  signedIn: page,
}) => {
  await cancelPendingJobs();
  // Every active directory, so the two that mail (email-verify, sign-up) are planned.
  const { job, customer } = await createCustomer("Juniper Yoga Studio", {
    package: { size: 500 },
    allowPartial: true,
  });
  const claim = await claimJob(job.id);
  const planned = claim.directories as Array<{
    id: string;
    name: string;
    formEmail: string;
    submissionUrl: string;
  }>;
  const verify = planned.find((d) => d.id === "email-verify");
  const signUp = planned.find((d) => d.id === "sign-up");
  if (!verify || !signUp) throw new Error("the package should plan the two mailing directories");
  const address = verify.formEmail;
  expect(address).toMatch(/@inbox\.e2e\.test$/);
  await workerPost("update", {
    jobId: job.id,
    leaseToken: claim.job.leaseToken,
    results: [
      {
        directoryId: verify.id,
        status: "failed",
        reason: "email_verification",
        errorMessage: "Check your email",
      },
      {
        directoryId: signUp.id,
        status: "failed",
        reason: "email_verification",
        errorMessage: "Activate your account",
        account: { email: address, password: "Tq7!marble-Orchard-Lamp-22" },
      },
    ],
  });

  // The directory mails the campaign address; a worker follows the link and the page confirmed.
  const confirmUrl = `${new URL(verify.submissionUrl).origin}/email-verify/confirm?token=e2e`;
  await mail(
    address,
    "Verified Local <listings@verified-local.example>",
    "Confirm your listing",
    `Confirm your listing: ${confirmUrl}`,
  );
  const claimed = await followUpPost("next", { workerId: "e2e-driver" });
  expect(claimed?.followUp?.link).toBe(confirmUrl);
  if (!claimed?.followUp) throw new Error("expected a follow-up");
  await followUpPost("report", {
    followUpId: claimed.followUp.id,
    leaseToken: claimed.followUp.leaseToken,
    outcome: "confirmed",
    finalUrl: confirmUrl,
  });

  await page.goto(`/jobs/${job.id}`);
  const row = (id: string) => page.getByRole("row").filter({ has: page.getByText(id, { exact: true }) });
  await expect(row(verify.id)).toContainText("Confirmed by email");
  await expect(row(signUp.id)).toContainText("Waiting for email since");
  await expect(row(signUp.id)).toContainText(address);
  await expect(row(signUp.id)).not.toContainText("Tq7!marble-Orchard-Lamp-22");
  await row(signUp.id)
    .getByRole("button", { name: /Reveal the password/ })
    .click();
  await expect(row(signUp.id)).toContainText("Tq7!marble-Orchard-Lamp-22");
  await row(signUp.id).getByLabel("In the customer's report").check();
  await expect(row(signUp.id).getByLabel("In the customer's report")).toBeChecked();
  const log = page
    .getByRole("region", { name: "Event log" })
    .or(page.locator("section", { has: page.getByRole("heading", { name: "Event log" }) }));
  await expect(log.first()).toContainText("Account password revealed");
  await expect(log.first()).toContainText("Confirmed by email");
  await snapshot(page, "job-inbox");

  // The customer's page: the campaign address and the mail, as text, with what became of its link.
  await page.goto(`/customers/${customer.id}`);
  const inbox = page.locator("section", { has: page.getByRole("heading", { name: "Inbox" }) });
  await expect(inbox).toContainText(address);
  await expect(inbox).toContainText("Confirm your listing");
  await expect(inbox).toContainText("Link followed: confirmed");
  await inbox.getByText("Confirm your listing").first().click();
  await expect(inbox.locator("pre")).toContainText(confirmUrl);
  await snapshot(page, "customer-inbox");
  // The job's other 80 directories were never worked: cancel it, or its lease running out would
  // put it before the next test's job in the real worker's queue.
  await trpcCall(stackUrl(), "jobs.cancel", { id: job.id }, adminCookie());
});
