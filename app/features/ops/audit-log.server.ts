/**
 * Reading the audit log for /ops/audit: filter by actor, action, subject and Nairobi date range, newest
 * first, a page at a time or as CSV. Actors "staff:<id>" are shown with the staff member's name.
 */
import { sql, type SQL } from "drizzle-orm";
import { toCsv } from "~/lib/csv";
import { db, type Executor } from "~/lib/db.server";
import type { AuditQuery } from "./audit-filter";
import { escapeLike } from "~/lib/sql";
import { OPS_TIME_ZONE } from "~/lib/time";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_CSV_LIMIT = 50_000;

type Filter = Omit<AuditQuery, "page" | "format">;

function where(filter: Filter): SQL {
  const parts: SQL[] = [sql`true`];
  // An exact actor ("staff:12"), or every actor starting with it ("job:", "staff:").
  if (filter.actor)
    parts.push(filter.actor.endsWith(":") ? sql`l.actor like ${`${escapeLike(filter.actor)}%`}` : sql`l.actor = ${filter.actor}`);
  // An exact action ("inventory.transfer") or a family ("inventory." or "inventory").
  if (filter.action) parts.push(sql`(l.action = ${filter.action} or l.action like ${`${escapeLike(filter.action.replace(/\.$/, ""))}.%`})`);
  if (filter.subject) parts.push(sql`l.subject ilike ${`%${escapeLike(filter.subject)}%`}`);
  if (filter.from) parts.push(sql`l.at >= ${filter.from}::date::timestamp at time zone ${OPS_TIME_ZONE}`);
  if (filter.to) parts.push(sql`l.at < (${filter.to}::date + 1)::timestamp at time zone ${OPS_TIME_ZONE}`);
  return sql.join(parts, sql` and `);
}

type Row = {
  id: number;
  at: string;
  actor: string;
  staff_name: string | null;
  action: string;
  subject: string;
  data: Record<string, unknown>;
  total: number;
};

export async function listAudit(filter: Filter & { page: number }, executor: Executor = db) {
  const rows = await executor.execute<Row>(sql`
    select l.id, to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, l.actor, s.name as staff_name, l.action, l.subject, l.data,
           count(*) over ()::int as total
    from audit_log l left join staff_users s on l.actor = 'staff:' || s.id
    where ${where(filter)}
    order by l.at desc, l.id desc
    limit ${AUDIT_PAGE_SIZE} offset ${(filter.page - 1) * AUDIT_PAGE_SIZE}`);
  // Past the last page the window count has no row to ride on: count apart, so the page says so and links back.
  const total = rows[0] ? Number(rows[0].total) : filter.page > 1 ? await countAudit(filter, executor) : 0;
  return {
    rows: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actor: r.actor,
      staffName: r.staff_name,
      action: r.action,
      subject: r.subject,
      data: r.data,
    })),
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}

async function countAudit(filter: Filter, executor: Executor): Promise<number> {
  const [row] = await executor.execute<{ total: number }>(sql`select count(*)::int as total from audit_log l where ${where(filter)}`);
  return Number(row?.total ?? 0);
}

/** The actions recorded so far, for the filter's suggestions. */
export async function auditActions(executor: Executor = db): Promise<string[]> {
  const rows = await executor.execute<{ action: string }>(sql`select distinct action from audit_log order by action limit 300`);
  return rows.map((r) => r.action);
}

export async function auditCsv(filter: Filter, executor: Executor = db): Promise<string> {
  const rows = await executor.execute<Omit<Row, "total">>(sql`
    select l.id, to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, l.actor, s.name as staff_name, l.action, l.subject, l.data
    from audit_log l left join staff_users s on l.actor = 'staff:' || s.id
    where ${where(filter)}
    order by l.at desc, l.id desc
    limit ${AUDIT_CSV_LIMIT}`);
  return toCsv(
    ["id", "at_utc", "actor", "staff_name", "action", "subject", "data"],
    rows.map((r) => [Number(r.id), r.at, r.actor, r.staff_name, r.action, r.subject, JSON.stringify(r.data)]),
  );
}
