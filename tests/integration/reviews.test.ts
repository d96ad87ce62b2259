/**
 * Reviews against the real database: the request email after delivery, only the order's buyer may
 * write (the signed link, or their account), one review per order line, photos stored only for
 * someone allowed (and removed with what does not commit), moderation, the product page's aggregate
 * and helpful-first order, the purge a published review sends, and the vote throttle.
 */
process.env.CATALOG_CACHE_SECONDS = "600";

import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createCustomer, createProduct, createStaff } from "#db/seed/factories";
import { createDeliveredOrder, type DeliveredOrder } from "#db/seed/reviews";
import { compareHelpfulFirst, VOTES_PER_HOUR } from "~/domain/reviews";
import { HIDDEN_CHARACTER_MESSAGE } from "~/lib/validation";
import {
  approveReview,
  productReviews,
  rejectReview,
  reviewPath,
  reviewToken,
  sendDueReviewRequests,
  voteHelpful,
} from "~/domain/reviews/index.server";
import { db, schema, sqlClient } from "~/lib/db.server";
import { PURGE_CHANNEL } from "~/lib/purge-keys";
import { listenForPurges, onPurge } from "~/lib/purge.server";
import { action as reviewAction, loader as reviewLoader } from "~/routes/orders.$number_.review";
import { action as voteAction } from "~/routes/reviews.$id.helpful";
import { loader as productLoader } from "~/routes/products.$handle";
import { loader as reviewsPageLoader } from "~/routes/products.$handle_.reviews";
import { action as moderateAction } from "~/routes/ops.reviews.$id";
import { call, get, post } from "./artisan-support";
import { customerSessionCookie, staffSessionCookie } from "./session-support";

const DAY = 86_400_000;

function pngBytes(width: number, height: number) {
  const b = new Uint8Array(64);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}

function reviewForm(fields: Record<string, string>, photos: Array<{ bytes: Uint8Array; name: string }> = []) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const photo of photos) form.append("photos", new File([Buffer.from(photo.bytes)], photo.name, { type: "image/png" }));
  return form;
}

const GOOD = { rating: "5", title: "Lighter than it looks", body: "Worn every day for a week, still perfect.", authorName: "Amina W." };

const uploadedFiles = async () => readdir(path.join(process.env.UPLOAD_DIR!, "reviews")).catch(() => [] as string[]);

let received: string[] = [];
let stopListening: () => Promise<void> = async () => {};
let product: Awaited<ReturnType<typeof createProduct>>;
let maker: Awaited<ReturnType<typeof createArtisan>>["artisan"];
let shopper: Awaited<ReturnType<typeof createCustomer>>;
let staffId: number;

async function settle() {
  const marker = `marker:${Math.random().toString(36).slice(2)}`;
  await db.execute(sql`select pg_notify(${PURGE_CHANNEL}, ${marker})`);
  for (let waited = 0; !received.includes(marker); waited += 5) {
    if (waited > 2000) throw new Error("the purge notification never arrived");
    await new Promise((r) => setTimeout(r, 5));
  }
  return marker;
}

async function keysPurgedBy(change: () => Promise<unknown>): Promise<string[]> {
  await settle();
  received = [];
  await change();
  const marker = await settle();
  return [...new Set(received.filter((k) => k !== marker))].sort();
}

beforeAll(async () => {
  process.env.UPLOAD_DIR = await mkdtemp(path.join(tmpdir(), "soko-review-uploads-"));
  delete process.env.S3_BUCKET;
  stopListening = await listenForPurges(sqlClient());
  onPurge((keys) => {
    if (keys !== "all") received.push(...keys);
  });
  product = await createProduct(db, { handle: "kamba-hoops", title: "Kamba Hoops", status: "active", variants: [{}, {}] });
  ({ artisan: maker } = await createArtisan(db, { firstName: "Wanjiru", lastName: "Kamau", handle: "wanjiru-kamau", publicProfile: true }));
  shopper = await createCustomer(db, { email: "amina@example.test", password: "a-long-password" });
  staffId = (await createStaff(db, { email: "mod@soko.test", roles: ["ops"] })).id;
});
afterAll(() => stopListening());

