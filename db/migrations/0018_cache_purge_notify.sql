-- Cache purges (docs/decisions/0015-cache-purge.md). A change to what a catalog page shows sends its
-- purge keys on the 'catalog_purge' channel, from a trigger, so the NOTIFY is part of the changing
-- transaction (delivered on commit, never for a rollback) whichever code made the change. Every app
-- process LISTENs and drops the cached pages and queries tagged with those keys (app/lib/purge.server.ts).
-- Keys: product:<id>, maker:<id>, collection:<handle>, catalog (every page showing a list). Only
-- changes a page shows purge: a stock level only when the variant goes in or out of stock, a maker
-- only when she has a public profile; quality scores, capacities and wholesale terms never.
CREATE OR REPLACE FUNCTION notify_catalog_purge(keys text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(array_length(keys, 1), 0) > 0 THEN
    PERFORM pg_notify('catalog_purge', array_to_string(keys, ' '));
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION products_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status = 'active' THEN PERFORM notify_catalog_purge(ARRAY['product:' || NEW.id, 'catalog']); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD.status = 'active' THEN PERFORM notify_catalog_purge(ARRAY['product:' || OLD.id, 'catalog']); END IF;
  ELSIF OLD.status = 'active' OR NEW.status = 'active' THEN
    -- What lists show, filter, search or sort by: every list may change.
    IF (OLD.status, OLD.handle, OLD.title, OLD.story, OLD.category, OLD.materials, OLD.featured, OLD.published_at)
       IS DISTINCT FROM (NEW.status, NEW.handle, NEW.title, NEW.story, NEW.category, NEW.materials, NEW.featured, NEW.published_at) THEN
      PERFORM notify_catalog_purge(ARRAY['product:' || NEW.id, 'catalog']);
    ELSIF OLD.care IS DISTINCT FROM NEW.care THEN
      PERFORM notify_catalog_purge(ARRAY['product:' || NEW.id]);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER products_purge AFTER INSERT OR UPDATE OR DELETE ON products FOR EACH ROW EXECUTE FUNCTION products_purge();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION variants_purge() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  product integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.product_id ELSE NEW.product_id END;
  lists boolean := TG_OP <> 'UPDATE';
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (OLD.product_id, OLD.title, OLD.options, OLD.position, OLD.currency, OLD.price, OLD.compare_at_price, OLD.lead_time_days, OLD.sku, OLD.barcode)
       IS NOT DISTINCT FROM (NEW.product_id, NEW.title, NEW.options, NEW.position, NEW.currency, NEW.price, NEW.compare_at_price, NEW.lead_time_days, NEW.sku, NEW.barcode) THEN
      RETURN NULL;
    END IF;
    -- The "from" price sorts and filters lists.
    lists := (OLD.product_id, OLD.price, OLD.currency) IS DISTINCT FROM (NEW.product_id, NEW.price, NEW.currency);
  END IF;
  IF EXISTS (SELECT 1 FROM products WHERE id = product AND status = 'active') THEN
    PERFORM notify_catalog_purge(CASE WHEN lists THEN ARRAY['product:' || product, 'catalog'] ELSE ARRAY['product:' || product] END);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER variants_purge AFTER INSERT OR UPDATE OR DELETE ON variants FOR EACH ROW EXECUTE FUNCTION variants_purge();
--> statement-breakpoint
-- Images and required skills (who can make it) show on the product page and its cards.
CREATE OR REPLACE FUNCTION product_detail_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM notify_catalog_purge(ARRAY['product:' || OLD.product_id]); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM notify_catalog_purge(ARRAY['product:' || NEW.product_id]); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER product_images_purge AFTER INSERT OR UPDATE OR DELETE ON product_images FOR EACH ROW EXECUTE FUNCTION product_detail_purge();
--> statement-breakpoint
CREATE TRIGGER product_skills_purge AFTER INSERT OR UPDATE OR DELETE ON product_skills FOR EACH ROW EXECUTE FUNCTION product_detail_purge();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION collections_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM notify_catalog_purge(ARRAY['collection:' || OLD.handle, 'catalog']); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM notify_catalog_purge(ARRAY['collection:' || NEW.handle, 'catalog']); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER collections_purge AFTER INSERT OR UPDATE OR DELETE ON collections FOR EACH ROW EXECUTE FUNCTION collections_purge();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION collection_products_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM notify_catalog_purge(ARRAY(
    SELECT 'collection:' || c.handle FROM collections c
    WHERE c.id IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.collection_id END, CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.collection_id END)
  ));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER collection_products_purge AFTER INSERT OR UPDATE OR DELETE ON collection_products FOR EACH ROW EXECUTE FUNCTION collection_products_purge();
