/** The register's customers on the real database: search, attach → order.customerId, quick-create, who may search. */
import { randomUUID } from "node:crypto";
import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "#db/seed/factories";
import { customerOrders } from "~/domain/accounts/index.server";
import { findCustomersForRegister, searchCustomers } from "~/domain/pos/index.server";
import { db, schema } from "~/lib/db.server";
import { action as loginAction } from "~/routes/account.login";
import { action as homeAction } from "~/routes/pos._index";
import { loader as customersLoader } from "~/routes/pos.customers";
import { action as registerAction, loader as registerLoader } from "~/routes/pos.register";
import { call, cartOf, setUpStore, signIn, type Store } from "./pos-support";

type Fn = Parameters<typeof call>[0];
let store: Store;
let cashier: string;
let maya: { id: number };

const post = (fields: Record<string, string>, cookie = cashier) => call(registerAction as Fn, "/pos/register", { cookie, form: fields });

beforeAll(async () => {
  store = await setUpStore();
  cashier = await signIn("cashier@soko.test");
  await call(homeAction as Fn, "/pos", { cookie: cashier, form: { intent: "open-shift", openingFloat: "100" } });
  maya = await createCustomer(db, { name: "Maya Chen", email: "maya@example.test", phone: "+14155550142", password: "shopper-pass-1" });
  await createCustomer(db, { name: "Amina Odhiambo", email: "amina.o@example.test", phone: "+254712345001" });
  await createCustomer(db, { name: "Daniel Mayer", email: "", phone: "+14155550190" });
  await createCustomer(db, { name: "Percy 100%", email: "percy@example.test" });
  // Maya's store credit (a return), addressed to her email.
  await db.insert(schema.giftCards).values({
    kind: "store_credit",
    status: "active",
    currency: "USD",
    initialAmount: 3500,
    balance: 3500,
    codeHash: "test-hash-maya",
    last4: "MAYA",
    recipientEmail: "Maya@Example.test",
    createdBy: "staff:1",
  });
});

describe("searching", () => {
  it("finds by name (start or any word), email and phone in any common form", async () => {
    const names = async (q: string) => (await searchCustomers(q)).map((c) => c.name);
    expect(await names("may")).toEqual(["Maya Chen", "Daniel Mayer"]); // the name's start first, then a later word
    expect(await names("chen")).toEqual(["Maya Chen"]);
    expect(await names("AMINA.O@")).toEqual(["Amina Odhiambo"]);
    expect(await names("(415) 555-0142")).toEqual(["Maya Chen"]);
    expect(await names("415 555")).toEqual(["Daniel Mayer", "Maya Chen"]);
    expect(await names("0712 345")).toEqual(["Amina Odhiambo"]);
    expect(await names("+254 712")).toEqual(["Amina Odhiambo"]);
    expect(await names("m")).toEqual([]); // too short to search
    expect(await names("100%")).toEqual(["Percy 100%"]); // LIKE wildcards are text
    expect(await names("%")).toEqual([]);
  });

  it("answers orders and credit with each result; a phone-only customer has no email", async () => {
    const [found] = await searchCustomers("maya chen");
    expect(found).toMatchObject({
      id: maya.id,
      email: "maya@example.test",
      phone: "+14155550142",
      orders: 0,
      credit: 3500,
      currency: "USD",
    });
    const [daniel] = await searchCustomers("daniel");
    expect(daniel).toMatchObject({ email: null, phone: "+14155550190", credit: 0 });
  });

  it("answers only the register's staff: 404 for a shopper or nobody, 403 for other staff", async () => {
    expect((await call(customersLoader as Fn, "/pos/customers?q=maya")).status).toBe(404);
    const login = await call(loginAction as Fn, "/account/login", { form: { email: "maya@example.test", password: "shopper-pass-1" } });
    expect(login.cookie).toBeTruthy();
    const shopper = await call(customersLoader as Fn, "/pos/customers?q=maya", { cookie: login.cookie! });
    expect(shopper.status).toBe(404);
    expect(JSON.stringify(shopper.body)).not.toContain("Chen");
    const hub = await call(homeAction as Fn, "/pos", { form: { email: "hub@soko.test", password: "soko-demo" } });
    expect(hub.status).toBe(403);
    const hubCookie = await signInHub();
    const other = await call(customersLoader as Fn, "/pos/customers?q=maya", { cookie: hubCookie });
    expect(other.status).toBe(403);
    const ok = await call(customersLoader as Fn, "/pos/customers?q=maya", { cookie: cashier });
    expect(ok.status).toBe(200);
    expect((ok.body!.results as Array<{ name: string }>).map((r) => r.name)).toContain("Maya Chen");
  });

  it("throttles a cashier's searches per minute (locked searches are refused, not run)", async () => {
    const [staff] = await db.select().from(schema.staffUsers).where(eq(schema.staffUsers.email, "manager@soko.test"));
    const now = new Date("2030-01-01T10:00:00Z");
    for (let i = 0; i < 60; i++)
      expect((await findCustomersForRegister({ ...staff, roles: staff.roles }, "maya", "USD", now)).ok).toBe(true);
    const refused = await findCustomersForRegister({ ...staff, roles: staff.roles }, "maya", "USD", now);
    expect(refused).toMatchObject({ ok: false, status: 429, results: [] });
    const later = await findCustomersForRegister({ ...staff, roles: staff.roles }, "maya", "USD", new Date(now.getTime() + 2 * 60_000));
    expect(later.ok).toBe(true);
  });

  it("searches with JavaScript off through the register page itself", async () => {
    const page = await call(registerLoader as Fn, "/pos/register?customer=chen", { cookie: cashier });
    const search = page.body?.customerSearch as { text: string; results: Array<{ name: string }> };
    expect(search.text).toBe("chen");
    expect(search.results.map((r) => r.name)).toEqual(["Maya Chen"]);
  });
});

