ALTER TABLE "refunds" ADD COLUMN "actor" text;--> statement-breakpoint
-- Who asked for a console refund that failed, from its refund_failed line: a refund of it found at
-- Stripe later is recorded under their name (docs/decisions/0020).
UPDATE "refunds" SET "actor" = e."actor" FROM "order_events" e WHERE "refunds"."actor" IS NULL AND "refunds"."status" = 'failed' AND e."order_id" = "refunds"."order_id" AND e."type" = 'refund_failed' AND e."data"->>'refundId' = "refunds"."id"::text;
