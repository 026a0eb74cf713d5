-- Live updates and idle workers are woken through PostgreSQL itself, so any number of server
-- processes on any number of machines see every change: a job row that changes announces its id
-- on autobolt_job_changed, and a job that becomes claimable rings autobolt_job_pending.
-- NOTIFY is delivered at commit and folds duplicates within a transaction.
CREATE FUNCTION autobolt_notify_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('autobolt_job_changed', NEW.id::text);
  IF NEW.status = 'pending' THEN
    PERFORM pg_notify('autobolt_job_pending', '');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER jobs_notify AFTER INSERT OR UPDATE ON jobs
  FOR EACH ROW EXECUTE FUNCTION autobolt_notify_job();
--> statement-breakpoint
INSERT INTO packages (id, name, size, sort_order) VALUES
  ('starter', 'Starter', 25, 1),
  ('growth', 'Growth', 75, 2),
  ('professional', 'Professional', 150, 3),
  ('enterprise', 'Enterprise', 500, 4);
