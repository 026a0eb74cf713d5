DROP INDEX "jobs_lease_idx";--> statement-breakpoint
DROP INDEX "job_events_actor_idx";--> statement-breakpoint
CREATE INDEX "job_events_actor_idx" ON "job_events" USING btree ("actor","created_at") WHERE "job_events"."type" = 'results';