import { describe, expect, test } from "vitest";
import type { SystemName } from "../src/queues/protocol.ts";
import { measurePickup, measureThroughput } from "../src/queues/run.ts";

const layout = { processes: 1, consumers: 4, host: { leaseSeconds: 10, servers: 1 } };
const systems: SystemName[] = ["autobolt", "graphile-worker", "pg-boss"];

// The comparison runs every system on a PostgreSQL server (pg-boss and graphile-worker need one),
// so it is checked in the PostgreSQL pass of the tests.
describe.runIf(process.env.DATABASE_URL)("[BENCH]: the queue comparison accounts for every job", () => {
  for (const system of systems) {
    test(`${system}: 300 jobs by 4 consumers, one per claim and in batches, none run twice, none lost`, async () => {
      for (const batchSize of [1, 10]) {
        const result = await measureThroughput(system, layout, { jobs: 300, batchSize });
        expect(result).toMatchObject({ duplicates: 0, lost: 0, unfinished: 0, errors: [], valid: true });
        expect(result.perSecond).toBeGreaterThan(0);
      }
    }, 120_000);
  }

  test("autobolt: a job created while the workers wait reaches one of them", async () => {
    const pickup = await measurePickup("autobolt", layout, { tries: 5 });
    // A job that never arrived counts as an infinite wait, so this fails if any of the five is lost.
    expect(pickup.max).toBeLessThan(5_000);
  }, 60_000);
});
