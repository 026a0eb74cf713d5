-- Job notifications once per statement instead of once per row: a claim or completion of many
-- jobs in one statement (the server batches them) sends one message listing their ids, in chunks
-- that stay far below NOTIFY's 8,000-byte payload limit, and rings autobolt_job_pending once.
DROP TRIGGER jobs_notify ON jobs;
--> statement-breakpoint
DROP FUNCTION autobolt_notify_job();
--> statement-breakpoint
CREATE FUNCTION autobolt_notify_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text;
BEGIN
  FOR ids IN
    SELECT string_agg(id::text, ',') FROM (
      SELECT id, (row_number() OVER () - 1) / 100 AS chunk FROM changed_jobs
    ) numbered GROUP BY chunk
  LOOP
    PERFORM pg_notify('autobolt_job_changed', ids);
  END LOOP;
  IF EXISTS (SELECT 1 FROM changed_jobs WHERE status = 'pending') THEN
    PERFORM pg_notify('autobolt_job_pending', '');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER jobs_notify_insert AFTER INSERT ON jobs
  REFERENCING NEW TABLE AS changed_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION autobolt_notify_jobs();
--> statement-breakpoint
CREATE TRIGGER jobs_notify_update AFTER UPDATE ON jobs
  REFERENCING NEW TABLE AS changed_jobs
  FOR EACH STATEMENT EXECUTE FUNCTION autobolt_notify_jobs();
