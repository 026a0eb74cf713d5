import {
  type ClaimedJob,
  type ClaimRequest,
  type CompletedJob,
  claimJobs,
  completeJobs,
  type Database,
} from "@autobolt/db";
import { createBatcher } from "./batching.ts";

/**
 * The two calls every job makes, claim and complete, batched across concurrent requests of this
 * server process: many workers' calls become one statement each way. Correctness never depends
 * on it (each statement is atomic and SKIP LOCKED); it only saves round trips.
 */
export interface LeaseBatches {
  claim(request: ClaimRequest): Promise<ClaimedJob[]>;
  complete(lease: { jobId: string; leaseToken: string }): Promise<CompletedJob>;
}

// Two batches in flight: one in the database while the next gathers; measured best on 2 cores
// (pnpm bench --only=queues), and more would only queue behind each other in PostgreSQL.
const CONCURRENCY = 2;

export function createLeaseBatches(
  database: Database,
  settings: { leaseSeconds: number; maxAttempts: number; inbox: { domain: string | undefined } },
): LeaseBatches {
  return {
    claim: createBatcher<ClaimRequest, ClaimedJob[]>({
      maxBatch: 64,
      concurrency: CONCURRENCY,
      run: async (requests) =>
        (
          await claimJobs(database.db, {
            requests,
            leaseSeconds: settings.leaseSeconds,
            campaignDomain: settings.inbox.domain,
          })
        ).map((value) => ({
          ok: true,
          value,
        })),
    }),
    complete: createBatcher({
      maxBatch: 256,
      concurrency: CONCURRENCY,
      run: (leases: { jobId: string; leaseToken: string }[]) =>
        completeJobs(database.db, {
          leases,
          leaseSeconds: settings.leaseSeconds,
          maxAttempts: settings.maxAttempts,
        }),
    }),
  };
}
