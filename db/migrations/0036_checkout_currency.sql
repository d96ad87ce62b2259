ALTER TABLE "carts" ADD COLUMN "market" text DEFAULT 'us' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "tax_included" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "market" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "settlement_currency" text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "settlement_total" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "settlement_rate_ppm" integer;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD COLUMN "presentment_amount" integer;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD COLUMN "presentment_currency" text;--> statement-breakpoint
-- Orders placed before markets were all in US dollars: they settle as themselves.
UPDATE "orders" SET "settlement_total" = "total", "settlement_rate_ppm" = 1000000 WHERE "currency" = 'USD';--> statement-breakpoint
UPDATE "orders" SET "market" = 'us' WHERE "channel" = 'web' AND "currency" = 'USD';--> statement-breakpoint
-- A bag in another currency than its market's (none should be) starts again in the US market's.
UPDATE "carts" SET "currency" = 'USD' WHERE "currency" <> 'USD';--> statement-breakpoint
CREATE UNIQUE INDEX "markets_code_currency_key" ON "markets" USING btree ("code","currency");--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_market_currency_fkey" FOREIGN KEY ("market","currency") REFERENCES "public"."markets"("code","currency") ON DELETE no action ON UPDATE no action;
