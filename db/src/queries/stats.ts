import type { JobStatus } from "@autobolt/contract";
import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { rowsOf } from "./rows.ts";

/**
 * A chart reads at any range when its buckets fit it: hours over a day or two, days beyond. Every
 * bucket of the window is answered, zeros included, so a quiet stretch shows as one.
 */
export function bucketFor(days: number): "hour" | "day" {
  return days <= 2 ? "hour" : "day";
}

/**
 * The overview: jobs per status, submissions and failures per bucket over the window, success
 * rate, median time to finish a job, and what the fleet is doing now.
 */
export async function overviewStats(db: Db, params: { days: number }) {
  const bucket = bucketFor(params.days);
  const step = bucket === "hour" ? sql`interval '1 hour'` : sql`interval '1 day'`;
  const unit = sql.raw(`'${bucket}'`);
  const since = sql`date_trunc(${unit}, now() - make_interval(days => ${params.days})) + ${step}`;
  const [statusRows, seriesRows, rateRows, medianRows, nowRows, liveRows] = await Promise.all([
    db.execute(sql`select status, count(*)::int as n from jobs group by status`),
    // Failures are dated by their last change (a failed result has no failed_at of its own).
    db.execute(sql`
      with buckets as (
        select generate_series(${since}, date_trunc(${unit}, now()), ${step}) as start
      ),
      submitted as (
        select date_trunc(${unit}, submitted_at) as start, count(*)::int as n
        from job_results where status = 'submitted' and submitted_at >= ${since} group by 1
      ),
      failed as (
        select date_trunc(${unit}, updated_at) as start, count(*)::int as n
        from job_results where status = 'failed' and updated_at >= ${since} group by 1
      )
      select b.start, coalesce(s.n, 0) as submitted, coalesce(f.n, 0) as failed
      from buckets b left join submitted s using (start) left join failed f using (start)
      order by b.start`),
    db.execute(sql`
      select count(*) filter (where status = 'submitted')::int as submitted,
             count(*) filter (where status = 'failed')::int as failed
      from job_results
      where updated_at > now() - make_interval(days => ${params.days}) and status <> 'pending'`),
    db.execute(sql`
      select percentile_cont(0.5) within group (order by extract(epoch from completed_at - created_at)) as seconds
      from jobs
      where status = 'complete' and completed_at > now() - make_interval(days => ${params.days})`),
    db.execute(sql`
      select count(*)::int as n from job_results
      where status = 'submitted' and submitted_at > now() - interval '1 hour'`),
    // Live listings: of the citations submitted in the range, how many were seen live within 28
    // days of their submission, how many show a wrong detail, and how many were never published.
    db.execute(sql`
      select count(*)::int as submitted,
             count(*) filter (where listing_url is not null)::int as with_link,
             count(*) filter (where live_since is not null
               and live_since <= submitted_at + interval '28 days')::int as live_within_28,
             count(*) filter (where live_state = 'live')::int as live,
             count(*) filter (where live_state = 'mismatch')::int as mismatch,
             count(*) filter (where live_state = 'gone')::int as gone
      from job_results
      where status = 'submitted' and submitted_at > now() - make_interval(days => ${params.days})`),
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
    bucket,
    series: rowsOf<{ start: string | Date; submitted: number; failed: number }>(seriesRows).map((r) => ({
      start: new Date(r.start).toISOString(),
      submitted: Number(r.submitted),
      failed: Number(r.failed),
    })),
    /** Right now: jobs waiting and running, and directories submitted in the last hour. */
    now: {
      waiting: jobsByStatus.pending,
      running: jobsByStatus.in_progress,
      submittedLastHour: rowsOf<{ n: number }>(nowRows)[0]?.n ?? 0,
    },
    results: rate,
    successRate: rate.submitted + rate.failed === 0 ? null : rate.submitted / (rate.submitted + rate.failed),
    medianJobSeconds: median === null || median === undefined ? null : Math.round(Number(median)),
    live: liveFigures(rowsOf<LiveRow>(liveRows)[0]),
  };
}

interface LiveRow {
  submitted: number;
  with_link: number;
  live_within_28: number;
  live: number;
  mismatch: number;
  gone: number;
}

function liveFigures(row: LiveRow | undefined) {
  const r = row ?? { submitted: 0, with_link: 0, live_within_28: 0, live: 0, mismatch: 0, gone: 0 };
  return {
    submitted: r.submitted,
    withLink: r.with_link,
    liveWithin28Days: r.live_within_28,
    live: r.live,
    mismatch: r.mismatch,
    gone: r.gone,
    /** Share of submitted citations seen live within 28 days of submission (null with none). */
    liveWithin28DaysRate: r.submitted === 0 ? null : r.live_within_28 / r.submitted,
  };
}
