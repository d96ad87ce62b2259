ALTER TABLE "locations" ADD COLUMN "address" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "phone" text;--> statement-breakpoint
-- Installs seeded before this: the Nairobi hub's address (the shipping labels' return address), as the demo seed writes it.
UPDATE "locations" SET "address" = ARRAY['Soko Nairobi Hub', 'Baba Dogo Road, Ruaraka', 'Nairobi 00618', 'Kenya'], "phone" = '+254 20 000 0000'
WHERE "code" = 'NBO-HUB' AND "address" = '{}'::text[];
