-- Custom SQL migration file, put your code below! ---- Live order status: every order or production event notifies 'order_events' with the order id,
-- so an SSE stream on any app process (each LISTENs) can push the change. NOTIFY is sent on commit.
CREATE OR REPLACE FUNCTION notify_order_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.order_id IS NOT NULL THEN
    PERFORM pg_notify('order_events', NEW.order_id::text);
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER order_events_notify AFTER INSERT ON order_events FOR EACH ROW EXECUTE FUNCTION notify_order_event();--> statement-breakpoint
CREATE TRIGGER production_events_notify AFTER INSERT ON production_events FOR EACH ROW EXECUTE FUNCTION notify_order_event();
