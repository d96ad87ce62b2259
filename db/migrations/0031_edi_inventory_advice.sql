ALTER TABLE "edi_partners" ADD COLUMN "advice_at" text DEFAULT '06:00' NOT NULL;--> statement-breakpoint
ALTER TABLE "edi_partners" ADD COLUMN "advice_time_zone" text DEFAULT 'America/New_York' NOT NULL;--> statement-breakpoint
ALTER TABLE "edi_partners" ADD COLUMN "last_advice_on" date;--> statement-breakpoint
ALTER TABLE "edi_partners" ADD CONSTRAINT "edi_partners_advice_at" CHECK ("edi_partners"."advice_at" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');