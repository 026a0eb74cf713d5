import type { Settled } from "@autobolt/db";

/**
 * Gathers calls that arrive while earlier ones are running, and runs them together as one call of
 * `run`. An idle server runs each call on the next turn of the event loop, adding no wait; a busy
 * one runs fewer, larger statements instead of one per request. This is what lets one database
 * round trip serve many workers' claims or completions at once.
 */
export interface BatcherOptions<I, O> {
  /** Answers one result per input, in order; a rejection fails every call in the batch. */
  run(inputs: I[]): Promise<Settled<O>[]>;
  /** Most calls in one batch. */
  maxBatch: number;
  /** Batches running at once: more than one lets the database work while the next batch gathers. */
  concurrency: number;
}

interface Waiting<I, O> {
  input: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

export function createBatcher<I, O>(options: BatcherOptions<I, O>): (input: I) => Promise<O> {
  const waiting: Waiting<I, O>[] = [];
  let running = 0;
  let scheduled = false;

  function pump() {
    scheduled = false;
    while (running < options.concurrency && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxBatch);
      running += 1;
      options
        .run(batch.map((call) => call.input))
        .then(
          (results) =>
            batch.forEach((call, i) => {
              const result = results[i];
              if (result?.ok) call.resolve(result.value);
              else call.reject(result ? result.error : new Error("batch answered fewer results than calls"));
            }),
          (error: unknown) => {
            for (const call of batch) call.reject(error);
          },
        )
        .finally(() => {
          running -= 1;
          schedule();
        });
    }
  }

  // Calls made in the same turn (a tRPC batch, a wake-up of many long polls) join one batch.
  function schedule() {
    if (scheduled || waiting.length === 0) return;
    scheduled = true;
    setImmediate(pump);
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      schedule();
    });
}
