/** The systems compared, each with its own worker API over the same PostgreSQL. */
export type SystemName = "autobolt" | "graphile-worker" | "pg-boss";

/**
 * What a consumer process does with the jobs it gets:
 * - `drain`: execute (no-op) and complete every job, counting each execution;
 * - `pickup`: the same, but announce each job the moment it arrives;
 * - `hold`: announce the job and never finish it (the process is then killed mid-job).
 */
export type ConsumerMode = "drain" | "pickup" | "hold";

export interface ConsumerConfig {
  system: SystemName;
  mode: ConsumerMode;
  /** Concurrent consumers in this process. */
  consumers: number;
  /** Jobs per claim: 1 is one job per claim; more uses the system's batched claim. */
  batchSize: number;
  /** Database URL, or for AutoBolt the server URLs (consumers are spread over them). */
  targets: string[];
  apiKey?: string;
  name: string;
}

export type ToConsumer = { type: "start"; config: ConsumerConfig } | { type: "stop" };

export type FromConsumer =
  | { type: "ready" }
  | { type: "progress"; executed: number }
  | { type: "got"; n: number; at: number }
  | { type: "done"; executed: number[]; firstAt: number; lastAt: number; errors: string[] };

/** Every job carries its sequence number, so each execution can be accounted for. */
export interface BenchPayload {
  n: number;
}
