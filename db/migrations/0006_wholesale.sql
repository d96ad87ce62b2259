CREATE TABLE "invoices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invoices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number" text NOT NULL,
	"order_id" integer NOT NULL,
	"retailer_id" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"amount" integer NOT NULL,
	"amount_paid" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_date" date NOT NULL,
	"paid_at" timestamp with time zone,
	"provider" text NOT NULL,
	"provider_ref" text,
	"last_reminder_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "price_tiers" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"percent_of_retail" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retailer_locations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "retailer_locations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"retailer_id" integer NOT NULL,
	"name" text NOT NULL,
	"line1" text NOT NULL,
	"line2" text,
	"city" text NOT NULL,
	"region" text,
	"postal_code" text,
	"country" text DEFAULT 'US' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retailer_prices" (
	"retailer_id" integer NOT NULL,
	"variant_id" integer NOT NULL,
	"price" integer NOT NULL,
	CONSTRAINT "retailer_prices_retailer_id_variant_id_pk" PRIMARY KEY("retailer_id","variant_id"),
	CONSTRAINT "retailer_prices_positive" CHECK ("retailer_prices"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "volume_breaks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volume_breaks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"variant_id" integer,
	"min_qty" integer NOT NULL,
	"percent_off" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wholesale_drafts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "wholesale_drafts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"retailer_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"name" text DEFAULT 'Draft order' NOT NULL,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"po_number" text,
	"retailer_location_id" integer,
	"ship_window_start" date,
	"ship_window_end" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wholesale_orders" (
	"order_id" integer PRIMARY KEY NOT NULL,
	"retailer_id" integer NOT NULL,
	"buyer_id" integer NOT NULL,
	"po_number" text NOT NULL,
	"retailer_location_id" integer,
	"ship_window_start" date,
	"ship_window_end" date,
	"payment_terms" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "buyer_users" ADD COLUMN "invite_token_hash" text;--> statement-breakpoint
ALTER TABLE "buyer_users" ADD COLUMN "invite_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "buyer_users" ADD COLUMN "invited_by" integer;--> statement-breakpoint
ALTER TABLE "buyer_users" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "contact_email" text;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "store_locations" text;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "expected_volume" text;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "decided_by" text;--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_locations" ADD CONSTRAINT "retailer_locations_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_prices" ADD CONSTRAINT "retailer_prices_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailer_prices" ADD CONSTRAINT "retailer_prices_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volume_breaks" ADD CONSTRAINT "volume_breaks_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wholesale_drafts" ADD CONSTRAINT "wholesale_drafts_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wholesale_orders" ADD CONSTRAINT "wholesale_orders_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wholesale_orders" ADD CONSTRAINT "wholesale_orders_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wholesale_orders" ADD CONSTRAINT "wholesale_orders_retailer_location_id_retailer_locations_id_fk" FOREIGN KEY ("retailer_location_id") REFERENCES "public"."retailer_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_provider_ref_key" ON "invoices" USING btree ("provider_ref");--> statement-breakpoint
CREATE INDEX "invoices_retailer_idx" ON "invoices" USING btree ("retailer_id","status");--> statement-breakpoint
CREATE INDEX "retailer_locations_retailer_idx" ON "retailer_locations" USING btree ("retailer_id");--> statement-breakpoint
CREATE INDEX "volume_breaks_variant_idx" ON "volume_breaks" USING btree ("variant_id");--> statement-breakpoint
CREATE INDEX "wholesale_drafts_retailer_idx" ON "wholesale_drafts" USING btree ("retailer_id");--> statement-breakpoint
CREATE INDEX "wholesale_orders_retailer_idx" ON "wholesale_orders" USING btree ("retailer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wholesale_orders_po_key" ON "wholesale_orders" USING btree ("retailer_id","po_number");