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
