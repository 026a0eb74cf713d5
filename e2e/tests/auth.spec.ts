import { expect, signIn, snapshot, test } from "../support/fixtures.ts";

// These start without the admin session the other tests share.
test.use({ storageState: { cookies: [], origins: [] } });

test("[AUTH]: a direct link without a session shows sign-in, then that page after signing in", async ({
  page,
}) => {
  await page.goto("/directories");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await snapshot(page, "sign-in");
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Directories", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/directories$/);
});

test("[AUTH]: a wrong password is refused in words", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Email").fill("admin@e2e.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("do not match an account");
});

test("[AUTH]: the API refuses a call without a session", async ({ request }) => {
  const response = await request.get("/trpc/jobs.list?input=%7B%7D");
  expect(response.status()).toBe(401);
});

test("[AUTH]: signing out returns to sign-in, and an expired session asks again in place", async ({
  page,
  context,
}) => {
  await page.goto("/");
  await signIn(page);
  await page.getByRole("link", { name: "Workers" }).click();
  await expect(page.getByRole("heading", { name: "Workers", level: 1 })).toBeVisible();
  // The session disappears behind the console's back, as when it expires.
  await context.clearCookies();
  // The next call finds the session gone: this click's, or the live stream's if it reconnects
  // first (then sign-in is already showing and the link is gone).
  await page
    .getByRole("link", { name: "Overview" })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const address = new URL(page.url()).pathname;
  await signIn(page);
  // Back on the same address, in place: no reload, nothing typed again.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    address === "/overview" ? "Overview" : "Workers",
  );
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});
