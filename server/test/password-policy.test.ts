import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { createServices } from "../src/app.ts";
import { createCaller } from "../src/root.ts";
import { createInnerContext } from "../src/trpc.ts";
import { ADMIN, callerAs, setupServices, testConfig } from "./support.ts";

let env: Awaited<ReturnType<typeof setupServices>>;
beforeAll(async () => {
  env = await setupServices();
});
afterAll(async () => {
  await env.close();
});
beforeEach(async () => {
  await env.database.truncate({ keepStaff: true });
});

/** The message zod gave for the password field of a refused call. */
async function passwordRefusal(call: Promise<unknown>, field = "password"): Promise<string> {
  const error = await call.then(
    () => {
      throw new Error("expected the password to be refused");
    },
    (e: { code?: string; cause?: unknown }) => e,
  );
  expect(error.code).toBe("BAD_REQUEST");
  expect(error.cause).toBeInstanceOf(ZodError);
  const issues = (error.cause as ZodError).issues.filter((i) => i.path[0] === field);
  expect(issues).toHaveLength(1);
  return issues[0]?.message as string;
}

const createStaff = (password: string) =>
  callerAs(env.services, "admin").staff.create({ email: "sam@example.test", name: "Sam", password });

describe("[AUTH]: password policy", () => {
  test.each([
    ["", "not blank"],
    ["          ", "not only spaces"],
    ["\t \n \t \n \t ", "not only spaces"],
    ["aaaaaaaaaa", "no repeated characters"],
    ["\u0000".repeat(10), "no repeated characters"],
    ["abababababababab", "no repeated characters"],
    ["x7\u0000Qz!9kLm2p", "no control characters"],
    ["Qz!9kLm", "at least 10 characters"],
    ["password123", "not a common password"],
    ["qwertyuiop", "not a common password"],
    ["1234567890", "not a common password"],
    ["P@ssw0rd123", "not a common password"],
    ["letmein2024", "not a common password"],
    ["sam@example.test", "not a common password"],
  ])("staff creation refuses %j, naming the rule “%s”", async (password, rule) => {
    expect(await passwordRefusal(createStaff(password))).toContain(`Password rule “${rule}”`);
  });

  test("a passphrase of unrelated words is accepted", async () => {
    await expect(createStaff("violet tractor anthem 42")).resolves.toMatchObject({
      email: "sam@example.test",
    });
  });

  test("a password change proves the current password and applies the policy to the new one", async () => {
    const admin = await callerAs(env.services, "admin").staff.list();
    const self = admin.find((u) => u.email === ADMIN.email);
    const me = createCaller(
      createInnerContext(env.services, {
        user: { id: self?.id as string, email: ADMIN.email, name: "Admin", role: "admin" },
      }),
    );
    expect(
      await passwordRefusal(
        me.auth.changePassword({ currentPassword: ADMIN.password, newPassword: "a".repeat(12) }),
        "newPassword",
      ),
    ).toContain("no repeated characters");
    expect(
      await passwordRefusal(
        me.auth.changePassword({ currentPassword: ADMIN.password, newPassword: "iloveyou1234" }),
        "newPassword",
      ),
    ).toContain("not a common password");
    await expect(
      me.auth.changePassword({
        currentPassword: "not the password",
        newPassword: "violet tractor anthem 42",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "The current password is not right." });
    await expect(
      me.auth.changePassword({ currentPassword: ADMIN.password, newPassword: "violet tractor anthem 42" }),
    ).resolves.toEqual({ changed: true });
    const anonymous = callerAs(env.services, "anonymous");
    await expect(
      anonymous.auth.signIn({ email: ADMIN.email, password: "violet tractor anthem 42" }),
    ).resolves.toMatchObject({
      email: ADMIN.email,
    });
    await expect(anonymous.auth.signIn(ADMIN)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  test("the first admin's password from the settings must meet the policy", async () => {
    await env.database.truncate();
    await expect(
      createServices(testConfig({ AUTOBOLT_ADMIN_PASSWORD: "          " }), { database: env.database }),
    ).rejects.toThrow(/AUTOBOLT_ADMIN_PASSWORD is refused.*not only spaces/);
    await expect(
      createServices(testConfig({ AUTOBOLT_ADMIN_PASSWORD: "password1234" }), { database: env.database }),
    ).rejects.toThrow(/AUTOBOLT_ADMIN_PASSWORD is refused.*not a common password/);
  });
});
