/** Small helpers for hand-built SQL conditions and for reading PostgreSQL's errors. */

/** Escapes LIKE wildcards so a user's "%" or "_" is matched literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Which unique index a failed insert or update hit, if any (drizzle wraps the driver's error). */
export function uniqueViolation(error: unknown): string | null {
  for (
    let e = error as { code?: string; constraint_name?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === "23505") return e.constraint_name ?? "";
  }
  return null;
}

/**
 * A list's total from its page's rows, which carry it as a window count (`count(*) over ()`). Past
 * the last page no row carries it: `count` asks apart, so the page can say it is past the end and
 * link back instead of reading as an empty list.
 */
export async function listTotal(
  rows: ReadonlyArray<{ total: number | string }>,
  page: number,
  count: () => Promise<number>,
): Promise<number> {
  if (rows[0]) return Number(rows[0].total);
  return page > 1 ? count() : 0;
}
