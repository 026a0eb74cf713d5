import type { Database } from "@autobolt/db";

/**
 * What this server process hears from PostgreSQL: jobs that became claimable (to wake long-polling
 * workers) and jobs that changed (for live views). One LISTEN connection per process, fanned out
 * in memory; the source of truth is always the database.
 */
export interface JobBus {
  /** Arm before looking for a job, then wait: a job that appears in between is not missed. */
  armPendingWake(): PendingWake;
  /** Resolves once changes are being heard; answers the unsubscribe. */
  onJobChanged(listener: (jobId: string) => void): Promise<() => void>;
  close(): Promise<void>;
}

// Job changes are heard only while a console watches: every claim and completion notifies, and a
// server with no one watching would wake for each of them for nothing. A short linger keeps the
// LISTEN across page changes.
const CHANGES_LINGER_MS = 30_000;

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
  let changes: Promise<() => Promise<void>> | undefined;
  let linger: NodeJS.Timeout | undefined;
  const hearChanges = () => {
    changes ??= database
      // One message per statement: the ids it changed, comma-separated.
      .listen("autobolt_job_changed", (payload) => {
        for (const jobId of payload.split(",")) for (const listener of changeListeners) listener(jobId);
      })
      .catch((error: unknown) => {
        changes = undefined;
        throw error;
      });
    return changes;
  };
  const stopHearingChanges = async () => {
    const listening = changes;
    changes = undefined;
    await (await listening?.catch(() => undefined))?.();
  };

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
    async onJobChanged(listener) {
      clearTimeout(linger);
      changeListeners.add(listener);
      try {
        await hearChanges();
      } catch (error) {
        changeListeners.delete(listener);
        throw error;
      }
      return () => {
        changeListeners.delete(listener);
        if (changeListeners.size > 0) return;
        clearTimeout(linger);
        linger = setTimeout(() => void stopHearingChanges(), CHANGES_LINGER_MS).unref();
      };
    },
    async close() {
      clearTimeout(linger);
      for (const wake of wakers) wake();
      await Promise.allSettled([stopPending(), stopHearingChanges()]);
    },
  };
}
