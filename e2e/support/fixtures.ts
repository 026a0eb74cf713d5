import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Page } from "@playwright/test";
import { ADMIN, stackUrl } from "./api.ts";

const artifacts = fileURLToPath(new URL("../artifacts/", import.meta.url));

export const test = base.extend<{ signedIn: Page }>({
  // The stack's port is only known once global setup has run, so baseURL comes from it.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  baseURL: async ({}, use) => use(stackUrl()),
  signedIn: async ({ page }, use) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Queue", level: 1 })).toBeVisible();
    await use(page);
  },
});

export { expect };

export async function signIn(page: Page) {
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Full-page screenshots for a person to look at (e2e/artifacts is gitignored). */
export async function snapshot(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true });
  const width = page.viewportSize()?.width ?? 1280;
  await page.screenshot({ path: `${artifacts}${name}-${width}.png`, fullPage: true });
}
