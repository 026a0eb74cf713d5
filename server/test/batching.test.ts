import { describe, expect, test } from "vitest";
import { createBatcher } from "../src/batching.ts";

function recordingBatcher(options: { maxBatch?: number; concurrency?: number; failOn?: number } = {}) {
  const batches: number[][] = [];
  let release: (() => void) | undefined;
  let gate = Promise.resolve();
  const call = createBatcher<number, number>({
    maxBatch: options.maxBatch ?? 100,
    concurrency: options.concurrency ?? 1,
    async run(inputs) {
      batches.push(inputs);
      await gate;
      return inputs.map((n) =>
        n === options.failOn ? { ok: false, error: new Error(`no ${n}`) } : { ok: true, value: n * 10 },
      );
    },
  });
  return {
    call,
    batches,
    hold() {
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    release: () => release?.(),
  };
}

describe("[BATCHING]: calls that meet while the database is busy share one statement", () => {
  test("calls made in the same turn run as one batch, each answered with its own result", async () => {
    const b = recordingBatcher();
    expect(await Promise.all([1, 2, 3].map(b.call))).toEqual([10, 20, 30]);
    expect(b.batches).toEqual([[1, 2, 3]]);
  });

  test("calls arriving while a batch runs wait and go together in the next one", async () => {
    const b = recordingBatcher();
    b.hold();
    const first = b.call(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map(b.call);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(b.batches).toEqual([[1]]);
    b.release();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40]);
    expect(b.batches).toEqual([[1], [2, 3, 4]]);
  });

  test("a batch never exceeds maxBatch; up to `concurrency` batches run at once", async () => {
    const b = recordingBatcher({ maxBatch: 2, concurrency: 2 });
    b.hold();
    const calls = [1, 2, 3, 4, 5].map(b.call);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(b.batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    b.release();
    expect(await Promise.all(calls)).toEqual([10, 20, 30, 40, 50]);
    expect(b.batches.at(-1)).toEqual([5]);
  });

  test("one item's error fails only that call", async () => {
    const b = recordingBatcher({ failOn: 2 });
    const results = await Promise.allSettled([1, 2, 3].map(b.call));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("no 2");
  });

  test("a failed statement fails every call of its batch, and the next batch still runs", async () => {
    let fail = true;
    const call = createBatcher<number, number>({
      maxBatch: 10,
      concurrency: 1,
      async run(inputs) {
        if (fail) {
          fail = false;
          throw new Error("connection reset");
        }
        return inputs.map((n) => ({ ok: true, value: n }));
      },
    });
    const failed = await Promise.allSettled([call(1), call(2)]);
    expect(failed.every((r) => r.status === "rejected")).toBe(true);
    expect(await call(3)).toBe(3);
  });
});