const deliveredOrder = (input: Partial<Parameters<typeof createDeliveredOrder>[1]> = {}) =>
  createDeliveredOrder(db, {
    email: "amina@example.test",
    name: "Amina Wanjiru",
    lines: [
      { variantId: product.variants[0].id, artisanId: maker.id },
      { variantId: product.variants[1].id, artisanId: null },
    ],
    ...input,
  });

const open = (order: DeliveredOrder, query = "", cookie?: string) =>
  call(reviewLoader, get(`/orders/${order.number}/review${query}`, cookie), { number: order.number });

const write = (order: DeliveredOrder, lineId: number, form: FormData, opts: { token?: string | null; cookie?: string } = {}) => {
  const token = opts.token === undefined ? reviewToken(order.number) : opts.token;
  const query = new URLSearchParams({ ...(token ? { t: token } : {}), line: String(lineId) });
  return call(reviewAction, post(`/orders/${order.number}/review?${query}`, form, opts.cookie), { number: order.number });
};

describe("the review request email", () => {
  it("goes once, a week after delivery, to web orders only, with the signed link and the maker's name", async () => {
    const now = new Date();
    const due = await deliveredOrder({ deliveredAt: new Date(now.getTime() - 8 * DAY) });
    const tooSoon = await deliveredOrder({ deliveredAt: new Date(now.getTime() - 2 * DAY) });
    const shipped = await deliveredOrder({ deliveredAt: new Date(now.getTime() - 9 * DAY), status: "shipped" });
    const wholesale = await deliveredOrder({ deliveredAt: new Date(now.getTime() - 9 * DAY) });
    await db.update(schema.orders).set({ channel: "wholesale" }).where(eq(schema.orders.id, wholesale.id));

    await sendDueReviewRequests(now);
    await sendDueReviewRequests(now);
    const emails = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "review-request"));
    const numbers = emails.map((e) => e.dedupeKey);
    expect(numbers).toContain(`review-request:${due.number}`);
    for (const other of [tooSoon, shipped, wholesale]) expect(numbers).not.toContain(`review-request:${other.number}`);
    const email = emails.find((e) => e.dedupeKey === `review-request:${due.number}`)!;
    expect(numbers.filter((n) => n === email.dedupeKey)).toHaveLength(1);
    expect(email.to).toBe("amina@example.test");
    expect(email.subject).toBe(`How are your pieces from order ${due.number}?`);
    expect(email.text).toContain("Made by Wanjiru Kamau");
    expect(email.html).toContain(`/orders/${due.number}/review?t=${reviewToken(due.number)}`);
    // Six days on, the second order is due; the first is not asked twice.
    expect(await sendDueReviewRequests(new Date(now.getTime() + 6 * DAY))).toBe(1);
    const later = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "review-request"));
    expect(later.map((e) => e.dedupeKey).sort()).toEqual([`review-request:${due.number}`, `review-request:${tooSoon.number}`].sort());
  });
});

