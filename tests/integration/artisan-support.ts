/** Shared by the artisan app's integration tests: a signed-in cookie, requests, and calling routes. */
import { sql } from "drizzle-orm";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db, schema } from "~/lib/db.server";
import { artisanSessionCookie } from "./session-support";

export const BASE = "http://soko.test";

/** A session cookie for an artisan: a real server-side session, minted directly (no login form). */
export const artisanCookie = artisanSessionCookie;

export type Outcome = {
  status: number;
  location: string | null;
  cookie: string | null;
  body: Record<string, unknown> | null;
  message?: string;
};

type Handler = (args: ActionFunctionArgs | LoaderFunctionArgs) => Promise<unknown>;

/** Runs a loader or action and normalises what it returned or threw. */
export async function call(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<Outcome> {
  try {
    const result = await handler({ request, params, context: {} });
    if (result instanceof Response) {
      return {
        status: result.status,
        location: result.headers.get("Location"),
        cookie: result.headers.get("Set-Cookie")?.split(";")[0] ?? null,
        body: null,
      };
    }
    if (result && typeof result === "object" && "init" in result && "data" in result) {
      const r = result as { data: Record<string, unknown>; init: { status?: number; headers?: HeadersInit } | null };
      const cookie = r.init?.headers ? (new Headers(r.init.headers).get("Set-Cookie")?.split(";")[0] ?? null) : null;
      return { status: r.init?.status ?? 200, location: null, cookie, body: r.data };
    }
    return { status: 200, location: null, cookie: null, body: result as Record<string, unknown> };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, location: error.headers.get("Location"), cookie: null, body: null, message: await error.text() };
  }
}

export function get(path: string, cookie?: string, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${path}`, { headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

export function post(path: string, fields: Record<string, string> | FormData, cookie?: string, headers: Record<string, string> = {}) {
  const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

/** Reads the flash message a redirect carried, by following it with the cookie it set. */
export async function flashAfter(outcome: Outcome, loader: Handler): Promise<{ kind: string; message: string } | null> {
  if (!outcome.location || !outcome.cookie) return null;
  const next = await call(loader, get(outcome.location, outcome.cookie));
  return (next.body?.flash as { kind: string; message: string } | null) ?? null;
}

/** A production request offered straight to an artisan (what dispatch would have written). */
export async function offerTo(
  artisanId: number,
  variantId: number,
  input: { quantity?: number; expiresAt?: Date; status?: schema.ProductionStatus; orderId?: number; orderLineId?: number } = {},
) {
  const [{ next }] = await db.execute<{ next: string }>(sql`select nextval('production_request_numbers')::text as next`);
  const [row] = await db
    .insert(schema.productionRequests)
    .values({
      number: `PR-${next}`,
      variantId,
      quantity: input.quantity ?? 3,
      artisanId,
      pieceRate: 35000,
      dueDate: "2030-01-15",
      status: input.status ?? "offered",
      offerExpiresAt: input.expiresAt ?? new Date(Date.now() + 24 * 3600_000),
      orderId: input.orderId,
      orderLineId: input.orderLineId,
    })
    .returning();
  return row;
}

export async function jobsNamed(task: string) {
  return db.execute<{ payload: Record<string, unknown>; queue_name: string | null }>(sql`
    select j.payload, q.queue_name from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
    where t.identifier = ${task}`);
}
