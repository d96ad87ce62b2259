CREATE TABLE "market_price_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "market_price_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"market" text NOT NULL,
	"actor" text NOT NULL,
	"rate_ppm" integer NOT NULL,
	"rounding_ending" integer NOT NULL,
	"replace_manual" boolean NOT NULL,
	"changed_count" integer NOT NULL,
	"kept_manual_count" integer NOT NULL,
	"before" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by" text
);
--> statement-breakpoint
ALTER TABLE "markets" ADD COLUMN "price_list_generated_by" text;--> statement-breakpoint
ALTER TABLE "market_price_runs" ADD CONSTRAINT "market_price_runs_market_markets_code_fk" FOREIGN KEY ("market") REFERENCES "public"."markets"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "market_price_runs_market_idx" ON "market_price_runs" USING btree ("market","id");