describe("only the order's buyer may review", () => {
  it("opens with the signed link or the buyer's account, and is a 404 to anyone else", async () => {
    const order = await deliveredOrder();
    const other = await deliveredOrder({ customerId: shopper.id });
    const ok = await open(order, `?t=${reviewToken(order.number)}`);
    expect(ok.status).toBe(200);
    const lines = ok.body?.lines as Array<{ productTitle: string; maker: { text: string } | null; blocked: string | null }>;
    expect(lines.map((l) => l.maker?.text ?? null)).toEqual(["Made by Wanjiru Kamau", null]);
    expect(lines.every((l) => l.blocked === null)).toBe(true);

    const token = reviewToken(order.number);
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const query of ["", `?t=${tampered}`, `?t=${reviewToken(other.number)}`, `?t=${token}x`, "?t="]) {
      const refused = await open(order, query);
      expect(refused.status, query).toBe(404);
    }
    // The status page's token is for the status page only.
    const { statusPath } = await import("~/domain/orders/index.server");
    expect((await open(order, `?${statusPath(order.number).split("?")[1]}`)).status).toBe(404);

    // Her account opens her own order without a token, and nobody else's.
    const cookie = await customerSessionCookie(shopper.id);
    expect((await open(other, "", cookie)).status).toBe(200);
    expect((await open(order, "", cookie)).status).toBe(404);
    const stranger = await createCustomer(db, { email: "someone@example.test", password: "a-long-password" });
    expect((await open(other, "", await customerSessionCookie(stranger.id))).status).toBe(404);
  });

  it("refuses a tampered link's upload before storing a byte of it", async () => {
    const order = await deliveredOrder();
    const before = await uploadedFiles();
    const form = reviewForm(GOOD, [{ bytes: pngBytes(800, 600), name: "mine.png" }]);
    const refused = await write(order, order.lines[0].id, form, { token: `${reviewToken(order.number).slice(0, -2)}zz` });
    expect(refused.status).toBe(404);
    // Another order's line through this order's link: refused too.
    const other = await deliveredOrder();
    const crossed = await write(order, other.lines[0].id, reviewForm(GOOD, [{ bytes: pngBytes(800, 600), name: "x.png" }]));
    expect(crossed.status).toBe(404);
    expect(await uploadedFiles()).toEqual(before);
    expect(await db.select().from(schema.reviews).where(eq(schema.reviews.orderId, order.id))).toHaveLength(0);
  });

  it("refuses a review before delivery", async () => {
    const order = await deliveredOrder({ status: "shipped" });
    const page = await open(order, `?t=${reviewToken(order.number)}`);
    expect((page.body!.lines as Array<{ blocked: string }>)[0].blocked).toBe("Pieces can be reviewed once the order has been delivered.");
    const refused = await write(order, order.lines[0].id, reviewForm(GOOD));
    expect(refused.status).toBe(409);
  });
});

describe("writing a review", () => {
  it("keeps one review per line: a second submit changes it, until it is moderated", async () => {
    const order = await deliveredOrder();
    const line = order.lines[0].id;
    const first = await write(order, line, reviewForm(GOOD, [{ bytes: pngBytes(1200, 900), name: "worn.png" }]));
    expect(first.status).toBe(303);
    expect(first.location).toBe(`${reviewPath(order.number)}#line-${line}`);
    const [review] = await db.select().from(schema.reviews).where(eq(schema.reviews.orderLineId, line));
    expect(review).toMatchObject({
      status: "pending",
      rating: 5,
      artisanId: maker.id,
      productId: product.product.id,
      authorName: "Amina W.",
    });
    const photos = await db.select().from(schema.reviewPhotos).where(eq(schema.reviewPhotos.reviewId, review.id));
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ width: 1200, height: 900 });
    expect(photos[0].url).toMatch(/^\/uploads\/reviews\/[a-f0-9-]{36}\.png$/);
    expect(await uploadedFiles()).toContain(photos[0].key!.split("/")[1]);

    // Changed, with the photo taken out: still one review, and the file is gone with its row.
    const edit = await write(order, line, reviewForm({ ...GOOD, rating: "4", removePhoto: String(photos[0].id) }));
    expect(edit.status).toBe(303);
    const rows = await db.select().from(schema.reviews).where(eq(schema.reviews.orderLineId, line));
    expect(rows).toHaveLength(1);
    expect(rows[0].rating).toBe(4);
    expect(await db.select().from(schema.reviewPhotos).where(eq(schema.reviewPhotos.reviewId, review.id))).toHaveLength(0);
    expect(await uploadedFiles()).not.toContain(photos[0].key!.split("/")[1]);

    // Two submits at once for the other line: one review.
    const other = order.lines[1].id;
    const both = await Promise.all([write(order, other, reviewForm(GOOD)), write(order, other, reviewForm({ ...GOOD, rating: "3" }))]);
    expect(both.map((r) => r.status)).toEqual([303, 303]);
    expect(await db.select().from(schema.reviews).where(eq(schema.reviews.orderLineId, other))).toHaveLength(1);

    // Moderated: no more changes, whatever is sent.
    await approveReview(review.id, { id: staffId });
    const late = await write(order, line, reviewForm({ ...GOOD, rating: "1" }, [{ bytes: pngBytes(10, 10), name: "late.png" }]));
    expect(late.status).toBe(409);
    expect((await db.select().from(schema.reviews).where(eq(schema.reviews.id, review.id)))[0].rating).toBe(4);
  });

  it("answers bad input with the fields to fix, storing nothing", async () => {
    const order = await deliveredOrder();
    const before = await uploadedFiles();
    const bad = await write(
      order,
      order.lines[0].id,
      reviewForm({ rating: "7", title: "", body: "meh", authorName: "A" }, [
        { bytes: new TextEncoder().encode("<svg onload=alert(1)>"), name: "evil.png" },
      ]),
    );
    expect(bad.status).toBe(400);
    const errors = bad.body?.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(["body", "photos", "rating", "title"]);
    expect(errors.photos).toMatch(/JPEG, PNG or WebP/);
    const three = await write(
      order,
      order.lines[0].id,
      reviewForm(
        GOOD,
        [1, 2, 3].map((i) => ({ bytes: pngBytes(100, 100), name: `${i}.png` })),
      ),
    );
    expect(three.status).toBe(400);
    expect((three.body!.errors as Record<string, string>).photos).toBe("Choose at most 2 photos.");
    expect(await uploadedFiles()).toEqual(before);
    expect(await db.select().from(schema.reviews).where(eq(schema.reviews.orderId, order.id))).toHaveLength(0);
  });
});