/** A staff member without a register role, signed in through the console's sign-in. */
async function signInHub() {
  const { action: opsLogin } = await import("~/routes/ops.login");
  const res = await call(opsLogin as Fn, "/ops/login", { form: { email: "hub@soko.test", password: "soko-demo" } });
  if (!res.cookie) throw new Error(`hub sign-in failed: ${res.status}`);
  return res.cookie;
}

describe("attaching and charging", () => {
  it("attaches, keeps the customer in the register's cookie, and the order is theirs", async () => {
    const attached = await post({ intent: `attach-customer:${maya.id}`, cart: cartOf([store.stud.id, 1]) });
    expect(attached.status).toBe(200);
    const cart = (attached.body?.cart ?? {}) as { customerId?: number };
    expect(cart.customerId).toBe(maya.id);
    expect(attached.body?.customer).toMatchObject({ name: "Maya Chen" });
    // The register's cookie keeps the sale: a reload (or Shift and back) finds the customer again.
    const cookieRes = await callRaw({ intent: `attach-customer:${maya.id}`, cart: cartOf([store.stud.id, 1]) });
    const kept = cookieRes.headers.get("Set-Cookie")!.split(";")[0];
    const reloaded = await call(registerLoader as Fn, "/pos/register", { cookie: `${cashier}; ${kept}` });
    const saved = reloaded.body?.saved as { cart: { customerId?: number }; customer: { name: string } | null };
    expect(saved.cart.customerId).toBe(maya.id);
    expect(saved.customer?.name).toBe("Maya Chen");

    const sale = await post({
      intent: "charge",
      cart: JSON.stringify(cart),
      key: randomUUID(),
      mode: "cash",
      cashGiven: "60",
      email: "maya@example.test",
      receiptPhone: "(415) 555-0142",
    });
    expect(sale.status).toBe(302);
    const number = /SK-\d+/.exec(sale.location ?? "")![0];
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
    expect(order).toMatchObject({ customerId: maya.id, email: "maya@example.test", channel: "pos" });
    // Both receipts are queued: the email, and the text to her mobile.
    const receipts = await db
      .select({ channel: schema.outbox.channel, to: schema.outbox.to })
      .from(schema.outbox)
      .where(and(eq(schema.outbox.template, "pos-receipt")));
    expect(receipts).toEqual(
      expect.arrayContaining([
        { channel: "sms", to: "+14155550142" },
        { channel: "email", to: "maya@example.test" },
      ]),
    );
    // The text is written with the sale, in its own transaction (one transaction id for both rows), never after it.
    const [written] = await db.execute<{ order_tx: string; sms_tx: string }>(sql`
      select (select xmin::text from orders where number = ${number}) as order_tx,
             (select xmin::text from outbox where dedupe_key = ${`pos-receipt-sms:${number}:+14155550142`}) as sms_tx`);
    expect(written.sms_tx).toBe(written.order_tx);
    // A number that can't be one is refused before anything is taken.
    const before = await db.select({ n: count() }).from(schema.orders);
    const bad = await post({
      intent: "charge",
      cart: JSON.stringify(cart),
      key: randomUUID(),
      mode: "cash",
      cashGiven: "60",
      receiptPhone: "12",
    });
    expect(bad.status).toBe(400);
    expect(await db.select({ n: count() }).from(schema.orders)).toEqual(before);
    // And it is in her account's order history (once she has an account with this email, proven).
    const history = await customerOrders(maya.id, 1, { emailVerified: true });
    expect(history.orders.map((o) => o.number)).toContain(number);
    // Pieces, not gift cards: the list shows its status, not a gift card's.
    expect(history.orders.find((o) => o.number === number)).toMatchObject({ giftCardsOnly: false, cardsToSend: 0 });
  });

  it("detaches, and refuses a customer id no one has (nothing charged)", async () => {
    const detached = await post({ intent: "detach-customer", cart: JSON.stringify({ lines: [], customerId: maya.id }) });
    expect((detached.body!.cart as { customerId?: number }).customerId).toBeUndefined();
    expect(detached.body?.customer).toBeNull();
    const unknown = await post({ intent: "attach-customer:999999", cart: cartOf([store.stud.id, 1]) });
    expect(unknown.status).toBe(404);
    const before = await db.select({ n: count() }).from(schema.orders);
    const forged = await post({
      intent: "charge",
      cart: JSON.stringify({ lines: [{ variantId: store.stud.id, quantity: 1, discountPercent: 0 }], customerId: 999999 }),
      key: randomUUID(),
      mode: "cash",
      cashGiven: "60",
    });
    expect(forged.status).toBe(422);
    expect(String(forged.body?.message)).toMatch(/no longer on file/);
    expect(await db.select({ n: count() }).from(schema.orders)).toEqual(before);
  });

  it("a walk-in sale stays nobody's", async () => {
    const sale = await post({ intent: "charge", cart: cartOf([store.stud.id, 1]), key: randomUUID(), mode: "cash", cashGiven: "60" });
    const number = /SK-\d+/.exec(sale.location ?? "")![0];
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
    expect(order.customerId).toBeNull();
  });
});

