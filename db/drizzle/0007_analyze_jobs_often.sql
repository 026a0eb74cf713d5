-- Keep the planner's idea of how many jobs are pending close to the truth. A claim reads the
-- best pending jobs through jobs_claim_idx only while the statistics say pending jobs are many; a
-- queue that was empty at its last ANALYZE (a quiet queue usually is) is planned as "about one
-- pending job", and every claim, even of one job, then reads EVERY pending job through the status
-- index and sorts them: 3.3 ms per claim at a backlog of 20,000 instead of 0.02 ms, growing with
-- the backlog, so a large import drains in quadratic time. By default a re-ANALYZE waits for 10%
-- of the table to change (100,000 rows of a 1,000,000-job history); here it follows any burst of
-- 1,000 changes within autovacuum's next round (a minute by default).
ALTER TABLE "jobs" SET (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);
