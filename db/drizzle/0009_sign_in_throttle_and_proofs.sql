CREATE TABLE "proofs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proofs_content_type_check" CHECK ("proofs"."content_type" in ('image/png', 'image/jpeg')),
	CONSTRAINT "proofs_size_check" CHECK ("proofs"."size" = octet_length("proofs"."bytes"))
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_in_throttle_window_started_at_index" ON "sign_in_throttle" USING btree ("window_started_at");