/**
 * Which errors mean "the database is out of reach" (not "this statement was wrong"): the rule the
 * HTTP edge and the job code share to answer 503 instead of 500 (docs/architecture.md, "When the
 * database goes away"). Pure: no state here, see db-health.server.ts.
 */

/** postgres.js's own codes and the socket's, for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs PostgreSQL sends when it is going away or not taking us: class 08 (connection
 * exception), 57P01–57P03 (terminated by an administrator, crash shutdown, cannot connect now) and
 * 53300 (too many connections).
 */
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** Whether `error` (or what it wraps: drizzle puts the driver's error in `cause`) says the database is out of reach. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = codeOf(current);
    if (code && (CONNECTION_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith("08"))) return true;
    // 55000 is a broad class; only its "database … is not currently accepting connections" means this.
    if (code === "55000" && /not currently accepting connections/.test(String((current as { message?: unknown }).message))) return true;
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.some((e) => isDatabaseUnavailable(e))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** How long (ms) after a connection failure an answer that failed is put down to it: the probe settles by then. */
export const FAILURE_WINDOW_MS = 2_000;

/** Seconds a client is asked to wait (Retry-After) while the database is away. */
export const RETRY_AFTER_SECONDS = 10;
