-- Custom SQL migration file, put your code below! --
-- A new password or PIN, or an account that is deactivated, ends every session of that person,
-- whatever made the change (the app, a script, psql). app/utils/session.server.ts relies on it.
CREATE OR REPLACE FUNCTION end_sessions_of_changed_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0]: the sessions column that points at this table.
  EXECUTE format('DELETE FROM sessions WHERE %I = $1', TG_ARGV[0]) USING NEW.id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER staff_users_end_sessions AFTER UPDATE OF password_hash, active ON staff_users FOR EACH ROW
  WHEN (NEW.password_hash IS DISTINCT FROM OLD.password_hash OR (OLD.active AND NOT NEW.active))
  EXECUTE FUNCTION end_sessions_of_changed_account('staff_user_id');--> statement-breakpoint
CREATE TRIGGER customers_end_sessions AFTER UPDATE OF password_hash ON customers FOR EACH ROW
  WHEN (NEW.password_hash IS DISTINCT FROM OLD.password_hash)
  EXECUTE FUNCTION end_sessions_of_changed_account('customer_id');--> statement-breakpoint
CREATE TRIGGER artisans_end_sessions AFTER UPDATE OF pin_hash, active ON artisans FOR EACH ROW
  WHEN (NEW.pin_hash IS DISTINCT FROM OLD.pin_hash OR (OLD.active AND NOT NEW.active))
  EXECUTE FUNCTION end_sessions_of_changed_account('artisan_id');--> statement-breakpoint
CREATE TRIGGER buyer_users_end_sessions AFTER UPDATE OF password_hash ON buyer_users FOR EACH ROW
  WHEN (NEW.password_hash IS DISTINCT FROM OLD.password_hash)
  EXECUTE FUNCTION end_sessions_of_changed_account('buyer_user_id');--> statement-breakpoint
-- A retailer that stops being approved (suspended, rejected): its buyers are signed out.
CREATE OR REPLACE FUNCTION end_sessions_of_retailer_buyers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM sessions s USING buyer_users b WHERE s.buyer_user_id = b.id AND b.retailer_id = NEW.id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER retailers_end_sessions AFTER UPDATE OF status ON retailers FOR EACH ROW
  WHEN (OLD.status = 'approved' AND NEW.status <> 'approved')
  EXECUTE FUNCTION end_sessions_of_retailer_buyers();
