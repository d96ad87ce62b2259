/**
 * How each trading partner's EDI is going, over the last 90 days, from what is on record (ops' list
 * of partners and the compliance panel on a partner's page):
 *
 * - **855 on time**: of the 850s we accepted (997), those whose 855 went out (delivered, not only
 *   written) within 24 hours of the interchange arriving — a PO held for a person counts as late
 *   until its 855 goes; a partner whose profile does not expect 855s has no POs to measure (none of
 *   ours could be on time), and the panel says so;
 * - **856 before arrival**: of our 856s, those delivered before the shipment was marked delivered
 *   (one still in transit counts once it is sent) and not rejected by the partner's 997;
 * - **rejections**: their sets our 997 rejected, and our documents their 997 rejected;
 * - **997s overdue**: documents of ours still without their 997 after the partner's window
 *   (`ack_due_at`, the profile's hours from when we wrote it).
 */
import { sql } from "drizzle-orm";
import { db, schema } from "~/lib/db.server";

const { ediPartners, ediTransactions, ediInterchanges, ediDocuments, shipments } = schema;

export type Compliance = {
  id: number;
  name: string;
  pos: number;
  acks_on_time: number;
  asns: number;
  asns_on_time: number;
  rejected_in: number;
  rejected_out: number;
  overdue: number;
  /** Its profile expects 855s: otherwise `pos` is 0 and there is nothing to measure. */
  expects_855: boolean;
};

export async function compliance(options: { partnerId?: number; now?: Date } = {}): Promise<Compliance[]> {
  const now = (options.now ?? new Date()).toISOString();
  const since = sql`${now}::timestamptz - interval '90 days'`;
  const rows = await db.execute<Compliance>(sql`
    select p.id, p.name, '855' = any(p.documents_out) as expects_855,
      (select count(*)::int from ${ediTransactions} t join ${ediInterchanges} i on i.id = t.interchange_id
         where t.partner_id = p.id and t.type = '850' and t.status <> 'rejected' and i.received_at > ${since}
           and '855' = any(p.documents_out)) as pos,
      (select count(*)::int from ${ediTransactions} t join ${ediInterchanges} i on i.id = t.interchange_id
         where t.partner_id = p.id and t.type = '850' and t.status <> 'rejected' and i.received_at > ${since}
           and '855' = any(p.documents_out)
           and exists (select 1 from ${ediDocuments} d where d.transaction_id = t.id and d.type = '855'
                         and d.sent_at is not null and d.sent_at <= i.received_at + interval '24 hours')) as acks_on_time,
      (select count(*)::int from ${ediDocuments} d where d.partner_id = p.id and d.type = '856' and d.created_at > ${since}) as asns,
      (select count(*)::int from ${ediDocuments} d where d.partner_id = p.id and d.type = '856' and d.created_at > ${since}
         and d.sent_at is not null and d.status <> 'rejected'
         and not exists (select 1 from ${shipments} s where s.order_id = d.order_id and s.delivered_at is not null and s.delivered_at < d.sent_at)) as asns_on_time,
      (select count(*)::int from ${ediTransactions} t where t.partner_id = p.id and t.status = 'rejected' and t.processed_at > ${since}) as rejected_in,
      (select count(*)::int from ${ediDocuments} d where d.partner_id = p.id and d.status = 'rejected' and d.created_at > ${since}) as rejected_out,
      (select count(*)::int from ${ediDocuments} d where d.partner_id = p.id and d.status in ('pending', 'sent') and d.ack_due_at < ${now}::timestamptz) as overdue
    from ${ediPartners} p
    where ${options.partnerId === undefined ? sql`true` : sql`p.id = ${options.partnerId}`}
    order by p.name`);
  return [...rows].map((r) => ({ ...r, id: Number(r.id) }));
}
