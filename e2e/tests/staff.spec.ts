import { expect, snapshot, test } from "../support/fixtures.ts";

// Admins manage who can sign in; everyone can change their own password; a deactivated account
// is out at once, even in a tab left open.

test("[STAFF]: an admin creates a staff account; that person signs in, sees no admin pages, changes their password, and is signed out when deactivated", async ({
  signedIn: page,
  browser,
  baseURL,
}) => {
  const email = `casey.${Date.now()}@e2e.test`;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { name: "Staff accounts", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "New staff account" });
  await form.getByLabel("Name").fill("Casey Staff");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("First password").fill("password");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(form.getByText(/at least 10 characters|too common|common/i).first()).toBeVisible();
  await form.getByLabel("First password").fill("first password for casey 42");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(form.getByText(`${email} can sign in now.`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Never");
  await snapshot(page, "staff-accounts");

  // Casey, in a browser of their own.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
  const casey = await context.newPage();
  await casey.goto("/");
  await expect(casey.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await casey.getByLabel("Email").fill(email);
  await casey.getByLabel("Password").fill("first password for casey 42");
  await casey.getByRole("button", { name: "Sign in" }).click();
  await expect(casey.getByRole("heading", { name: "Queue", level: 1 })).toBeVisible();
  await expect(
    casey.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" }),
  ).toHaveCount(0);
  await casey.goto("/staff");
  await expect(casey.getByText("Only an admin can manage staff accounts.")).toBeVisible();

  await casey.getByRole("link", { name: /Casey Staff/ }).click();
  await expect(casey.getByRole("heading", { name: "My account", level: 1 })).toBeVisible();
  await casey.getByLabel("Current password").fill("first password for casey 42");
  await casey.getByLabel("New password", { exact: true }).fill("second password for casey 43");
  await casey.getByLabel("New password again").fill("second password for casey 43");
  await casey.getByRole("button", { name: "Change password" }).click();
  await expect(casey.getByText("Your password is changed.")).toBeVisible();
  await snapshot(casey, "my-account");
  await casey.goto("/");
  await expect(casey.getByRole("heading", { name: "Queue", level: 1 })).toBeVisible();

  // The admin deactivates Casey: Casey's open tab loses its live stream and lands on sign-in.
  await row.getByRole("button", { name: "Deactivate Casey Staff" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByRole("button", { name: "Reactivate Casey Staff" })).toBeVisible();
  await expect(casey.getByRole("heading", { name: "Sign in" })).toBeVisible({ timeout: 15_000 });
  // The new password was the one that counted, and now it does not let them in either.
  await casey.getByLabel("Email").fill(email);
  await casey.getByLabel("Password").fill("second password for casey 43");
  await casey.getByRole("button", { name: "Sign in" }).click();
  await expect(casey.getByText(/do not match/)).toBeVisible();
  await context.close();
});
