CREATE SEQUENCE "public"."sscc_serials" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "carton_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "carton_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"carton_id" integer NOT NULL,
	"order_line_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "carton_lines_quantity_positive" CHECK ("carton_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "cartons" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cartons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_id" integer NOT NULL,
	"position" integer NOT NULL,
	"sscc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cartons_sscc_digits" CHECK ("cartons"."sscc" ~ '^[0-9]{18}$'),
	CONSTRAINT "cartons_position_positive" CHECK ("cartons"."position" > 0)
);
--> statement-breakpoint
ALTER TABLE "carton_lines" ADD CONSTRAINT "carton_lines_carton_id_cartons_id_fk" FOREIGN KEY ("carton_id") REFERENCES "public"."cartons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carton_lines" ADD CONSTRAINT "carton_lines_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cartons" ADD CONSTRAINT "cartons_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "carton_lines_key" ON "carton_lines" USING btree ("carton_id","order_line_id");--> statement-breakpoint
CREATE INDEX "carton_lines_order_line_idx" ON "carton_lines" USING btree ("order_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cartons_sscc_key" ON "cartons" USING btree ("sscc");--> statement-breakpoint
CREATE UNIQUE INDEX "cartons_order_position_key" ON "cartons" USING btree ("order_id","position");