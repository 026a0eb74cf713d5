export interface ReporterConfig {
  serverUrl: string;
  apiKey: string;
  workerId: string;
  /** Results per autobolt.jobs.update call. */
  batchSize: number;
}

export type ToReporter = { type: "start"; config: ReporterConfig } | { type: "go" };

export type FromReporter =
  | { type: "ready" }
  | { type: "done"; reported: number; calls: number; firstAt: number; lastAt: number; errors: string[] };
