/**
 * Gift cards and store credit: issuing, activating, redeeming, refunding to, expiring, disabling.
 * Every change of a balance is one conditional UPDATE (it cannot go below zero, and it takes the
 * card's row lock, so parallel redemptions of one card queue and each sees the balance the last one
 * left), one gift_card_movements row, and one double-entry ledger entry against the gift card
 * liability — all in the caller's transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import { audit } from "~/domain/audit/index.server";
import { MARKET_LIST, dateLocaleOf, marketPath } from "~/domain/markets";
import { postEntry } from "~/domain/ledger/index.server";
import { queueEmail } from "~/domain/notifications/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { formatMoney } from "~/lib/money";
import { Refusal } from "~/lib/refusal";
import { formatCode, generateCode, lastFour, parseCode } from "./codes";
import { giftCardAmountsIn, movementEntry, wrongCurrencyMessage, type IssueSource, type MovementKind } from "./ledger";
import { hashCode } from "./code-hash.server";
import { sealCode, unsealCode } from "./seal.server";

const { giftCards, giftCardMovements } = schema;

type CardRef = { id: number; last4: string; currency: string };

/** A new card row with a fresh code (a clash on the 75-bit code is astronomically rare; it just draws again). */
async function insertCard(tx: Executor, values: Omit<typeof giftCards.$inferInsert, "codeHash" | "last4">) {
  for (let i = 0; i < 3; i++) {
    const code = generateCode();
    const [card] = await tx
      .insert(giftCards)
      .values({ ...values, codeHash: hashCode(code), last4: lastFour(code) })
      .onConflictDoNothing({ target: giftCards.codeHash })
      .returning();
    if (card) return { card, code };
  }
  throw new Error("Could not draw an unused gift card code.");
}

/**
 * One movement of a card's balance, in one statement: the balance changes only if it stays at or
 * above zero (and, for a redemption, only while the card is active), and the movement row records
 * the balance after. Then its ledger entry. Null when the card could not move (the caller says why).
 */
async function move(
  tx: Executor,
  card: CardRef,
  input: {
    kind: MovementKind;
    amount: number;
    orderId?: number | null;
    reference: string;
    actor: string;
    memo?: string;
    source?: IssueSource;
    settlement?: { currency: string; ratePpm: number | null } | null;
  },
) {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new Refusal(422, "The amount must be more than zero.", "amount");
  const delta = input.kind === "issued" || input.kind === "refunded" ? input.amount : -input.amount;
  const spendable = input.kind === "redeemed" ? sql`and status = 'active'` : sql``;
  const [row] = await tx.execute<{ id: number; balance_after: number }>(sql`
    with moved as (
      update gift_cards set balance = balance + ${delta}
      where id = ${card.id} and currency = ${card.currency} and balance + ${delta} >= 0 ${spendable}
      returning id, balance
    )
    insert into gift_card_movements (gift_card_id, kind, amount, balance_after, currency, order_id, reference, actor, memo)
    select id, ${input.kind}, ${delta}, balance, ${card.currency}, ${input.orderId ?? null}, ${input.reference}, ${input.actor}, ${input.memo ?? ""}
    from moved
    returning id, balance_after`);
  if (!row) return null;
  await postEntry(
    tx,
    movementEntry({
      movementId: row.id,
      kind: input.kind,
      amount: delta,
      currency: card.currency,
      last4: card.last4,
      source: input.source,
      settlement: input.settlement,
    }),
  );
  return { movementId: Number(row.id), balanceAfter: Number(row.balance_after) };
}

/** A card sold (online or at the register) is worth one of its currency's amounts (GIFT_CARD_AMOUNTS). */
function checkIssueAmount(amount: number, currency: string) {
  const amounts = giftCardAmountsIn(currency);
  if (!amounts) throw new Refusal(422, `Gift cards are not sold in ${currency}.`, "amount");
  if (!Number.isSafeInteger(amount) || amount < amounts.min || amount > amounts.max) {
    const range = `${formatMoney({ amount: amounts.min, currency })} and ${formatMoney({ amount: amounts.max, currency })}`;
    throw new Refusal(422, `A gift card can be worth between ${range}.`, "amount");
  }
}

function balancePageUrl() {
  return new URL("/gift-cards/balance", env().PUBLIC_URL).toString();
}

/** The shop where a card in `currency` is spent: its market's home page ("/en-gb" for pounds), else the root. */
function shopUrl(currency = "USD") {
  const market = MARKET_LIST.find((m) => m.currency === currency);
  return new URL(market ? marketPath(market.code, "/") : "/", env().PUBLIC_URL).toString();
}

// ---------------------------------------------------------------------------------------------
// Issuing

