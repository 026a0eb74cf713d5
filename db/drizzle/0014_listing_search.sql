DROP INDEX "job_results_recheck_idx";--> statement-breakpoint
ALTER TABLE "directories" ADD COLUMN "listing_search" jsonb;--> statement-breakpoint
CREATE INDEX "job_results_recheck_idx" ON "job_results" USING btree ("submitted_at") WHERE "job_results"."status" = 'submitted' and ("job_results"."live_state" is null or "job_results"."live_state" in ('not_yet', 'mismatch'));