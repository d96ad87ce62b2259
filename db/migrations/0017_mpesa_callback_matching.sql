CREATE TABLE "mpesa_simulator_payments" (
	"originator_conversation_id" text PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"msisdn" text NOT NULL,
	"amount" integer NOT NULL,
	"success" boolean NOT NULL,
	"receipt" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_callbacks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payout_callbacks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"payout_id" integer,
	"kind" text NOT NULL,
	"outcome" text NOT NULL,
	"originator_ref" text,
	"conversation_ref" text,
	"about_originator_ref" text,
	"about_conversation_ref" text,
	"about_amount" integer,
	"result_code" integer,
	"receipt" text,
	"reason" text,
	"body" jsonb NOT NULL,
	"disposition" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"review_note" text
);
--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "status_query_ref" text;--> statement-breakpoint
ALTER TABLE "payouts" ADD COLUMN "reconcile_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_callbacks" ADD CONSTRAINT "payout_callbacks_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mpesa_simulator_payments_conversation_key" ON "mpesa_simulator_payments" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "payout_callbacks_payout_idx" ON "payout_callbacks" USING btree ("payout_id","id");--> statement-breakpoint
CREATE INDEX "payout_callbacks_open_idx" ON "payout_callbacks" USING btree ("disposition") WHERE "payout_callbacks"."disposition" in ('parked', 'conflict');--> statement-breakpoint
CREATE INDEX "payout_callbacks_received_idx" ON "payout_callbacks" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_status_query_ref_key" ON "payouts" USING btree ("status_query_ref");