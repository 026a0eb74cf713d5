CREATE TABLE "directory_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"directory_id" text NOT NULL,
	"result_id" uuid,
	"email" text NOT NULL,
	"username" text,
	"password_cipher" text NOT NULL,
	"password_iv" text NOT NULL,
	"password_tag" text NOT NULL,
	"handed_over" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_accounts_customer_directory_key" UNIQUE("customer_id","directory_id")
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"job_id" uuid NOT NULL,
	"result_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"link" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"worker_id" text,
	"lease_token" uuid,
	"lease_expires_at" timestamp with time zone,
	"outcome" text,
	"error" text,
	"final_url" text,
	"screenshot_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_ups_message_key" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid,
	"recipient" text NOT NULL,
	"message_key" text NOT NULL,
	"from_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"size" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"result_id" uuid,
	"directory_id" text,
	"link" text,
	CONSTRAINT "inbox_messages_recipient_key" UNIQUE("recipient","message_key")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "campaign_local" text DEFAULT substr(md5(gen_random_uuid()::text), 1, 16) NOT NULL;--> statement-breakpoint
ALTER TABLE "directories" ADD COLUMN "form_email" text DEFAULT 'campaign' NOT NULL;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "confirmation" text;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "awaiting_email_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_results" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "directory_accounts" ADD CONSTRAINT "directory_accounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_accounts" ADD CONSTRAINT "directory_accounts_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_accounts" ADD CONSTRAINT "directory_accounts_result_id_job_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."job_results"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_result_id_job_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."job_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_message_id_inbox_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."inbox_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_result_id_job_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."job_results"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_messages" ADD CONSTRAINT "inbox_messages_directory_id_directories_id_fk" FOREIGN KEY ("directory_id") REFERENCES "public"."directories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_accounts_result_id_index" ON "directory_accounts" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "follow_ups_claim_idx" ON "follow_ups" USING btree ("created_at") WHERE "follow_ups"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_open_result_idx" ON "follow_ups" USING btree ("result_id") WHERE "follow_ups"."status" in ('pending', 'in_progress');--> statement-breakpoint
CREATE INDEX "follow_ups_result_idx" ON "follow_ups" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "inbox_messages_customer_idx" ON "inbox_messages" USING btree ("customer_id","received_at");--> statement-breakpoint
CREATE INDEX "inbox_messages_result_idx" ON "inbox_messages" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "job_results_awaiting_email_idx" ON "job_results" USING btree ("awaiting_email_since") WHERE "job_results"."confirmation" = 'awaiting_email';--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_campaignLocal_unique" UNIQUE("campaign_local");