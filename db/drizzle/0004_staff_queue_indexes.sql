-- Trusted since PostgreSQL 13, so a database owner may create it; createDb() loads it into PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "jobs_status_created_idx";--> statement-breakpoint
DROP INDEX "jobs_created_idx";--> statement-breakpoint
CREATE INDEX "jobs_updated_idx" ON "jobs" USING btree ("updated_at","created_at","id");--> statement-breakpoint
CREATE INDEX "jobs_priority_idx" ON "jobs" USING btree ("priority_level","created_at","id");--> statement-breakpoint
CREATE INDEX "jobs_business_name_idx" ON "jobs" USING btree ("business_name","created_at","id");--> statement-breakpoint
CREATE INDEX "jobs_status_idx" ON "jobs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "jobs_business_name_trgm_idx" ON "jobs" USING gin ("business_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "jobs_email_trgm_idx" ON "jobs" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "jobs_status_created_idx" ON "jobs" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "jobs_created_idx" ON "jobs" USING btree ("created_at","id");