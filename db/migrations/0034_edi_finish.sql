DROP INDEX "wholesale_orders_po_key";--> statement-breakpoint
ALTER TABLE "variants" ADD COLUMN "weight_grams" integer DEFAULT 40 NOT NULL;--> statement-breakpoint
ALTER TABLE "wholesale_orders" ADD COLUMN "cancelled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "edi_partners" ADD COLUMN "allowance_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "edi_partners" ADD COLUMN "freight_charge" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_weight_positive" CHECK ("variants"."weight_grams" > 0);--> statement-breakpoint
ALTER TABLE "edi_partners" ADD CONSTRAINT "edi_partners_allowance" CHECK ("edi_partners"."allowance_bps" >= 0 and "edi_partners"."allowance_bps" <= 5000);--> statement-breakpoint
ALTER TABLE "edi_partners" ADD CONSTRAINT "edi_partners_freight_charge" CHECK ("edi_partners"."freight_charge" >= 0);--> statement-breakpoint
-- A cancelled order's PO number is free again (X12: a new 850 with the same PO after a cancel is a
-- new order). wholesale_orders.cancelled follows orders.status, whichever path cancels the order.
UPDATE "wholesale_orders" w SET "cancelled" = true FROM "orders" o WHERE o."id" = w."order_id" AND o."status" = 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "wholesale_orders_po_key" ON "wholesale_orders" USING btree ("retailer_id","po_number") WHERE not "wholesale_orders"."cancelled";--> statement-breakpoint
CREATE FUNCTION wholesale_order_cancelled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE wholesale_orders SET cancelled = (NEW.status = 'cancelled')
  WHERE order_id = NEW.id AND cancelled IS DISTINCT FROM (NEW.status = 'cancelled');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER orders_wholesale_cancelled AFTER UPDATE OF status ON "orders"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION wholesale_order_cancelled();