describe("invisible characters in a review (docs/security.md)", () => {
  it("refuses direction-changing and hidden characters beside each field, and keeps a right-to-left name", async () => {
    const order = await deliveredOrder();
    const line = order.lines[0].id;
    const spoofed = await write(
      order,
      line,
      reviewForm({
        rating: "5",
        // Reads "Great earrings" in the moderation queue, with the rest turned around or hidden.
        title: "Great \u202eearrings",
        body: "Worn every day \u2066for a week\u2069, still perfect.",
        authorName: "Amina\u200b W.",
      }),
    );
    expect(spoofed.status).toBe(400);
    expect(spoofed.body?.errors).toEqual({
      title: HIDDEN_CHARACTER_MESSAGE,
      body: HIDDEN_CHARACTER_MESSAGE,
      authorName: HIDDEN_CHARACTER_MESSAGE,
    });
    expect(await db.select().from(schema.reviews).where(eq(schema.reviews.orderLineId, line))).toHaveLength(0);

    // Arabic and Hebrew, with the direction mark people type between scripts: stored as written.
    const rtl = { rating: "4", title: "جميلة جدا", body: "עגילים יפים מאוד, קלים ונוחים.", authorName: "أمينة \u200fW." };
    expect((await write(order, line, reviewForm(rtl))).status).toBe(303);
    const [review] = await db.select().from(schema.reviews).where(eq(schema.reviews.orderLineId, line));
    expect(review).toMatchObject({ title: rtl.title, body: rtl.body, authorName: rtl.authorName });
  });
});

