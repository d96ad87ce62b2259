/**
 * A dearer exchange's paid difference whose refund Stripe refused (the shopper cancelled the return):
 * the ops return page offers finance "Try the refund again", as for a refund return, and the button
 * goes through the one refund retry: the difference goes back once, even when finance presses it in
 * several tabs at once; then the page has nothing more to offer. The hub can't press it. Against the
 * real database and the fake Stripe API through the real SDK.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaff } from "#db/seed/factories";
import { startFakeStripeForApp } from "../fakes/stripe";
import { staffSessionCookie } from "./session-support";

// Before any app module runs: env() is read once per test file.
const fake = await startFakeStripeForApp();
const { completeDifferencePayment, prepareDifferenceIntent, cancelReturn } = await import("~/domain/returns/index.server");
const route = await import("~/routes/ops.returns.$number");
const { db, schema } = await import("~/lib/db.server");
const { moneyOn, returnRow, ringOrder, setUpRings, startDearer } = await import("./returns-dearer-support");

let finance: string;
let hub: string;

beforeAll(async () => {
  await setUpRings();
  finance = await staffSessionCookie((await createStaff(db, { roles: ["finance"] })).id);
  hub = await staffSessionCookie((await createStaff(db, { roles: ["hub"] })).id);
});
afterAll(() => fake.close());

const page = async (number: string, cookie: string) => {
  const request = new Request(`http://shop.test/ops/returns/${number}`, { headers: { Cookie: cookie } });
  return (await route.loader({ request, params: { number }, context: {} })).data;
};
const press = (number: string, cookie: string) =>
  route
    .action({
      request: new Request(`http://shop.test/ops/returns/${number}`, {
        method: "POST",
        body: new URLSearchParams({ intent: "refund" }),
        headers: { Cookie: cookie, Origin: "http://shop.test" },
      }),
      params: { number },
      context: {},
    })
    .catch((thrown: unknown) => thrown);

/** A dearer exchange paid by card, then cancelled by the shopper while Stripe refuses the difference's refund. */
async function failedDifference() {
  const order = await ringOrder("stripe");
  const number = await startDearer(order);
  const prepared = await prepareDifferenceIntent(number, order.number);
  if (prepared.status !== "ready") throw new Error("no intent");
  fake.succeed(prepared.paymentIntentId);
  expect(await completeDifferencePayment(prepared.paymentIntentId, order.number)).toMatchObject({ status: "paid" });
  fake.refundFaults.push("refuse");
  await cancelReturn({ number, actor: "shopper:link", orderNumber: order.number });
  expect(await returnRow(number)).toMatchObject({ status: "cancelled", dueState: "paid", refundState: "failed" });
  return { order, number, paymentIntentId: prepared.paymentIntentId };
}

const refundedAtStripe = (paymentIntentId: string) => fake.chargeOf(paymentIntentId).amount_refunded;

describe("a failed exchange difference refund on the ops return page", () => {
  it("is offered to finance as 'Try the refund again' and goes back once, however many times it is pressed at once", async () => {
    const { order, number, paymentIntentId } = await failedDifference();
    const before = await page(number, finance);
    expect(before).toMatchObject({ owed: { what: "paid_difference", amount: 1465, failed: true }, can: { refund: true } });
    expect(refundedAtStripe(paymentIntentId)).toBe(0);

    const answers = await Promise.all([press(number, finance), press(number, finance), press(number, finance)]);
    expect(answers.filter((a) => a instanceof Response && a.status === 302)).not.toHaveLength(0);
    expect(refundedAtStripe(paymentIntentId)).toBe(1465);
    expect(await returnRow(number)).toMatchObject({ status: "cancelled", dueState: "refunded" });
    const { refunded } = await moneyOn(order.id);
    expect(refunded.filter((r) => r.status === "succeeded")).toEqual([expect.objectContaining({ amount: 1465, currency: "GBP" })]);

    // Pressed again later (a stale tab): nothing more leaves, and the page offers nothing.
    await press(number, finance);
    expect(refundedAtStripe(paymentIntentId)).toBe(1465);
    expect(await page(number, finance)).toMatchObject({ owed: null });
  });

  it("can't be pressed by the hub: a 403, nothing sent", async () => {
    const { number, paymentIntentId } = await failedDifference();
    expect(await page(number, hub)).toMatchObject({ owed: { what: "paid_difference" }, can: { refund: false } });
    const refused = await press(number, hub);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect(refundedAtStripe(paymentIntentId)).toBe(0);
    const [row] = await db.select().from(schema.returns).where(eq(schema.returns.number, number));
    expect(row.refundState).toBe("failed");
  });
});
