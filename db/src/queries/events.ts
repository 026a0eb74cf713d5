import type { JobEventType } from "@autobolt/contract";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { jobEvents } from "../schema/index.ts";

/** Who did something: `staff:<email>`, `worker:<id>` or `system`. */
export type Actor = string;

export async function recordEvent(
  db: Db,
  jobId: string,
  type: JobEventType,
  actor: Actor,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(jobEvents).values({ jobId, type, actor, data });
}

export function listJobEvents(db: Db, jobId: string, limit = 200) {
  return db
    .select()
    .from(jobEvents)
    .where(eq(jobEvents.jobId, jobId))
    .orderBy(desc(jobEvents.id))
    .limit(limit);
}
