import type { JobStatus } from "@autobolt/contract";
import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { rowsOf } from "./rows.ts";

/** The overview: jobs per status, submissions per hour, success rate, median time to finish a job. */
export async function overviewStats(db: Db, params: { days: number }) {
  const [statusRows, hourRows, rateRows, medianRows] = await Promise.all([
    db.execute(sql`select status, count(*)::int as n from jobs group by status`),
    db.execute(sql`
      select date_trunc('hour', submitted_at) as hour, count(*)::int as n
      from job_results
      where status = 'submitted' and submitted_at > now() - make_interval(days => ${params.days})
      group by 1 order by 1`),
    db.execute(sql`
      select count(*) filter (where status = 'submitted')::int as submitted,
             count(*) filter (where status = 'failed')::int as failed
      from job_results
      where updated_at > now() - make_interval(days => ${params.days}) and status <> 'pending'`),
    db.execute(sql`
      select percentile_cont(0.5) within group (order by extract(epoch from completed_at - created_at)) as seconds
      from jobs
      where status = 'complete' and completed_at > now() - make_interval(days => ${params.days})`),
  ]);
  const jobsByStatus: Record<JobStatus, number> = {
    pending: 0,
    in_progress: 0,
    complete: 0,
    failed: 0,
    cancelled: 0,
  };
  for (const r of rowsOf<{ status: JobStatus; n: number }>(statusRows)) jobsByStatus[r.status] = r.n;
  const rate = rowsOf<{ submitted: number; failed: number }>(rateRows)[0] ?? { submitted: 0, failed: 0 };
  const median = rowsOf<{ seconds: number | string | null }>(medianRows)[0]?.seconds;
  return {
    jobsByStatus,
    submittedPerHour: rowsOf<{ hour: string | Date; n: number }>(hourRows).map((r) => ({
      hour: new Date(r.hour).toISOString(),
      submitted: r.n,
    })),
    results: rate,
    successRate: rate.submitted + rate.failed === 0 ? null : rate.submitted / (rate.submitted + rate.failed),
    medianJobSeconds: median === null || median === undefined ? null : Math.round(Number(median)),
  };
}
