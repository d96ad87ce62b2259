DROP INDEX "customers_email_key";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "phone" text;--> statement-breakpoint
-- Backfill: each customer's number from their latest order's shipping phone, where it reads as a
-- mobile number the way ~/lib/phone's normalizeE164 reads one (Kenyan +254/00254/254 forms, + or 00
-- and 8-15 digits, a 10-digit North American number with or without the 1). The rest stay null; a
-- number two customers gave goes to the earliest account only (one customer per number).
WITH typed AS (
  SELECT DISTINCT ON (o.customer_id) o.customer_id, regexp_replace(btrim(o.shipping_address->>'phone'), '[\s().-]', '', 'g') AS c
  FROM orders o
  WHERE o.customer_id IS NOT NULL AND coalesce(o.shipping_address->>'phone', '') <> ''
  ORDER BY o.customer_id, o.placed_at DESC, o.id DESC
), parsed AS (
  SELECT customer_id, CASE
    WHEN c ~ '^(\+254|00254|254)[17][0-9]{8}$' THEN '+254' || right(c, 9)
    WHEN c ~ '^(\+|00)[1-9][0-9]{7,14}$' THEN '+' || regexp_replace(c, '^(\+|00)', '')
    WHEN c ~ '^1?[2-9][0-9]{2}[2-9][0-9]{6}$' THEN '+1' || right(c, 10)
  END AS phone
  FROM typed
), firsts AS (
  SELECT DISTINCT ON (phone) customer_id, phone FROM parsed WHERE phone IS NOT NULL ORDER BY phone, customer_id
)
UPDATE "customers" SET "phone" = firsts.phone FROM firsts WHERE "customers"."id" = firsts.customer_id;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_phone_key" ON "customers" USING btree ("phone" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_email_prefix_idx" ON "customers" USING btree (lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_name_prefix_idx" ON "customers" USING btree (lower("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "customers_email_key" ON "customers" USING btree (lower("email")) WHERE "customers"."email" <> '';