describe("moderation, the product page and its purge", () => {
  it("shows only approved reviews, helpful-first, with the average, the maker and the JSON-LD; approving purges the page", async () => {
    const { product: p, variants } = await createProduct(db, { handle: "sabi-cuff", title: "Sabi Cuff", status: "active" });
    const ids: number[] = [];
    for (const [i, rating] of [5, 4, 4, 2, 5, 3].entries()) {
      const order = await createDeliveredOrder(db, {
        email: `b${i}@example.test`,
        lines: [{ variantId: variants[0].id, artisanId: maker.id }],
      });
      const saved = await write(order, order.lines[0].id, reviewForm({ ...GOOD, rating: String(rating), title: `Review ${i}` }));
      expect(saved.status).toBe(303);
      const [row] = await db.select().from(schema.reviews).where(eq(schema.reviews.orderLineId, order.lines[0].id));
      ids.push(row.id);
    }
    const page = async (query = "") => {
      const result = await call(productLoader, get(`/products/sabi-cuff${query}`), { handle: "sabi-cuff" });
      return result.body as unknown as { reviews: Awaited<ReturnType<typeof productReviews>> };
    };
    expect((await page()).reviews.summary).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] });

    // Approving the first purges the product's pages, and the cached reviews show it at once.
    const keys = await keysPurgedBy(() => approveReview(ids[0], { id: staffId }));
    expect(keys).toEqual([`product:${p.id}`]);
    expect((await page()).reviews.summary).toMatchObject({ count: 1, average: 5 });
    // A pending review, written or changed, purges nothing.
    expect(await keysPurgedBy(() => db.execute(sql`update reviews set title = 'Changed' where id = ${ids[1]}`))).toEqual([]);

    for (const id of ids.slice(1, 5)) await approveReview(id, { id: staffId });
    const reject = await call(
      moderateAction,
      post(`/ops/reviews/${ids[5]}`, { intent: "reject", reason: "Mentions another shop." }, await staffSessionCookie(staffId)),
      { id: String(ids[5]) },
    );
    expect(reject.status).toBe(302);
    const again = await call(moderateAction, post(`/ops/reviews/${ids[0]}`, { intent: "approve" }, await staffSessionCookie(staffId)), {
      id: String(ids[0]),
    });
    expect(again.status).toBe(409);
    const audit = await db.execute<{ action: string; n: number }>(sql`
      select action, count(*)::int as n from audit_log where subject in (${sql.join(
        ids.map((id) => sql`${`review:${id}`}`),
        sql`, `,
      )}) group by action order by action`);
    expect(audit.map((r) => [r.action, r.n])).toEqual([
      ["review.approve", 5],
      ["review.reject", 1],
    ]);

    // Votes make the helpful-first order: review 3 (2 stars) twice, review 2 once.
    for (const voter of ["browser:a", "browser:b"]) await voteHelpful({ reviewId: ids[3], voter, address: null });
    await voteHelpful({ reviewId: ids[2], voter: "browser:a", address: null });
    const shown = (await page()).reviews;
    expect(shown.summary).toEqual({ count: 5, average: 4, distribution: [2, 2, 0, 1, 0] });
    expect(shown.reviews.map((r) => r.id).slice(0, 2)).toEqual([ids[3], ids[2]]);
    expect(shown.reviews.map((r) => r.id)).toEqual([...shown.reviews].sort(compareHelpfulFirst).map((r) => r.id));
    expect(shown.reviews.map((r) => r.id)).not.toContain(ids[5]);
    expect(shown.reviews[0].maker).toEqual({ text: "Made by Wanjiru Kamau", href: "/makers/wanjiru-kamau" });
    // The product page shows the three most helpful; its reviews page all five, in the same order.
    expect(shown.reviews).toHaveLength(3);
    const all = await call(reviewsPageLoader, get("/products/sabi-cuff/reviews"), { handle: "sabi-cuff" });
    const listed = (all.body as unknown as { reviews: Awaited<ReturnType<typeof productReviews>> }).reviews;
    expect(listed.summary).toEqual(shown.summary);
    expect(listed.reviews.map((r) => r.id).slice(0, 3)).toEqual(shown.reviews.map((r) => r.id));
    expect(listed.reviews.map((r) => r.id).sort()).toEqual(ids.slice(0, 5).sort());
    expect(listed.pageCount).toBe(1);
    // The reviews' old address on the product page leads there.
    expect(await call(productLoader, get("/products/sabi-cuff?reviews=2"), { handle: "sabi-cuff" })).toMatchObject({
      status: 301,
      location: "/products/sabi-cuff/reviews?page=2",
    });
    expect((await call(reviewsPageLoader, get("/products/no-such-cuff/reviews"), { handle: "no-such-cuff" })).status).toBe(404);
    expect((await call(reviewsPageLoader, get("/products/sabi-cuff/reviews?page=two"), { handle: "sabi-cuff" })).status).toBe(400);

    const { productSeo } = await import("~/domain/catalog");
    const loaded = await call(productLoader, get("/products/sabi-cuff"), { handle: "sabi-cuff" });
    const data = loaded.body as unknown as { product: Parameters<typeof productSeo>[0]; publicUrl: string };
    const withRating = productSeo(data.product, data.publicUrl, {
      average: shown.summary.average!,
      count: shown.summary.count,
      reviews: shown.reviews.map((r) => ({
        author: r.authorName,
        rating: r.rating,
        title: r.title,
        body: r.body,
        datePublished: r.createdAt,
      })),
    });
    const ld = JSON.parse(withRating.jsonLd);
    expect(ld.aggregateRating).toEqual({ "@type": "AggregateRating", ratingValue: 4, reviewCount: 5, bestRating: 5, worstRating: 1 });
    expect(ld.review).toHaveLength(3);
    expect(ld.review[0]).toMatchObject({ "@type": "Review", author: { "@type": "Person", name: "Amina W." } });
  });

  it("pages the reviews five at a time, and rejecting a published one takes it and its photos down", async () => {
    const { product: p, variants } = await createProduct(db, { handle: "tana-ring", title: "Tana Ring", status: "active" });
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      const order = await createDeliveredOrder(db, { email: `t${i}@example.test`, lines: [{ variantId: variants[0].id }] });
      const photos = i === 0 ? [{ bytes: pngBytes(640, 480), name: "ring.png" }] : [];
      expect((await write(order, order.lines[0].id, reviewForm({ ...GOOD, title: `T${i}` }, photos))).status).toBe(303);
      const [row] = await db.select().from(schema.reviews).where(eq(schema.reviews.orderLineId, order.lines[0].id));
      await approveReview(row.id, { id: staffId });
      ids.push(row.id);
    }
    const first = await productReviews(p.id, 1);
    const second = await productReviews(p.id, 2);
    expect([first.reviews.length, second.reviews.length, first.pageCount]).toEqual([5, 2, 2]);
    expect(new Set([...first.reviews, ...second.reviews].map((r) => r.id)).size).toBe(7);
    // Past the last page: none, and the page number asked for (the page says so), never page 2 again.
    expect(await productReviews(p.id, 99)).toMatchObject({ reviews: [], page: 99, pageCount: 2 });
    expect(second.reviews[1].maker).toBeNull(); // from stock: no maker to name

    const [photo] = await db.select().from(schema.reviewPhotos).where(eq(schema.reviewPhotos.reviewId, ids[0]));
    const file = photo.key!.split("/")[1];
    expect(await uploadedFiles()).toContain(file);
    const keys = await keysPurgedBy(() => rejectReview(ids[0], "Shows a face.", { id: staffId }));
    expect(keys).toEqual([`product:${p.id}`]);
    expect(await uploadedFiles()).not.toContain(file);
    expect((await productReviews(p.id, 1)).summary.count).toBe(6);
  });
});

