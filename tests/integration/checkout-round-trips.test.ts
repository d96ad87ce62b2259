/**
 * What a guest's whole checkout asks of PostgreSQL, step by step, through the routes themselves
 * (the root loader, /cart, /checkout): every statement is a round trip and CPU on both sides, so a
 * change that adds one here shows up as a failing count rather than as a slower checkout nobody
 * notices. Fewer is welcome: lower the numbers with it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { statementsSent } from "#db/client";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { loader as rootLoader } from "~/root";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/checkout";
import { loader as productLoader } from "~/routes/products.$handle";
import { db } from "~/lib/db.server";

let stocked: number;
let madeToOrder: number;

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const studs = await createProduct(db, { handle: "brass-studs", variants: [{ price: 4800 }] });
  const cuff = await createProduct(db, { handle: "horn-cuff", variants: [{ price: 9600, leadTimeDays: 21 }] });
  stocked = studs.variants[0].id;
  madeToOrder = cuff.variants[0].id;
  await setStock(db, stocked, fc.id, 10);
});

/** Runs `step` and returns what it answered and how many statements it sent. */
async function counted<T>(step: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = statementsSent();
  const result = await step();
  return { result, statements: statementsSent() - before };
}

const args = (request: Request) => ({ request, params: {}, context: {} });
const form = (path: string, fields: Record<string, string>, cookie: string) =>
  new Request(`http://test${path}`, { method: "POST", body: new URLSearchParams(fields), headers: cookie ? { Cookie: cookie } : {} });

/** A guest's checkout as the bench's shoppers make it (JavaScript off): statements per step. */
async function guestCheckout(variantId: number) {
  const counts: Record<string, number> = {};
  const added = await counted(() => cartAction(args(form("/cart", { intent: "add", variantId: String(variantId), quantity: "1" }, ""))));
  counts.add = added.statements;
  const cookie = (added.result as Response).headers.get("Set-Cookie")!.split(";")[0];

  const address = await counted(() =>
    checkoutAction(
      args(
        form(
          "/checkout",
          {
            intent: "address",
            email: "wanjiru@example.com",
            name: "Wanjiru Kamau",
            line1: "1 Valencia St",
            city: "San Francisco",
            region: "CA",
            postalCode: "94110",
            country: "US",
          },
          cookie,
        ),
      ),
    ),
  );
  expect((address.result as Response).status).toBe(302);
  counts.address = address.statements;
  const shipping = await counted(() => checkoutAction(args(form("/checkout", { intent: "shipping", shippingMethod: "standard" }, cookie))));
  expect((shipping.result as Response).status).toBe(302);
  counts.shipping = shipping.statements;

  // The page: the root loader and the checkout loader, as Remix runs them, side by side.
  const page = new Request("http://test/checkout", { headers: { Cookie: cookie } });
  const loaded = await counted(() => Promise.all([rootLoader(args(page)), checkoutLoader(args(page))]));
  counts.page = loaded.statements;
  const [root, checkout] = loaded.result;
  expect(root.personal.bag).toBeNull(); // the header counts the page's own bag
  expect(checkout.state.ready).toBe(true);

  const paid = await counted(() =>
    checkoutAction(
      args(
        form(
          "/checkout",
          {
            intent: "pay",
            cardNumber: "4242424242424242",
            cardExpiry: "12/30",
            cardCvc: "123",
            idempotencyKey: checkout.idempotencyKey,
            expectedTotal: String(checkout.state.totals.total),
          },
          cookie,
        ),
      ),
    ),
  );
  expect((paid.result as Response).status).toBe(303);
  expect((paid.result as Response).headers.get("Location")).toMatch(/^\/orders\//);
  counts.pay = paid.statements;
  return counts;
}

describe("a guest's checkout, in statements", () => {
  it("a piece from stock: one statement a step, and the payment in six", async () => {
    // pay: the bag, with the charge and its job written in its read (one statement); then the
    // order's transaction: begin (sent with the first batch, not waited for: leanTransaction); the
    // order, the bag taken, its lines and the variants with the stock locations (one statement); the
    // reservation; the allocations, the charge claimed and marked succeeded, the events and the
    // order_placed job (one statement), with the commit sent behind it (not waited for:
    // commitOrderPipelined).
    expect(await guestCheckout(stocked)).toEqual({ add: 1, address: 1, shipping: 1, page: 1, pay: 6 });
  });

  it("a piece made to order: one more in the order's transaction (its production request; its event, the order's status and the dispatch job go with the order's last statement)", async () => {
    expect(await guestCheckout(madeToOrder)).toEqual({ add: 1, address: 1, shipping: 1, page: 1, pay: 7 });
  });

  it("a visitor with no cookies at all costs no statement beyond the page's own", async () => {
    const request = new Request("http://test/products/brass-studs");
    // The page's own queries (product, reviews) are the product loader's; the personal bits in the
    // root loader cost nothing for a visitor without cookies.
    const { result, statements } = await counted(() => rootLoader(args(request)));
    expect(result.personal).toEqual({ bag: 0, account: "Account" });
    expect(statements).toBe(0);
    const page = await productLoader({ ...args(request), params: { handle: "brass-studs" } });
    expect(page).toBeTruthy();
  });
});
