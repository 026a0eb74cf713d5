ALTER TABLE "directories" ADD COLUMN "learned" jsonb;--> statement-breakpoint
ALTER TABLE "directories" ADD COLUMN "learned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "directories" ADD COLUMN "learned_from_job_id" uuid;--> statement-breakpoint
ALTER TABLE "directories" ADD CONSTRAINT "directories_learned_from_job_id_jobs_id_fk" FOREIGN KEY ("learned_from_job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;