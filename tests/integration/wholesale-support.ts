/** Helpers for integration tests that act as a wholesale buyer (or staff) through the real routes. */
import { startSession } from "~/lib/session.server";

/** Cookies as a browser keeps them (the session with the buyer and flash, the working draft). */
export class Jar {
  private cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  take(response: Response) {
    for (const raw of response.headers.getSetCookie()) {
      const [pair, ...attrs] = raw.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1);
      if (!value || attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  has(name: string) {
    return this.cookies.has(name);
  }
}

/** Requests to `base` as the jar's browser would send them: urlencoded (or multipart) forms, its cookies. */
export function requestsTo(base: string) {
  return {
    post: (path: string, fields: Record<string, string> | FormData, jar?: Jar) =>
      new Request(`${base}${path}`, {
        method: "POST",
        body: fields instanceof FormData ? fields : new URLSearchParams(fields),
        headers: jar ? { Cookie: jar.header() } : {},
      }),
    get: (path: string, jar?: Jar) => new Request(`${base}${path}`, { headers: jar ? { Cookie: jar.header() } : {} }),
  };
}

/** A returned or thrown Response, or a data() result, as { status, data, response }. */
// biome-ignore lint/suspicious/noExplicitAny: test helper for many loaders and actions; each test reads the fields it asserts on
export async function run(promise: Promise<unknown>): Promise<{ status: number; data: any; response?: Response }> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    if (error instanceof Response) return { status: error.status, data: await error.clone().text(), response: error };
    throw error;
  }
  if (result instanceof Response) return { status: result.status, data: null, response: result };
  const r = result as { type?: string; data?: unknown; init?: { status?: number } };
  if (r && r.type === "DataWithResponseInit") return { status: r.init?.status ?? 200, data: r.data };
  return { status: 200, data: result };
}

/** A jar holding a real server-side session for the user: { buyerId } for a buyer, { staffId } for staff. */
export async function signedInJar(user: { buyerId: number } | { staffId: number }) {
  const jar = new Jar();
  const cookie =
    "buyerId" in user
      ? await startSession(null, { kind: "buyer", id: user.buyerId })
      : await startSession(null, { kind: "staff", id: user.staffId });
  jar.take(new Response(null, { headers: { "Set-Cookie": cookie } }));
  return jar;
}
