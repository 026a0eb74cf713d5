import { schema } from "@autobolt/db";
import { inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { customer, rejection, servicesPerTest } from "./support.ts";

const { env, staff } = servicesPerTest(10);

async function twoJobs() {
  const a = await staff().customers.create({ customer, package: { size: 2 } });
  const b = await staff().customers.create({
    customer: {
      ...customer,
      businessName: "Second Business",
      email: "second@example.test",
      phone: "+1 512 555 0177",
    },
    package: { size: 2 },
  });
  return [a.job.id, b.job.id] as const;
}

describe("the queue's bulk actions", () => {
  test("set priority and cancel act on each job, answer per job, and log each under the staff member", async () => {
    const [a, b] = await twoJobs();
    expect(await staff().jobs.bulkSetPriority({ ids: [a, b, a], priorityLevel: 5 })).toEqual([
      { jobId: a, ok: true },
      { jobId: b, ok: true },
    ]);
    expect(await staff().jobs.bulkCancel({ ids: [a] })).toEqual([{ jobId: a, ok: true }]);
    // Cancelling again is refused for that job alone, by name; the other still goes through.
    const again = await staff().jobs.bulkCancel({ ids: [a, b] });
    expect(again[0]).toMatchObject({ jobId: a, ok: false, code: "JOB_FINISHED" });
    expect(again[1]).toEqual({ jobId: b, ok: true });
    const events = await env()
      .services.database.db.select()
      .from(schema.jobEvents)
      .where(inArray(schema.jobEvents.jobId, [a, b]));
    const byType = (type: string) => events.filter((e) => e.type === type).map((e) => [e.jobId, e.actor]);
    expect(byType("priority_changed")).toHaveLength(2);
    expect(byType("cancelled")).toEqual(
      expect.arrayContaining([
        [a, "staff:sam@example.test"],
        [b, "staff:sam@example.test"],
      ]),
    );
  });

  test("retry failed refuses jobs with nothing to retry, and the input is bounded", async () => {
    const [a] = await twoJobs();
    const [outcome] = await staff().jobs.bulkRetryFailed({ ids: [a] });
    expect(outcome).toMatchObject({ jobId: a, ok: false, code: "NOTHING_TO_RETRY" });
    expect(await rejection(staff().jobs.bulkRetryFailed({ ids: [] }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejection(staff().jobs.bulkCancel({ ids: ["not-a-uuid"] }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
