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
CREATE INDEX "jobs_created_idx" ON "jobs" USING btree ("created_at","id");--> statement-breakpoint
-- The exact number of jobs, for the queue's tabs: complete is this minus the other statuses, which
-- jobs_status_idx counts cheaply. It changes only when jobs are inserted, deleted or truncated, in
-- the same transaction, once per statement; a status change never touches it, so claims, reports
-- and completions by any number of workers never wait on this row.
CREATE TABLE "job_count" (
	"id" boolean PRIMARY KEY DEFAULT true CHECK ("id"),
	"n" bigint NOT NULL CHECK ("n" >= 0)
);--> statement-breakpoint
CREATE FUNCTION autobolt_count_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE job_count SET n = n + (SELECT count(*) FROM inserted_jobs);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE job_count SET n = n - (SELECT count(*) FROM deleted_jobs);
  ELSE
    UPDATE job_count SET n = 0;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER jobs_count_insert AFTER INSERT ON jobs REFERENCING NEW TABLE AS inserted_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION autobolt_count_jobs();--> statement-breakpoint
CREATE TRIGGER jobs_count_delete AFTER DELETE ON jobs REFERENCING OLD TABLE AS deleted_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION autobolt_count_jobs();--> statement-breakpoint
CREATE TRIGGER jobs_count_truncate AFTER TRUNCATE ON jobs
  FOR EACH STATEMENT EXECUTE FUNCTION autobolt_count_jobs();--> statement-breakpoint
-- Counted after the triggers exist: creating them locked out inserts, so none is missed.
INSERT INTO job_count (n) SELECT count(*) FROM jobs;
