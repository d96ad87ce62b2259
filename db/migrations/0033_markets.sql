CREATE TABLE "market_prices" (
	"market" text NOT NULL,
	"variant_id" integer NOT NULL,
	"currency" text NOT NULL,
	"price" integer NOT NULL,
	"compare_at_price" integer,
	"source" text DEFAULT 'generated' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "market_prices_market_variant_id_pk" PRIMARY KEY("market","variant_id"),
	CONSTRAINT "market_prices_price_positive" CHECK ("market_prices"."price" > 0 and ("market_prices"."compare_at_price" is null or "market_prices"."compare_at_price" > 0))
);
--> statement-breakpoint
CREATE TABLE "markets" (
	"code" text PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"rate_ppm" integer NOT NULL,
	"rounding_ending" integer DEFAULT 0 NOT NULL,
	"price_list_generated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "markets_rate_positive" CHECK ("markets"."rate_ppm" > 0),
	CONSTRAINT "markets_rounding_ending" CHECK ("markets"."rounding_ending" >= 0 and "markets"."rounding_ending" < 100)
);
--> statement-breakpoint
ALTER TABLE "market_prices" ADD CONSTRAINT "market_prices_market_markets_code_fk" FOREIGN KEY ("market") REFERENCES "public"."markets"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_prices" ADD CONSTRAINT "market_prices_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The five markets (app/domain/markets/markets.ts holds what does not change; ops changes the rate
-- and rounding). docs/decisions/0021-markets-and-currencies.md.
INSERT INTO "markets" ("code", "currency", "rate_ppm", "rounding_ending") VALUES
  ('us', 'USD', 1000000, 0),
  ('gb', 'GBP', 880000, 0),
  ('eu', 'EUR', 1050000, 0),
  ('ca', 'CAD', 1400000, 95),
  ('au', 'AUD', 1700000, 95)
ON CONFLICT ("code") DO NOTHING;
--> statement-breakpoint
-- Every page of a market records 'prices:<market>' (its price list: cards' "from" prices, product
-- pages, the bag). One key per market: a regenerated list sends one notification, not one per row.
CREATE OR REPLACE FUNCTION market_prices_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM notify_catalog_purge(ARRAY['prices:' || OLD.market]); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM notify_catalog_purge(ARRAY['prices:' || NEW.market]); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER market_prices_purge AFTER INSERT OR UPDATE OR DELETE ON market_prices FOR EACH ROW EXECUTE FUNCTION market_prices_purge();
--> statement-breakpoint
-- A variant without a row of its own is priced by the market's rate and rounding until the list is
-- generated again: a change of either changes those prices.
CREATE OR REPLACE FUNCTION markets_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR (OLD.rate_ppm, OLD.rounding_ending) IS DISTINCT FROM (NEW.rate_ppm, NEW.rounding_ending) THEN
    PERFORM notify_catalog_purge(ARRAY['prices:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.code ELSE NEW.code END]);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER markets_purge AFTER INSERT OR UPDATE OR DELETE ON markets FOR EACH ROW EXECUTE FUNCTION markets_purge();
--> statement-breakpoint
-- A new variant gets its price in every market at once, by the market's rate and rounding (the
-- formula of convertPrice in app/domain/markets/markets.ts, which tests/integration/markets.test.ts
-- holds them to): every variant always has a stored price in every market.
CREATE OR REPLACE FUNCTION market_price_of(usd integer, rate_ppm integer, ending integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT greatest(1, floor((round(usd::numeric * rate_ppm / 1000000) + ((100 - ending) % 100) + 50) / 100))::integer * 100 - ((100 - ending) % 100)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION variants_market_prices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO market_prices (market, variant_id, currency, price, compare_at_price)
  SELECT m.code, NEW.id, m.currency, market_price_of(NEW.price, m.rate_ppm, m.rounding_ending),
         CASE WHEN NEW.compare_at_price IS NULL THEN NULL ELSE market_price_of(NEW.compare_at_price, m.rate_ppm, m.rounding_ending) END
  FROM markets m WHERE m.code <> 'us'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER variants_market_prices AFTER INSERT ON variants FOR EACH ROW EXECUTE FUNCTION variants_market_prices();
--> statement-breakpoint
INSERT INTO market_prices (market, variant_id, currency, price, compare_at_price)
SELECT m.code, v.id, m.currency, market_price_of(v.price, m.rate_ppm, m.rounding_ending),
       CASE WHEN v.compare_at_price IS NULL THEN NULL ELSE market_price_of(v.compare_at_price, m.rate_ppm, m.rounding_ending) END
FROM markets m CROSS JOIN variants v WHERE m.code <> 'us'
ON CONFLICT DO NOTHING;
