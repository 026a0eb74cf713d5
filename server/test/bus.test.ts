import type { Database } from "@autobolt/db";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createJobBus } from "../src/bus.ts";

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
    db.notify("autobolt_job_changed", "job-1");
    expect(heard).toEqual(["job-1"]);
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
