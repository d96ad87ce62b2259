CREATE TABLE "held_offline_sales" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "held_offline_sales_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"sold_at" timestamp with time zone,
	"sale" jsonb NOT NULL,
	"reason" text NOT NULL,
	"shift_id" integer NOT NULL,
	"synced_by" integer NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"order_id" integer
);
--> statement-breakpoint
ALTER TABLE "held_offline_sales" ADD CONSTRAINT "held_offline_sales_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_offline_sales" ADD CONSTRAINT "held_offline_sales_synced_by_staff_users_id_fk" FOREIGN KEY ("synced_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_offline_sales" ADD CONSTRAINT "held_offline_sales_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_offline_sales" ADD CONSTRAINT "held_offline_sales_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "held_offline_sales_key" ON "held_offline_sales" USING btree ("key");--> statement-breakpoint
CREATE INDEX "held_offline_sales_open_idx" ON "held_offline_sales" USING btree ("decision");