/**
 * Gift cards against the real database: issuing (sold, store credit, printed cards activated),
 * partial and refused redemptions, refunds onto a card, a burst of parallel redemptions that must
 * never overdraw, the throttle on typed codes, delivery on the send date, and the books: every
 * card's movements add up to its balance and the total matches the ledger's gift card liability.
 */
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  activatePhysicalCard,
  createPhysicalCards,
  deliverDueGiftCards,
  expireGiftCards,
  giftCardBooks,
  giftCardDetail,
  issueDigitalCard,
  issueStoreCredit,
  lookUpCode,
  redeemGiftCard,
  refundToGiftCard,
  setGiftCardDisabled,
} from "~/domain/giftcards/index.server";
import { parseCode } from "~/domain/giftcards";
import { trialBalance } from "~/domain/ledger/index.server";
import { accountLines } from "~/domain/ledger/ledger.server";
import { db, schema } from "~/lib/db.server";
import { Refusal } from "~/lib/refusal";

let orderId: number;

async function expectBooksBalanced() {
  for (const books of await giftCardBooks()) {
    expect(books.cardsOff).toBe(0);
    expect(books.movements).toBe(books.balances);
    expect(books.liability).toBe(books.balances);
  }
  const { totals } = await trialBalance();
  for (const total of Object.values(totals)) expect(total).toBe(0);
}

/** The code of a store credit, read back from its email (the only place it exists in clear). */
async function codeFromEmail(giftCardId: number) {
  const [email] = await db
    .select()
    .from(schema.outbox)
    .where(eq(schema.outbox.dedupeKey, `gift-card:${giftCardId}`));
  const match = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(email.text);
  const parsed = parseCode(match![0]);
  if (!parsed.ok) throw new Error("no code in the email");
  return parsed.code;
}

async function credit(amount: number, reference?: string) {
  return db.transaction((tx) =>
    issueStoreCredit(tx, { amount, currency: "USD", email: "wanjiru@example.com", reason: "Return of SK-1", orderId, reference }),
  );
}

const redeem = (giftCardId: number, amount: number, reference: string) =>
  db.transaction((tx) => redeemGiftCard(tx, { giftCardId, amount, currency: "USD", orderId, reference, actor: "test" }));

beforeAll(async () => {
  const [order] = await db
    .insert(schema.orders)
    .values({ number: "SK-GC1", channel: "web", email: "a@example.com", currency: "USD", subtotal: 0, total: 0 })
    .returning();
  orderId = order.id;
});

