import { type Database, rowsOf, schema } from "@autobolt/db";
import { createTestDatabase } from "@autobolt/db/testing";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createJobBus } from "../src/bus.ts";
import { customer } from "./support.ts";

/** A database whose LISTENs are recorded, so the test can say what the server is listening to. */
function recordingDatabase() {
  const listening = new Map<string, (payload: string) => void>();
  const database = {
    async listen(channel: string, onPayload: (payload: string) => void) {
      listening.set(channel, onPayload);
      return async () => {
        listening.delete(channel);
      };
    },
  } as unknown as Database;
  return {
    database,
    listening,
    notify: (channel: string, payload: string) => listening.get(channel)?.(payload),
  };
}

afterEach(() => vi.useRealTimers());

describe("[BUS]: job changes are heard only while a console watches", () => {
  test("nothing listens for changes until a console subscribes; the subscriber then hears them", async () => {
    const db = recordingDatabase();
    const bus = await createJobBus(db.database);
    expect([...db.listening.keys()]).toEqual(["autobolt_job_pending"]);
    const heard: string[] = [];
    const stop = await bus.onJobChanged((id) => heard.push(id));
    expect(db.listening.has("autobolt_job_changed")).toBe(true);
    db.notify("autobolt_job_changed", "job-1,job-2");
    expect(heard).toEqual(["job-1", "job-2"]);
    stop();
    await bus.close();
  });

  test("after the last console leaves, the server stops listening once the linger has passed", async () => {
    vi.useFakeTimers();
    const db = recordingDatabase();
    const bus = await createJobBus(db.database);
    const first = await bus.onJobChanged(() => {});
    const second = await bus.onJobChanged(() => {});
    first();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(db.listening.has("autobolt_job_changed")).toBe(true);
    second();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(db.listening.has("autobolt_job_changed")).toBe(true);
    const back = await bus.onJobChanged(() => {});
    await vi.advanceTimersByTimeAsync(60_000);
    expect(db.listening.has("autobolt_job_changed")).toBe(true);
    back();
    await vi.advanceTimersByTimeAsync(31_000);
    expect(db.listening.has("autobolt_job_changed")).toBe(false);
    await bus.close();
  });

  test("a pending job wakes every waiting claim", async () => {
    const db = recordingDatabase();
    const bus = await createJobBus(db.database);
    const waits = [bus.armPendingWake(), bus.armPendingWake()].map((w) => w.wait(10_000));
    db.notify("autobolt_job_pending", "");
    await expect(Promise.all(waits)).resolves.toEqual([undefined, undefined]);
    await bus.close();
  });
});

describe("[BUS]: what PostgreSQL announces", () => {
  test("one statement that changes 250 jobs announces their ids in three messages of at most 100, and rings pending", async () => {
    const database = await createTestDatabase();
    try {
      const messages: string[] = [];
      const unlistenChanged = await database.listen("autobolt_job_changed", (payload) =>
        messages.push(payload),
      );
      let pendingRings = 0;
      const unlistenPending = await database.listen("autobolt_job_pending", () => {
        pendingRings += 1;
      });
      const [owner] = await database.db.insert(schema.customers).values(customer).returning();
      const ids = rowsOf<{ id: string }>(
        await database.db.execute(sql`
          insert into jobs (customer_id, package_size, business_name, email)
          select ${owner?.id}::uuid, 1, 'Business ' || g, 'b' || g || '@example.test' from generate_series(1, 250) g
          returning id`),
      ).map((r) => r.id);
      // A row-level trigger would send 250 messages; one per statement sends ceil(250 / 100).
      const announced = async (count: number) => {
        await vi.waitFor(() => expect(messages.length).toBeGreaterThanOrEqual(count), { timeout: 5_000 });
        await new Promise((resolve) => setTimeout(resolve, 200));
        const batch = messages.splice(0).map((m) => m.split(","));
        expect(batch).toHaveLength(count);
        expect(batch.every((chunk) => chunk.length <= 100)).toBe(true);
        return batch.flat();
      };
      expect((await announced(3)).sort()).toEqual([...ids].sort());
      await vi.waitFor(() => expect(pendingRings).toBe(1), { timeout: 5_000 });
      await database.db.execute(sql`update jobs set priority_level = 2`);
      expect((await announced(3)).sort()).toEqual([...ids].sort());
      await vi.waitFor(() => expect(pendingRings).toBe(2), { timeout: 5_000 });
      await unlistenChanged();
      await unlistenPending();
    } finally {
      await database.close();
    }
  });
});