describe("was this helpful?", () => {
  let reviewId: number;
  beforeAll(async () => {
    const order = await deliveredOrder();
    await write(order, order.lines[0].id, reviewForm(GOOD));
    const [row] = await db.select().from(schema.reviews).where(eq(schema.reviews.orderLineId, order.lines[0].id));
    reviewId = row.id;
  });

  it("counts nothing for an unpublished review, and one vote per browser or account", async () => {
    const refused = await call(voteAction, post(`/reviews/${reviewId}/helpful`, {}), { id: String(reviewId) });
    expect(refused.status).toBe(404);
    await approveReview(reviewId, { id: staffId });

    // No JavaScript: a redirect back to the review, and a voter cookie made on the way.
    const first = await call(voteAction, post(`/reviews/${reviewId}/helpful`, {}), { id: String(reviewId) });
    expect(first.status).toBe(303);
    expect(first.location).toBe(`/products/kamba-hoops#review-${reviewId}`);
    expect(first.cookie).toMatch(/^soko_voter=[0-9a-f-]{36}$/);
    // From a page of the product's reviews page: back to that page.
    const fromReviews = await call(voteAction, post(`/reviews/${reviewId}/helpful`, { page: "2" }, first.cookie!), {
      id: String(reviewId),
    });
    expect(fromReviews.location).toBe(`/products/kamba-hoops/reviews?page=2#review-${reviewId}`);
    const again = await call(voteAction, post(`/reviews/${reviewId}/helpful`, { reply: "json" }, first.cookie!), { id: String(reviewId) });
    expect(again.body).toEqual({ counted: false, helpfulCount: 1 });
    const account = await customerSessionCookie(shopper.id);
    const mine = await call(voteAction, post(`/reviews/${reviewId}/helpful`, { reply: "json" }, account), { id: String(reviewId) });
    expect(mine.body).toEqual({ counted: true, helpfulCount: 2 });
    const mineAgain = await call(voteAction, post(`/reviews/${reviewId}/helpful`, { reply: "json" }, account), { id: String(reviewId) });
    expect(mineAgain.body).toEqual({ counted: false, helpfulCount: 2 });
  });

  it("throttles a burst from one address to VOTES_PER_HOUR, counted exactly under parallel requests", async () => {
    const reviews: number[] = [];
    for (let i = 0; i < 4; i++) {
      const order = await deliveredOrder();
      await write(order, order.lines[0].id, reviewForm(GOOD));
      const [row] = await db.select().from(schema.reviews).where(eq(schema.reviews.orderLineId, order.lines[0].id));
      await approveReview(row.id, { id: staffId });
      reviews.push(row.id);
    }
    // 60 fresh "browsers" (cookies thrown away) from one address, all at once.
    const attempts = Array.from({ length: 60 }, (_, i) =>
      voteHelpful({ reviewId: reviews[i % 4], voter: `browser:burst-${i}`, address: "203.0.113.9" }).then(
        (r) => (r.counted ? "counted" : "repeat"),
        (e: { status?: number }) => (e.status === 429 ? "throttled" : "error"),
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === "counted")).toHaveLength(VOTES_PER_HOUR);
    expect(outcomes.filter((o) => o === "throttled")).toHaveLength(60 - VOTES_PER_HOUR);
    const [{ total }] = await db.execute<{ total: number }>(sql`
      select sum(helpful_count)::int as total from reviews where id in (${sql.join(
        reviews.map((id) => sql`${id}`),
        sql`, `,
      )})`);
    expect(total).toBe(VOTES_PER_HOUR);
    // Another address is not held back by this one's burst.
    await expect(voteHelpful({ reviewId: reviews[0], voter: "browser:elsewhere", address: "198.51.100.7" })).resolves.toMatchObject({
      counted: true,
    });
  });

  it("throttles one voter to VOTES_PER_HOUR across reviews, whatever the address", async () => {
    const order = await deliveredOrder({
      lines: Array.from({ length: VOTES_PER_HOUR + 1 }, () => ({ variantId: product.variants[0].id })),
    });
    const ids = await db.execute<{ id: number }>(sql`
      insert into reviews (order_line_id, order_id, product_id, author_name, rating, title, body, status)
      select l.id, l.order_id, ${product.product.id}, 'A.', 5, 'Fine', 'Fine piece, well made.', 'approved' from order_lines l
      where l.order_id = ${order.id} order by l.id
      returning id`);
    const outcomes: string[] = [];
    for (const [i, { id }] of ids.entries()) {
      outcomes.push(
        await voteHelpful({ reviewId: id, voter: "browser:busy", address: `192.0.2.${i}` }).then(
          () => "counted",
          (e: { status?: number }) => String(e.status),
        ),
      );
    }
    expect(outcomes.slice(0, VOTES_PER_HOUR).every((o) => o === "counted")).toBe(true);
    expect(outcomes[VOTES_PER_HOUR]).toBe("429");
  });
});