describe("the gift card accounts, one per currency", () => {
  // First in the file: no gift card account exists yet, as on the databases migration 0028 ran on.
  it("migration 0028 gives the accounts already open their currency, keeping their lines", async () => {
    await db.transaction(async (tx) => {
      const [liability, receipts] = await tx
        .insert(schema.ledgerAccounts)
        .values([
          {
            code: "soko:gift_card_liability",
            kind: "gift_card_liability",
            name: "Gift cards and store credit outstanding",
            currency: "USD",
          },
          { code: "soko:gift_card_receipts", kind: "receipts", name: "Gift cards sold (money taken)", currency: "USD" },
        ])
        .returning();
      const [entry] = await tx.insert(schema.ledgerEntries).values({ kind: "gift_card_issued", reference: "legacy:1" }).returning();
      await tx.insert(schema.ledgerLines).values([
        { entryId: entry.id, accountId: liability.id, amount: -2500, currency: "USD" },
        { entryId: entry.id, accountId: receipts.id, amount: 2500, currency: "USD" },
      ]);
    });
    await db.execute(sql.raw(readFileSync("db/migrations/0028_gift_card_accounts_per_currency.sql", "utf8")));
    const codes = await db.select({ code: schema.ledgerAccounts.code, name: schema.ledgerAccounts.name }).from(schema.ledgerAccounts);
    expect(codes.map((c) => c.code).sort()).toEqual(["soko:gift_card_liability:USD", "soko:gift_card_receipts:USD"]);
    expect(codes.every((c) => c.name.endsWith("(USD)"))).toBe(true);
    expect(await accountLines("soko:gift_card_liability:USD")).toEqual([
      { amount: -2500, reference: "legacy:1", kind: "gift_card_issued" },
    ]);
    // A card issued after the migration posts to the same account.
    await credit(500);
    expect((await accountLines("soko:gift_card_liability:USD")).map((l) => l.amount)).toEqual([-2500, -500]);
    // The legacy entry had no card behind it: take it back out so the books below count cards only.
    await db.delete(schema.ledgerLines).where(sql`entry_id in (select id from ledger_entries where reference = 'legacy:1')`);
    await db.delete(schema.ledgerEntries).where(eq(schema.ledgerEntries.reference, "legacy:1"));
  });

  it("a pound card issued, sold at the register and spent balances in pounds and leaves the dollar books untouched", async () => {
    const before = await trialBalance();
    const usdBefore = before.accounts.filter((a) => a.currency === "USD").map((a) => [a.code, a.balance]);
    const credited = await db.transaction((tx) =>
      issueStoreCredit(tx, { amount: 3000, currency: "GBP", email: "amelia@example.co.uk", reason: "Return of SK-UK1", orderId }),
    );
    const [printed] = await db.transaction((tx) => createPhysicalCards(tx, { count: 1, currency: "GBP", actor: "test" }));
    const sold = await db.transaction((tx) =>
      activatePhysicalCard(tx, { code: printed, amount: 5000, currency: "GBP", orderId, actor: "test" }),
    );
    await db.transaction((tx) =>
      redeemGiftCard(tx, { giftCardId: sold.id, amount: 2000, currency: "GBP", orderId, reference: "gbp:1", actor: "test" }),
    );
    await db.transaction((tx) =>
      redeemGiftCard(tx, { giftCardId: credited.giftCardId, amount: 3000, currency: "GBP", orderId, reference: "gbp:2", actor: "test" }),
    );
    // A dollar redemption of a pound card is refused (its own currency only).
    await expect(
      db.transaction((tx) =>
        redeemGiftCard(tx, { giftCardId: sold.id, amount: 100, currency: "USD", orderId, reference: "gbp:3", actor: "test" }),
      ),
    ).rejects.toMatchObject({ status: 409 });

    const after = await trialBalance();
    const gbp = Object.fromEntries(after.accounts.filter((a) => a.currency === "GBP").map((a) => [a.code, a.balance]));
    expect(gbp).toEqual({
      "soko:gift_card_liability:GBP": -3000,
      "soko:gift_card_receipts:GBP": 5000,
      "soko:store_credit_refunds:GBP": 3000,
      "soko:gift_card_sales:GBP": -5000,
    });
    expect(after.totals.GBP).toBe(0);
    expect(after.accounts.filter((a) => a.currency === "USD").map((a) => [a.code, a.balance])).toEqual(usdBefore);
    const books = await giftCardBooks();
    expect(books.find((b) => b.currency === "GBP")).toMatchObject({ balances: 3000, movements: 3000, liability: 3000, cardsOff: 0 });
    await expectBooksBalanced();
  });
});

