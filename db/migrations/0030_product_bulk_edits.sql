CREATE TABLE "product_bulk_edits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "product_bulk_edits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"actor" text NOT NULL,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"product_count" integer NOT NULL,
	"last_audit_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" text
);
--> statement-breakpoint
CREATE INDEX "product_bulk_edits_created_idx" ON "product_bulk_edits" USING btree ("created_at");