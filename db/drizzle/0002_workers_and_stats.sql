CREATE TABLE "workers" (
	"id" text PRIMARY KEY NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "workers_last_seen_at_index" ON "workers" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "job_events_actor_idx" ON "job_events" USING btree ("actor","created_at");--> statement-breakpoint
CREATE INDEX "job_results_submitted_idx" ON "job_results" USING btree ("submitted_at") WHERE "job_results"."status" = 'submitted';