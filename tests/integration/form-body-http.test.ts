/**
 * The bodies a form, a fetcher, Stripe and an upload send, over real HTTP as `npm start` serves them
 * (#14, session 14): a small urlencoded form is read whole at the edge and handed to Remix as its bytes
 * (app/http/form-body.ts), everything else keeps the capped stream. A whole JS-off checkout with
 * `+`, `&` and non-ASCII in the address, a fetcher's `.data` add to bag (Remix copies that request,
 * body and all), an image upload (multipart) and a signed Stripe event (the signature covers the raw
 * JSON, byte for byte) each still do their work.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createStaff, setStock } from "#db/seed/factories";
import { db, schema } from "~/lib/db.server";
import { CookieJar, requester } from "../bench/http-checkout";
import { startFakeStripe, type FakeStripe } from "../fakes/stripe";
import { type App, buildIfStale, startHttp, stopAll } from "./app-process-support";
import { staffSessionCookie } from "./session-support";

let app: App;
let stripeApp: App;
let fake: FakeStripe;
let variantId: number;
let productId: number;
let staffCookie: string;

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  const product = await createProduct(db, {
    handle: "form-body-hoops",
    title: "Form Body Hoops",
    status: "active",
    variants: [{ price: 4200 }],
  });
  productId = product.product.id;
  variantId = product.variants[0].id;
  await setStock(db, variantId, fc.id, 100);
  const staff = await createStaff(db, { email: "form-body@soko.test", roles: ["ops"] });
  staffCookie = await staffSessionCookie(staff.id);
  fake = await startFakeStripe({ secretKey: "sk_test_x" });
  const build = buildIfStale();
  const uploads = await mkdtemp(path.join(tmpdir(), "soko-form-body-"));
  [app, stripeApp] = await Promise.all([
    startHttp(build, { UPLOAD_DIR: uploads, S3_BUCKET: "" }),
    startHttp(build, {
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_PUBLISHABLE_KEY: "pk_test_x",
      STRIPE_WEBHOOK_SECRET: "whsec_test",
      STRIPE_API_BASE: fake.url,
    }),
  ]);
}, 300_000);

afterAll(async () => {
  await stopAll();
  await fake?.close();
});

describe("bodies over HTTP", () => {
  it("a JS-off guest checkout: add, address, shipping, pay; the address as typed reaches the order", async () => {
    const request = requester(app.url);
    const jar = new CookieJar();
    const add = await request("POST", "/cart", jar, { intent: "add", variantId: String(variantId), quantity: "2" });
    expect(add.status).toBe(303);
    const address = {
      intent: "address",
      email: "amina+orders@example.com",
      name: "Amina Wanjirũ & Sons",
      line1: "1 Valencia St, Apt #4 (rear) 100%",
      city: "San Francisco",
      region: "CA",
      postalCode: "94110",
      country: "US",
    };
    expect([302, 303]).toContain((await request("POST", "/checkout", jar, address)).status);
    expect([302, 303]).toContain((await request("POST", "/checkout", jar, { intent: "shipping", shippingMethod: "standard" })).status);
    const page = await request("GET", "/checkout", jar);
    const idempotencyKey = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)?.[1];
    const expectedTotal = /name="expectedTotal" value="([^"]+)"/.exec(page.body)?.[1];
    expect(idempotencyKey && expectedTotal).toBeTruthy();
    const pay = {
      intent: "pay",
      cardNumber: "4242424242424242",
      cardExpiry: "12/30",
      cardCvc: "123",
      idempotencyKey: idempotencyKey!,
      expectedTotal: expectedTotal!,
    };
    const paid = await request("POST", "/checkout", jar, pay);
    expect(paid.status).toBe(303);
    expect(paid.location).toMatch(/^\/orders\//);
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.email, "amina+orders@example.com"));
    expect(order.shippingAddress).toMatchObject({
      name: "Amina Wanjirũ & Sons",
      line1: "1 Valencia St, Apt #4 (rear) 100%",
      postalCode: "94110",
    });
  });

  it("a control character in a form field is refused with a 400 and no change", async () => {
    const request = requester(app.url);
    const jar = new CookieJar();
    const refused = await request("POST", "/cart", jar, { intent: "add", variantId: `${variantId}\u0000`, quantity: "1" });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/control character/);
  });

  it("a fetcher's `.data` add to bag puts the line in the bag", async () => {
    const response = await fetch(`${app.url}/cart.data`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "add", variantId: String(variantId), quantity: "3" }),
    });
    expect(response.status).toBeLessThan(400);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(cookie).not.toBe("");
    const bag = await fetch(`${app.url}/cart`, { headers: { Cookie: cookie } });
    const html = await bag.text();
    expect(html).toContain("Form Body Hoops");
    expect(html).toMatch(/value="3"/);
  });

  it("an image upload (multipart) is stored", async () => {
    const png = new Uint8Array(64);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(png.buffer).setUint32(16, 1200);
    new DataView(png.buffer).setUint32(20, 900);
    const form = new FormData();
    form.set("intent", "image-upload");
    form.set("alt", "The hoops on a linen cloth");
    form.set("image", new File([png], "hoops.png", { type: "image/png" }));
    const response = await fetch(`${app.url}/ops/products/${productId}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.url, Cookie: staffCookie },
      body: form,
    });
    expect(response.status).toBe(302);
    const images = await db.select().from(schema.productImages).where(eq(schema.productImages.productId, productId));
    // The factory's two pictures, then the upload.
    expect(images.map((i) => i.alt)).toContain("The hoops on a linen cloth");
    expect(images).toHaveLength(3);
  });

  it("a signed Stripe event is taken byte for byte; one byte changed is refused", async () => {
    const stripe = new Stripe("sk_test_x");
    // Spacing, a CRLF and non-ASCII: any re-encoding on the way would break the signature.
    const payload = `{\r\n  "id": "evt_form_body_1",  "object": "event", "type": "customer.created",\n  "created": ${Math.floor(Date.now() / 1000)},\n  "data": { "object": { "id": "cus_1", "name": "Wanjirũ 👋" } }\n}`;
    const deliver = (body: string) =>
      fetch(`${stripeApp.url}/webhooks/stripe`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Stripe-Signature": stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_test" }),
        },
        body,
      });
    const taken = await deliver(payload);
    expect(taken.status).toBe(200);
    expect(await taken.json()).toEqual({ received: true });
    const [event] = await db.select().from(schema.webhookEvents).where(eq(schema.webhookEvents.eventId, "evt_form_body_1"));
    expect(event.type).toBe("customer.created");
    const tampered = await deliver(payload.replace("Wanjirũ", "Wanjiru"));
    expect(tampered.status).toBe(400);
  });
});
