import type { ResultReport } from "@autobolt/contract";
import type { Logger } from "pino";
import { isLeaseLost, type ServerApi, withRetry } from "./api.ts";
import { storable } from "./clean.ts";

export interface Lease {
  jobId: string;
  leaseToken: string;
}

/**
 * Sends a job's results in batches: as soon as `batchSize` are waiting, else `flushAfterMs` after
 * the first one. Reports are idempotent on the server, so a batch whose answer was lost is simply
 * sent again. A LEASE_LOST answer calls onLeaseLost and drops what is left: it is not ours now.
 */
export class ResultReporter {
  private waiting: ResultReport[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();
  reported = 0;
  /** Batches sent and the time they took, for the job's log line. */
  readonly sent = { batches: 0, ms: 0 };

  constructor(
    private readonly api: ServerApi,
    private readonly lease: Lease,
    private readonly log: Logger,
    private readonly onLeaseLost: () => void,
    private readonly options: { batchSize: number; flushAfterMs: number } = {
      batchSize: 10,
      flushAfterMs: 500,
    },
  ) {}

  /** Queue a result, cleaned of what PostgreSQL cannot store (see clean.ts). */
  add(result: ResultReport): void {
    this.waiting.push(storable(result));
    if (this.waiting.length >= this.options.batchSize) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushAfterMs);
  }

  /** Send everything waiting; resolves when every batch so far has been answered. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length > 0) this.sending = this.sending.then(() => this.send(batch));
    return this.sending;
  }

  private async send(batch: ResultReport[]): Promise<void> {
    const started = performance.now();
    try {
      const answer = await withRetry(
        "report results",
        () => this.api.jobs.update.mutate({ ...this.lease, results: batch }),
        {
          log: this.log,
        },
      );
      this.reported += answer.applied;
    } catch (error) {
      if (isLeaseLost(error)) {
        this.log.warn({ jobId: this.lease.jobId, dropped: batch.length }, "lease lost: results not recorded");
        this.onLeaseLost();
        return;
      }
      this.log.error(
        { jobId: this.lease.jobId, err: (error as Error).message, dropped: batch.length },
        "results refused by the server",
      );
    } finally {
      this.sent.batches += 1;
      this.sent.ms += Math.round(performance.now() - started);
    }
  }
}
