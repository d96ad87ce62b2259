ALTER TABLE "wholesale_orders" ADD COLUMN "allowance_bps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "wholesale_orders" ADD COLUMN "freight_charge" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Orders placed from an 850 before this migration: the terms they hold. The freight is the order's
-- shipping (an EDI order's only shipping is the partner's freight charge); the allowance is the
-- partner's percent when that still gives the order's discount to the cent, else the percent the
-- discount itself shows (the partner's terms changed since).
UPDATE "wholesale_orders" w
SET "freight_charge" = o."shipping_total",
    "allowance_bps" = CASE
      WHEN o."discount_total" = 0 THEN 0
      WHEN round(o."subtotal" * p."allowance_bps" / 10000.0) = o."discount_total" THEN p."allowance_bps"
      WHEN o."subtotal" > 0 THEN least(5000, round(o."discount_total" * 10000.0 / o."subtotal"))::integer
      ELSE 0
    END
FROM "orders" o, "edi_partners" p
WHERE o."id" = w."order_id" AND p."retailer_id" = w."retailer_id"
  AND EXISTS (SELECT 1 FROM "edi_transactions" t WHERE t."order_id" = w."order_id" AND t."type" = '850' AND t."partner_id" = p."id");
