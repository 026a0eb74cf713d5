/**
 * A worker process that only reports: it claims jobs and sends each job's results through
 * autobolt.jobs.update in batches, as fast as the server takes them, then completes the job.
 * Started by the ingestion benchmark over IPC.
 */
import { createServerApi } from "@autobolt/worker/api";
import { nowMs } from "../support/stats.ts";
import type { FromReporter, ReporterConfig, ToReporter } from "./protocol.ts";

const send = (message: FromReporter) => process.send?.(message);
let config: ReporterConfig | undefined;
const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

async function reportEverything(c: ReporterConfig) {
  const api = createServerApi(c.serverUrl, c.apiKey);
  // Results may only name a proof the server issued: one real upload, shared by every result.
  const proofUrl = await api.uploadScreenshot(TINY_PNG);
  let reported = 0;
  let calls = 0;
  let firstAt = 0;
  const errors: string[] = [];
  for (;;) {
    const claimed = await api.jobs.next.mutate({ workerId: c.workerId });
    if (!claimed.job) break;
    const lease = { jobId: claimed.job.id, leaseToken: claimed.job.leaseToken as string };
    firstAt ||= nowMs();
    for (let i = 0; i < claimed.directories.length; i += c.batchSize) {
      const batch = claimed.directories.slice(i, i + c.batchSize).map((d, k) =>
        (i + k) % 10 === 9
          ? {
              directoryId: d.id,
              status: "failed" as const,
              reason: "captcha_required" as const,
              errorMessage: "reCAPTCHA on the form",
            }
          : {
              directoryId: d.id,
              status: "submitted" as const,
              screenshotUrl: proofUrl,
              metadata: { durationMs: 2_000 + k, finalUrl: `https://example.test/thanks/${k}` },
            },
      );
      try {
        const answer = await api.jobs.update.mutate({ ...lease, results: batch });
        reported += answer.applied;
      } catch (error) {
        errors.push((error as Error).message);
      }
      calls += 1;
    }
    await api.jobs.complete.mutate(lease);
  }
  return { reported, calls, firstAt, lastAt: nowMs(), errors: errors.slice(0, 5) };
}

process.on("message", async (message: ToReporter) => {
  if (message.type === "start") {
    config = message.config;
    send({ type: "ready" });
  } else if (message.type === "go" && config) {
    send({ type: "done", ...(await reportEverything(config)) });
    process.disconnect();
  }
});