export type DigitalCardInput = {
  amount: number;
  currency: string;
  recipientEmail: string;
  recipientName: string;
  senderName: string;
  message: string;
  /** YYYY-MM-DD; on or before today sends at once. */
  sendOn: string;
  orderId: number;
  customerId?: number | null;
  actor: string;
};

/**
 * A digital card sold online, inside the order's transaction: issued with its value, its code
 * sealed until the send date, and the `deliver_gift_card` job that emails it on that date.
 */
export async function issueDigitalCard(tx: Executor, input: DigitalCardInput) {
  checkIssueAmount(input.amount, input.currency);
  const { card, code } = await insertCard(tx, {
    kind: "digital",
    status: "active",
    currency: input.currency,
    initialAmount: input.amount,
    recipientEmail: input.recipientEmail,
    recipientName: input.recipientName || null,
    senderName: input.senderName || null,
    message: input.message || null,
    sendOn: input.sendOn,
    customerId: input.customerId ?? null,
    orderId: input.orderId,
    createdBy: input.actor,
    activatedAt: new Date(),
  });
  await tx
    .update(giftCards)
    .set({ sealedCode: sealCode(code) })
    .where(eq(giftCards.id, card.id));
  await move(tx, card, {
    kind: "issued",
    amount: input.amount,
    orderId: input.orderId,
    reference: `issue:${card.id}`,
    actor: input.actor,
    source: "sold",
  });
  const runAt = new Date(`${input.sendOn}T00:00:00Z`);
  await enqueueJob(
    tx,
    "deliver_gift_card",
    { giftCardId: card.id },
    { jobKey: `deliver_gift_card:${card.id}`, runAt: runAt > new Date() ? runAt : undefined },
  );
  return { id: card.id, last4: card.last4 };
}

export type StoreCreditInput = {
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  /** Who gets it: the code is emailed here. */
  email: string;
  customerId?: number | null;
  /** Shown to the holder and in /ops: "Return of SK-100123". */
  reason: string;
  /** The order the credit refunds, when there is one. */
  orderId?: number | null;
  /** Unique per refund (e.g. "return:42"): the same reference twice issues one credit. Defaults to one per call. */
  reference?: string;
  actor?: string;
  /**
   * The refunded order's settlement currency and rate: a credit in another currency is booked as a
   * sales return in the settlement currency, the liability in the card's (docs/decisions/0028).
   */
  settlement?: { currency: string; ratePpm: number | null } | null;
};

export type IssuedCredit = { giftCardId: number; last4: string; amount: number; currency: string; created: boolean };

/**
 * Store credit (a refund as a gift card), in the caller's transaction: a card worth `amount`,
 * posted to the ledger as a refund given as credit (store_credit_refunds → gift card liability; for
 * an order settled in another currency, store_credit_refunds in that currency through the
 * fx_clearing pair, docs/decisions/0028),
 * and its code emailed to `email` at once. With a `reference` it is idempotent: a retry returns
 * the card already issued and emails nothing again.
 */
export async function issueStoreCredit(tx: Executor, input: StoreCreditInput): Promise<IssuedCredit> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new Refusal(422, "Store credit must be more than zero.", "amount");
  if (!/^[A-Z]{3}$/.test(input.currency)) throw new Refusal(422, `Unknown currency ${input.currency}.`, "currency");
  const reference = input.reference ? `store_credit:${input.reference}` : null;
  if (reference) {
    const [seen] = await tx
      .select({ id: giftCards.id, last4: giftCards.last4, amount: giftCardMovements.amount, currency: giftCards.currency })
      .from(giftCardMovements)
      .innerJoin(giftCards, eq(giftCards.id, giftCardMovements.giftCardId))
      .where(eq(giftCardMovements.reference, reference));
    if (seen) return { giftCardId: seen.id, last4: seen.last4, amount: seen.amount, currency: seen.currency, created: false };
  }
  const actor = input.actor ?? "system";
  const { card, code } = await insertCard(tx, {
    kind: "store_credit",
    status: "active",
    currency: input.currency,
    initialAmount: input.amount,
    recipientEmail: input.email,
    customerId: input.customerId ?? null,
    orderId: input.orderId ?? null,
    reason: input.reason,
    createdBy: actor,
    activatedAt: new Date(),
    deliveredAt: new Date(),
  });
  await move(tx, card, {
    kind: "issued",
    amount: input.amount,
    orderId: input.orderId,
    reference: reference ?? `issue:${card.id}`,
    actor,
    memo: input.reason,
    source: "store_credit",
    settlement: input.settlement,
  });
  await queueEmail(tx, {
    template: "gift-card",
    to: input.email,
    dedupeKey: `gift-card:${card.id}`,
    props: {
      kind: "store_credit",
      code: formatCode(code),
      amount: input.amount,
      currency: input.currency,
      reason: input.reason,
      balanceUrl: balancePageUrl(),
      shopUrl: shopUrl(input.currency),
    },
  });
  return { giftCardId: card.id, last4: card.last4, amount: input.amount, currency: input.currency, created: true };
}

