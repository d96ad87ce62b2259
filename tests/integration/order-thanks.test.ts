/**
 * "Thank you! Your order is confirmed" is said once, on the visit the pay step sends the shopper to:
 * the redirect sets a short-lived signed cookie naming the order, the order page spends it. The
 * address carries nothing of it, so the emailed link, a reload or a visit days later (after a refund,
 * say) shows the order without thanks, and `?placed=1` typed into the address changes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { confirmationOf } from "~/domain/orders/jobs.server";
import { statusPath } from "~/domain/orders/status-link.server";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/checkout";
import { loader as orderLoader } from "~/routes/orders.$number";
import { db, schema } from "~/lib/db.server";
import { eq } from "drizzle-orm";

let studs: number;

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  studs = (await createProduct(db, { handle: "brass-studs", variants: [{ price: 4800 }] })).variants[0].id;
  await setStock(db, studs, fc.id, 50);
});

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const post = (path: string, fields: Record<string, string>, cookie: string) =>
  new Request(`http://test${path}`, { method: "POST", body: new URLSearchParams(fields), headers: cookie ? { Cookie: cookie } : {} });
const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]);

/** A guest pays (JavaScript off): the pay step's response. */
async function placeOrder(extra: Record<string, string> = {}): Promise<Response> {
  const added = (await cartAction(args(post("/cart", { intent: "add", variantId: String(studs), quantity: "1" }, "")))) as Response;
  const cookie = added.headers.get("Set-Cookie")!.split(";")[0];
  const email = `thanks-${crypto.randomUUID()}@example.com`;
  const address = {
    email,
    name: "Harriet Hale",
    line1: "1 Valencia St",
    city: "San Francisco",
    region: "CA",
    postalCode: "94110",
    country: "US",
  };
  await checkoutAction(args(post("/checkout", { intent: "address", ...address }, cookie)));
  await checkoutAction(args(post("/checkout", { intent: "shipping", shippingMethod: "standard" }, cookie)));
  const checkout = await checkoutLoader(args(new Request("http://test/checkout", { headers: { Cookie: cookie } })));
  const fields = {
    intent: "pay",
    cardNumber: "4242424242424242",
    cardExpiry: "12/30",
    cardCvc: "123",
    idempotencyKey: checkout.idempotencyKey,
    expectedTotal: String(checkout.state.totals.total),
    ...extra,
  };
  const paid = (await checkoutAction(args(post("/checkout", fields, cookie)))) as Response;
  expect(paid.status).toBe(303);
  return paid;
}

async function visit(location: string, cookie?: string) {
  const number = /\/orders\/(SK-\d+)/.exec(location)![1];
  const request = new Request(`http://test${location}`, { headers: cookie ? { Cookie: cookie } : {} });
  const result = await orderLoader(args(request, { number }));
  return { ...result.data, setCookie: new Headers(result.init?.headers).getSetCookie() };
}

describe("the order page's thanks", () => {
  it("shows once, on the visit the pay step redirects to, and not on a reload, the emailed link or ?placed=1", async () => {
    const paid = await placeOrder();
    const location = paid.headers.get("Location")!;
    const number = /\/orders\/(SK-\d+)/.exec(location)![1];
    expect(location).toBe(statusPath(number));
    const thanks = cookiesOf(paid).find((c) => c.startsWith("__soko_thanks="))!;
    expect(thanks).toBeTruthy();
    expect(paid.headers.getSetCookie().find((c) => c.startsWith("__soko_thanks="))).toMatch(/Max-Age=600;.*Path=\/orders\/;.*HttpOnly/i);

    const first = await visit(location, thanks);
    expect(first).toMatchObject({ placed: true, accountOffered: false });
    // The page spends it: the browser drops the cookie with this very answer.
    expect(first.setCookie).toEqual([expect.stringMatching(/^__soko_thanks=;.*Max-Age=0/i)]);

    // A reload (the cookie gone), the old ?placed=1 address, the emailed link: the order without thanks.
    expect(await visit(location)).toMatchObject({ placed: false, accountOffered: false, setCookie: [] });
    expect(await visit(`${location}&placed=1&account=1`)).toMatchObject({ placed: false, accountOffered: false });
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
    const confirmation = await confirmationOf(order.id);
    expect(confirmation?.props.statusUrl).toMatch(new RegExp(`/orders/${number}\\?t=[^&]+$`));
    expect(await visit(new URL(confirmation!.props.statusUrl).pathname + new URL(confirmation!.props.statusUrl).search)).toMatchObject({
      placed: false,
    });
  });

  it("says nothing on another order's page, nor for a forged cookie", async () => {
    const one = await placeOrder();
    const other = await placeOrder();
    const thanksForOne = cookiesOf(one).find((c) => c.startsWith("__soko_thanks="))!;
    expect(await visit(other.headers.get("Location")!, thanksForOne)).toMatchObject({ placed: false, setCookie: [] });
    const otherNumber = /\/orders\/(SK-\d+)/.exec(other.headers.get("Location")!)![1];
    const forged = `__soko_thanks=${btoa(JSON.stringify({ order: otherNumber, account: true }))}`;
    expect(await visit(other.headers.get("Location")!, forged)).toMatchObject({ placed: false, accountOffered: false });
  });

  it("carries 'Create an account' to the thanks, the same words whatever the email", async () => {
    const paid = await placeOrder({ createAccount: "on", password: "a-long-enough-password" });
    const thanks = cookiesOf(paid).find((c) => c.startsWith("__soko_thanks="))!;
    expect(paid.headers.get("Location")).not.toMatch(/account=/);
    expect(await visit(paid.headers.get("Location")!, thanks)).toMatchObject({ placed: true, accountOffered: true });
  });
});
