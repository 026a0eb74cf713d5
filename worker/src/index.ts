/**
 * What other workspace packages take from the worker. The worker's own process starts from
 * main.ts and never loads this: the throughput benchmark brings in the server and the sandbox.
 */
export {
  type LevelResult,
  measureWorkerThroughput,
  type ThroughputOptions,
  type ThroughputReport,
  throughputMarkdown,
} from "../bench/throughput.ts";