/**
 * Printed cards for the register, not yet worth anything (inactive until sold). Returns their codes
 * once, for the printer; only hashes are kept.
 */
export async function createPhysicalCards(tx: Executor, input: { count: number; currency: string; actor: string }) {
  if (!Number.isSafeInteger(input.count) || input.count < 1 || input.count > 500)
    throw new Refusal(422, "Print between 1 and 500 cards.", "count");
  const codes: string[] = [];
  for (let i = 0; i < input.count; i++) {
    const { code } = await insertCard(tx, { kind: "physical", status: "inactive", currency: input.currency, createdBy: input.actor });
    codes.push(formatCode(code));
  }
  await audit(tx, {
    actor: input.actor,
    action: "gift_card.print",
    subject: "gift_cards",
    data: { count: input.count, currency: input.currency },
  });
  return codes;
}

/**
 * A printed card sold at the register: its code (scanned or typed) names an inactive card, which
 * becomes active with `amount` in the sale's transaction. A code that is not an unsold card is refused.
 */
export async function activatePhysicalCard(
  tx: Executor,
  input: { code: string; amount: number; currency: string; orderId: number; actor: string },
) {
  const parsed = parseCode(input.code);
  if (!parsed.ok) throw new Refusal(422, parsed.message, "giftCardCode");
  checkIssueAmount(input.amount, input.currency);
  const [card] = await tx
    .update(giftCards)
    .set({ status: "active", initialAmount: input.amount, orderId: input.orderId, activatedAt: new Date() })
    .where(
      and(
        eq(giftCards.codeHash, hashCode(parsed.code)),
        eq(giftCards.kind, "physical"),
        eq(giftCards.status, "inactive"),
        eq(giftCards.currency, input.currency),
      ),
    )
    .returning();
  if (!card) throw new Refusal(409, "That card is not an unsold Soko gift card: take another card from the stack.", "giftCardCode");
  await move(tx, card, {
    kind: "issued",
    amount: input.amount,
    orderId: input.orderId,
    reference: `issue:${card.id}`,
    actor: input.actor,
    source: "sold",
  });
  return { id: card.id, last4: card.last4 };
}

// ---------------------------------------------------------------------------------------------
// Spending and giving back

/**
 * Takes `amount` off a card for an order, in the order's transaction. Refused (409, with what is
 * left) when the card is not active or holds less: a parallel redemption that got there first,
 * a card disabled meanwhile. Idempotent by `reference`: the same reference again moves nothing.
 */
export async function redeemGiftCard(
  tx: Executor,
  input: { giftCardId: number; amount: number; currency: string; orderId: number | null; reference: string; actor: string },
) {
  const [seen] = await tx
    .select({ balanceAfter: giftCardMovements.balanceAfter })
    .from(giftCardMovements)
    .where(eq(giftCardMovements.reference, input.reference));
  if (seen) return { balanceAfter: seen.balanceAfter, created: false };
  const [card] = await tx.select().from(giftCards).where(eq(giftCards.id, input.giftCardId));
  if (!card) throw new Refusal(404, "That gift card was not found.", "giftCardCode");
  if (card.currency !== input.currency) throw new Refusal(409, wrongCurrencyMessage(card, input.currency, "payment"), "giftCardCode");
  const moved = await move(tx, card, {
    kind: "redeemed",
    amount: input.amount,
    orderId: input.orderId,
    reference: input.reference,
    actor: input.actor,
  });
  if (!moved) {
    const [now] = await tx
      .select({ balance: giftCards.balance, status: giftCards.status })
      .from(giftCards)
      .where(eq(giftCards.id, card.id));
    if (now?.status !== "active")
      throw new Refusal(409, `Gift card ····${card.last4} can't be used: it is ${now?.status ?? "gone"}.`, "giftCardCode");
    throw new Refusal(
      409,
      `Gift card ····${card.last4} now holds ${formatMoney({ amount: now.balance, currency: card.currency })}, less than ${formatMoney({ amount: input.amount, currency: card.currency })}. Please review your payment.`,
      "giftCardCode",
    );
  }
  return { balanceAfter: moved.balanceAfter, created: true };
}

