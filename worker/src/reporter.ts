import type { ResultReport } from "@autobolt/contract";
import type { Logger } from "pino";
import type { ServerApi } from "./api.ts";
import { storable } from "./clean.ts";
import type { HeldLease } from "./lease.ts";

/**
 * Sends a job's results in batches: as soon as `batchSize` are waiting, else `flushAfterMs` after
 * the first one. Reports are idempotent on the server, so a batch whose answer was lost is simply
 * sent again. A batch that fails for good (lease lost, or a server that keeps failing) marks the
 * lease so the job stops, and is dropped: the job is handed back, and the directories it held,
 * marked started, come back to the next worker as `interrupted` for a person to check.
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
    private readonly held: HeldLease,
    private readonly log: Logger,
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
      const answer = await this.held.call(
        "report results",
        () => this.api.jobs.update.mutate({ ...this.held.lease, results: batch }),
        { renews: true },
      );
      if (answer) this.reported += answer.applied;
      else if (this.held.lost.signal.aborted)
        this.log.warn(
          { jobId: this.held.lease.jobId, dropped: batch.length },
          "lease lost: results not recorded",
        );
      else
        this.log.error(
          {
            jobId: this.held.lease.jobId,
            err: (this.held.trouble?.error as Error | undefined)?.message,
            dropped: batch.length,
          },
          "results not recorded: the server kept failing or refused them",
        );
    } finally {
      this.sent.batches += 1;
      this.sent.ms += Math.round(performance.now() - started);
    }
  }
}
