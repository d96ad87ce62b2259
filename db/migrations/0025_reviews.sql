CREATE TABLE "review_photos" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"review_id" integer NOT NULL,
	"url" text NOT NULL,
	"key" text,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_requests" (
	"order_id" integer PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_votes" (
	"review_id" integer NOT NULL,
	"voter" text NOT NULL,
	"address_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_votes_review_id_voter_pk" PRIMARY KEY("review_id","voter")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"order_line_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"artisan_id" integer,
	"customer_id" integer,
	"author_name" text NOT NULL,
	"rating" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"rejection_reason" text,
	"moderated_by" integer,
	"moderated_at" timestamp with time zone,
	"helpful_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_rating" CHECK ("reviews"."rating" between 1 and 5),
	CONSTRAINT "reviews_helpful" CHECK ("reviews"."helpful_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "review_photos" ADD CONSTRAINT "review_photos_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_requests" ADD CONSTRAINT "review_requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_votes" ADD CONSTRAINT "review_votes_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_artisan_id_artisans_id_fk" FOREIGN KEY ("artisan_id") REFERENCES "public"."artisans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_moderated_by_staff_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_photos_review_idx" ON "review_photos" USING btree ("review_id","position");--> statement-breakpoint
CREATE INDEX "review_votes_voter_idx" ON "review_votes" USING btree ("voter","created_at");--> statement-breakpoint
CREATE INDEX "review_votes_address_idx" ON "review_votes" USING btree ("address_key","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_order_line_key" ON "reviews" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "reviews_product_shown_idx" ON "reviews" USING btree ("product_id","helpful_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "reviews"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "reviews_queue_idx" ON "reviews" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "reviews_order_idx" ON "reviews" USING btree ("order_id");
--> statement-breakpoint
-- Reviews on product pages purge the product's cached pages (docs/decisions/0015-cache-purge.md):
-- a review appearing or leaving (approved, unapproved, deleted), or a shown review's words, stars,
-- author, maker or helpful votes changing. Pending and rejected reviews are on no shared page.
CREATE OR REPLACE FUNCTION reviews_purge() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_shown boolean := TG_OP <> 'INSERT' AND OLD.status = 'approved';
  is_shown boolean := TG_OP <> 'DELETE' AND NEW.status = 'approved';
BEGIN
  IF NOT (was_shown OR is_shown) THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND was_shown AND is_shown AND OLD.product_id = NEW.product_id
     AND (OLD.rating, OLD.title, OLD.body, OLD.author_name, OLD.artisan_id, OLD.helpful_count, OLD.created_at)
         IS NOT DISTINCT FROM (NEW.rating, NEW.title, NEW.body, NEW.author_name, NEW.artisan_id, NEW.helpful_count, NEW.created_at) THEN
    RETURN NULL;
  END IF;
  IF was_shown THEN PERFORM notify_catalog_purge(ARRAY['product:' || OLD.product_id]); END IF;
  IF is_shown AND NOT (was_shown AND OLD.product_id = NEW.product_id) THEN PERFORM notify_catalog_purge(ARRAY['product:' || NEW.product_id]); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reviews_purge AFTER INSERT OR UPDATE OR DELETE ON reviews FOR EACH ROW EXECUTE FUNCTION reviews_purge();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION review_photos_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM notify_catalog_purge(ARRAY(
    SELECT DISTINCT 'product:' || r.product_id FROM reviews r
    WHERE r.status = 'approved'
      AND r.id IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.review_id END, CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.review_id END)
  ));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER review_photos_purge AFTER INSERT OR UPDATE OR DELETE ON review_photos FOR EACH ROW EXECUTE FUNCTION review_photos_purge();
