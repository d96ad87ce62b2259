/**
 * The review request email: a web order delivered REVIEW_REQUEST_DELAY_DAYS ago, or a sale at the
 * flagship's counter with the customer's email POS_REVIEW_REQUEST_DELAY_DAYS after it (no delivery
 * step: the pieces went home with her), not more than REVIEW_REQUEST_LOOKBACK_DAYS back, gets one
 * email with its signed review link. The crontab runs this
 * every hour; a review_requests row per order (inserted with the email, in one transaction) makes
 * it once per order, whichever worker runs it and however often.
 */
import { sql } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { queueEmail } from "~/domain/notifications/index.server";
import { db } from "~/lib/db.server";
import { DELIVERED_AT_SQL, REVIEWABLE_CHANNELS_SQL } from "./delivered.server";
import { reviewUrl } from "./link.server";
import {
  POS_REVIEW_REQUEST_DELAY_DAYS,
  REVIEW_REQUEST_DELAY_DAYS,
  REVIEW_REQUEST_LOOKBACK_DAYS,
  defaultAuthorName,
  makerCredit,
} from "./rules";

/** Every hour, at a minute nothing else uses; the job key keeps one run at a time. */
export const REVIEW_REQUEST_CRONTAB = "41 * * * * request_reviews ?jobKey=request_reviews";

const BATCH = 200;

type Due = {
  id: number;
  number: string;
  email: string;
  name: string | null;
  pieces: Array<{ title: string; maker: Parameters<typeof makerCredit>[0] }>;
};

/** Queues the request email of every order now due; returns how many went out. */
export async function sendDueReviewRequests(now = new Date()): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      // Claimed rows are inserted in this transaction: a parallel run skips them (and the orders it locked).
      const due = await tx.execute<Due>(sql`
        with delivered as (
          select o.id, o.number, o.email, o.shipping_address->>'name' as name, ${DELIVERED_AT_SQL} as delivered_at,
            case when o.channel = 'pos' then ${POS_REVIEW_REQUEST_DELAY_DAYS}::int else ${REVIEW_REQUEST_DELAY_DAYS}::int end as delay_days
          from orders o
          where o.channel in ${REVIEWABLE_CHANNELS_SQL} and o.status = 'delivered' and o.email <> ''
            and not exists (select 1 from review_requests q where q.order_id = o.id)
        )
        select d.id, d.number, d.email, d.name,
          (select json_agg(json_build_object('title', l.title, 'maker',
              (select json_build_object('firstName', a.first_name, 'lastName', a.last_name, 'handle', a.handle, 'county', a.county,
                                        'publicProfile', a.public_profile and a.active)
               from production_requests pr join artisans a on a.id = pr.artisan_id
               where pr.order_line_id = l.id and pr.status = 'qc_passed' order by pr.units_made desc, pr.id limit 1)) order by l.id)
           from order_lines l where l.order_id = d.id) as pieces
        from delivered d
        where d.delivered_at <= ${now.toISOString()}::timestamptz - make_interval(days => d.delay_days)
          and d.delivered_at > ${now.toISOString()}::timestamptz - make_interval(days => ${REVIEW_REQUEST_LOOKBACK_DAYS})
        order by d.id
        limit ${BATCH}`);
      let queued = 0;
      for (const order of due) {
        const [claimed] = await tx.execute(sql`
          insert into review_requests (order_id, requested_at) values (${order.id}, ${now.toISOString()}) on conflict do nothing returning order_id`);
        if (!claimed) continue;
        const firstName = defaultAuthorName(order.name).split(" ")[0] || undefined;
        await queueEmail(tx, {
          template: "review-request",
          to: order.email,
          dedupeKey: `review-request:${order.number}`,
          props: {
            orderNumber: order.number,
            customerName: firstName,
            pieces: (order.pieces ?? []).map((piece) => {
              const credit = makerCredit(piece.maker);
              return { title: piece.title, ...(credit?.href ? { maker: credit.text } : {}) };
            }),
            reviewUrl: reviewUrl(order.number),
          },
        });
        queued += 1;
      }
      return { seen: due.length, queued };
    });
    sent += batch.queued;
    if (batch.seen < BATCH) return sent;
  }
}

export const requestReviewsTask: Task = async () => {
  await sendDueReviewRequests();
};
