import { sql, type SQL } from "drizzle-orm";
import { LATE_STATUSES } from "./late";

/**
 * `isLate` (late.ts) as SQL for `today` (Nairobi's date, YYYY-MM-DD), on production_requests or on
 * the alias a query gives it (`lateSql(today, "pr")` for `from production_requests pr`). Columns are
 * always qualified, so the rule means the same inside a join or a subquery.
 */
export function lateSql(today: string, table = "production_requests"): SQL {
  const col = (name: string) => sql`${sql.identifier(table)}.${sql.identifier(name)}`;
  const statuses = sql.join(
    LATE_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`(${col("status")}::text in (${statuses}) and (${col("late")} or ${col("due_date")} < ${today}::date))`;
}
