import type { EmptyDatabase } from "@autobolt/db/testing";
import type { ConsumerConfig } from "../protocol.ts";

export interface HostOptions {
  /** How long a claimed job may go without word from its worker before it is given to another. */
  leaseSeconds: number;
  /** AutoBolt only: server processes in front of the database. */
  servers: number;
}

/** The system's side in the benchmark process: schema, job creation, the final tally. */
export interface QueueHost {
  /** Handed to consumers: the database URL, or AutoBolt's server URLs. */
  targets: string[];
  apiKey?: string;
  /** Create these jobs in one transaction, through the system's own job-creation API. */
  enqueue(ns: number[]): Promise<void>;
  /** Jobs the system itself still holds as not finished: 0 after a complete run. */
  unfinishedCount(): Promise<number>;
  close(): Promise<void>;
}

export type SetupHost = (database: EmptyDatabase, options: HostOptions) => Promise<QueueHost>;

/**
 * The system's side in a consumer process. `work` is the job's (no-op) work: it resolves when the
 * job may be completed, or never (a worker about to be killed mid-job).
 */
export type StartConsumers = (
  config: ConsumerConfig,
  work: (n: number) => Promise<void>,
) => Promise<{ stop(): Promise<void>; errors: string[] }>;
