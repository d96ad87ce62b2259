/**
 * Gift cards in the demo: an emailed card already sent and part spent, a store credit, and a stack
 * of printed cards waiting at the register. Codes come from a fixed seed (demo only: real codes are
 * drawn from the CSPRNG), so the README can name one to try on /gift-cards/balance and at checkout.
 * Balances, movements and ledger entries are written together and balance like the domain's own.
 */
import { eq } from "drizzle-orm";
import { checkCharacter, CODE_ALPHABET, formatCode } from "../../app/domain/giftcards/codes";
import { movementEntry, type MovementKind } from "../../app/domain/giftcards/ledger";
import { describeAccount } from "../../app/domain/ledger/entries";
import { hashCode } from "../../app/domain/giftcards/code-hash.server";
import type { Executor } from "../client";
import * as schema from "../schema";
import { Random } from "./random";

/** The demo's emailed gift card ($50, $20 of it spent): try it on /gift-cards/balance. */
export const DEMO_GIFT_CARD_CODE = formatCode(demoCode(new Random("gift-cards")));

function demoCode(random: Random): string {
  let body = "";
  for (let i = 0; i < 15; i++) body += CODE_ALPHABET[Math.floor(random.next() * CODE_ALPHABET.length)];
  return body + checkCharacter(body);
}

/**
 * The register's stack of printed demo cards, unsold (the seed draws them after the emailed card
 * and the store credit): sell one at /pos/register with "Sell gift card".
 */
export const DEMO_PRINTED_CARD_CODES = (() => {
  const random = new Random("gift-cards");
  demoCode(random);
  demoCode(random);
  return Array.from({ length: 5 }, () => formatCode(demoCode(random)));
})();

/**
 * A pound card for the UK market (£45, sold in the UK, £10 of it spent; docs/decisions/0023):
 * drawn after the printed stack. Its balance page shows pounds; a dollar bag or the register
 * refuses it, naming its currency.
 */
export const DEMO_POUND_CARD_CODE = (() => {
  const random = new Random("gift-cards");
  for (let i = 0; i < 7; i++) demoCode(random);
  return formatCode(demoCode(random));
})();

type Movement = { kind: MovementKind; amount: number; memo: string; at: Date };

export async function seedGiftCards(db: Executor, { now }: { now: Date }) {
  const days = (n: number) => new Date(now.getTime() - n * 86400_000);
  const random = new Random("gift-cards");
  const cards: Array<{
    card: Omit<typeof schema.giftCards.$inferInsert, "codeHash" | "last4">;
    code: string;
    movements: Movement[];
    source: "sold" | "store_credit";
  }> = [
    {
      code: demoCode(random),
      source: "sold",
      card: {
        kind: "digital",
        status: "active",
        currency: "USD",
        initialAmount: 5000,
        recipientEmail: "wanjiru@example.com",
        recipientName: "Wanjiru",
        senderName: "Amina",
        message: "Happy birthday!",
        sendOn: days(20).toISOString().slice(0, 10),
        deliveredAt: days(20),
        createdBy: "customer:amina@example.com",
        createdAt: days(21),
        activatedAt: days(21),
      },
      movements: [
        { kind: "issued", amount: 5000, memo: "", at: days(21) },
        { kind: "redeemed", amount: 2000, memo: "", at: days(9) },
      ],
    },
    {
      code: demoCode(random),
      source: "store_credit",
      card: {
        kind: "store_credit",
        status: "active",
        currency: "USD",
        initialAmount: 3500,
        recipientEmail: "maya@example.com",
        reason: "Return: the wrong size",
        deliveredAt: days(5),
        createdBy: "staff:1",
        createdAt: days(5),
        activatedAt: days(5),
      },
      movements: [{ kind: "issued", amount: 3500, memo: "Return: the wrong size", at: days(5) }],
    },
    ...Array.from({ length: 5 }, () => ({
      code: demoCode(random),
      source: "sold" as const,
      card: { kind: "physical" as const, status: "inactive" as const, currency: "USD", createdBy: "staff:1", createdAt: days(30) },
      movements: [],
    })),
    {
      code: demoCode(random),
      source: "sold",
      card: {
        kind: "digital",
        status: "active",
        currency: "GBP",
        initialAmount: 4500,
        recipientEmail: "harriet@example.co.uk",
        recipientName: "Harriet",
        senderName: "Amelia",
        message: "For something from the makers in Kenya.",
        sendOn: days(12).toISOString().slice(0, 10),
        deliveredAt: days(12),
        createdBy: "customer:amelia@example.co.uk",
        createdAt: days(12),
        activatedAt: days(12),
      },
      movements: [
        { kind: "issued", amount: 4500, memo: "", at: days(12) },
        { kind: "redeemed", amount: 1000, memo: "", at: days(3) },
      ],
    },
  ];

  for (const { card, code, movements, source } of cards) {
    let balance = 0;
    for (const m of movements) balance += m.kind === "issued" || m.kind === "refunded" ? m.amount : -m.amount;
    const [row] = await db
      .insert(schema.giftCards)
      .values({ ...card, balance, codeHash: hashCode(code), last4: code.slice(-4) })
      .onConflictDoNothing()
      .returning({ id: schema.giftCards.id, last4: schema.giftCards.last4 });
    if (!row) continue;
    let running = 0;
    for (const [i, m] of movements.entries()) {
      const signed = m.kind === "issued" || m.kind === "refunded" ? m.amount : -m.amount;
      running += signed;
      const [movement] = await db
        .insert(schema.giftCardMovements)
        .values({
          giftCardId: row.id,
          kind: m.kind,
          amount: signed,
          balanceAfter: running,
          currency: card.currency,
          reference: `seed:${row.id}:${i}`,
          actor: card.createdBy,
          memo: m.memo,
          at: m.at,
        })
        .returning({ id: schema.giftCardMovements.id });
      const entry = movementEntry({
        movementId: movement.id,
        kind: m.kind,
        amount: signed,
        currency: card.currency,
        last4: row.last4,
        source,
      });
      const [written] = await db
        .insert(schema.ledgerEntries)
        .values({ kind: entry.kind, reference: entry.reference, memo: entry.memo ?? "", at: m.at })
        .returning({ id: schema.ledgerEntries.id });
      for (const line of entry.lines) {
        const { kind, name } = describeAccount(line.accountCode);
        await db
          .insert(schema.ledgerAccounts)
          .values({ code: line.accountCode, kind, name, currency: line.currency })
          .onConflictDoNothing();
        const [account] = await db
          .select({ id: schema.ledgerAccounts.id })
          .from(schema.ledgerAccounts)
          .where(eq(schema.ledgerAccounts.code, line.accountCode));
        await db
          .insert(schema.ledgerLines)
          .values({ entryId: written.id, accountId: account.id, amount: line.amount, currency: line.currency });
      }
    }
  }
}
