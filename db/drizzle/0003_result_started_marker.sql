ALTER TABLE "job_results" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "started_lease" uuid;