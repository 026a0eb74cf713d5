import { sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { workers } from "../schema/index.ts";
import { rowsOf } from "./rows.ts";

/** A worker asked for work: remember it was here. */
export async function touchWorker(db: Db, workerId: string): Promise<void> {
  await db
    .insert(workers)
    .values({ id: workerId })
    .onConflictDoUpdate({ target: workers.id, set: { lastSeenAt: sql`now()` } });
}

export interface WorkerStatus {
  id: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** The job it holds now, if any. */
  jobId: string | null;
  businessName: string | null;
  /** Directories it reported in the last 10 minutes, per minute. */
  directoriesPerMinute: number;
  state: "busy" | "idle" | "gone";
}

/**
 * Workers seen in the last day, with what each holds now. A heartbeat renews the held job's
 * updated_at, so the latest of that and the worker's last call is its last sign of life.
 */
export async function listWorkers(db: Db, params: { goneAfterSeconds: number }): Promise<WorkerStatus[]> {
  const rows = rowsOf<{
    id: string;
    first_seen_at: string | Date;
    last_seen: string | Date;
    job_id: string | null;
    business_name: string | null;
    reported: number | string;
  }>(
    await db.execute(sql`
      select w.id, w.first_seen_at,
        greatest(w.last_seen_at, j.updated_at) as last_seen,
        j.id as job_id, j.business_name,
        coalesce((
          select sum((e.data->>'submitted')::int + (e.data->>'failed')::int)
          from job_events e
          where e.actor = 'worker:' || w.id and e.type = 'results' and e.created_at > now() - interval '10 minutes'
        ), 0) as reported
      from ${workers} w
      left join lateral (
        select id, business_name, updated_at from jobs
        where worker_id = w.id and status = 'in_progress'
        order by updated_at desc limit 1
      ) j on true
      where w.last_seen_at > now() - interval '1 day' or j.id is not null
      order by w.id`),
  );
  const now = Date.now();
  return rows.map((r) => {
    const lastSeenAt = new Date(r.last_seen);
    const gone = now - lastSeenAt.getTime() > params.goneAfterSeconds * 1000;
    return {
      id: r.id,
      firstSeenAt: new Date(r.first_seen_at),
      lastSeenAt,
      jobId: r.job_id,
      businessName: r.business_name,
      directoriesPerMinute: Math.round((Number(r.reported) / 10) * 10) / 10,
      state: r.job_id ? "busy" : gone ? "gone" : "idle",
    };
  });
}
