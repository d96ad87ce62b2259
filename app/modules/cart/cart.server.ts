import { eq, sum } from "drizzle-orm";
import { db, schema } from "~/utils/db.server";
import { cartCookie } from "~/utils/session.server";

/** The signed cart id from the request, if any. */
export async function cartIdFrom(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("__soko_cart")) return null;
  const value = await cartCookie().parse(header);
  return typeof value === "string" && /^[0-9a-f-]{36}$/.test(value) ? value : null;
}

/** Units in the bag, for the header. No cookie, no query. */
export async function cartCount(request: Request): Promise<number> {
  const id = await cartIdFrom(request);
  if (!id) return 0;
  const [row] = await db
    .select({ units: sum(schema.cartLines.quantity).mapWith(Number) })
    .from(schema.cartLines)
    .where(eq(schema.cartLines.cartId, id));
  return row?.units ?? 0;
}
