CREATE TABLE "edi_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edi_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partner_id" integer NOT NULL,
	"type" text NOT NULL,
	"control_number" integer NOT NULL,
	"raw" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"order_id" integer,
	"transaction_id" integer,
	"reference" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"ack_due_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "edi_interchanges" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edi_interchanges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partner_id" integer NOT NULL,
	"control_number" text NOT NULL,
	"source" text NOT NULL,
	"raw" text NOT NULL,
	"parsed" jsonb NOT NULL,
	"status" text NOT NULL,
	"usage" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edi_item_refs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edi_item_refs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partner_id" integer NOT NULL,
	"qualifier" text NOT NULL,
	"value" text NOT NULL,
	"variant_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edi_partners" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edi_partners_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"retailer_id" integer NOT NULL,
	"buyer_id" integer NOT NULL,
	"name" text NOT NULL,
	"their_qualifier" text DEFAULT 'ZZ' NOT NULL,
	"their_id" text NOT NULL,
	"their_gs_id" text NOT NULL,
	"our_qualifier" text DEFAULT 'ZZ' NOT NULL,
	"our_id" text NOT NULL,
	"our_gs_id" text NOT NULL,
	"usage" text DEFAULT 'T' NOT NULL,
	"documents_in" text[] DEFAULT '{850,860}' NOT NULL,
	"documents_out" text[] DEFAULT '{997,855,856,810}' NOT NULL,
	"element_delimiter" text DEFAULT '*' NOT NULL,
	"segment_terminator" text DEFAULT '~' NOT NULL,
	"sub_element_delimiter" text DEFAULT '>' NOT NULL,
	"next_control" integer DEFAULT 1 NOT NULL,
	"inbound_token_hash" text,
	"folder" text,
	"endpoint_url" text,
	"packing_slip_text" text DEFAULT '' NOT NULL,
	"ack_due_hours" integer DEFAULT 24 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "edi_partners_delimiters" CHECK (length("edi_partners"."element_delimiter") = 1 and length("edi_partners"."segment_terminator") = 1 and length("edi_partners"."sub_element_delimiter") = 1)
);
--> statement-breakpoint
CREATE TABLE "edi_ship_tos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edi_ship_tos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partner_id" integer NOT NULL,
	"code" text NOT NULL,
	"retailer_location_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edi_transactions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edi_transactions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"interchange_id" integer NOT NULL,
	"partner_id" integer NOT NULL,
	"group_control" text NOT NULL,
	"control_number" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"po_number" text,
	"order_id" integer,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"segments" jsonb NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "edi_documents" ADD CONSTRAINT "edi_documents_partner_id_edi_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."edi_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_documents" ADD CONSTRAINT "edi_documents_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_documents" ADD CONSTRAINT "edi_documents_transaction_id_edi_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."edi_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_interchanges" ADD CONSTRAINT "edi_interchanges_partner_id_edi_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."edi_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_item_refs" ADD CONSTRAINT "edi_item_refs_partner_id_edi_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."edi_partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_item_refs" ADD CONSTRAINT "edi_item_refs_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_partners" ADD CONSTRAINT "edi_partners_retailer_id_retailers_id_fk" FOREIGN KEY ("retailer_id") REFERENCES "public"."retailers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_partners" ADD CONSTRAINT "edi_partners_buyer_id_buyer_users_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."buyer_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_ship_tos" ADD CONSTRAINT "edi_ship_tos_partner_id_edi_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."edi_partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_ship_tos" ADD CONSTRAINT "edi_ship_tos_retailer_location_id_retailer_locations_id_fk" FOREIGN KEY ("retailer_location_id") REFERENCES "public"."retailer_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_transactions" ADD CONSTRAINT "edi_transactions_interchange_id_edi_interchanges_id_fk" FOREIGN KEY ("interchange_id") REFERENCES "public"."edi_interchanges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_transactions" ADD CONSTRAINT "edi_transactions_partner_id_edi_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."edi_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edi_transactions" ADD CONSTRAINT "edi_transactions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "edi_documents_control_key" ON "edi_documents" USING btree ("partner_id","control_number");--> statement-breakpoint
CREATE INDEX "edi_documents_partner_idx" ON "edi_documents" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "edi_documents_order_idx" ON "edi_documents" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "edi_documents_status_idx" ON "edi_documents" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "edi_interchanges_control_key" ON "edi_interchanges" USING btree ("partner_id","control_number");--> statement-breakpoint
CREATE INDEX "edi_interchanges_received_idx" ON "edi_interchanges" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "edi_item_refs_key" ON "edi_item_refs" USING btree ("partner_id","qualifier","value");--> statement-breakpoint
CREATE INDEX "edi_item_refs_variant_idx" ON "edi_item_refs" USING btree ("variant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "edi_partners_their_id_key" ON "edi_partners" USING btree ("their_qualifier","their_id");--> statement-breakpoint
CREATE UNIQUE INDEX "edi_partners_retailer_key" ON "edi_partners" USING btree ("retailer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "edi_ship_tos_key" ON "edi_ship_tos" USING btree ("partner_id","code");--> statement-breakpoint
CREATE INDEX "edi_transactions_interchange_idx" ON "edi_transactions" USING btree ("interchange_id");--> statement-breakpoint
CREATE INDEX "edi_transactions_status_idx" ON "edi_transactions" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "edi_transactions_po_idx" ON "edi_transactions" USING btree ("partner_id","po_number");