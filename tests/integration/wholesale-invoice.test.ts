/**
 * Wholesale invoices without Stripe keys (local mode): the invoice of a net-terms order, the issued
 * email, /wholesale/invoices and the invoice PDF with their tenancy, finance marking a bank transfer
 * paid at /ops/invoices/:number, and the weekly-spaced overdue reminders.
 */
import { and, asc, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createRetailer, createStaff } from "#db/seed/factories";
import { invoiceDocument, sendOverdueReminders } from "~/domain/wholesale/invoices.server";
import { drawInvoice, invoicePdf } from "~/domain/wholesale/pdf/invoice.server";
import { pdfBuffer } from "~/domain/wholesale/pdf/document.server";
import { action as opsInvoiceAction, loader as opsInvoiceLoader } from "~/routes/ops.invoices.$number";
import { action as loginAction } from "~/routes/ops.login";
import { loader as opsOrderLoader } from "~/routes/ops.orders.$number";
import { loader as invoicesLoader } from "~/routes/wholesale.invoices._index";
import { loader as invoicePdfLoader } from "~/routes/wholesale.invoices.$number[.]pdf";
import { db, schema } from "~/lib/db.server";
import { BASE, bodyOf, buyerCookie, get, pdfText, placeWholesaleOrder, settle } from "./wholesale-invoice-support";

type RetailerCtx = { retailerId: number; buyer: { id: number; email: string }; cookie: string };
let juniper: RetailerCtx;
let other: RetailerCtx;
let brass: number;
let horn: number;

async function retailer(name: string, email: string, terms: "net30" | "net60" | "card" = "net30"): Promise<RetailerCtx> {
  const { retailer, buyer } = await createRetailer(db, {
    name,
    paymentTerms: terms,
    creditLimit: 5_000_000,
    buyer: { email, name: "Maya Chen" },
  });
  return { retailerId: retailer.id, buyer: { id: buyer!.id, email: buyer!.email }, cookie: await buyerCookie(buyer!.id) };
}

beforeAll(async () => {
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const a = await createProduct(db, {
    title: "Maasai Brass Hoops",
    status: "active",
    variants: [{ sku: "EAR-BRS-HOOP", price: 4800, wholesalePrice: 2400 }],
  });
  const b = await createProduct(db, {
    title: "Horn Cuff",
    status: "active",
    variants: [{ sku: "BRC-HRN-CUFF", price: 6800, wholesalePrice: 3400 }],
  });
  brass = a.variants[0].id;
  horn = b.variants[0].id;
  juniper = await retailer("Juniper & Gold", "maya@juniper.test");
  other = await retailer("Other Store", "buyer@other.test");
});

const lines = () => [
  { variantId: brass, quantity: 24, unitPrice: 2400 },
  { variantId: horn, quantity: 12, unitPrice: 3400 },
];

async function signInStaff(email: string) {
  const res = (await loginAction({
    request: new Request(`${BASE}/ops/login`, { method: "POST", body: new URLSearchParams({ email, password: "soko-demo" }) }),
    params: {},
    context: {},
  })) as Response;
  return res.headers.get("Set-Cookie")!.split(";")[0];
}

