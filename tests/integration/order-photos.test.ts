/**
 * The artisan's work photo on the shopper's order page (/orders/:number/photos/:name) on the real
 * database: served to whoever may see the order (its signed link, or its owner signed in), and to
 * nobody else; only photos of this order's own work; no way out of the photo folder.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createCustomer, createLocation, createProduct } from "#db/seed/factories";
import { commitOrder } from "~/domain/orders/commit.server";
import { statusToken } from "~/domain/orders/status-link.server";
import { saveWorkPhoto } from "~/features/artisan-app/photos.server";
import { loader as orderLoader } from "~/routes/orders.$number";
import { loader as photoLoader } from "~/routes/orders.$number.photos.$name";
import { db, schema } from "~/lib/db.server";
import { call, get } from "./artisan-support";
import { customerSessionCookie } from "./session-support";

const png = (shade: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, shade]);

let cuff: number;
let maker: number;

beforeAll(async () => {
  process.env.UPLOAD_DIR = await mkdtemp(path.join(tmpdir(), "soko-order-photos-"));
  await createLocation(db, { code: "US-FC", kind: "fulfilment" });
  cuff = (
    await createProduct(db, {
      handle: "horn-cuff",
      title: "Horn cuff",
      status: "active",
      skills: ["horn-carving"],
      variants: [{ leadTimeDays: 21, pieceRate: 40000 }],
    })
  ).variants[0].id;
  maker = (await createArtisan(db, { firstName: "Akinyi", skills: [{ skill: "horn-carving", weeklyCapacity: 50 }] })).artisan.id;
});

/** An order made to order (no stock), whose maker marked it ready with a photo. Returns its number and the photo's name. */
async function orderWithPhoto(customerId: number | null, bytes: Uint8Array<ArrayBuffer>) {
  const placed = await db.transaction((tx) =>
    commitOrder(tx, {
      channel: "web",
      email: "shopper@example.com",
      customerId,
      currency: "USD",
      lines: [{ variantId: cuff, quantity: 1, unitPrice: 5000 }],
      totals: { subtotal: 5000, discountTotal: 0, shippingTotal: 0, taxTotal: 0, total: 5000 },
      idempotencyKey: crypto.randomUUID(),
      stockLocationCodes: ["US-FC"],
      paymentStatus: "paid",
      actor: "test",
      today: new Date(),
    }),
  );
  const [request] = await db
    .select()
    .from(schema.productionRequests)
    .where(eq(schema.productionRequests.orderId, placed.id))
    .orderBy(asc(schema.productionRequests.id));
  const saved = await saveWorkPhoto(new File([bytes], "done.png", { type: "image/png" }));
  if (!saved.ok) throw new Error("photo not saved");
  await db.insert(schema.productionEvents).values({
    requestId: request.id,
    orderId: placed.id,
    artisanId: maker,
    fromStatus: "in_progress",
    toStatus: "ready",
    actor: `artisan:${maker}`,
    photoUrl: saved.url,
  });
  return { number: placed.number, name: saved.url.split("/").pop()! };
}

const photoPath = (number: string, name: string, token?: string) =>
  `/orders/${encodeURIComponent(number)}/photos/${name}${token ? `?t=${encodeURIComponent(token)}` : ""}`;

describe("the work photo on the order page", () => {
  it("the order page links the photo; its owner signed in, or the guest with the order's link, gets the image", async () => {
    const owner = await createCustomer(db, { email: "owner@example.com", password: "password-1" });
    const ownerCookie = await customerSessionCookie(owner.id);
    const mine = await orderWithPhoto(owner.id, png(1));
    const guest = await orderWithPhoto(null, png(2));

    // The page names the photo on the piece's track, under the order's own address.
    const page = await call(orderLoader, get(`/orders/${mine.number}`, ownerCookie), { number: mine.number });
    const tracks = (page.body!.order as { lines: Array<{ tracks: Array<{ photoUrl?: string }> }> }).lines[0].tracks;
    expect(tracks.map((t) => t.photoUrl)).toContain(`/artisan/photos/${mine.name}`);

    const served = await photoLoader({ request: get(photoPath(mine.number, mine.name), ownerCookie), params: mine, context: {} });
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("Cache-Control")).toMatch(/^private/);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png(1));

    const token = statusToken(guest.number);
    const byLink = await photoLoader({ request: get(photoPath(guest.number, guest.name, token)), params: guest, context: {} });
    expect(new Uint8Array(await byLink.arrayBuffer())).toEqual(png(2));
  });

  it("anyone else, a guessed number, another order's photo or a path out of the folder: the same 404", async () => {
    const owner = await createCustomer(db, { email: "first@example.com", password: "password-1" });
    const stranger = await createCustomer(db, { email: "second@example.com", password: "password-1" });
    const mine = await orderWithPhoto(owner.id, png(3));
    const theirs = await orderWithPhoto(stranger.id, png(4));
    const ownerCookie = await customerSessionCookie(owner.id);
    const strangerCookie = await customerSessionCookie(stranger.id);
    const status = async (number: string, name: string, cookie?: string, token?: string) =>
      (await call(photoLoader, get(photoPath(number, encodeURIComponent(name), token), cookie), { number, name })).status;

    // Nobody signed in, no link; another customer; a link for another order; a forged link.
    expect(await status(mine.number, mine.name)).toBe(404);
    expect(await status(mine.number, mine.name, strangerCookie)).toBe(404);
    expect(await status(mine.number, mine.name, undefined, statusToken(theirs.number))).toBe(404);
    expect(await status(mine.number, mine.name, undefined, `${statusToken(mine.number).slice(0, -2)}xx`)).toBe(404);
    // A guessed order number, with the owner's session.
    expect(await status("SK-99999999", mine.name, ownerCookie)).toBe(404);
    // Another order's photo asked for under my order: it is not this order's work.
    expect(await status(mine.number, theirs.name, ownerCookie)).toBe(404);
    // A name that isn't a photo of this order, or that tries to leave the folder (as the router decodes `..%2f`).
    expect(await status(mine.number, "00000000-0000-0000-0000-000000000000.png", ownerCookie)).toBe(404);
    for (const name of ["../../etc/passwd", `../work-photos/${mine.name}`, `..%2f${mine.name}`, `./${mine.name}`]) {
      expect(await status(mine.number, name, ownerCookie)).toBe(404);
    }
    // Still there for its owner.
    expect(await status(mine.number, mine.name, ownerCookie)).toBe(200);
  });
});