describe("issuing", () => {
  it("store credit: a card worth the amount, its code only in the email, the liability credited", async () => {
    const issued = await credit(4000, "return:1");
    expect(issued).toMatchObject({ amount: 4000, currency: "USD", created: true });
    const [row] = await db.select().from(schema.giftCards).where(eq(schema.giftCards.id, issued.giftCardId));
    const code = await codeFromEmail(issued.giftCardId);
    expect(row).toMatchObject({
      kind: "store_credit",
      status: "active",
      balance: 4000,
      last4: code.slice(-4),
      recipientEmail: "wanjiru@example.com",
      // Store credit never expires (docs/decisions/0016: where the law allows, only a card issued with an expiry lapses).
      expiresAt: null,
    });
    expect(row.codeHash).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(code);
    await expectBooksBalanced();
  });

  it("store credit with the same reference twice is one card and one email", async () => {
    const first = await credit(1500, "return:2");
    const again = await credit(1500, "return:2");
    expect(again).toMatchObject({ giftCardId: first.giftCardId, created: false });
    const emails = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `gift-card:${first.giftCardId}`));
    expect(emails).toHaveLength(1);
  });

  it("refuses nothing-worth credit and a bad currency, writing nothing", async () => {
    const before = await db.$count(schema.giftCards);
    await expect(credit(0)).rejects.toBeInstanceOf(Refusal);
    await expect(
      db.transaction((tx) => issueStoreCredit(tx, { amount: 100, currency: "usd", email: "x@example.com", reason: "x" })),
    ).rejects.toBeInstanceOf(Refusal);
    expect(await db.$count(schema.giftCards)).toBe(before);
  });

  it("printed cards are worth nothing until sold, then only once", async () => {
    const [code] = await db.transaction((tx) => createPhysicalCards(tx, { count: 2, currency: "USD", actor: "staff:1" }));
    expect(await lookUpCode({ code, address: "198.51.100.1" })).toMatchObject({ ok: false, status: 404 });
    const card = await db.transaction((tx) => activatePhysicalCard(tx, { code, amount: 2500, currency: "USD", orderId, actor: "staff:2" }));
    expect(await lookUpCode({ code, address: "198.51.100.1" })).toMatchObject({ ok: true, card: { id: card.id, balance: 2500 } });
    await expect(
      db.transaction((tx) => activatePhysicalCard(tx, { code, amount: 2500, currency: "USD", orderId, actor: "staff:2" })),
    ).rejects.toThrow(/not an unsold/);
    await expectBooksBalanced();
  });

  it("a digital card is emailed on its send date, not before, and its sealed code is then forgotten", async () => {
    const card = await db.transaction((tx) =>
      issueDigitalCard(tx, {
        amount: 5000,
        currency: "USD",
        recipientEmail: "kamau@example.com",
        recipientName: "Kamau",
        senderName: "Amina",
        message: "Happy birthday",
        sendOn: "2026-12-24",
        orderId,
        actor: "customer:a@example.com",
      }),
    );
    const [job] = await db.execute<{ run_at: Date }>(
      sql`select run_at from graphile_worker._private_jobs where key = ${`deliver_gift_card:${card.id}`}`,
    );
    expect(new Date(job.run_at).toISOString()).toBe("2026-12-24T00:00:00.000Z");
    expect(await deliverDueGiftCards(new Date("2026-12-23T23:00:00Z"))).toBe(0);
    expect(await deliverDueGiftCards(new Date("2026-12-24T01:00:00Z"))).toBeGreaterThanOrEqual(1);
    const [row] = await db.select().from(schema.giftCards).where(eq(schema.giftCards.id, card.id));
    expect(row.sealedCode).toBeNull();
    expect(row.deliveredAt).not.toBeNull();
    const [email] = await db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.dedupeKey, `gift-card:${card.id}`));
    expect(email).toMatchObject({ to: "kamau@example.com", subject: "Amina sent you a Soko gift card of $50.00" });
    expect(email.text).toContain("Happy birthday");
    expect(parseCode(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(email.text)![0]).ok).toBe(true);
  });
});

