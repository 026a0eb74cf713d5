import { leaseInput } from "@autobolt/contract";
import type { Logger } from "pino";
import { isLeaseLost, type RetryOptions, withRetry } from "./api.ts";

export interface Lease {
  jobId: string;
  leaseToken: string;
}

/**
 * The lease on a claimed job, as this worker knows it: the token a claim must carry (checked, not
 * assumed: a claim without one is unusable), how long it lasts by this machine's clock, and
 * whether the job has to stop: the lease is lost, or the server kept failing a call for it.
 */
export class HeldLease {
  readonly lease: Lease;
  readonly lost = new AbortController();
  /** The call the server kept failing (5xx) or refused (4xx): the job is handed back with it. */
  trouble: { what: string; error: unknown } | undefined;
  private aliveUntil: number;

  private constructor(
    lease: Lease,
    readonly lengthMs: number,
    private readonly log: Logger,
    private readonly retry: Pick<RetryOptions, "maxDelayMs" | "serverErrorAttempts"> = {},
  ) {
    this.lease = lease;
    this.aliveUntil = Date.now() + lengthMs;
  }

  /** The lease of a claim, or why the claim cannot be worked. */
  static of(
    job: { id: string; leaseToken: string | null; leaseExpiresAt: Date | string | null },
    log: Logger,
    retry?: Pick<RetryOptions, "maxDelayMs" | "serverErrorAttempts">,
  ): HeldLease | Error {
    const parsed = leaseInput.safeParse({ jobId: job.id, leaseToken: job.leaseToken });
    if (!parsed.success)
      return new Error(`the claim of job ${job.id} carries no usable lease token: ${parsed.error.message}`);
    // Measured once against this machine's clock; renewals then count from when they were sent.
    // A clock far behind the server's makes the lease look over already: assume the default then.
    const left = job.leaseExpiresAt ? new Date(job.leaseExpiresAt).getTime() - Date.now() : Number.NaN;
    const length = Number.isFinite(left) && left > 0 ? Math.max(left, 1_000) : 60_000;
    return new HeldLease(parsed.data, length, log, retry);
  }

  /** Stop taking directories: the lease is gone, or the server failed us. */
  get halted(): boolean {
    return this.lost.signal.aborted || this.trouble !== undefined;
  }

  /** As far as this worker knows, the server still holds the job for it. */
  alive(): boolean {
    return Date.now() < this.aliveUntil;
  }

  renewedAt(sentAt: number): void {
    this.aliveUntil = Math.max(this.aliveUntil, sentAt + this.lengthMs);
  }

  /**
   * A call for this job: a lost connection retried while the lease lives, 5xx a few times. Answers
   * undefined when it failed for good, having marked why: lease lost (LEASE_LOST, or the lease ran
   * out while the server was unreachable) or trouble (the error the job is handed back with).
   */
  async call<T>(what: string, call: () => Promise<T>, options: { renews: boolean }): Promise<T | undefined> {
    const sentAt = Date.now();
    try {
      const answer = await withRetry(what, call, {
        log: this.log,
        keepTrying: () => this.alive() && !this.lost.signal.aborted,
        ...this.retry,
      });
      if (options.renews) this.renewedAt(sentAt);
      return answer;
    } catch (error) {
      if (isLeaseLost(error) || !this.alive()) this.lost.abort();
      else this.trouble ??= { what, error };
      return undefined;
    }
  }
}