describe("quick-create", () => {
  it("adds a customer with a phone alone, stored E.164, attached to the sale", async () => {
    const res = await post({
      intent: "create-customer",
      cart: cartOf([store.stud.id, 1]),
      customerName: "Lena Park",
      customerPhone: "415.555.0199",
    });
    expect(res.status).toBe(200);
    expect(res.body?.customer).toMatchObject({ name: "Lena Park", phone: "+14155550199", email: null });
    const [row] = await db.select().from(schema.customers).where(eq(schema.customers.phone, "+14155550199"));
    expect((res.body!.cart as { customerId: number }).customerId).toBe(row.id);
    expect(row.passwordHash).toBeNull();
  });

  it("refuses what doesn't validate, and a taken email or phone naming who has it", async () => {
    const none = await post({ intent: "create-customer", cart: cartOf(), customerName: "No Contact" });
    expect(none.status).toBe(422);
    expect(none.body?.errors).toMatchObject({ customerEmail: expect.stringMatching(/email or a mobile/) });
    const badPhone = await post({ intent: "create-customer", cart: cartOf(), customerName: "X", customerPhone: "12345" });
    expect(badPhone.body?.errors).toMatchObject({ customerPhone: expect.any(String) });
    const takenEmail = await post({
      intent: "create-customer",
      cart: cartOf(),
      customerName: "Maya C",
      customerEmail: "MAYA@example.test",
    });
    expect(takenEmail.status).toBe(409);
    expect(takenEmail.body?.message).toMatch(/That email is already Maya Chen's/);
    expect(takenEmail.body?.duplicate).toMatchObject({ id: maya.id });
    const takenPhone = await post({ intent: "create-customer", cart: cartOf(), customerName: "Someone", customerPhone: "+1 415 555 0142" });
    expect(takenPhone.status).toBe(409);
    expect(takenPhone.body?.field).toBe("customerPhone");
  });

  it("a parallel burst of the same email makes one customer; the rest are told who has it", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post({ intent: "create-customer", cart: cartOf(), customerName: `Burst ${i}`, customerEmail: "burst@example.test" }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const rows = await db.select().from(schema.customers).where(eq(schema.customers.email, "burst@example.test"));
    expect(rows).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 409)) expect((r.body!.duplicate as { id: number }).id).toBe(rows[0].id);
  });
});

/** The register action's raw Response (for its Set-Cookie). */
async function callRaw(fields: Record<string, string>) {
  const request = new Request("http://soko.test/pos/register", {
    method: "POST",
    headers: { Cookie: cashier },
    body: new URLSearchParams(fields),
  });
  const result = (await registerAction({ request, params: {}, context: {} })) as unknown as {
    init: { headers?: HeadersInit } | null;
  };
  return { headers: new Headers(result.init?.headers) };
}
