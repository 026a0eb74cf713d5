import type { Database } from "@autobolt/db";

/**
 * What this server process hears from PostgreSQL: jobs that became claimable (to wake long-polling
 * workers) and jobs that changed (for live views). One LISTEN connection per process, fanned out
 * in memory; the source of truth is always the database.
 */
export interface JobBus {
  /** Arm before looking for a job, then wait: a job that appears in between is not missed. */
  armPendingWake(): PendingWake;
  onJobChanged(listener: (jobId: string) => void): () => void;
  close(): Promise<void>;
}

export interface PendingWake {
  wait(ms: number, signal?: AbortSignal): Promise<void>;
}

export async function createJobBus(database: Database): Promise<JobBus> {
  const wakers = new Set<() => void>();
  const changeListeners = new Set<(jobId: string) => void>();

  const stopPending = await database.listen("autobolt_job_pending", () => {
    const toWake = [...wakers];
    wakers.clear();
    for (const wake of toWake) wake();
  });
  const stopChanged = await database.listen("autobolt_job_changed", (jobId) => {
    for (const listener of changeListeners) listener(jobId);
  });

  return {
    armPendingWake() {
      let woken = false;
      let resolveWait: (() => void) | undefined;
      const waker = () => {
        woken = true;
        resolveWait?.();
      };
      wakers.add(waker);
      return {
        wait(ms, signal) {
          if (woken || ms <= 0 || signal?.aborted) {
            wakers.delete(waker);
            return Promise.resolve();
          }
          return new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              signal?.removeEventListener("abort", done);
              wakers.delete(waker);
              resolve();
            };
            const timer = setTimeout(done, ms);
            signal?.addEventListener("abort", done, { once: true });
            resolveWait = done;
          });
        },
      };
    },
    onJobChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    async close() {
      for (const wake of wakers) wake();
      await Promise.allSettled([stopPending(), stopChanged()]);
    },
  };
}
