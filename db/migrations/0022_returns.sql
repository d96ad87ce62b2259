CREATE SEQUENCE "public"."return_numbers" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 20001 CACHE 1;--> statement-breakpoint
CREATE TABLE "return_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "return_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"return_id" integer NOT NULL,
	"order_line_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"amount" integer NOT NULL,
	"exchange_variant_id" integer,
	"disposition" text,
	"fault" text,
	"made_by_request_id" integer,
	"rework_request_id" integer,
	CONSTRAINT "return_lines_quantity" CHECK ("return_lines"."quantity" > 0 and "return_lines"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "returns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "returns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number" text NOT NULL,
	"order_id" integer NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"resolution" text NOT NULL,
	"refund_method" text DEFAULT 'original' NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"refund_state" text DEFAULT 'none' NOT NULL,
	"refund_id" integer,
	"exchange_order_id" integer,
	"idempotency_key" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_at" timestamp with time zone,
	"inspected_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "returns_amount" CHECK ("returns"."amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_exchange_variant_id_variants_id_fk" FOREIGN KEY ("exchange_variant_id") REFERENCES "public"."variants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_made_by_request_id_production_requests_id_fk" FOREIGN KEY ("made_by_request_id") REFERENCES "public"."production_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_rework_request_id_production_requests_id_fk" FOREIGN KEY ("rework_request_id") REFERENCES "public"."production_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_exchange_order_id_orders_id_fk" FOREIGN KEY ("exchange_order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_lines_return_idx" ON "return_lines" USING btree ("return_id");--> statement-breakpoint
CREATE INDEX "return_lines_order_line_idx" ON "return_lines" USING btree ("order_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "returns_number_key" ON "returns" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "returns_idempotency_key" ON "returns" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "returns_order_idx" ON "returns" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "returns_status_idx" ON "returns" USING btree ("status","created_at");
--> statement-breakpoint
-- Counter returns made before this migration become return records too (one model for both channels).
INSERT INTO "returns" ("number", "order_id", "channel", "status", "resolution", "refund_method", "reason", "note", "amount", "currency", "refund_state", "idempotency_key", "created_by", "created_at", "received_at", "inspected_at", "refunded_at", "closed_at")
SELECT 'RT-' || nextval('return_numbers'), pr."order_id", 'pos', 'closed', 'refund', 'original', 'other', pr."reason", pr."amount", o."currency", 'issued', 'pos-return:' || pr."idempotency_key", 'staff:' || pr."created_by", pr."created_at", pr."created_at", pr."created_at", pr."created_at", pr."created_at"
FROM "pos_returns" pr JOIN "orders" o ON o."id" = pr."order_id" ORDER BY pr."id";
--> statement-breakpoint
INSERT INTO "return_lines" ("return_id", "order_line_id", "quantity", "amount", "disposition")
SELECT r."id", l."order_line_id", l."quantity", l."amount", 'restock'
FROM "pos_return_lines" l JOIN "pos_returns" pr ON pr."id" = l."return_id" JOIN "returns" r ON r."idempotency_key" = 'pos-return:' || pr."idempotency_key"
ORDER BY l."id";
