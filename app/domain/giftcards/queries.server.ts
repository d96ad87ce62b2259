/** Reading gift cards: /ops's list and a card's ledger, and the books check (per-card ledgers against the double-entry ledger). */
import { and, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { db, schema, type Executor } from "~/lib/db.server";

const { giftCards, giftCardMovements } = schema;

export const GIFT_CARDS_PER_PAGE = 25;

/** Newest first; `q` finds a card by its last four, or by the recipient's email (or part of it). */
export async function listGiftCards({ q, page }: { q: string; page: number }) {
  const term = q.trim();
  const conditions: SQL[] = [];
  if (term) {
    const last4 = term.replace(/[\s•·-]/g, "").toUpperCase();
    conditions.push(
      or(
        /^[0-9A-Z]{4}$/.test(last4) ? eq(giftCards.last4, last4) : sql`false`,
        ilike(giftCards.recipientEmail, `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`),
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: giftCards.id,
        last4: giftCards.last4,
        kind: giftCards.kind,
        status: giftCards.status,
        currency: giftCards.currency,
        initialAmount: giftCards.initialAmount,
        balance: giftCards.balance,
        recipientEmail: giftCards.recipientEmail,
        createdAt: giftCards.createdAt,
      })
      .from(giftCards)
      .where(where)
      .orderBy(desc(giftCards.createdAt), desc(giftCards.id))
      .limit(GIFT_CARDS_PER_PAGE)
      .offset((page - 1) * GIFT_CARDS_PER_PAGE),
    db.select({ total: count() }).from(giftCards).where(where),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / GIFT_CARDS_PER_PAGE)) };
}

/** One card and its whole ledger (oldest first, so the running balance reads down). */
export async function giftCardDetail(id: number, executor: Executor = db) {
  const [card] = await executor
    .select({
      id: giftCards.id,
      last4: giftCards.last4,
      kind: giftCards.kind,
      status: giftCards.status,
      currency: giftCards.currency,
      initialAmount: giftCards.initialAmount,
      balance: giftCards.balance,
      recipientEmail: giftCards.recipientEmail,
      recipientName: giftCards.recipientName,
      senderName: giftCards.senderName,
      sendOn: giftCards.sendOn,
      deliveredAt: giftCards.deliveredAt,
      reason: giftCards.reason,
      expiresAt: giftCards.expiresAt,
      createdAt: giftCards.createdAt,
      createdBy: giftCards.createdBy,
      activatedAt: giftCards.activatedAt,
      disabledAt: giftCards.disabledAt,
      disabledReason: giftCards.disabledReason,
      orderNumber: schema.orders.number,
    })
    .from(giftCards)
    .leftJoin(schema.orders, eq(schema.orders.id, giftCards.orderId))
    .where(eq(giftCards.id, id));
  if (!card) return null;
  const movements = await executor
    .select({
      id: giftCardMovements.id,
      kind: giftCardMovements.kind,
      amount: giftCardMovements.amount,
      balanceAfter: giftCardMovements.balanceAfter,
      currency: giftCardMovements.currency,
      actor: giftCardMovements.actor,
      memo: giftCardMovements.memo,
      at: giftCardMovements.at,
      orderNumber: schema.orders.number,
    })
    .from(giftCardMovements)
    .leftJoin(schema.orders, eq(schema.orders.id, giftCardMovements.orderId))
    .where(eq(giftCardMovements.giftCardId, id))
    .orderBy(giftCardMovements.id);
  return { card, movements };
}

export type GiftCardBooks = {
  currency: string;
  /** Sum of every card's balance column. */
  balances: number;
  /** Sum of every card's movements. */
  movements: number;
  /** What the double-entry ledger says is owed to holders (the liability's credit balance, positive). */
  liability: number;
  /** Cards whose movements do not add up to their balance (should be none). */
  cardsOff: number;
};

/** The three ways of counting what is owed on gift cards, per currency: they must agree. */
export async function giftCardBooks(executor: Executor = db): Promise<GiftCardBooks[]> {
  const rows = await executor.execute<{ currency: string; balances: string; movements: string; liability: string; cards_off: number }>(sql`
    with cards as (
      select c.currency, c.balance, coalesce((select sum(m.amount) from gift_card_movements m where m.gift_card_id = c.id), 0) as moved
      from gift_cards c
    ),
    liability as (
      select l.currency, -sum(l.amount) as owed from ledger_lines l
      join ledger_accounts a on a.id = l.account_id and a.kind = 'gift_card_liability'
      group by l.currency
    )
    select cards.currency, sum(balance)::bigint::text as balances, sum(moved)::bigint::text as movements,
           coalesce(max(liability.owed), 0)::bigint::text as liability, count(*) filter (where balance <> moved)::int as cards_off
    from cards left join liability on liability.currency = cards.currency
    group by cards.currency order by cards.currency`);
  return rows.map((r) => ({
    currency: r.currency,
    balances: Number(r.balances),
    movements: Number(r.movements),
    liability: Number(r.liability),
    cardsOff: Number(r.cards_off),
  }));
}
