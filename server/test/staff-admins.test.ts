import { createStaffUser, schema } from "@autobolt/db";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createCaller } from "../src/root.ts";
import { createInnerContext } from "../src/trpc.ts";
import { rejection, setupServices } from "./support.ts";

let env: Awaited<ReturnType<typeof setupServices>>;
beforeAll(async () => {
  env = await setupServices();
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.database.truncate();
});

async function account(email: string, role: "admin" | "staff") {
  return createStaffUser(env.database.db, { email, name: email, role, passwordHash: "not-used-here" });
}

/** A caller signed in as this account, as the session middleware would build it. */
function as(user: Awaited<ReturnType<typeof account>>) {
  return createCaller(createInnerContext(env.services, { user: { ...user } }));
}

async function activeAdmins() {
  const [row] = await env.database.db
    .select({ n: count() })
    .from(schema.staffUsers)
    .where(and(eq(schema.staffUsers.role, "admin"), eq(schema.staffUsers.active, true)));
  return row?.n;
}

describe("[STAFF]: the last active admin", () => {
  test("cannot deactivate or demote themselves", async () => {
    const ada = await account("ada@example.test", "admin");
    for (const call of [
      () => as(ada).staff.setActive({ id: ada.id, active: false }),
      () => as(ada).staff.update({ id: ada.id, active: false }),
      () => as(ada).staff.update({ id: ada.id, role: "staff" }),
    ]) {
      const error = await rejection(call());
      expect(error).toMatchObject({ code: "CONFLICT", appCode: "LAST_ADMIN" });
      expect(error.message).toMatch(/last active admin/);
    }
    expect(await activeAdmins()).toBe(1);
  });

  test("cannot be deactivated or demoted by another, even when inactive admins exist", async () => {
    const ada = await account("ada@example.test", "admin");
    const bob = await account("bob@example.test", "admin");
    await as(ada).staff.update({ id: bob.id, active: false });
    // Bob, deactivated, is no admin anyone can sign in as: Ada is the last active one.
    expect(await rejection(as(bob).staff.setActive({ id: ada.id, active: false }))).toMatchObject({
      appCode: "LAST_ADMIN",
    });
    expect(await rejection(as(bob).staff.update({ id: ada.id, role: "staff" }))).toMatchObject({
      appCode: "LAST_ADMIN",
    });
    expect(await activeAdmins()).toBe(1);
  });

  test("with two admins one may demote the other, and a staff account can always be changed", async () => {
    const ada = await account("ada@example.test", "admin");
    const bob = await account("bob@example.test", "admin");
    const sam = await account("sam@example.test", "staff");
    expect(await as(ada).staff.update({ id: bob.id, role: "staff" })).toMatchObject({ role: "staff" });
    expect(await as(ada).staff.setActive({ id: sam.id, active: false })).toMatchObject({ active: false });
    expect(await as(ada).staff.update({ id: sam.id, role: "admin", active: true })).toMatchObject({
      role: "admin",
      active: true,
    });
    // Sam is now an active admin, so Ada may step down.
    expect(await as(ada).staff.update({ id: ada.id, role: "staff" })).toMatchObject({ role: "staff" });
    expect(await activeAdmins()).toBe(1);
  });

  test("two admins demoting each other at once: exactly one succeeds, every time", async () => {
    for (let round = 0; round < 10; round++) {
      await env.database.truncate();
      const ada = await account("ada@example.test", "admin");
      const bob = await account("bob@example.test", "admin");
      const outcomes = await Promise.allSettled([
        round % 2 === 0
          ? as(ada).staff.update({ id: bob.id, role: "staff" })
          : as(ada).staff.setActive({ id: bob.id, active: false }),
        as(bob).staff.update({ id: ada.id, role: "staff" }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === "rejected");
      expect(await rejection(Promise.reject(refused?.reason))).toMatchObject({ appCode: "LAST_ADMIN" });
      expect(await activeAdmins()).toBe(1);
    }
  });

  test("an unknown account is NOT_FOUND; an empty change is a bad request", async () => {
    const ada = await account("ada@example.test", "admin");
    expect(
      await rejection(as(ada).staff.update({ id: "00000000-0000-4000-8000-00000000dead", role: "staff" })),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(as(ada).staff.update({ id: ada.id }))).toMatchObject({ code: "BAD_REQUEST" });
  });
});
