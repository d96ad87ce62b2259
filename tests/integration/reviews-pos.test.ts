/**
 * Reviews from sales at the flagship's counter (#16): a register sale with the customer's email is
 * a verified purchase like a delivered web order. The request goes a few days after the sale (no
 * delivery step), once; a sale without an email gets none; the link opens the same review page and
 * the review waits for the same moderation. The sale goes through the real register route.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POS_REVIEW_REQUEST_DELAY_DAYS } from "~/domain/reviews";
import { approveReview, productReviews, reviewToken, sendDueReviewRequests } from "~/domain/reviews/index.server";
import { db, schema } from "~/lib/db.server";
import { action as homeAction } from "~/routes/pos._index";
import { action as registerAction } from "~/routes/pos.register";
import { action as reviewAction, loader as reviewLoader } from "~/routes/orders.$number_.review";
import { call as callRoute, get, post } from "./artisan-support";
import { call, cartOf, setUpStore, signIn, type Store } from "./pos-support";

type Fn = Parameters<typeof call>[0];
const DAY = 86_400_000;
let store: Store;
let cashier: string;

beforeAll(async () => {
  store = await setUpStore();
  cashier = await signIn("cashier@soko.test");
  await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "100" } });
});

async function sell(email: string) {
  const res = await call(registerAction as Fn, "/pos/register", {
    cookie: cashier,
    form: { intent: "charge", cart: cartOf([store.stud.id, 1]), key: randomUUID(), mode: "cash", cashGiven: "60", email },
  });
  const number = /\/pos\/sales\/(SK-\d+)/.exec(res.location ?? "")?.[1];
  if (!number) throw new Error(`the sale failed: ${res.status} ${JSON.stringify(res.body)}`);
  return number;
}

const requestsFor = async (number: string) =>
  db
    .select()
    .from(schema.outbox)
    .where(eq(schema.outbox.dedupeKey, `review-request:${number}`));

describe("reviews of sales at the counter", () => {
  it("asks a register customer with an email a few days after the sale, once; her review waits for moderation", async () => {
    const withEmail = await sell("Walk.In@Example.test");
    const anonymous = await sell("");
    const [sale] = await db.select().from(schema.orders).where(eq(schema.orders.number, withEmail));
    expect(sale).toMatchObject({ channel: "pos", status: "delivered" });

    // Not the day of the sale, nor the day before the delay is up.
    await sendDueReviewRequests(new Date(sale.placedAt.getTime() + (POS_REVIEW_REQUEST_DELAY_DAYS - 1) * DAY));
    expect(await requestsFor(withEmail)).toEqual([]);
    const due = new Date(sale.placedAt.getTime() + POS_REVIEW_REQUEST_DELAY_DAYS * DAY + 60_000);
    expect(await sendDueReviewRequests(due)).toBe(1);
    expect(await sendDueReviewRequests(due)).toBe(0);
    const [email] = await requestsFor(withEmail);
    expect(email).toMatchObject({ to: "walk.in@example.test", subject: "How is your Petite Horn Paddle Stud?" });
    expect(email.html).toContain(`/orders/${withEmail}/review?t=${reviewToken(withEmail)}`);
    expect(await requestsFor(anonymous)).toEqual([]);

    // The link opens the review page; anyone without it gets the 404 every other order gives.
    const query = `?t=${reviewToken(withEmail)}`;
    expect((await callRoute(reviewLoader, get(`/orders/${withEmail}/review${query}`), { number: withEmail })).status).toBe(200);
    expect((await callRoute(reviewLoader, get(`/orders/${withEmail}/review`), { number: withEmail })).status).toBe(404);

    const [line] = await db.select().from(schema.orderLines).where(eq(schema.orderLines.orderId, sale.id));
    const form = new FormData();
    for (const [k, v] of Object.entries({
      rating: "4",
      title: "Bought it on Valencia St",
      body: "Light and well made.",
      authorName: "Jo",
    })) {
      form.set(k, v);
    }
    const written = await callRoute(reviewAction, post(`/orders/${withEmail}/review${query}&line=${line.id}`, form), {
      number: withEmail,
    });
    expect(written.status).toBe(303);
    const [review] = await db.select().from(schema.reviews).where(eq(schema.reviews.orderLineId, line.id));
    expect(review).toMatchObject({ status: "pending", rating: 4 });
    const productId = review.productId;
    expect((await productReviews(productId, 1)).summary.count).toBe(0);
    await approveReview(review.id, { id: store.manager.id });
    expect((await productReviews(productId, 1)).summary.count).toBe(1);
  });
});