describe("spending", () => {
  it("partial use leaves the rest; more than is left is refused with what is left; a replay moves nothing", async () => {
    const { giftCardId } = await credit(5000);
    expect(await redeem(giftCardId, 2000, "order:a")).toEqual({ balanceAfter: 3000, created: true });
    expect(await redeem(giftCardId, 2000, "order:a")).toEqual({ balanceAfter: 3000, created: false });
    await expect(redeem(giftCardId, 3500, "order:b")).rejects.toThrow(/now holds \$30\.00, less than \$35\.00/);
    expect(await redeem(giftCardId, 3000, "order:c")).toEqual({ balanceAfter: 0, created: true });
    const detail = await giftCardDetail(giftCardId);
    expect(detail!.movements.map((m) => [m.kind, m.amount, m.balanceAfter])).toEqual([
      ["issued", 5000, 5000],
      ["redeemed", -2000, 3000],
      ["redeemed", -3000, 0],
    ]);
    await expectBooksBalanced();
  });

  it("a refund goes back onto the card, once per reference", async () => {
    const { giftCardId } = await credit(3000);
    await redeem(giftCardId, 3000, "order:d");
    const refund = () =>
      db.transaction((tx) => refundToGiftCard(tx, { giftCardId, amount: 1200, orderId, reference: "refund:d:1", actor: "staff:1" }));
    expect(await refund()).toEqual({ balanceAfter: 1200, created: true });
    expect(await refund()).toEqual({ balanceAfter: 1200, created: false });
    await expectBooksBalanced();
  });

  it("a disabled card keeps its balance and can't be spent until enabled again (audited both ways)", async () => {
    const { giftCardId } = await credit(2000);
    await setGiftCardDisabled({ giftCardId, disabled: true, reason: "Reported stolen", actor: "staff:7" });
    await expect(redeem(giftCardId, 100, "order:e")).rejects.toThrow(/disabled/);
    await expect(setGiftCardDisabled({ giftCardId, disabled: true, reason: "again", actor: "staff:7" })).rejects.toThrow(/not active/);
    await setGiftCardDisabled({ giftCardId, disabled: false, reason: "Found it", actor: "staff:7" });
    expect(await redeem(giftCardId, 100, "order:e")).toMatchObject({ balanceAfter: 1900 });
    const audits = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.subject, `gift_card:${giftCardId}`));
    expect(audits.map((a) => a.action)).toEqual(["gift_card.disable", "gift_card.enable"]);
  });

  it("a burst of parallel redemptions never overdraws the card", async () => {
    const { giftCardId } = await credit(5000);
    const attempts = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => redeem(giftCardId, 1000, `burst:${i}`)));
    const won = attempts.filter((a) => a.status === "fulfilled");
    const lost = attempts.filter((a) => a.status === "rejected");
    expect(won).toHaveLength(5);
    for (const l of lost) expect((l as PromiseRejectedResult).reason).toBeInstanceOf(Refusal);
    const [card] = await db.select().from(schema.giftCards).where(eq(schema.giftCards.id, giftCardId));
    expect(card.balance).toBe(0);
    const balancesSeen = won.map((w) => (w as PromiseFulfilledResult<{ balanceAfter: number }>).value.balanceAfter).sort();
    expect(balancesSeen).toEqual([0, 1000, 2000, 3000, 4000]);
    await expectBooksBalanced();
  });

  it("expiry takes only cards issued with an expiry, into breakage", async () => {
    const keeps = await credit(700);
    const lapses = await credit(900);
    await db
      .update(schema.giftCards)
      .set({ expiresAt: new Date("2026-01-01T00:00:00Z") })
      .where(eq(schema.giftCards.id, lapses.giftCardId));
    expect(await expireGiftCards(new Date("2026-06-01T00:00:00Z"))).toBe(1);
    expect(await expireGiftCards(new Date("2026-06-01T00:00:00Z"))).toBe(0);
    const [kept] = await db.select().from(schema.giftCards).where(eq(schema.giftCards.id, keeps.giftCardId));
    const [lapsed] = await db.select().from(schema.giftCards).where(eq(schema.giftCards.id, lapses.giftCardId));
    expect([kept.balance, lapsed.balance]).toEqual([700, 0]);
    await expectBooksBalanced();
  });
});

describe("guessing codes", () => {
  it("a typo is refused without a lookup; wrong codes lock the address after ten; a right code takes back its own attempt", async () => {
    const { giftCardId } = await credit(1000);
    const code = await codeFromEmail(giftCardId);
    const address = "203.0.113.50";
    expect(await lookUpCode({ code: `${code.slice(0, -1)}${code.at(-1) === "0" ? "1" : "0"}`, address })).toMatchObject({ status: 422 });
    expect(await lookUpCode({ code, address })).toMatchObject({ ok: true });
    const wrong = () => {
      const body = Array.from({ length: 15 }, () => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[Math.floor(Math.random() * 32)]).join("");
      // Any well-formed code: the check character makes it pass the typo check.
      for (const c of "0123456789ABCDEFGHJKMNPQRSTVWXYZ") if (parseCode(body + c).ok) return body + c;
      throw new Error("unreachable");
    };
    const burst = await Promise.all(Array.from({ length: 14 }, () => lookUpCode({ code: wrong(), address })));
    const statuses = burst.map((r) => (r.ok ? 200 : r.status)).sort();
    expect(statuses.filter((s) => s === 404)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    const locked = await lookUpCode({ code, address });
    expect(locked).toMatchObject({ ok: false, status: 429 });
    expect(locked.ok ? null : locked.headers?.["Retry-After"]).toMatch(/^\d+$/);
    expect(await lookUpCode({ code, address: "203.0.113.51" })).toMatchObject({ ok: true });
    const later = new Date(Date.now() + 16 * 60_000);
    expect(await lookUpCode({ code, address }, later)).toMatchObject({ ok: true });
  });
});
