/**
 * When an order's pieces reached the buyer, as the reviews read it (docs/decisions/0019-reviews.md):
 * the carrier's delivery scan, else a "delivered" event, else, for a sale at the flagship's counter
 * taken home at once, the sale itself. A counter sale with pieces to be made ships like a web order
 * and is delivered the same way. SQL over an `orders` row aliased `o`.
 */
import { sql } from "drizzle-orm";

export const REVIEWABLE_CHANNELS_SQL = sql.raw(`('web', 'pos')`);

export const DELIVERED_AT_SQL = sql.raw(`coalesce(
  (select max(s.delivered_at) from shipments s where s.order_id = o.id),
  (select max(e.at) from order_events e where e.order_id = o.id and e.type = 'delivered'),
  case when o.channel = 'pos' then o.placed_at end)`);
