ALTER TABLE "returns" ADD COLUMN "due" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "due_state" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "due_payment_id" integer;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "due_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returns" ADD COLUMN "due_paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_due_payment_id_payments_id_fk" FOREIGN KEY ("due_payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "returns_due_expiry_idx" ON "returns" USING btree ("due_expires_at") WHERE "returns"."status" = 'awaiting_payment';--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_due" CHECK ("returns"."due" >= 0);