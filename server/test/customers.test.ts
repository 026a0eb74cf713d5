import { describe, expect, test } from "vitest";
import { customer, rejection, servicesPerTest } from "./support.ts";

const { staff, worker } = servicesPerTest(12);

describe("customers: the list, the page and its citations", () => {
  test("list finds a customer by part of the name or email and counts their jobs", async () => {
    const { customer: c } = await staff().customers.create({ customer, package: { size: 3 } });
    await staff().customers.addPackage({ customerId: c.id, package: { size: 2 } });
    await staff().customers.create({
      customer: {
        ...customer,
        businessName: "Other Business",
        email: "other@example.test",
        phone: "+1 512 555 0142",
      },
      package: { size: 1 },
    });
    const byName = await staff().customers.list({
      search: customer.businessName.slice(2, 8),
      limit: 50,
      offset: 0,
    });
    expect(byName.items.map((i) => [i.businessName, i.jobCount])).toEqual([[customer.businessName, 2]]);
    const byEmail = await staff().customers.list({ search: "other@", limit: 50, offset: 0 });
    expect(byEmail.total).toBe(1);
  });

  test("citations list every directory across the customer's jobs, with how each stands", async () => {
    const { customer: c } = await staff().customers.create({ customer, package: { size: 2 } });
    const claim = await worker().autobolt.jobs.next({ workerId: "w1" });
    if (!claim.job) throw new Error("expected a job");
    const [first, second] = claim.directories;
    if (!first || !second) throw new Error("expected two directories");
    await worker().autobolt.jobs.update({
      jobId: claim.job.id,
      leaseToken: claim.job.leaseToken,
      results: [
        { directoryId: first.id, status: "submitted" },
        { directoryId: second.id, status: "failed", reason: "captcha_required" },
      ],
    });
    await staff().customers.addPackage({ customerId: c.id, package: { size: 3 } });
    const citations = await staff().customers.citations({ id: c.id });
    expect(citations).toHaveLength(5);
    // Never the same directory twice: the second package planned only new ones.
    expect(new Set(citations.map((r) => r.directoryId)).size).toBe(5);
    const statuses = Object.fromEntries(citations.map((r) => [r.directoryId, [r.status, r.reason]]));
    expect(statuses[first.id]).toEqual(["submitted", null]);
    expect(statuses[second.id]).toEqual(["failed", "captcha_required"]);
  });

  test("update checks the shared schema; an unknown customer has no citations", async () => {
    const { customer: c } = await staff().customers.create({ customer, package: { size: 1 } });
    expect(
      await rejection(staff().customers.update({ id: c.id, fields: { phone: "call us" } })),
    ).toMatchObject({
      code: "BAD_REQUEST",
    });
    const updated = await staff().customers.update({ id: c.id, fields: { phone: "+1 512 555 0199" } });
    expect(updated.phone).toBe("+1 512 555 0199");
    expect(await staff().customers.citations({ id: "00000000-0000-4000-8000-000000000000" })).toEqual([]);
  });
});