describe("createInvoiceForOrder (local)", () => {
  it("invoices a net-30 order: INV number, order total, due 30 days after it was placed, local, and emails the buyer the PDF link", async () => {
    const placed = await placeWholesaleOrder({
      retailerId: juniper.retailerId,
      buyer: juniper.buyer,
      lines: lines(),
      terms: "net30",
      poNumber: "JG-001",
      placedAt: new Date("2026-01-15T18:30:00Z"),
      shipping: 2500,
    });
    expect(placed.invoice).toMatchObject({
      number: expect.stringMatching(/^INV-\d{5,}$/),
      amount: 24 * 2400 + 12 * 3400 + 2500,
      currency: "USD",
      dueDate: "2026-02-14",
      provider: "local",
      created: true,
    });
    const [row] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, placed.orderId));
    expect(row).toMatchObject({ status: "open", amountPaid: 0, retailerId: juniper.retailerId, providerRef: null });
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.id, placed.orderId));
    expect(row.amount).toBe(order.total);

    const emails = await db.select().from(schema.outbox).where(eq(schema.outbox.template, "invoice-issued"));
    const mine = emails.filter((e) => e.dedupeKey.startsWith(`invoice-issued:${row.number}:`));
    expect(mine).toHaveLength(1);
    expect(mine[0].to).toBe("maya@juniper.test");
    expect(mine[0].subject).toContain(row.number);
    expect(mine[0].subject).toContain("JG-001");
    expect(mine[0].html).toContain(`/wholesale/invoices/${row.number}.pdf`);
    expect(mine[0].text).toContain("February 14, 2026");
    // No Stripe push job in local mode; the email's send job is there.
    const [{ n }] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'wholesale_invoice_stripe'`,
    );
    expect(n).toBe(0);
  });

  it("gives net 60 sixty days, returns the same invoice when called again, and none for a card order", async () => {
    const placed = await placeWholesaleOrder({
      retailerId: juniper.retailerId,
      buyer: juniper.buyer,
      lines: lines(),
      terms: "net60",
      placedAt: new Date("2026-03-01T00:00:00Z"),
    });
    expect(placed.invoice?.dueDate).toBe("2026-04-30");
    const { createInvoiceForOrder } = await import("~/domain/wholesale/invoices.server");
    const again = await db.transaction((tx) => createInvoiceForOrder(tx, placed.orderId));
    expect(again).toMatchObject({ id: placed.invoice!.id, number: placed.invoice!.number, created: false });
    expect(await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, placed.orderId))).toHaveLength(1);

    const card = await placeWholesaleOrder({ retailerId: juniper.retailerId, buyer: juniper.buyer, lines: lines(), terms: "card" });
    expect(card.invoice).toBeNull();
    expect(await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, card.orderId))).toHaveLength(0);
  });
});

describe("a UK store's invoice writes its days the British way", () => {
  it("the issued email, the PDF and the overdue reminder read '14 February 2026', where a US store's read 'February 14, 2026'", async () => {
    const { retailer: store, buyer } = await createRetailer(db, {
      name: "Hatton & Thread",
      country: "GB",
      paymentTerms: "net30",
      creditLimit: 5_000_000,
      buyer: { email: "accounts@hatton.test", name: "Priya Shah" },
    });
    const placed = await placeWholesaleOrder({
      retailerId: store.id,
      buyer: { id: buyer!.id, email: buyer!.email },
      lines: lines(),
      terms: "net30",
      poNumber: "HT-1",
      placedAt: new Date("2026-01-15T18:30:00Z"),
    });
    const number = placed.invoice!.number;
    expect(placed.invoice!.dueDate).toBe("2026-02-14");

    const [issued] = (await db.select().from(schema.outbox).where(eq(schema.outbox.template, "invoice-issued"))).filter((e) =>
      e.dedupeKey.startsWith(`invoice-issued:${number}:`),
    );
    expect(issued.subject).toContain("due 14 February 2026");
    expect(issued.text).toContain("14 February 2026");
    expect(issued.text).not.toContain("February 14, 2026");

    const response = (await invoicePdfLoader({
      request: get(`/wholesale/invoices/${number}.pdf`, await buyerCookie(buyer!.id)),
      params: { number },
      context: {},
    })) as Response;
    const text = pdfText(await bodyOf(response));
    expect(text).toContain("Placed 15 January 2026");
    expect(text).toContain("payment is due by 14 February 2026");
    expect(text).not.toContain("February 14, 2026");

    await sendOverdueReminders(new Date("2026-02-17T16:00:00Z"));
    const [reminder] = (await db.select().from(schema.outbox).where(eq(schema.outbox.template, "invoice-overdue"))).filter((e) =>
      e.dedupeKey.startsWith(`invoice-overdue:${number}:`),
    );
    expect(reminder.text).toContain("was due on 14 February 2026");
  });
});

describe("/wholesale/invoices", () => {
  it("lists the retailer's invoices with status (open, overdue, paid, void), balance, due date and PO, and totals the open balance", async () => {
    const fresh = await retailer("Fresh Boutique", "fresh@boutique.test");
    const today = new Date();
    const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000);
    const open = await placeWholesaleOrder({
      retailerId: fresh.retailerId,
      buyer: fresh.buyer,
      lines: lines(),
      terms: "net30",
      poNumber: "FB-OPEN",
      placedAt: daysAgo(2),
    });
    const overdue = await placeWholesaleOrder({
      retailerId: fresh.retailerId,
      buyer: fresh.buyer,
      lines: lines().slice(0, 1),
      terms: "net30",
      poNumber: "FB-LATE",
      placedAt: daysAgo(40),
    });
    const paid = await placeWholesaleOrder({
      retailerId: fresh.retailerId,
      buyer: fresh.buyer,
      lines: lines().slice(1),
      terms: "net30",
      poNumber: "FB-PAID",
      placedAt: daysAgo(50),
    });
    const voided = await placeWholesaleOrder({
      retailerId: fresh.retailerId,
      buyer: fresh.buyer,
      lines: lines().slice(1),
      terms: "net60",
      poNumber: "FB-VOID",
      placedAt: daysAgo(5),
    });
    await db
      .update(schema.invoices)
      .set({ status: "paid", amountPaid: paid.invoice!.amount, paidAt: new Date() })
      .where(eq(schema.invoices.id, paid.invoice!.id));
    await db.update(schema.invoices).set({ status: "void" }).where(eq(schema.invoices.id, voided.invoice!.id));
    // Part of the overdue one was paid already.
    await db.update(schema.invoices).set({ amountPaid: 10_000 }).where(eq(schema.invoices.id, overdue.invoice!.id));

    const page = (await invoicesLoader({ request: get("/wholesale/invoices", fresh.cookie), params: {}, context: {} })) as Awaited<
      ReturnType<typeof invoicesLoader>
    >;
    const byPo = Object.fromEntries(page.list.rows.map((r) => [r.poNumber, r]));
    expect(Object.keys(byPo).sort()).toEqual(["FB-LATE", "FB-OPEN", "FB-PAID", "FB-VOID"]);
    expect(byPo["FB-OPEN"]).toMatchObject({
      status: "open",
      balance: open.invoice!.amount,
      orderNumber: open.number,
      dueDate: open.invoice!.dueDate,
    });
    expect(byPo["FB-LATE"]).toMatchObject({ status: "overdue", balance: overdue.invoice!.amount - 10_000, daysOverdue: 10 });
    expect(byPo["FB-PAID"]).toMatchObject({ status: "paid", balance: 0 });
    expect(byPo["FB-VOID"]).toMatchObject({ status: "void", balance: 0 });
    expect(page.list.totals).toMatchObject({
      open: open.invoice!.amount + overdue.invoice!.amount - 10_000,
      overdue: overdue.invoice!.amount - 10_000,
      count: { open: 2, overdue: 1 },
      currency: "USD",
    });

    // Another retailer's buyer sees none of them.
    const theirs = (await invoicesLoader({ request: get("/wholesale/invoices", other.cookie), params: {}, context: {} })) as Awaited<
      ReturnType<typeof invoicesLoader>
    >;
    expect(theirs.list.rows.map((r) => r.poNumber)).not.toContain("FB-OPEN");
  });

  it("sends a signed-out visitor to the login page and refuses a nonsense page number with a 400 that says what was wrong", async () => {
    const out = (await settle(invoicesLoader({ request: get("/wholesale/invoices"), params: {}, context: {} }))) as Response;
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe("/wholesale/login?redirectTo=%2Fwholesale%2Finvoices");
    for (const [page, message] of [
      ["-3", "Pages start at 1."],
      ["x", "The page must be a number."],
      ["2.5", "The page must be a whole number."],
    ]) {
      const bad = (await settle(
        invoicesLoader({ request: get(`/wholesale/invoices?page=${page}`, juniper.cookie), params: {}, context: {} }),
      )) as Response;
      expect(bad.status).toBe(400);
      expect(await bad.text()).toBe(message);
    }
    const blank = (await invoicesLoader({
      request: get("/wholesale/invoices?page=", juniper.cookie),
      params: {},
      context: {},
    })) as { list: { page: number } };
    expect(blank.list.page).toBe(1);
  });
});

describe("invoice PDF", () => {
  it("serves /wholesale/invoices/INV-….pdf to the retailer's buyer: a PDF with the number, lines, totals, terms, due date and bank details", async () => {
    const placed = await placeWholesaleOrder({
      retailerId: juniper.retailerId,
      buyer: juniper.buyer,
      lines: lines(),
      terms: "net30",
      poNumber: "JG-PDF-7",
      placedAt: new Date("2026-02-01T12:00:00Z"),
    });
    const number = placed.invoice!.number;
    const response = (await invoicePdfLoader({
      request: get(`/wholesale/invoices/${number}.pdf`, juniper.cookie),
      params: { number },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toContain(`${number}.pdf`);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const pdf = await bodyOf(response);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    for (const expected of [
      number,
      "JG-PDF-7",
      placed.number,
      "Juniper & Gold",
      "EAR-BRS-HOOP",
      "Maasai Brass Hoops",
      "BRC-HRN-CUFF",
      "Net 30",
      "March 3, 2026",
      "Pay by bank transfer",
      "$984.00",
      "Routing (ABA)",
    ]) {
      expect(text).toContain(expected);
    }

    // The same document uncompressed (pdfkit's compress: false) carries the number in plain text.
    const doc = (await invoiceDocument(juniper.retailerId, number))!;
    const plain = await pdfBuffer(invoicePdf(doc, { compress: false }), (d) => drawInvoice(d, doc));
    expect(plain.toString("latin1")).toContain(`(Invoice ${number})`);
    // Two lines fit on one page: no stray blank pages from text drawn past the margin.
    expect(plain.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it("answers 404 for another retailer's invoice, an unknown number and a malformed one", async () => {
    const placed = await placeWholesaleOrder({ retailerId: juniper.retailerId, buyer: juniper.buyer, lines: lines(), terms: "net30" });
    const number = placed.invoice!.number;
    for (const [who, n] of [
      [other.cookie, number],
      [juniper.cookie, "INV-99999999"],
      [juniper.cookie, "../../etc/passwd"],
    ] as const) {
      const response = (await settle(
        invoicePdfLoader({ request: get(`/wholesale/invoices/${n}.pdf`, who), params: { number: n }, context: {} }),
      )) as Response;
      expect(response.status, `${n}`).toBe(404);
      expect(response.headers.get("Content-Type")).not.toBe("application/pdf");
    }
    const signedOut = (await settle(
      invoicePdfLoader({ request: get(`/wholesale/invoices/${number}.pdf`), params: { number }, context: {} }),
    )) as Response;
    expect(signedOut.status).toBe(302);
  });
});

describe("finance marks a local invoice paid (/ops/invoices/:number)", () => {
  it("records the bank transfer once, audited, settles the order; a cashier is refused; a Stripe invoice is refused with 409", async () => {
    await createStaff(db, { email: "finance@soko.test", roles: ["finance"] });
    await createStaff(db, { email: "till@soko.test", roles: ["cashier"] });
    const finance = await signInStaff("finance@soko.test");
    const cashier = await signInStaff("till@soko.test");
    const placed = await placeWholesaleOrder({ retailerId: juniper.retailerId, buyer: juniper.buyer, lines: lines(), terms: "net30" });
    const number = placed.invoice!.number;
    const post = (cookie: string, fields: Record<string, string>, n = number) =>
      settle(
        opsInvoiceAction({
          request: new Request(`${BASE}/ops/invoices/${n}`, {
            method: "POST",
            headers: { Cookie: cookie },
            body: new URLSearchParams(fields),
          }),
          params: { number: n },
          context: {},
        }),
      );

    const refused = (await post(cashier, { reference: "X" })) as Response;
    expect(refused.status).toBe(403);
    expect(
      ((await settle(opsInvoiceLoader({ request: get(`/ops/invoices/${number}`, cashier), params: { number }, context: {} }))) as Response)
        .status,
    ).toBe(403);

    const page = (await opsInvoiceLoader({ request: get(`/ops/invoices/${number}`, finance), params: { number }, context: {} })) as Awaited<
      ReturnType<typeof opsInvoiceLoader>
    >;
    expect(page).toMatchObject({ displayStatus: "open", balance: placed.invoice!.amount });

    const tooLong = (await post(finance, { reference: "x".repeat(101) })) as unknown as {
      data: { errors: Record<string, string> };
      init: { status: number };
    };
    expect(tooLong.init.status).toBe(400);
    expect(tooLong.data.errors.reference).toMatch(/100 characters/);

    const done = (await post(finance, { reference: "WIRE 55821" })) as unknown as { data: { ok: boolean; message: string } };
    expect(done.data).toMatchObject({ ok: true, message: expect.stringContaining("marked paid") });
    const again = (await post(finance, { reference: "WIRE 55821" })) as unknown as { data: { ok: boolean; message: string } };
    expect(again.data).toMatchObject({ ok: true, message: expect.stringContaining("already paid") });

    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.number, number));
    expect(invoice).toMatchObject({ status: "paid", amountPaid: invoice.amount });
    expect(invoice.paidAt).toBeInstanceOf(Date);
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.id, placed.orderId));
    expect(order.paymentStatus).toBe("paid");
    const audits = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "invoice.mark_paid"), eq(schema.auditLog.subject, `invoice:${number}`)));
    expect(audits).toHaveLength(1);
    expect(audits[0].data).toMatchObject({ amount: invoice.amount, reference: "WIRE 55821", method: "bank_transfer" });
    expect(audits[0].actor).toMatch(/^staff:\d+$/);

    // An invoice Stripe collects is recorded through Stripe, not here.
    await db
      .update(schema.invoices)
      .set({ provider: "stripe", providerRef: "in_test_elsewhere" })
      .where(
        eq(
          schema.invoices.id,
          (await placeWholesaleOrder({ retailerId: juniper.retailerId, buyer: juniper.buyer, lines: lines(), terms: "net30" })).invoice!.id,
        ),
      );
    const [stripeInvoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.providerRef, "in_test_elsewhere"));
    const conflict = (await post(finance, { reference: "" }, stripeInvoice.number)) as unknown as {
      data: { ok: boolean; message: string };
      init: { status: number };
    };
    expect(conflict.init.status).toBe(409);
    expect(conflict.data.message).toContain("Stripe");
    const missing = (await post(finance, {}, "INV-424242")) as Response;
    expect(missing.status).toBe(404);
  });
});

describe("overdue reminders", () => {
  it("emails each buyer once per seven days per overdue open invoice, never for paid or not-yet-due ones, and a re-run sends nothing", async () => {
    const late = await retailer("Late Payer", "ap@latepayer.test");
    // A second buyer who signed up, and one still invited (no password): only the first two hear.
    await db.insert(schema.buyerUsers).values([
      { retailerId: late.retailerId, email: "owner@latepayer.test", name: "Owner", passwordHash: "x" },
      { retailerId: late.retailerId, email: "invited@latepayer.test", name: "Invited" },
    ]);
    const overdue = await placeWholesaleOrder({
      retailerId: late.retailerId,
      buyer: late.buyer,
      lines: lines(),
      terms: "net30",
      poNumber: "LP-1",
      placedAt: new Date("2026-01-01T10:00:00Z"),
    });
    const notDue = await placeWholesaleOrder({
      retailerId: late.retailerId,
      buyer: late.buyer,
      lines: lines(),
      terms: "net60",
      poNumber: "LP-2",
      placedAt: new Date("2026-01-01T10:00:00Z"),
    });
    const paid = await placeWholesaleOrder({
      retailerId: late.retailerId,
      buyer: late.buyer,
      lines: lines(),
      terms: "net30",
      poNumber: "LP-3",
      placedAt: new Date("2026-01-01T10:00:00Z"),
    });
    await db
      .update(schema.invoices)
      .set({ status: "paid", amountPaid: paid.invoice!.amount })
      .where(eq(schema.invoices.id, paid.invoice!.id));
    const reminders = () =>
      db
        .select()
        .from(schema.outbox)
        .where(and(eq(schema.outbox.template, "invoice-overdue"), like(schema.outbox.dedupeKey, "invoice-overdue:%")))
        .orderBy(asc(schema.outbox.id));
    const mineOf = async (number: string) => (await reminders()).filter((r) => r.dedupeKey.startsWith(`invoice-overdue:${number}:`));

    // Due 2026-01-31: nothing on the due date itself.
    await sendOverdueReminders(new Date("2026-01-31T16:00:00Z"));
    expect(await mineOf(overdue.invoice!.number)).toHaveLength(0);

    await sendOverdueReminders(new Date("2026-02-02T16:00:00Z"));
    let sent = await mineOf(overdue.invoice!.number);
    expect(sent.map((r) => r.to).sort()).toEqual(["ap@latepayer.test", "owner@latepayer.test"]);
    expect(sent[0].subject).toBe(`Reminder: invoice ${overdue.invoice!.number} is 2 days overdue`);
    expect(sent[0].html).toContain(`/wholesale/invoices/${overdue.invoice!.number}.pdf`);

    // The same day again, and three days later: nothing more.
    await sendOverdueReminders(new Date("2026-02-02T16:00:00Z"));
    await sendOverdueReminders(new Date("2026-02-05T16:00:00Z"));
    expect(await mineOf(overdue.invoice!.number)).toHaveLength(2);

    // Seven days on: one more each. Concurrent runs still remind once.
    await Promise.all([sendOverdueReminders(new Date("2026-02-09T16:00:00Z")), sendOverdueReminders(new Date("2026-02-09T16:00:00Z"))]);
    sent = await mineOf(overdue.invoice!.number);
    expect(sent).toHaveLength(4);
    expect(sent.slice(2).every((r) => r.subject === `Reminder: invoice ${overdue.invoice!.number} is 9 days overdue`)).toBe(true);
    const [row] = await db.select().from(schema.invoices).where(eq(schema.invoices.id, overdue.invoice!.id));
    expect(row.lastReminderAt?.toISOString()).toBe("2026-02-09T16:00:00.000Z");

    expect(await mineOf(notDue.invoice!.number)).toHaveLength(0);
    expect(await mineOf(paid.invoice!.number)).toHaveLength(0);

    // Once paid, no more reminders.
    await db.update(schema.invoices).set({ status: "paid", amountPaid: row.amount }).where(eq(schema.invoices.id, row.id));
    await sendOverdueReminders(new Date("2026-02-20T16:00:00Z"));
    expect(await mineOf(overdue.invoice!.number)).toHaveLength(4);
  });
});

describe("an order's ops page shows its wholesale side (/ops/orders/:number)", () => {
  it("retailer, buyer, PO, terms, ship-to and the invoice with what is still owed; another retailer's order shows its own", async () => {
    await createStaff(db, { email: "orders-desk@soko.test", roles: ["admin"] });
    const desk = await signInStaff("orders-desk@soko.test");
    const [dock] = await db
      .insert(schema.retailerLocations)
      .values({ retailerId: juniper.retailerId, name: "Oakland dock", line1: "1 Dock Rd", city: "Oakland" })
      .returning();
    const placed = await placeWholesaleOrder({
      retailerId: juniper.retailerId,
      buyer: juniper.buyer,
      lines: lines(),
      terms: "net60",
      poNumber: "JG-OPS-7",
      retailerLocationId: dock.id,
    });
    const open = async (number: string) => {
      const page = await settle(opsOrderLoader({ request: get(`/ops/orders/${number}`, desk), params: { number }, context: {} }));
      if (page instanceof Response) throw new Error(`ops order page answered ${page.status}`);
      return (page as unknown as { data: { wholesale: unknown } }).data;
    };

    const invoice = placed.invoice!;
    const { wholesale } = await open(placed.number);
    expect(wholesale).toEqual({
      retailerId: juniper.retailerId,
      retailerName: "Juniper & Gold",
      buyer: "Maya Chen",
      buyerEmail: juniper.buyer.email,
      poNumber: "JG-OPS-7",
      terms: "Net 60",
      location: "Oakland dock",
      locationCity: "Oakland",
      shipWindowStart: null,
      shipWindowEnd: null,
      allowanceBps: 0,
      freightCharge: 0,
      invoices: [
        {
          number: invoice.number,
          currency: "USD",
          amount: invoice.amount,
          balance: invoice.amount,
          dueDate: invoice.dueDate,
          status: "open",
        },
      ],
    });

    // Part paid by bank transfer: the balance follows.
    await db.update(schema.invoices).set({ amountPaid: 10_000 }).where(eq(schema.invoices.id, invoice.id));
    const partPaid = (await open(placed.number)).wholesale as { invoices: Array<{ balance: number }> };
    expect(partPaid.invoices[0].balance).toBe(invoice.amount - 10_000);

    // Another retailer's order shows that retailer, never Juniper's PO.
    const theirs = await placeWholesaleOrder({
      retailerId: other.retailerId,
      buyer: other.buyer,
      lines: lines(),
      terms: "card",
      poNumber: "OS-1",
    });
    expect((await open(theirs.number)).wholesale).toMatchObject({
      retailerName: "Other Store",
      poNumber: "OS-1",
      terms: "Card",
      invoices: [],
    });
  });
});
