import { jsonProblem, toStorableText } from "@autobolt/contract";
import { TRPCError } from "@trpc/server";
import { describe, expect, test } from "vitest";
import { customer, directory, servicesPerTest } from "./support.ts";

const { staff, admin, worker } = servicesPerTest(5);

/** A call refused as input: BAD_REQUEST, with the flattened field errors the client gets. */
async function refusedField(call: Promise<unknown>): Promise<{ fields: string[]; messages: string }> {
  const error = await call.then(
    () => {
      throw new Error("expected the call to be refused, but it succeeded");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError.code).toBe("BAD_REQUEST");
  const issues = (trpcError.cause as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
  return {
    fields: issues.map((issue) => issue.path.map(String).join(".")),
    messages: issues.map((issue) => issue.message).join(" | "),
  };
}

const NUL = "a\u0000b";
const LONE = "a\uD800b";

async function claimedLease() {
  await staff().customers.create({ customer, package: { size: 2 } });
  const claimed = await worker().autobolt.jobs.next({ workerId: "w1" });
  if (!claimed.job) throw new Error("expected a job");
  return {
    jobId: claimed.job.id,
    leaseToken: claimed.job.leaseToken,
    directoryId: claimed.directories[0]?.id,
  };
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe("[INPUT]: what PostgreSQL cannot store is a 400 naming the field", () => {
  test("a NUL or a lone surrogate in customer text", async () => {
    expect(
      await refusedField(
        staff().customers.create({ customer: { ...customer, businessName: NUL }, package: { size: 1 } }),
      ),
    ).toMatchObject({ fields: ["customer.businessName"], messages: expect.stringContaining("NUL") });
    expect(
      await refusedField(
        staff().customers.create({ customer: { ...customer, description: LONE }, package: { size: 1 } }),
      ),
    ).toMatchObject({ fields: ["customer.description"], messages: expect.stringContaining("surrogate") });
    expect(
      (
        await refusedField(
          staff().customers.create({
            customer: { ...customer, website: `https://x.test/${NUL}` },
            package: { size: 1 },
          }),
        )
      ).fields,
    ).toEqual(["customer.website"]);
  });

  test("search terms, directory text, recipes and staff names", async () => {
    expect((await refusedField(staff().jobs.list({ search: NUL }))).fields).toEqual(["search"]);
    expect((await refusedField(staff().customers.list({ search: LONE }))).fields).toEqual(["search"]);
    expect((await refusedField(staff().directories.list({ search: NUL }))).fields).toEqual(["search"]);
    expect((await refusedField(staff().results.needsAttention({ directoryId: NUL }))).fields).toEqual([
      "directoryId",
    ]);
    expect((await refusedField(admin().directories.create(directory(99, { notes: NUL })))).fields).toEqual([
      "notes",
    ]);
    expect(
      (
        await refusedField(
          admin().directories.create(
            directory(98, {
              recipe: { version: 1, steps: [{ action: "fillText", selector: "#x", text: LONE }] },
            }),
          ),
        )
      ).fields,
    ).toEqual(["recipe.steps.0.text"]);
    expect(
      (
        await refusedField(
          admin().staff.create({ email: "new@example.test", name: NUL, password: "Blue-Heron-Paddle-42" }),
        )
      ).fields,
    ).toContain("name");
  });

  test("dates outside the years 0001–9999", async () => {
    const { jobId, leaseToken, directoryId } = await claimedLease();
    for (const submittedAt of [
      "0000-01-01T00:00:00Z",
      "0001-01-01T00:00:00+01:00",
      "+300000-01-01T00:00:00Z",
    ]) {
      expect(
        (
          await refusedField(
            worker().autobolt.jobs.update({
              jobId,
              leaseToken,
              results: [{ directoryId: directoryId as string, status: "submitted", submittedAt }],
            }),
          )
        ).fields,
      ).toEqual(["results.0.submittedAt"]);
    }
    expect(
      (
        await refusedField(
          admin().directories.adoptLearned({ id: "dir-001", learnedAt: "0000-06-01T00:00:00Z" }),
        )
      ).fields,
    ).toEqual(["learnedAt"]);
  });

  test("result text and metadata: NUL, too deep, too large, prototype keys", async () => {
    const { jobId, leaseToken, directoryId } = await claimedLease();
    const report = (extra: Record<string, unknown>) =>
      worker().autobolt.jobs.update({
        jobId,
        leaseToken,
        results: [{ directoryId: directoryId as string, status: "failed", reason: "timeout", ...extra }],
      });
    expect((await refusedField(report({ errorMessage: NUL }))).fields).toEqual(["results.0.errorMessage"]);
    expect(await refusedField(report({ metadata: { note: NUL } }))).toMatchObject({
      fields: ["results.0.metadata"],
      messages: expect.stringContaining("note"),
    });
    expect(await refusedField(report({ metadata: nested(10_000) }))).toMatchObject({
      fields: ["results.0.metadata"],
      messages: expect.stringContaining("deeper than 8"),
    });
    expect(await refusedField(report({ metadata: { big: "x".repeat(1_000_000) } }))).toMatchObject({
      messages: expect.stringContaining("4000 characters"),
    });
    expect(
      await refusedField(
        report({ metadata: Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, i])) }),
      ),
    ).toMatchObject({ messages: expect.stringContaining("500 keys") });
    expect(
      await refusedField(report({ metadata: JSON.parse('{"__proto__": {"admin": true}}') })),
    ).toMatchObject({
      messages: expect.stringContaining("__proto__"),
    });
    expect(
      (await refusedField(worker().autobolt.jobs.release({ jobId, leaseToken, reason: LONE }))).fields,
    ).toEqual(["reason"]);
    // What is storable still goes through, emoji (a well-formed surrogate pair) included.
    expect(
      await report({
        errorMessage: "Timed out 🙃",
        metadata: { workerId: "w1", fields: ["email"], ms: 12.5 },
      }),
    ).toMatchObject({ applied: 1 });
  });
});

describe("[INPUT]: the helpers", () => {
  test("toStorableText makes page text storable without halving a pair", () => {
    expect(toStorableText("a\u0000b\uDC00c", 100)).toBe("ab\uFFFDc");
    expect(toStorableText("ab🙃", 3)).toBe("ab");
  });

  test("jsonProblem names where the value goes wrong", () => {
    expect(jsonProblem({ a: [{ b: "\u0000" }] })).toMatch(/^a\[0\]\.b:/);
    expect(jsonProblem({ a: 1, b: [true, null, "ok"] })).toBeUndefined();
  });
});

describe("[INPUT]: passwords", () => {
  test("a new password with half a surrogate pair is refused by its rule", async () => {
    const { messages } = await refusedField(
      admin().staff.create({
        email: "pair@example.test",
        name: "Pair",
        password: "Blue-Heron-\uD800-Paddle-42",
      }),
    );
    expect(messages).toMatch(/whole characters/);
  });
});
