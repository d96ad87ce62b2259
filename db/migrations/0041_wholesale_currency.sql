CREATE TABLE "wholesale_price_lists" (
	"currency" text PRIMARY KEY NOT NULL,
	"rate_ppm" integer NOT NULL,
	"rounding_step" integer DEFAULT 1 NOT NULL,
	"opening_minimum" integer,
	"reorder_minimum" integer,
	"generated_at" timestamp with time zone,
	"generated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wholesale_price_lists_rate_positive" CHECK ("wholesale_price_lists"."rate_ppm" > 0),
	CONSTRAINT "wholesale_price_lists_step" CHECK ("wholesale_price_lists"."rounding_step" between 1 and 10000),
	CONSTRAINT "wholesale_price_lists_minimums" CHECK ("wholesale_price_lists"."currency" = 'USD' or ("wholesale_price_lists"."opening_minimum" >= 0 and "wholesale_price_lists"."reorder_minimum" >= 0))
);
--> statement-breakpoint
-- The wholesale price lists (docs/decisions/0025-wholesale-in-the-retailers-currency.md): USD is the
-- variants' own wholesale prices (rate 1, the settings table's minimums); the others are generated
-- from them at a net-of-tax rate, to the nearest 50 minor units, with minimums in their own money.
INSERT INTO "wholesale_price_lists" ("currency", "rate_ppm", "rounding_step", "opening_minimum", "reorder_minimum") VALUES
  ('USD', 1000000, 1, NULL, NULL),
  ('GBP', 790000, 50, 40000, 20000),
  ('EUR', 920000, 50, 45000, 22500),
  ('CAD', 1360000, 50, 70000, 35000),
  ('AUD', 1520000, 50, 75000, 37500)
ON CONFLICT ("currency") DO NOTHING;
--> statement-breakpoint
CREATE TABLE "wholesale_prices" (
	"currency" text NOT NULL,
	"variant_id" integer NOT NULL,
	"price" integer NOT NULL,
	"source" text DEFAULT 'generated' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wholesale_prices_currency_variant_id_pk" PRIMARY KEY("currency","variant_id"),
	CONSTRAINT "wholesale_prices_positive" CHECK ("wholesale_prices"."price" > 0)
);
--> statement-breakpoint
ALTER TABLE "retailers" ADD COLUMN "currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "wholesale_prices" ADD CONSTRAINT "wholesale_prices_currency_wholesale_price_lists_currency_fk" FOREIGN KEY ("currency") REFERENCES "public"."wholesale_price_lists"("currency") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wholesale_prices" ADD CONSTRAINT "wholesale_prices_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retailers" ADD CONSTRAINT "retailers_currency_wholesale_price_lists_currency_fk" FOREIGN KEY ("currency") REFERENCES "public"."wholesale_price_lists"("currency") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A new variant gets its wholesale price in every list at once, by the list's rate and step (the
-- formula of wholesalePriceOf in app/domain/wholesale/pricing.ts, held to it by
-- tests/integration/wholesale-currency.test.ts): every variant always has a price in every currency.
CREATE OR REPLACE FUNCTION wholesale_price_of(usd integer, rate_ppm integer, step integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT greatest(step, floor((round(usd::numeric * rate_ppm / 1000000) * 2 + step) / (2 * step))::integer * step)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION variants_wholesale_prices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO wholesale_prices (currency, variant_id, price)
  SELECT l.currency, NEW.id, wholesale_price_of(NEW.wholesale_price, l.rate_ppm, l.rounding_step)
  FROM wholesale_price_lists l WHERE l.currency <> 'USD'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER variants_wholesale_prices AFTER INSERT ON variants FOR EACH ROW EXECUTE FUNCTION variants_wholesale_prices();
--> statement-breakpoint
INSERT INTO wholesale_prices (currency, variant_id, price)
SELECT l.currency, v.id, wholesale_price_of(v.wholesale_price, l.rate_ppm, l.rounding_step)
FROM variants v CROSS JOIN wholesale_price_lists l WHERE l.currency <> 'USD'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- A retailer's currency is fixed once it has an order (the domain refuses first, with the retailer
-- row locked; this holds whoever writes): its orders, invoices and credit are amounts in it.
CREATE OR REPLACE FUNCTION retailers_currency_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.currency IS DISTINCT FROM OLD.currency AND EXISTS (SELECT 1 FROM wholesale_orders WHERE retailer_id = NEW.id) THEN
    RAISE EXCEPTION 'retailer % has orders in %: its currency cannot change', NEW.id, OLD.currency USING ERRCODE = 'check_violation', CONSTRAINT = 'retailers_currency_fixed';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER retailers_currency_fixed BEFORE UPDATE OF currency ON retailers FOR EACH ROW EXECUTE FUNCTION retailers_currency_fixed();
