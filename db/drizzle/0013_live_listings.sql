ALTER TABLE "follow_ups" ALTER COLUMN "message_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "listing_url" text;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "live_state" text;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "live_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "live_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "nap_mismatch" jsonb;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "rechecks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "job_results_recheck_idx" ON "job_results" USING btree ("submitted_at") WHERE "job_results"."status" = 'submitted' and "job_results"."listing_url" is not null and ("job_results"."live_state" is null or "job_results"."live_state" in ('not_yet', 'mismatch'));