--> statement-breakpoint
-- Pages show whether a variant is in stock (and from where it ships), not how many: only a level
-- going in or out of stock, at a location web orders are filled from, purges.
CREATE OR REPLACE FUNCTION inventory_levels_purge() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_in_stock boolean := TG_OP <> 'INSERT' AND OLD.on_hand > OLD.reserved;
  is_in_stock boolean := TG_OP <> 'DELETE' AND NEW.on_hand > NEW.reserved;
BEGIN
  IF TG_OP = 'UPDATE' AND was_in_stock = is_in_stock AND OLD.variant_id = NEW.variant_id AND OLD.location_id = NEW.location_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'UPDATE' AND NOT (was_in_stock OR is_in_stock) THEN RETURN NULL; END IF;
  PERFORM notify_catalog_purge(ARRAY(
    SELECT DISTINCT 'product:' || v.product_id
    FROM variants v, locations l
    WHERE l.kind IN ('fulfilment', 'hub')
      AND ((TG_OP <> 'INSERT' AND v.id = OLD.variant_id AND l.id = OLD.location_id)
        OR (TG_OP <> 'DELETE' AND v.id = NEW.variant_id AND l.id = NEW.location_id))
  ));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inventory_levels_purge AFTER INSERT OR UPDATE OR DELETE ON inventory_levels FOR EACH ROW EXECUTE FUNCTION inventory_levels_purge();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION locations_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR (OLD.kind, OLD.ship_days) IS DISTINCT FROM (NEW.kind, NEW.ship_days) THEN
    PERFORM notify_catalog_purge(ARRAY['catalog']);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER locations_purge AFTER INSERT OR UPDATE OR DELETE ON locations FOR EACH ROW EXECUTE FUNCTION locations_purge();
--> statement-breakpoint
-- A maker is on pages only with a public profile. Appearing or leaving, or a change to what lists
-- show, filter or sort by, purges the lists too; the rest of her profile purges her own key.
CREATE OR REPLACE FUNCTION artisans_purge() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_public boolean := TG_OP <> 'INSERT' AND OLD.active AND OLD.public_profile;
  is_public boolean := TG_OP <> 'DELETE' AND NEW.active AND NEW.public_profile;
  artisan integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
BEGIN
  IF was_public <> is_public THEN
    PERFORM notify_catalog_purge(ARRAY['maker:' || artisan, 'catalog']);
  ELSIF is_public AND TG_OP = 'UPDATE' THEN
    IF (OLD.handle, OLD.first_name, OLD.last_name, OLD.settlement, OLD.county, OLD.portrait_url)
       IS DISTINCT FROM (NEW.handle, NEW.first_name, NEW.last_name, NEW.settlement, NEW.county, NEW.portrait_url) THEN
      PERFORM notify_catalog_purge(ARRAY['maker:' || artisan, 'catalog']);
    ELSIF (OLD.bio, OLD.joined_at, OLD.pieces_made) IS DISTINCT FROM (NEW.bio, NEW.joined_at, NEW.pieces_made) THEN
      PERFORM notify_catalog_purge(ARRAY['maker:' || artisan]);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER artisans_purge AFTER INSERT OR UPDATE OR DELETE ON artisans FOR EACH ROW EXECUTE FUNCTION artisans_purge();
--> statement-breakpoint
-- Her skills decide which pieces she is shown making (and which makers each product page shows).
CREATE OR REPLACE FUNCTION artisan_skills_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.artisan_id, OLD.skill_id) IS NOT DISTINCT FROM (NEW.artisan_id, NEW.skill_id) THEN RETURN NULL; END IF;
  PERFORM notify_catalog_purge(ARRAY(
    SELECT k FROM artisans a, unnest(ARRAY['maker:' || a.id, 'catalog']) k
    WHERE a.active AND a.public_profile
      AND a.id IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.artisan_id END, CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.artisan_id END)
  ));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER artisan_skills_purge AFTER INSERT OR UPDATE OR DELETE ON artisan_skills FOR EACH ROW EXECUTE FUNCTION artisan_skills_purge();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION skills_purge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.name IS NOT DISTINCT FROM NEW.name THEN RETURN NULL; END IF;
  PERFORM notify_catalog_purge(ARRAY['catalog']);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER skills_purge AFTER UPDATE OR DELETE ON skills FOR EACH ROW EXECUTE FUNCTION skills_purge();
