DROP INDEX "job_results_job_status_idx";--> statement-breakpoint
DROP INDEX "job_results_failed_idx";--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "listing_reference" text;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "resolution_note" text;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "resolution_proof_url" text;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "replaced_by_id" uuid;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "assigned_to" text;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "attention_note" text;--> statement-breakpoint
CREATE INDEX "customers_email_norm_idx" ON "customers" USING btree (lower(trim("email")));--> statement-breakpoint
CREATE INDEX "customers_phone_norm_idx" ON "customers" USING btree (right(regexp_replace("phone", '[^0-9]', '', 'g'), 10));--> statement-breakpoint
CREATE INDEX "customers_website_norm_idx" ON "customers" USING btree (split_part(regexp_replace(lower(trim("website")), '^[a-z]+://(www[.])?', ''), '/', 1));--> statement-breakpoint
CREATE INDEX "job_results_open_recent_idx" ON "job_results" USING btree ("updated_at","id") WHERE "job_results"."status" = 'failed' and "job_results"."resolution" is null;--> statement-breakpoint
CREATE INDEX "job_results_open_assigned_idx" ON "job_results" USING btree ("assigned_to","updated_at") WHERE "job_results"."status" = 'failed' and "job_results"."resolution" is null and "job_results"."assigned_to" is not null;--> statement-breakpoint
CREATE INDEX "job_results_open_failures_idx" ON "job_results" USING btree ("job_id") WHERE "job_results"."status" = 'failed' and "job_results"."resolution" is null;--> statement-breakpoint
CREATE INDEX "job_results_job_status_idx" ON "job_results" USING btree ("job_id","status","resolution");--> statement-breakpoint
CREATE INDEX "job_results_failed_idx" ON "job_results" USING btree ("reason","updated_at") WHERE "job_results"."status" = 'failed' and "job_results"."resolution" is null;--> statement-breakpoint
ALTER TABLE "job_results" ADD CONSTRAINT "job_results_resolution_check" CHECK ("job_results"."resolution" is null
        or ("job_results"."resolution" = 'resolved_by_hand' and "job_results"."status" = 'submitted')
        or ("job_results"."resolution" in ('skipped', 'replaced') and "job_results"."status" = 'failed'));