/** Money refunded onto a card (an order it paid for, refunded): the balance grows back. Idempotent by reference. */
export async function refundToGiftCard(
  tx: Executor,
  input: { giftCardId: number; amount: number; orderId: number | null; reference: string; actor: string; memo?: string },
) {
  const [seen] = await tx
    .select({ balanceAfter: giftCardMovements.balanceAfter })
    .from(giftCardMovements)
    .where(eq(giftCardMovements.reference, input.reference));
  if (seen) return { balanceAfter: seen.balanceAfter, created: false };
  const [card] = await tx.select().from(giftCards).where(eq(giftCards.id, input.giftCardId));
  if (!card) throw new Refusal(404, "That gift card was not found.");
  const moved = await move(tx, card, { kind: "refunded", ...input });
  if (!moved) throw new Refusal(409, "The refund could not be put on the gift card.");
  return { balanceAfter: moved.balanceAfter, created: true };
}

/**
 * Balances of cards past their expiry go to breakage. Only cards issued with an expiry have one:
 * cards sold to shoppers never expire (docs/decisions/0016). Run nightly.
 */
export async function expireGiftCards(now = new Date()) {
  const due = await db
    .select()
    .from(giftCards)
    .where(and(sql`${giftCards.expiresAt} <= ${now.toISOString()}`, sql`${giftCards.balance} > 0`));
  let expired = 0;
  for (const card of due) {
    await db.transaction(async (tx) => {
      const [fresh] = await tx.select({ balance: giftCards.balance }).from(giftCards).where(eq(giftCards.id, card.id)).for("update");
      if (!fresh || fresh.balance <= 0) return;
      const moved = await move(tx, card, {
        kind: "expired",
        amount: fresh.balance,
        reference: `expire:${card.id}:${card.expiresAt?.toISOString()}`,
        actor: "system",
        memo: "Expired",
      });
      if (moved) expired += 1;
    });
  }
  return expired;
}

// ---------------------------------------------------------------------------------------------
// Delivery

/** The deliver_gift_card job: on the send date, the sealed code goes into the emailed card, then is forgotten. */
export async function deliverGiftCard(giftCardId: number) {
  await db.transaction(async (tx) => {
    const [card] = await tx.select().from(giftCards).where(eq(giftCards.id, giftCardId)).for("update");
    if (!card?.sealedCode || !card.recipientEmail) return;
    // A card bought for a later day says which day it was for, written the way its order's market writes days.
    const [order] = card.orderId
      ? await tx.select({ market: schema.orders.market }).from(schema.orders).where(eq(schema.orders.id, card.orderId))
      : [];
    const forLater = card.sendOn !== null && card.sendOn > card.createdAt.toISOString().slice(0, 10);
    await queueEmail(tx, {
      template: "gift-card",
      to: card.recipientEmail,
      dedupeKey: `gift-card:${card.id}`,
      props: {
        kind: "gift_card",
        code: formatCode(unsealCode(card.sealedCode)),
        amount: card.initialAmount,
        currency: card.currency,
        recipientName: card.recipientName ?? undefined,
        senderName: card.senderName ?? undefined,
        message: card.message ?? undefined,
        sendOn: forLater ? (card.sendOn ?? undefined) : undefined,
        locale: dateLocaleOf(order?.market),
        balanceUrl: balancePageUrl(),
        shopUrl: shopUrl(card.currency),
      },
    });
    await tx.update(giftCards).set({ sealedCode: null, deliveredAt: new Date() }).where(eq(giftCards.id, card.id));
  });
}

// ---------------------------------------------------------------------------------------------
// Ops

/** Disables (freezes) or re-enables a card, audited. A disabled card keeps its balance and cannot be spent. */
export async function setGiftCardDisabled(input: { giftCardId: number; disabled: boolean; reason: string; actor: string }) {
  return db.transaction(async (tx) => {
    const [card] = await tx
      .update(giftCards)
      .set(
        input.disabled
          ? { status: "disabled", disabledAt: new Date(), disabledReason: input.reason }
          : { status: "active", disabledAt: null, disabledReason: null },
      )
      .where(and(eq(giftCards.id, input.giftCardId), eq(giftCards.status, input.disabled ? "active" : "disabled")))
      .returning({ id: giftCards.id, last4: giftCards.last4, balance: giftCards.balance, currency: giftCards.currency });
    if (!card) throw new Refusal(409, input.disabled ? "This card is not active." : "This card is not disabled.");
    await audit(tx, {
      actor: input.actor,
      action: input.disabled ? "gift_card.disable" : "gift_card.enable",
      subject: `gift_card:${card.id}`,
      data: { last4: card.last4, balance: card.balance, currency: card.currency, reason: input.reason },
    });
    return card;
  });
}
