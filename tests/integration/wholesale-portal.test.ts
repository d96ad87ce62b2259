/**
 * The wholesale portal through its routes' loaders and actions against a real database: apply →
 * approve → invitation → password → sign in; a colleague invited; rejection; quick order and CSV with
 * per-row errors; minimums; a net-30 order that becomes an order, production requests and an
 * invoice; credit limit; PO numbers; card payment; and another retailer's ids on every action.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan, createLocation, createProduct, createRetailer, createStaff, setStock } from "#db/seed/factories";
import { action as applyAction } from "~/routes/wholesale._index";
import { action as accountAction, loader as accountLoader } from "~/routes/wholesale.account";
import { action as catalogAction, loader as catalogLoader } from "~/routes/wholesale.catalog";
import { action as inviteAction, loader as inviteLoader } from "~/routes/wholesale.invite.$token";
import { action as loginAction } from "~/routes/wholesale.login";
import { loader as ordersLoader } from "~/routes/wholesale.orders._index";
import { action as quickAction, loader as quickLoader } from "~/routes/wholesale.quick-order";
import { action as opsRetailerAction } from "~/routes/ops.retailers.$id";
import { loader as opsRetailersLoader } from "~/routes/ops.retailers._index";
import { db, schema } from "~/lib/db.server";
import { Jar, requestsTo, run, signedInJar } from "./wholesale-support";

const BASE = "http://soko.test";
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

const { post, get } = requestsTo(BASE);
const signedIn = (buyerId: number) => signedInJar({ buyerId });
const staffJar = (staffId: number) => signedInJar({ staffId });

async function outboxFor(to: string, template: string) {
  return db
    .select()
    .from(schema.outbox)
    .where(and(eq(schema.outbox.to, to), eq(schema.outbox.template, template)));
}

let staffId: number;
let stocked: { id: number; sku: string };
let madeToOrder: { id: number; sku: string };
let cased: { id: number; sku: string };

beforeAll(async () => {
  await db.insert(schema.priceTiers).values([
    { code: "standard", name: "Standard", percentOfRetail: 5000 },
    { code: "preferred", name: "Preferred", percentOfRetail: 4500 },
    { code: "key", name: "Key account", percentOfRetail: 4000 },
  ]);
  await db.insert(schema.settings).values([
    { key: "wholesale.openingMinimum", value: 50_000 },
    { key: "wholesale.reorderMinimum", value: 25_000 },
  ]);
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  await createLocation(db, { code: "NBO-HUB", kind: "hub", shipDays: 8 });
  const a = await createProduct(db, {
    handle: "brass-hoops",
    title: "Brass Hoops",
    status: "active",
    category: "earrings",
    skills: ["brass-smithing"],
    variants: [{ sku: "WS-HOOP", price: 4000, minQty: 1, casePack: 1 }],
  });
  const b = await createProduct(db, {
    handle: "horn-cuff",
    title: "Horn Cuff",
    status: "active",
    category: "bracelets",
    skills: ["horn-carving"],
    variants: [{ sku: "WS-CUFF", price: 10_000, minQty: 6, casePack: 6, leadTimeDays: 21 }],
  });
  const c = await createProduct(db, {
    handle: "bead-strand",
    title: "Bead Strand",
    status: "active",
    category: "necklaces",
    skills: ["beading"],
    variants: [{ sku: "WS-BEAD", price: 2000, minQty: 12, casePack: 12 }],
  });
  await createProduct(db, {
    handle: "old-ring",
    title: "Old Ring",
    status: "archived",
    category: "rings",
    variants: [{ sku: "WS-OLD", price: 3000 }],
  });
  stocked = a.variants[0];
  madeToOrder = b.variants[0];
  cased = c.variants[0];
  await setStock(db, stocked.id, fc.id, 500);
  await createArtisan(db, {
    skills: [
      { skill: "horn-carving", weeklyCapacity: 14 },
      { skill: "beading", weeklyCapacity: 40 },
      { skill: "brass-smithing", weeklyCapacity: 20 },
    ],
  });
  staffId = (await createStaff(db, { roles: ["ops"] })).id;
});

describe("apply → approve → invitation → sign in", () => {
  it("takes an application, lets operations approve it with terms, and the invited buyer sets a password and signs in", async () => {
    const invalid = await run(
      applyAction(
        args(
          post("/wholesale", {
            businessName: "",
            contactName: "Ana",
            email: "nope",
            taxId: "",
            storeLocations: "",
            expectedVolume: "lots",
          }),
        ),
      ),
    );
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.data.errors).sort()).toEqual(["businessName", "email", "expectedVolume", "storeLocations", "taxId"]);
    expect(await db.select().from(schema.retailers)).toHaveLength(0);

    const applied = await run(
      applyAction(
        args(
          post("/wholesale", {
            businessName: "Marigold Goods",
            contactName: "Ana Ruiz",
            email: "Ana@Marigold.example",
            taxId: "CA-SR-12345",
            website: "marigold.example",
            storeLocations: "Austin (2 doors)",
            expectedVolume: "5k-25k",
          }),
        ),
      ),
    );
    expect(applied.status).toBe(303);
    const [retailer] = await db.select().from(schema.retailers).where(eq(schema.retailers.name, "Marigold Goods"));
    expect(retailer).toMatchObject({
      status: "applied",
      contactEmail: "ana@marigold.example",
      website: "https://marigold.example",
      taxId: "CA-SR-12345",
      expectedVolume: "$5,000–$25,000 a year",
    });
    const [received] = await outboxFor("ana@marigold.example", "wholesale-application-received");
    expect(received.subject).toBe("We received Marigold Goods's wholesale application");

    const ops = await staffJar(staffId);
    const list = await run(opsRetailersLoader(args(get("/ops/retailers?status=applied", ops))));
    expect(list.data.rows.map((r: { name: string }) => r.name)).toEqual(["Marigold Goods"]);
    const badCredit = await run(
      opsRetailerAction(
        args(
          post(`/ops/retailers/${retailer.id}`, { intent: "approve", tier: "preferred", paymentTerms: "net30", creditLimit: "0" }, ops),
          { id: String(retailer.id) },
        ),
      ),
    );
    expect(badCredit.status).toBe(422);
    expect(badCredit.data.errors.creditLimit).toBe("Net 30 terms need a credit limit above $0.");
    const approved = await run(
      opsRetailerAction(
        args(
          post(`/ops/retailers/${retailer.id}`, { intent: "approve", tier: "preferred", paymentTerms: "net30", creditLimit: "2,000" }, ops),
          { id: String(retailer.id) },
        ),
      ),
    );
    expect(approved.status).toBe(303);
    const [after] = await db.select().from(schema.retailers).where(eq(schema.retailers.id, retailer.id));
    expect(after).toMatchObject({
      status: "approved",
      tier: "preferred",
      paymentTerms: "net30",
      creditLimit: 200_000,
      decidedBy: `staff:${staffId}`,
    });
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "retailer.approve"), eq(schema.auditLog.subject, `retailer:${retailer.id}`)));
    expect(audit.data).toMatchObject({ tier: "preferred", paymentTerms: "net30", creditLimit: 200_000 });

    const [buyerRow] = await db.select().from(schema.buyerUsers).where(eq(schema.buyerUsers.retailerId, retailer.id));
    expect(buyerRow).toMatchObject({ email: "ana@marigold.example", passwordHash: null });
    const [email] = await outboxFor("ana@marigold.example", "wholesale-application-approved");
    expect(email.text).toContain("$2,000.00");
    const token = /\/wholesale\/invite\/([A-Za-z0-9_-]+)/.exec(email.text)![1];
    // Only a hash of the token is stored, expiring in 7 days.
    expect(buyerRow.inviteTokenHash).not.toContain(token);
    expect(buyerRow.inviteExpiresAt!.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    // Not signed in until the password is set.
    const early = await run(loginAction(args(post("/wholesale/login", { email: "ana@marigold.example", password: "whatever-123" }))));
    expect(early.status).toBe(401);

    const page = await run(inviteLoader(args(get(`/wholesale/invite/${token}`), { token })));
    expect(page.data.invitation).toEqual({ email: "ana@marigold.example", name: "Ana Ruiz", retailerName: "Marigold Goods" });
    const mismatch = await run(
      inviteAction(
        args(post(`/wholesale/invite/${token}`, { name: "Ana Ruiz", password: "marigold-2026", confirm: "marigold-2027" }), { token }),
      ),
    );
    expect(mismatch.status).toBe(422);
    expect(mismatch.data.errors.confirm).toBe("The two passwords don't match.");
    const accepted = await run(
      inviteAction(
        args(post(`/wholesale/invite/${token}`, { name: "Ana Ruiz", password: "marigold-2026", confirm: "marigold-2026" }), { token }),
      ),
    );
    expect(accepted.status).toBe(303);
    expect(accepted.response!.headers.get("Location")).toBe("/wholesale/catalog");
    const reused = await run(
      inviteAction(
        args(post(`/wholesale/invite/${token}`, { name: "Mallory", password: "takeover-123", confirm: "takeover-123" }), { token }),
      ),
    );
    expect(reused.status).toBe(404);
    expect((await run(inviteLoader(args(get(`/wholesale/invite/${token}`), { token })))).status).toBe(404);

    const wrong = await run(loginAction(args(post("/wholesale/login", { email: "ana@marigold.example", password: "marigold-2025" }))));
    expect(wrong.status).toBe(401);
    expect(wrong.data.formError).toBe("That email and password don't match an approved wholesale account.");
    const unknown = await run(loginAction(args(post("/wholesale/login", { email: "nobody@marigold.example", password: "marigold-2026" }))));
    expect(unknown.data.formError).toBe(wrong.data.formError);
    const jar = new Jar();
    const login = await run(
      loginAction(
        args(post("/wholesale/login", { email: "ANA@marigold.example", password: "marigold-2026", redirectTo: "/wholesale/account" })),
      ),
    );
    expect(login.status).toBe(303);
    expect(login.response!.headers.get("Location")).toBe("/wholesale/account");
    jar.take(login.response!);
    const account = await run(accountLoader(args(get("/wholesale/account", jar))));
    expect(account.data.retailer).toMatchObject({ name: "Marigold Goods", paymentTerms: "net30", creditLimit: 200_000 });

    // An organisation has several buyers: Ana invites a colleague, who accepts and signs in.
    const invited = await run(
      accountAction(args(post("/wholesale/account", { intent: "invite", name: "Ben Ortiz", email: "ben@marigold.example" }, jar))),
    );
    expect(invited.status).toBe(303);
    const [invitation] = await outboxFor("ben@marigold.example", "wholesale-buyer-invitation");
    expect(invitation.subject).toBe("Ana Ruiz invited you to order Soko wholesale for Marigold Goods");
    const benToken = /\/wholesale\/invite\/([A-Za-z0-9_-]+)/.exec(invitation.text)![1];
    expect(
      (
        await run(
          inviteAction(
            args(post(`/wholesale/invite/${benToken}`, { name: "Ben Ortiz", password: "ben-password-1", confirm: "ben-password-1" }), {
              token: benToken,
            }),
          ),
        )
      ).status,
    ).toBe(303);
    const benLogin = await run(loginAction(args(post("/wholesale/login", { email: "ben@marigold.example", password: "ben-password-1" }))));
    expect(benLogin.status).toBe(303);
    const again = await run(
      accountAction(args(post("/wholesale/account", { intent: "invite", name: "Ben", email: "ben@marigold.example" }, jar))),
    );
    expect(again.status).toBe(409);
    expect(again.data.errors.email).toBe("ben@marigold.example is already on your account.");
  });

  it("rejects an application with a reason, emails it, and its contact can't sign in", async () => {
    await run(
      applyAction(
        args(
          post("/wholesale", {
            businessName: "Shady Shop",
            contactName: "Sam",
            email: "sam@shady.example",
            taxId: "000",
            storeLocations: "None",
            expectedVolume: "under-5k",
          }),
        ),
      ),
    );
    const [retailer] = await db.select().from(schema.retailers).where(eq(schema.retailers.name, "Shady Shop"));
    const ops = await staffJar(staffId);
    const empty = await run(
      opsRetailerAction(args(post(`/ops/retailers/${retailer.id}`, { intent: "reject", reason: " " }, ops), { id: String(retailer.id) })),
    );
    expect(empty.status).toBe(422);
    const rejected = await run(
      opsRetailerAction(
        args(post(`/ops/retailers/${retailer.id}`, { intent: "reject", reason: "We couldn't verify the resale certificate." }, ops), {
          id: String(retailer.id),
        }),
      ),
    );
    expect(rejected.status).toBe(303);
    const [row] = await db.select().from(schema.retailers).where(eq(schema.retailers.id, retailer.id));
    expect(row).toMatchObject({ status: "rejected", decisionNote: "We couldn't verify the resale certificate." });
    const [email] = await outboxFor("sam@shady.example", "wholesale-application-rejected");
    expect(email.text).toContain("We couldn't verify the resale certificate.");
    expect(await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "retailer.reject"))).toHaveLength(1);
    expect(await db.select().from(schema.buyerUsers).where(eq(schema.buyerUsers.retailerId, retailer.id))).toHaveLength(0);
    // Deciding twice is refused; an unknown id is a 404; a cashier may not decide.
    const twice = await run(
      opsRetailerAction(
        args(post(`/ops/retailers/${retailer.id}`, { intent: "approve", tier: "standard", paymentTerms: "card", creditLimit: "0" }, ops), {
          id: String(retailer.id),
        }),
      ),
    );
    expect(twice.status).toBe(409);
    expect(
      (await run(opsRetailerAction(args(post("/ops/retailers/999999", { intent: "reject", reason: "x" }, ops), { id: "999999" })))).status,
    ).toBe(404);
    const cashier = await staffJar((await createStaff(db, { roles: ["cashier"] })).id);
    expect(
      (
        await run(
          opsRetailerAction(
            args(post(`/ops/retailers/${retailer.id}`, { intent: "reject", reason: "x" }, cashier), { id: String(retailer.id) }),
          ),
        )
      ).status,
    ).toBe(403);
  });

  it("keeps buyers of suspended retailers out, and sends signed-out visitors to the login page", async () => {
    const { buyer } = await createRetailer(db, { status: "suspended", buyer: { email: "sus@pended.example", password: "soko-demo" } });
    expect((await run(loginAction(args(post("/wholesale/login", { email: "sus@pended.example", password: "soko-demo" }))))).status).toBe(
      401,
    );
    const jar = await signedIn(buyer!.id);
    const visit = await run(catalogLoader(args(get("/wholesale/catalog?page=2", jar))));
    expect(visit.status).toBe(302);
    expect(visit.response!.headers.get("Location")).toBe("/wholesale/login?redirectTo=%2Fwholesale%2Fcatalog%3Fpage%3D2");
  });

  it("throttles repeated wrong passwords for an email with the shared login throttle", async () => {
    await createRetailer(db, { buyer: { email: "throttle@buyer.example", password: "right-password" } });
    for (let i = 0; i < 10; i++)
      expect(
        (await run(loginAction(args(post("/wholesale/login", { email: "throttle@buyer.example", password: `wrong-${i}` }))))).status,
      ).toBe(401);
    const locked = await run(loginAction(args(post("/wholesale/login", { email: "throttle@buyer.example", password: "right-password" }))));
    expect(locked.status).toBe(429);
    expect(locked.data.formError).toMatch(/Too many failed sign-in attempts/);
  });
});

describe("ordering", () => {
  let jar: Jar;
  let retailerId: number;
  let locationId: number;
  let buyerId: number;

  beforeAll(async () => {
    const { retailer, buyer } = await createRetailer(db, {
      name: "Juniper Test",
      tier: "preferred",
      paymentTerms: "net30",
      creditLimit: 300_000,
      buyer: { email: "buyer@juniper.example" },
    });
    retailerId = retailer.id;
    buyerId = buyer!.id;
    jar = await signedIn(buyer!.id);
    await run(
      accountAction(
        args(
          post(
            "/wholesale/account",
            {
              intent: "add-location",
              name: "Oakland store",
              line1: "1 Main St",
              city: "Oakland",
              region: "CA",
              postalCode: "94611",
              country: "us",
            },
            jar,
          ),
        ),
      ),
    );
    [{ id: locationId }] = await db
      .select({ id: schema.retailerLocations.id })
      .from(schema.retailerLocations)
      .where(eq(schema.retailerLocations.retailerId, retailer.id));
  });

  async function review() {
    return (await run(quickLoader(args(get("/wholesale/quick-order", jar))))).data;
  }
  function placeForm(r: { total: number }, key: string, over: Record<string, string> = {}) {
    return {
      intent: "place",
      idempotencyKey: key,
      expectedTotal: String(r.total),
      poNumber: "PO-1",
      name: "Spring",
      retailerLocationId: String(locationId),
      shipWindowStart: "",
      shipWindowEnd: "",
      payment: "net30",
      ...over,
    };
  }

  it("prices the catalog for the retailer: tier share of retail, MSRP beside it, quantity rules, stock or a planned ship date", async () => {
    const page = (await run(catalogLoader(args(get("/wholesale/catalog", jar))))).data;
    const variants = page.products.flatMap((p: { variants: unknown[] }) => p.variants);
    expect(variants.map((v: { sku: string }) => v.sku).sort()).toEqual(["WS-BEAD", "WS-CUFF", "WS-HOOP"]);
    const hoop = variants.find((v: { sku: string }) => v.sku === "WS-HOOP");
    expect(hoop).toMatchObject({
      price: 1800,
      msrp: 4000,
      priceSource: "tier",
      minQty: 1,
      casePack: 1,
      availability: { kind: "in_stock" },
    });
    const cuff = variants.find((v: { sku: string }) => v.sku === "WS-CUFF");
    expect(cuff).toMatchObject({ price: 4500, minQty: 6, casePack: 6, orderFrom: 6, availability: { kind: "made_to_order" } });
    expect(cuff.availability.shipDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const bad = await run(
      catalogAction(args(post("/wholesale/catalog", { intent: "add", variantId: String(madeToOrder.id), quantity: "8" }, jar))),
    );
    expect(bad.status).toBe(422);
    expect(bad.data.error).toBe("This item comes in cases of 6: order 6 or 12.");
    const added = await run(
      catalogAction(args(post("/wholesale/catalog", { intent: "add", variantId: String(madeToOrder.id), quantity: "6" }, jar))),
    );
    expect(added.status).toBe(303);
    jar.take(added.response!);
    expect((await review()).review.lines).toMatchObject([{ sku: "WS-CUFF", quantity: 6, unitPrice: 4500 }]);
    await run(quickAction(args(post("/wholesale/quick-order", { intent: "discard", confirm: "yes" }, jar)))).then((r) =>
      jar.take(r.response!),
    );
  });

  it("checks every quick-order row, adds nothing until all are valid, and refuses an order below the opening minimum", async () => {
    const rows = {
      intent: "rows",
      sku0: "WS-HOOP",
      qty0: "5",
      sku1: "WS-NOPE",
      qty1: "3",
      sku2: "WS-CUFF",
      qty2: "4",
      sku3: "",
      qty3: "",
      sku4: "WS-BEAD",
      qty4: "-12",
      sku5: "WS-OLD",
      qty5: "1",
    };
    const refused = await run(quickAction(args(post("/wholesale/quick-order", rows, jar))));
    expect(refused.status).toBe(422);
    expect(refused.data.rowErrors.map((e: { line: number; message: string }) => [e.line, e.message])).toEqual([
      [2, "Unknown SKU “WS-NOPE”."],
      [3, "The minimum for this item is 6 units."],
      [5, "Enter a quantity of at least 1."],
      [6, "Unknown SKU “WS-OLD”."],
    ]);
    expect(refused.data.values[0]).toEqual({ sku: "WS-HOOP", quantity: "5" });
    expect(await db.select().from(schema.wholesaleDrafts).where(eq(schema.wholesaleDrafts.retailerId, retailerId))).toHaveLength(0);

    const ok = await run(
      quickAction(args(post("/wholesale/quick-order", { intent: "rows", sku0: "ws-hoop", qty0: "5", sku1: "WS-CUFF", qty1: "6" }, jar))),
    );
    expect(ok.status).toBe(303);
    jar.take(ok.response!);
    const r = (await review()).review;
    // 5 × $18.00 + 6 × $45.00 = $360.00, below the $500.00 opening minimum.
    expect(r).toMatchObject({ subtotal: 36_000, firstOrder: true, minimum: { ok: false, short: 14_000 } });
    const place = await run(quickAction(args(post("/wholesale/quick-order", placeForm(r, crypto.randomUUID()), jar))));
    expect(place.status).toBe(422);
    expect(place.data.message).toBe("An opening order must be at least $500.00. Add $140.00 more to place this order.");
    expect(await db.select().from(schema.orders).where(eq(schema.orders.retailerId, retailerId))).toHaveLength(0);
  });

  it("takes a CSV with errors per row, then the fixed file, and refuses non-CSV files with one message", async () => {
    const upload = (name: string, body: string | Uint8Array, type = "text/csv") => {
      const form = new FormData();
      form.set("intent", "csv");
      form.set("file", new File([body as BlobPart], name, { type }));
      return run(quickAction(args(post("/wholesale/quick-order", form, jar))));
    };
    const bad = await upload("order.csv", "\uFEFFSKU,Quantity\r\nWS-CUFF,7\r\nWS-BEAD,1.5\r\nWS-XYZ,4\r\n");
    expect(bad.status).toBe(422);
    expect(bad.data.rowErrors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4]);
    expect(bad.data.message).toBe("3 rows need fixing before anything is added to your order. Nothing from order.csv was added.");
    const pdf = await upload("order.pdf", "%PDF-1.7", "application/pdf");
    expect(pdf.status).toBe(415);
    expect(pdf.data.message).toMatch(/isn't a CSV/);
    const binary = await upload("order.csv", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe]));
    expect(binary.data.message).toMatch(/isn't a CSV/);
    const huge = await upload("huge.csv", Array.from({ length: 10_000 }, () => "WS-HOOP,1").join("\n"));
    expect(huge.data.message).toBe("That file has 10,000 rows; one upload takes at most 5,000. Split it into smaller files.");
    expect((await review()).review.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      ["WS-HOOP", 5],
      ["WS-CUFF", 6],
    ]);

    const fixed = await upload("order.csv", "\uFEFFSKU,Quantity\r\nWS-CUFF,6\r\nWS-BEAD,24\r\n");
    expect(fixed.status).toBe(303);
    const r = (await review()).review;
    expect(r.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      ["WS-HOOP", 5],
      ["WS-CUFF", 12],
      ["WS-BEAD", 24],
    ]);
  });

  it("places a valid net-30 order: order, production requests, wholesale details and an invoice in one go; a double submit makes one order", async () => {
    const r = (await review()).review;
    // 5 × $18 + 12 × $45 + 24 × $9 = $846.00
    expect(r.total).toBe(84_600);
    const noPo = await run(quickAction(args(post("/wholesale/quick-order", placeForm(r, crypto.randomUUID(), { poNumber: "" }), jar))));
    expect(noPo.status).toBe(422);
    expect(noPo.data.errors.poNumber).toBe("Enter your PO number.");
    const past = await run(
      quickAction(args(post("/wholesale/quick-order", placeForm(r, crypto.randomUUID(), { shipWindowStart: "2020-01-01" }), jar))),
    );
    // Days of the hub's clock: the refusal names Nairobi's today.
    expect(past.data.errors.shipWindowStart).toMatch(/^The ship window can't start before \d{1,2} \w+ \d{4}: that is today in Nairobi/);
    const notOurs = await run(
      quickAction(args(post("/wholesale/quick-order", placeForm(r, crypto.randomUUID(), { payment: "net60" }), jar))),
    );
    expect(notOurs.data.errors.payment).toBe("Net 60 isn't one of your account's payment options.");

    const key = crypto.randomUUID();
    const placed = await run(
      quickAction(
        args(
          post(
            "/wholesale/quick-order",
            placeForm(r, key, { poNumber: "PO-1001", shipWindowStart: "2099-01-01", shipWindowEnd: "2099-01-31" }),
            jar,
          ),
        ),
      ),
    );
    expect(placed.status).toBe(303);
    const location = placed.response!.headers.get("Location")!;
    expect(location).toMatch(/^\/wholesale\/orders\?placed=SK-\d+$/);
    const number = decodeURIComponent(location.split("placed=")[1]);
    const [order] = await db.select().from(schema.orders).where(eq(schema.orders.number, number));
    expect(order).toMatchObject({
      channel: "wholesale",
      paymentStatus: "on_terms",
      retailerId,
      email: "buyer@juniper.example",
      total: 84_600,
      status: "in_production",
    });
    expect(order.shippingAddress).toMatchObject({ line1: "1 Main St", city: "Oakland", country: "US" });
    const [details] = await db.select().from(schema.wholesaleOrders).where(eq(schema.wholesaleOrders.orderId, order.id));
    expect(details).toMatchObject({
      retailerId,
      buyerId,
      poNumber: "PO-1001",
      retailerLocationId: locationId,
      shipWindowStart: "2099-01-01",
      shipWindowEnd: "2099-01-31",
      paymentTerms: "net30",
    });
    const requests = await db.select().from(schema.productionRequests).where(eq(schema.productionRequests.orderId, order.id));
    expect(requests.map((p) => [p.variantId, p.quantity]).sort()).toEqual(
      [
        [madeToOrder.id, 12],
        [cased.id, 24],
      ].sort(),
    );
    const allocations = await db.execute<{ kind: string; quantity: number }>(
      sql`select a.kind, a.quantity from allocations a join order_lines l on l.id = a.order_line_id where l.order_id = ${order.id} and l.variant_id = ${stocked.id}`,
    );
    expect(allocations.map((a) => ({ ...a }))).toEqual([{ kind: "stock", quantity: 5 }]);
    const [invoice] = await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.id));
    expect(invoice).toMatchObject({ amount: 84_600, status: "open", retailerId });
    expect(await db.select().from(schema.wholesaleDrafts).where(eq(schema.wholesaleDrafts.retailerId, retailerId))).toHaveLength(0);

    // The same form again: the same order, nothing more.
    const again = await run(quickAction(args(post("/wholesale/quick-order", { intent: "rows", sku0: "WS-HOOP", qty0: "1" }, jar))));
    jar.take(again.response!);
    const twice = await run(quickAction(args(post("/wholesale/quick-order", placeForm(r, key, { poNumber: "PO-1001" }), jar))));
    expect(twice.status).toBe(303);
    expect(twice.response!.headers.get("Location")).toBe(location);
    expect(await db.select().from(schema.orders).where(eq(schema.orders.retailerId, retailerId))).toHaveLength(1);

    const orders = (await run(ordersLoader(args(get("/wholesale/orders", jar))))).data;
    expect(orders.orders).toMatchObject([{ number, poNumber: "PO-1001", total: 84_600, paymentTerms: "net30" }]);
    // Past the last page (an old link): no rows, that page's number and the count to say so, never page 1 again.
    const pastEnd = await run(ordersLoader(args(get("/wholesale/orders?page=99", jar))));
    expect(pastEnd.data).toMatchObject({ orders: [], total: 1, page: 99, pageCount: 1 });
    for (const bad of ["abc", "0", "2.5"]) {
      const refused = await run(ordersLoader(args(get(`/wholesale/orders?page=${bad}`, jar))));
      expect([refused.status, refused.data]).toEqual([
        400,
        expect.stringMatching(/^(The page must be a (whole )?number|Pages start at 1)\.$/),
      ]);
    }
    const catalogPast = (await run(catalogLoader(args(get("/wholesale/catalog?page=50", jar))))).data;
    expect(catalogPast).toMatchObject({ products: [], page: 50, pageCount: 1 });
    expect(catalogPast.total).toBeGreaterThan(0);
    expect((await run(catalogLoader(args(get("/wholesale/catalog?page=x", jar))))).status).toBe(400);
  });

  it("uses the reorder minimum after the first order, refuses a PO number used before, and refuses going over the credit limit", async () => {
    await run(quickAction(args(post("/wholesale/quick-order", { intent: "discard", confirm: "yes" }, jar)))).then(
      (x) => x.response && jar.take(x.response),
    );
    const add = await run(quickAction(args(post("/wholesale/quick-order", { intent: "rows", sku0: "WS-HOOP", qty0: "10" }, jar))));
    jar.take(add.response!);
    let r = (await review()).review;
    // 10 × $18 = $180, below the $250 reorder minimum (the opening minimum no longer applies).
    expect(r).toMatchObject({ total: 18_000, firstOrder: false, minimum: { ok: false, kind: "reorder", short: 7_000 } });
    const small = await run(
      quickAction(args(post("/wholesale/quick-order", placeForm(r, crypto.randomUUID(), { poNumber: "PO-1002" }), jar))),
    );
    expect(small.status).toBe(422);
    expect(small.data.message).toBe("A reorder must be at least $250.00. Add $70.00 more to place this order.");
    const more = await run(quickAction(args(post("/wholesale/quick-order", { intent: "rows", sku0: "WS-HOOP", qty0: "6" }, jar))));
    jar.take(more.response!);
    r = (await review()).review;
    expect(r).toMatchObject({ total: 28_800, minimum: { ok: true, kind: "reorder" } });
    const dupe = await run(
      quickAction(args(post("/wholesale/quick-order", placeForm(r, crypto.randomUUID(), { poNumber: "PO-1001" }), jar))),
    );
    expect(dupe.status).toBe(409);
    expect(dupe.data.errors.poNumber).toBe("PO PO-1001 is already on one of your orders. Use a new PO number.");

    // $3,000 limit and $846 owed: $288 + 54 × $45 = $2,718 would be $564 over.
    const big = await run(quickAction(args(post("/wholesale/quick-order", { intent: "rows", sku0: "WS-CUFF", qty0: "54" }, jar))));
    jar.take(big.response!);
    r = (await review()).review;
    expect(r.total).toBe(271_800);
    const over = await run(
      quickAction(args(post("/wholesale/quick-order", placeForm(r, crypto.randomUUID(), { poNumber: "PO-1002" }), jar))),
    );
    expect(over.status).toBe(422);
    expect(over.data.errors.payment).toBe("This order would take you over your credit limit of $3,000.00 by $564.00.");
    expect(await db.select().from(schema.orders).where(eq(schema.orders.retailerId, retailerId))).toHaveLength(1);

    // Paying by card is not limited by credit: a declined card changes nothing; a good one pays.
    const declined = await run(
      quickAction(
        args(
          post(
            "/wholesale/quick-order",
            placeForm(r, crypto.randomUUID(), {
              poNumber: "PO-1002",
              payment: "card",
              cardNumber: "4000 0000 0000 0002",
              cardExpiry: "12/40",
              cardCvc: "123",
            }),
            jar,
          ),
        ),
      ),
    );
    expect(declined.status).toBe(402);
    expect(declined.data.message).toBe("Your card was declined. Try another card.");
    const paid = await run(
      quickAction(
        args(
          post(
            "/wholesale/quick-order",
            placeForm(r, crypto.randomUUID(), {
              poNumber: "PO-1002",
              payment: "card",
              cardNumber: "4242 4242 4242 4242",
              cardExpiry: "12/40",
              cardCvc: "123",
            }),
            jar,
          ),
        ),
      ),
    );
    expect(paid.status).toBe(303);
    const [order] = await db
      .select()
      .from(schema.orders)
      .innerJoin(schema.wholesaleOrders, eq(schema.wholesaleOrders.orderId, schema.orders.id))
      .where(eq(schema.wholesaleOrders.poNumber, "PO-1002"));
    expect(order.orders).toMatchObject({ paymentStatus: "paid", total: r.total });
    expect(await db.select().from(schema.invoices).where(eq(schema.invoices.orderId, order.orders.id))).toHaveLength(0);
    expect(await db.select().from(schema.payments).where(eq(schema.payments.orderId, order.orders.id))).toHaveLength(1);
  });

  it("saves a named draft, opens it again, and reorders a past order into a new draft", async () => {
    const add = await run(quickAction(args(post("/wholesale/quick-order", { intent: "rows", sku0: "WS-BEAD", qty0: "36" }, jar))));
    jar.take(add.response!);
    const saved = await run(
      quickAction(
        args(
          post(
            "/wholesale/quick-order",
            { intent: "save", name: "Holiday beads", poNumber: "PO-HOL", retailerLocationId: String(locationId) },
            jar,
          ),
        ),
      ),
    );
    expect(saved.status).toBe(303);
    jar.take(saved.response!);
    let page = (await run(quickLoader(args(get("/wholesale/quick-order", jar))))).data;
    expect(page.draft).toBeNull();
    expect(page.drafts).toMatchObject([{ name: "Holiday beads", poNumber: "PO-HOL", lineCount: 1, units: 36 }]);
    const opened = await run(
      quickAction(args(post("/wholesale/quick-order", { intent: "open-draft", draftId: String(page.drafts[0].id) }, jar))),
    );
    jar.take(opened.response!);
    page = (await run(quickLoader(args(get("/wholesale/quick-order", jar))))).data;
    expect(page.draft).toMatchObject({ name: "Holiday beads", poNumber: "PO-HOL", retailerLocationId: locationId });

    const [first] = await db
      .select({ number: schema.orders.number })
      .from(schema.orders)
      .innerJoin(schema.wholesaleOrders, eq(schema.wholesaleOrders.orderId, schema.orders.id))
      .where(eq(schema.wholesaleOrders.poNumber, "PO-1001"));
    const reorder = await run(quickAction(args(post("/wholesale/quick-order", { intent: "reorder", orderNumber: first.number }, jar))));
    expect(reorder.status).toBe(303);
    jar.take(reorder.response!);
    page = (await run(quickLoader(args(get("/wholesale/quick-order", jar))))).data;
    expect(page.draft.name).toBe("Reorder of PO PO-1001");
    expect(page.review.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]).sort()).toEqual([
      ["WS-BEAD", 24],
      ["WS-CUFF", 12],
      ["WS-HOOP", 5],
    ]);
  });

  it("asks before the order in progress, a saved draft or a ship-to location goes: sent without the confirmation, nothing is deleted", async () => {
    const quick = (fields: Record<string, string>) => run(quickAction(args(post("/wholesale/quick-order", fields, jar))));
    const page = async () => (await run(quickLoader(args(get("/wholesale/quick-order", jar))))).data;
    // The order in progress (the reorder above).
    const working = (await page()).draft;
    expect(working).not.toBeNull();
    const unconfirmedDiscard = await quick({ intent: "discard" });
    expect(unconfirmedDiscard.status).toBe(422);
    expect(unconfirmedDiscard.data).toMatchObject({ intent: "confirm", about: "discard" });
    expect((await page()).draft).toMatchObject({ id: working.id });
    jar.take((await quick({ intent: "discard", confirm: "yes" })).response!);
    expect((await page()).draft).toBeNull();

    // A saved draft.
    jar.take((await quick({ intent: "rows", sku0: "WS-HOOP", qty0: "3" })).response!);
    jar.take((await quick({ intent: "save", name: "Spare hoops", poNumber: "", retailerLocationId: String(locationId) })).response!);
    const spare = (await page()).drafts.find((d: { name: string }) => d.name === "Spare hoops");
    const unconfirmedDelete = await quick({ intent: "delete-draft", draftId: String(spare.id) });
    expect(unconfirmedDelete.status).toBe(422);
    expect(unconfirmedDelete.data).toMatchObject({ intent: "confirm", about: `draft-${spare.id}` });
    expect(await db.select().from(schema.wholesaleDrafts).where(eq(schema.wholesaleDrafts.id, spare.id))).toHaveLength(1);
    expect((await quick({ intent: "delete-draft", draftId: String(spare.id), confirm: "no" })).status).toBe(422);
    expect((await quick({ intent: "delete-draft", draftId: String(spare.id), confirm: "yes" })).status).toBe(303);
    expect(await db.select().from(schema.wholesaleDrafts).where(eq(schema.wholesaleDrafts.id, spare.id))).toHaveLength(0);

    // A ship-to location.
    const acc = (fields: Record<string, string>) => run(accountAction(args(post("/wholesale/account", fields, jar))));
    await acc({
      intent: "add-location",
      name: "Berkeley pop-up",
      line1: "2 Shattuck Ave",
      city: "Berkeley",
      region: "CA",
      postalCode: "94704",
      country: "us",
    });
    const [berkeley] = await db.select().from(schema.retailerLocations).where(eq(schema.retailerLocations.name, "Berkeley pop-up"));
    // The page offers Remove only where it can work: the store its orders ship to says why it stays.
    const shown = (await run(accountLoader(args(get("/wholesale/account", jar))))).data.locations;
    const hasOrders = (id: number) => shown.find((l: { id: number }) => l.id === id)?.hasOrders;
    expect([hasOrders(locationId), hasOrders(berkeley.id)]).toEqual([true, false]);
    const kept = await acc({ intent: "remove-location", locationId: String(locationId), confirm: "yes" });
    expect(kept.status).toBe(409);
    expect(await db.select().from(schema.retailerLocations).where(eq(schema.retailerLocations.id, locationId))).toHaveLength(1);
    const unconfirmedRemove = await acc({ intent: "remove-location", locationId: String(berkeley.id) });
    expect(unconfirmedRemove.status).toBe(422);
    expect(unconfirmedRemove.data.message).toMatch(/confirm/i);
    expect(await db.select().from(schema.retailerLocations).where(eq(schema.retailerLocations.id, berkeley.id))).toHaveLength(1);
    expect((await acc({ intent: "remove-location", locationId: String(berkeley.id), confirm: "yes" })).status).toBe(303);
    expect(await db.select().from(schema.retailerLocations).where(eq(schema.retailerLocations.id, berkeley.id))).toHaveLength(0);
  });

  it("shows a buyer only their organisation's data: another retailer's ids are not found on every action", async () => {
    const other = await createRetailer(db, {
      name: "Other Store",
      paymentTerms: "net30",
      creditLimit: 500_000,
      buyer: { email: "buyer@other.example" },
    });
    const otherJar = await signedIn(other.buyer!.id);
    // The other retailer has a negotiated price; it never shows up for ours.
    await db.insert(schema.retailerPrices).values({ retailerId: other.retailer.id, variantId: stocked.id, price: 999 });
    const ours = (await run(catalogLoader(args(get("/wholesale/catalog?q=hoop", jar))))).data.products[0].variants[0];
    const theirs = (await run(catalogLoader(args(get("/wholesale/catalog?q=hoop", otherJar))))).data.products[0].variants[0];
    expect([ours.price, ours.priceSource, theirs.price, theirs.priceSource]).toEqual([1800, "tier", 999, "override"]);

    const [ourDraft] = await db.select().from(schema.wholesaleDrafts).where(eq(schema.wholesaleDrafts.retailerId, retailerId));
    const [ourOrder] = await db
      .select({ number: schema.orders.number })
      .from(schema.orders)
      .where(eq(schema.orders.retailerId, retailerId));
    const [ourBuyer] = await db
      .insert(schema.buyerUsers)
      .values({
        retailerId,
        email: "pending@juniper.example",
        name: "Pending",
        inviteTokenHash: "x",
        inviteExpiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();

    const q = (fields: Record<string, string>) => run(quickAction(args(post("/wholesale/quick-order", fields, otherJar))));
    const acc = (fields: Record<string, string>) => run(accountAction(args(post("/wholesale/account", fields, otherJar))));
    expect((await q({ intent: "open-draft", draftId: String(ourDraft.id) })).status).toBe(404);
    expect((await q({ intent: "delete-draft", draftId: String(ourDraft.id), confirm: "yes" })).status).toBe(404);
    expect((await q({ intent: "reorder", orderNumber: ourOrder.number })).status).toBe(404);
    expect((await acc({ intent: "default-location", locationId: String(locationId) })).status).toBe(404);
    expect((await acc({ intent: "remove-location", locationId: String(locationId), confirm: "yes" })).status).toBe(404);
    expect((await acc({ intent: "resend-invite", buyerId: String(ourBuyer.id) })).status).toBe(404);
    // A forged working-draft cookie for our draft is ignored: their quick order is empty.
    const forged = await signedInJar({ buyerId: other.buyer!.id });
    const { workingDraftCookie } = await import("~/domain/wholesale/drafts.server");
    forged.take(new Response(null, { headers: { "Set-Cookie": await workingDraftCookie(buyerId, ourDraft.id) } }));
    expect((await run(quickLoader(args(get("/wholesale/quick-order", forged))))).data.draft).toBeNull();
    forged.take(new Response(null, { headers: { "Set-Cookie": await workingDraftCookie(other.buyer!.id, ourDraft.id) } }));
    expect((await run(quickLoader(args(get("/wholesale/quick-order", forged))))).data.draft).toBeNull();
    // Placing with our ship-to location is refused.
    const add = await q({ intent: "rows", sku0: "WS-CUFF", qty0: "12" });
    otherJar.take(add.response!);
    const r = (await run(quickLoader(args(get("/wholesale/quick-order", otherJar))))).data.review;
    const steal = await run(
      quickAction(
        args(
          post(
            "/wholesale/quick-order",
            {
              intent: "place",
              idempotencyKey: crypto.randomUUID(),
              expectedTotal: String(r.total),
              poNumber: "X-1",
              retailerLocationId: String(locationId),
              payment: "net30",
            },
            otherJar,
          ),
        ),
      ),
    );
    expect(steal.status).toBe(404);
    // Their lists hold none of ours.
    expect((await run(ordersLoader(args(get("/wholesale/orders", otherJar))))).data.orders).toEqual([]);
    const account = (await run(accountLoader(args(get("/wholesale/account", otherJar))))).data;
    expect(account.locations).toEqual([]);
    expect(account.buyers.map((b: { email: string }) => b.email)).toEqual(["buyer@other.example"]);
    expect((await run(quickLoader(args(get("/wholesale/quick-order", otherJar))))).data.drafts).toEqual([]);
    // Nothing of ours changed.
    expect(await db.select().from(schema.wholesaleDrafts).where(eq(schema.wholesaleDrafts.id, ourDraft.id))).toHaveLength(1);
    expect(await db.select().from(schema.retailerLocations).where(eq(schema.retailerLocations.id, locationId))).toHaveLength(1);
  });
});
