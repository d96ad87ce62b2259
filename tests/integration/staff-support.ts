/** Helpers for integration tests that act as staff through the real routes. */
import { action as loginAction } from "~/routes/ops.login";
import { action as orderAction } from "~/routes/ops.orders.$number";

export const BASE = "http://soko.test";

/** Signs a staff member in through /ops/login (demo password) and returns the session cookie. */
export async function staffCookie(email: string, password = "soko-demo") {
  const res = (await loginAction({
    request: new Request(`${BASE}/ops/login`, { method: "POST", body: new URLSearchParams({ email, password }) }),
    params: {},
    context: {},
  })) as Response;
  return res.headers.get("Set-Cookie")!.split(";")[0];
}

export type Outcome = { status: number; location: string | null; cookie: string | null; body: Record<string, unknown> | null };

/** Posts a form to /ops/orders/:number as `cookie`; a redirect, a data() answer or a thrown Response alike. */
export async function postOrderForm(number: string, cookie: string, fields: Record<string, string>): Promise<Outcome> {
  const request = new Request(`${BASE}/ops/orders/${number}`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: new URLSearchParams(fields),
  });
  try {
    const result = await orderAction({ request, params: { number }, context: {} });
    if (result instanceof Response) {
      return {
        status: result.status,
        location: result.headers.get("Location"),
        cookie: result.headers.get("Set-Cookie")?.split(";")[0] ?? null,
        body: null,
      };
    }
    const r = result as unknown as { data: Record<string, unknown>; init: { status: number } };
    return { status: r.init.status, location: null, cookie: null, body: r.data };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, location: null, cookie: null, body: { message: await error.text() } };
  }
}
