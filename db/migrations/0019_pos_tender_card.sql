ALTER TABLE "tenders" ADD COLUMN "card_brand" text;--> statement-breakpoint
ALTER TABLE "tenders" ADD COLUMN "card_last4" text;