/**
 * A sale at the counter becomes an order like any other (commitOrder, channel "pos"), and in the
 * same transaction: the flagship's shelf gives up what the customer takes (reserved, then consumed:
 * on hand and reserved both down, movement "sold in store"), the tenders land on the open shift,
 * the receipt email is queued, and the audit log has the sale. Whatever is not on the shelf becomes
 * a special order: commitOrder sends it to production, and it ships to the customer's address.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Address } from "#db/schema";
import { audit } from "~/domain/audit/index.server";
import type { Staff } from "~/domain/accounts/index.server";
import { STORE_LOCATION_CODE } from "~/domain/inventory";
import { queueEmail } from "~/domain/notifications/index.server";
import { commitOrder } from "~/domain/orders/index.server";
import { GIFT_CARD_PAYMENT_PROVIDER, giftCardPaymentRef, wrongCurrencyMessage } from "~/domain/giftcards";
import { CASH_PROVIDER } from "~/domain/payments";
import {
  activatePhysicalCard,
  cardByCode,
  cardsSoldWith,
  giftCardVariantId,
  lookUpCode,
  redeemGiftCard,
} from "~/domain/giftcards/index.server";
import { formatMoney } from "~/lib/money";
import { statusUrl } from "~/domain/orders/index.server";
import { parseTaxRates, taxRateFor } from "~/domain/pricing";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { catalogIndex, checkSaleLines, priceCart, type Cart, type CatalogItem, type CartTotals } from "./cart";
import { currentShift, type OpenShift } from "./shifts.server";
import { Refusal } from "~/lib/refusal";
import { actorOf, managerApproval } from "./staff.server";
import { cardLabel, planTenders, type TenderMode, type TenderPlan } from "./tender";
import { cardTerminal } from "./terminal.server";
import { queueReceiptSms } from "./receipt-text.server";
import { normalizeE164 } from "~/lib/phone";

export const STORE_NAME = "Soko San Francisco";
const RECEIPT_PHONE_HELP = "Enter the mobile number for the text receipt with its area code, like (415) 555-0100 (or leave it empty).";
/** The flagship is in San Francisco: California's rate applies at the counter. */
export const STORE_DESTINATION = { country: "US", region: "CA" } as const;
export { CASH_PROVIDER };

const { orders, orderLines, allocations, inventoryLevels, inventoryMovements, tenders, payments } = schema;

export function storeTaxRate(): number {
  return taxRateFor(STORE_DESTINATION, parseTaxRates(env().TAX_RATES));
}

/** Every active variant with the flagship's free stock, for the register's grid and scans. */
export async function registerCatalog(executor: Executor = db, variantIds?: number[]): Promise<CatalogItem[]> {
  const rows = await executor.execute<{
    variant_id: number;
    product_id: number;
    sku: string;
    barcode: string;
    product_title: string;
    variant_title: string;
    category: string;
    price: number;
    currency: string;
    on_shelf: number;
    image: string | null;
  }>(sql`
    select v.id as variant_id, p.id as product_id, v.sku, v.barcode, p.title as product_title, v.title as variant_title, p.category, v.price, v.currency,
      coalesce((select il.on_hand - il.reserved from inventory_levels il join locations l on l.id = il.location_id
                where il.variant_id = v.id and l.code = ${STORE_LOCATION_CODE}), 0)::int as on_shelf,
      (select pi.url from product_images pi where pi.product_id = p.id order by pi.position, pi.id limit 1) as image
    from variants v join products p on p.id = v.product_id
    where p.status = 'active' ${
      variantIds
        ? sql`and v.id in ${
            variantIds.length
              ? sql`(${sql.join(
                  variantIds.map((id) => sql`${id}`),
                  sql`, `,
                )})`
              : sql`(null)`
          }`
        : sql``
    }
    order by p.category, p.title, v.position, v.id`);
  return rows.map((r) => ({
    variantId: r.variant_id,
    productId: r.product_id,
    productTitle: r.product_title,
    variantTitle: r.variant_title && r.variant_title !== "Default" ? r.variant_title : null,
    sku: r.sku,
    barcode: r.barcode,
    title: r.variant_title && r.variant_title !== "Default" ? `${r.product_title} — ${r.variant_title}` : r.product_title,
    category: r.category,
    price: r.price,
    currency: r.currency,
    onShelf: r.on_shelf,
    image: r.image,
  }));
}

export type SaleInput = {
  /** The register's key for this sale (a uuid): the same key twice records one sale. */
  key: string;
  cart: Cart;
  tender: { mode: TenderMode; cashGiven: number | null; cardAmount: number | null };
  /** A Soko gift card that pays part (or all) of the sale: its code as scanned, and the amount (null: as much as it holds). */
  giftCard?: { code: string; amount: number | null } | null;
  email: string | null;
  /** A mobile number to text the receipt to, queued in the sale's own transaction (null: no text). */
  receiptPhone?: string | null;
  shippingAddress: Address | null;
  /** A manager's email and password typed at the register, and the register's client address (their throttle). */
  approval: { email: string | null; pin: string | null; address?: string | null };
  staff: Staff;
  /** A sale the register took while the server could not be reached: cash only, already handed over. */
  offline?: { soldAt: Date | null } | null;
};

export type SaleDone = {
  number: string;
  created: boolean;
  changeDue: number;
  totals: { total: number; currency: string };
  /** What the gift card paid, and what it has left. */
  giftCard?: { last4: string; amount: number; balanceAfter: number } | null;
  /** Printed gift cards the sale activated, with the amount put on each. */
  soldCards?: Array<{ last4: string; amount: number }>;
  /** The number the receipt was texted to (E.164), when one was given. */
  textedTo?: string | null;
};

type GiftCardUse = { id: number; last4: string; amount: number; balanceAfter: number };

/**
 * The gift card's part of a sale: its code looked up (throttled like every typed code, per register
 * address and per sale), and what it pays — the amount asked for, or as much of the total as it holds.
 */
async function giftCardShare(input: SaleInput, total: number, currency: string): Promise<GiftCardUse | null> {
  if (!input.giftCard) return null;
  if (input.offline) throw new Refusal(422, "Sales taken offline are cash only.", "giftCardCode");
  const found = await lookUpCode({ code: input.giftCard.code, address: input.approval.address ?? null, bag: `pos:${input.key}` });
  if (!found.ok) throw new Refusal(found.status === 429 ? 429 : 422, found.message, "giftCardCode");
  const { card } = found;
  const money = (amount: number) => formatMoney({ amount, currency });
  if (card.status !== "active") throw new Refusal(409, `Gift card ····${card.last4} is ${card.status}: it can't be used.`, "giftCardCode");
  if (card.currency !== currency) throw new Refusal(409, wrongCurrencyMessage(card, currency, "sale"), "giftCardCode");
  if (card.balance <= 0) throw new Refusal(409, `Gift card ····${card.last4} has nothing left on it.`, "giftCardCode");
  const asked = input.giftCard.amount;
  if (asked !== null && asked > card.balance)
    throw new Refusal(409, `Gift card ····${card.last4} holds ${money(card.balance)}, less than ${money(asked)}.`, "giftCardAmount");
  if (asked !== null && asked > total)
    throw new Refusal(422, `The gift card can pay at most the sale's ${money(total)}.`, "giftCardAmount");
  if (asked === 0) throw new Refusal(422, "The gift card amount must be more than zero.", "giftCardAmount");
  const amount = Math.min(asked ?? total, card.balance, total);
  return { id: card.id, last4: card.last4, amount, balanceAfter: card.balance - amount };
}

/**
 * Before anything is charged: each printed card in the sale still names an unsold card (another
 * register may have sold it since it was added). The activation in the sale's transaction is the
 * real guard — of two registers selling one card at once, exactly one activates it.
 */
async function checkCardsToSell(totals: CartTotals, currency: string) {
  for (const line of totals.giftCards) {
    const card = await cardByCode(line.code);
    if (card?.kind !== "physical" || card.status !== "inactive" || card.currency !== currency)
      throw new Refusal(
        409,
        card?.status === "active"
          ? `Gift card ····${line.last4} is already active (sold before): remove it from the sale and take another card.`
          : `Gift card ····${line.last4} can't be sold: remove it from the sale and take another card.`,
        "cart",
      );
  }
}

/** Activates the sale's printed cards in its transaction; a card sold meanwhile elsewhere rolls the whole sale back. */
async function activateSoldCards(tx: Executor, totals: CartTotals, orderId: number, actor: string) {
  for (const line of totals.giftCards) {
    try {
      await activatePhysicalCard(tx, { code: line.code, amount: line.amount, currency: totals.currency, orderId, actor });
    } catch (error) {
      if (error instanceof Refusal && error.status === 409)
        throw new Refusal(
          409,
          `Gift card ····${line.last4} was just sold on another register: remove it from the sale and take another card.`,
          "cart",
        );
      throw error;
    }
  }
}

/**
 * The customer attached to the sale, checked before anything is charged. A sale taken offline was
 * already paid in cash: a customer no longer on file is dropped from it, never a reason to lose it.
 */
async function attachedCustomer(id: number | undefined, offline: boolean) {
  if (!id) return null;
  const [customer] = await db
    .select({ id: schema.customers.id, email: schema.customers.email })
    .from(schema.customers)
    .where(eq(schema.customers.id, id));
  if (!customer && offline) return null;
  if (!customer) throw new Refusal(422, "The customer attached to this sale is no longer on file: detach them, then charge.", "customer");
  return { id: customer.id, email: customer.email || null };
}

/** The idempotency key commitOrder stores for a register key. */
export const saleKey = (key: string) => `pos:${key}`;

async function existingSale(executor: Executor, key: string) {
  const [row] = await executor
    .select({ id: orders.id, number: orders.number })
    .from(orders)
    .where(eq(orders.idempotencyKey, saleKey(key)));
  if (!row) return null;
  const cash = await executor
    .select({ changeDue: tenders.changeDue })
    .from(tenders)
    .where(and(eq(tenders.orderId, row.id), eq(tenders.kind, "cash")));
  return { ...row, changeDue: cash.reduce((sum, t) => sum + (t.changeDue ?? 0), 0) };
}

/**
 * Validates everything, charges the card (if any) on the terminal, then records the sale in one
 * transaction. Refusals throw Refusal (4xx, nothing written, nothing charged); a card approved
 * for a sale that then fails to record is refunded before the error goes on.
 */
export async function recordSale(input: SaleInput): Promise<SaleDone> {
  const shift = await currentShift();
  if (!shift) throw new Refusal(409, "No shift is open on this register: open one with a starting float first.");

  const duplicate = await existingSale(db, input.key);
  if (duplicate) {
    const [order] = await db.select({ total: orders.total, currency: orders.currency }).from(orders).where(eq(orders.id, duplicate.id));
    return { number: duplicate.number, created: false, changeDue: duplicate.changeDue, totals: order };
  }

  const items = await registerCatalog(
    db,
    input.cart.lines.map((l) => l.variantId),
  );
  const catalog = catalogIndex(items);
  const lineProblem = checkSaleLines(input.cart, catalog);
  if (lineProblem) throw new Refusal(422, lineProblem, "cart");
  const taxRate = storeTaxRate();
  // Offline, the pieces were in the customer's hands: they were on the shelf, whatever the count said.
  const offline = input.offline ?? null;
  const totals = priceCart(
    input.cart,
    offline ? new Map([...catalog].map(([id, i]) => [id, { ...i, onShelf: Number.MAX_SAFE_INTEGER }])) : catalog,
    taxRate,
  );

  if (offline && input.tender.mode !== "cash") throw new Refusal(422, "Sales taken offline are cash only.", "tender");
  if (offline && totals.giftCards.length) throw new Refusal(422, "Gift cards are sold only with the register online.", "cart");
  await checkCardsToSell(totals, totals.currency);
  const email = input.email?.trim() ? input.email.trim().toLowerCase() : null;
  const receiptPhone = input.receiptPhone?.trim() ? normalizeE164(input.receiptPhone) : null;
  if (input.receiptPhone?.trim() && !receiptPhone) throw new Refusal(400, RECEIPT_PHONE_HELP, "receiptPhone");
  const customer = await attachedCustomer(input.cart.customerId, Boolean(offline));
  // The order is the customer's: their email is its contact even when the receipt goes by text only.
  const orderEmail = email ?? customer?.email ?? null;
  if (totals.specialOrder) {
    if (!orderEmail)
      throw new Refusal(422, "A special order needs the customer's email, for the receipt and the shipping updates.", "email");
    if (!input.shippingAddress) throw new Refusal(422, "A special order ships to the customer: fill in the shipping address.", "address");
  }

  let approvedBy: { managerId: number; managerName: string } | null = null;
  if (totals.needsApproval) {
    const approval = await managerApproval(input.staff, input.approval);
    if (!approval.ok) throw new Refusal(approval.status, approval.message, "approval");
    approvedBy = approval;
  }

  const giftCard = await giftCardShare(input, totals.total, totals.currency);
  const rest = totals.total - (giftCard?.amount ?? 0);
  // The gift card pays it all: nothing more to take.
  const planned: ReturnType<typeof planTenders> =
    giftCard && rest === 0
      ? { ok: true, plan: { cash: null, card: null } }
      : planTenders({ mode: input.tender.mode, total: rest, cashGiven: input.tender.cashGiven, cardAmount: input.tender.cardAmount });
  if (!planned.ok) throw new Refusal(422, planned.message, planned.field);
  const plan = planned.plan;

  const terminal = cardTerminal();
  let card: { providerRef: string; amount: number; brand: string | null; last4: string | null } | null = null;
  if (plan.card) {
    const outcome = await terminal.collect({
      amount: plan.card.amount,
      currency: totals.currency,
      idempotencyKey: `pos-sale:${input.key}:card`,
      description: `${STORE_NAME} sale`,
      metadata: { register: shift.registerCode, shift: String(shift.id), key: input.key },
    });
    if (outcome.status === "declined")
      throw new Refusal(402, `Card declined: ${outcome.message} Nothing was charged; try another card or cash.`, "card");
    card = { providerRef: outcome.providerRef, amount: plan.card.amount, brand: outcome.card.brand, last4: outcome.card.last4 };
  }

  try {
    return await db.transaction((tx) =>
      writeSale(tx, {
        input,
        shift,
        totals,
        plan,
        card,
        giftCard,
        terminalName: terminal.name,
        email,
        receiptPhone,
        orderEmail,
        customerId: customer?.id ?? null,
        approvedBy,
        offline,
      }),
    );
  } catch (error) {
    if (card) {
      await terminal
        .refund({ providerRef: card.providerRef, amount: card.amount, idempotencyKey: `pos-sale:${input.key}:void` })
        .catch(() => undefined);
    }
    throw error;
  }
}

type WriteSale = {
  input: SaleInput;
  shift: OpenShift;
  totals: CartTotals;
  plan: TenderPlan;
  card: { providerRef: string; amount: number; brand: string | null; last4: string | null } | null;
  giftCard: GiftCardUse | null;
  terminalName: string;
  /** Where the receipt email goes (null: no email receipt). */
  email: string | null;
  /** Where the receipt text goes, in E.164 (null: no text). */
  receiptPhone: string | null;
  /** The order's contact email: the receipt's, else the attached customer's. */
  orderEmail: string | null;
  customerId: number | null;
  approvedBy: { managerId: number; managerName: string } | null;
  offline: { soldAt: Date | null } | null;
};

async function writeSale(tx: Executor, w: WriteSale): Promise<SaleDone> {
  const { input, shift, totals, plan } = w;
  // One writer per key: a sale synced twice at once waits here, then finds the first.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${saleKey(input.key)}))`);
  const duplicate = await existingSale(tx, input.key);
  if (duplicate)
    return {
      number: duplicate.number,
      created: false,
      changeDue: duplicate.changeDue,
      totals: { total: totals.total, currency: totals.currency },
    };

  const actor = actorOf(input.staff);
  if (w.offline) await correctShelfForOfflineSale(tx, shift.locationId, totals, input.key, actor);

  const order = await commitOrder(tx, {
    channel: "pos",
    email: w.orderEmail ?? "",
    customerId: w.customerId,
    shippingAddress: totals.specialOrder ? input.shippingAddress : null,
    shippingMethod: totals.specialOrder ? "standard" : null,
    currency: totals.currency,
    lines: [
      ...totals.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, unitPrice: l.item.price, discount: l.discount })),
      ...(totals.giftCards.length ? [await giftCardVariantId(tx)] : []).flatMap((variantId) =>
        totals.giftCards.map((g) => ({ variantId, quantity: 1, unitPrice: g.amount, giftCard: true })),
      ),
    ],
    totals: {
      subtotal: totals.subtotal,
      discountTotal: totals.discountTotal,
      shippingTotal: 0,
      taxTotal: totals.taxTotal,
      total: totals.total,
    },
    idempotencyKey: saleKey(input.key),
    stockLocationCodes: [STORE_LOCATION_CODE],
    payment: null,
    paymentStatus: "paid",
    actor,
  });

  await activateSoldCards(tx, totals, order.id, actor);
  const taken = await consumeShelfStock(tx, order.id, order.number, actor);
  const soldAt = w.offline?.soldAt ?? null;
  const tenderRows: Array<typeof tenders.$inferInsert> = [];
  let giftCardLeft: number | null = null;
  if (w.giftCard) {
    // Spent elsewhere since it was looked up: the conditional update refuses and the sale rolls back.
    const redeemed = await redeemGiftCard(tx, {
      giftCardId: w.giftCard.id,
      amount: w.giftCard.amount,
      currency: totals.currency,
      orderId: order.id,
      reference: `${saleKey(input.key)}:gift_card`,
      actor,
    });
    giftCardLeft = redeemed.balanceAfter;
    tenderRows.push({
      orderId: order.id,
      shiftId: shift.id,
      kind: "gift_card",
      amount: w.giftCard.amount,
      currency: totals.currency,
      providerRef: giftCardPaymentRef(w.giftCard.id, order.id),
      cardLast4: w.giftCard.last4,
    });
  }
  if (plan.card && w.card)
    tenderRows.push({
      orderId: order.id,
      shiftId: shift.id,
      kind: "card",
      amount: w.card.amount,
      currency: totals.currency,
      providerRef: w.card.providerRef,
      cardBrand: w.card.brand,
      cardLast4: w.card.last4,
    });
  if (plan.cash) {
    tenderRows.push({
      orderId: order.id,
      shiftId: shift.id,
      kind: "cash",
      amount: plan.cash.amount,
      currency: totals.currency,
      cashGiven: plan.cash.given,
      changeDue: plan.cash.change,
      providerRef: null,
    });
  }
  const specialUnits = totals.lines.reduce((n, l) => n + l.toMake, 0);
  await Promise.all([
    tenderRows.length ? tx.insert(tenders).values(soldAt ? tenderRows.map((t) => ({ ...t, createdAt: soldAt })) : tenderRows) : null,
    tenderRows.length
      ? tx.insert(payments).values(
          tenderRows.map((t) => ({
            orderId: order.id,
            provider: t.kind === "card" ? w.terminalName : t.kind === "gift_card" ? GIFT_CARD_PAYMENT_PROVIDER : CASH_PROVIDER,
            providerRef: t.kind === "cash" ? `cash:${order.number}` : t.providerRef!,
            amount: t.amount,
            currency: totals.currency,
            status: "succeeded",
          })),
        )
      : null,
    // Taken home at once: the sale is complete. A special order goes on through production.
    specialUnits === 0 ? tx.update(orders).set({ status: "delivered" }).where(eq(orders.id, order.id)) : null,
    tx.insert(schema.orderEvents).values({
      orderId: order.id,
      type: "sold_in_store",
      actor,
      data: {
        register: shift.registerCode,
        shift: shift.id,
        taken,
        specialOrder: specialUnits,
        tenders: tenderRows.map((t) => ({ kind: t.kind, amount: t.amount })),
        offline: Boolean(w.offline),
        ...(w.approvedBy ? { discountApprovedBy: w.approvedBy.managerId } : {}),
      },
    }),
    audit(tx, {
      actor,
      action: "pos.sale",
      subject: `order:${order.number}`,
      data: {
        shift: shift.id,
        total: totals.total,
        currency: totals.currency,
        tenders: tenderRows.map((t) => ({ kind: t.kind, amount: t.amount, providerRef: t.providerRef ?? null })),
        taken,
        specialOrder: specialUnits,
        offline: Boolean(w.offline),
      },
    }),
    w.approvedBy
      ? audit(tx, {
          actor: `staff:${w.approvedBy.managerId}`,
          action: "pos.discount_approved",
          subject: `order:${order.number}`,
          data: {
            cashier: input.staff.id,
            lines: totals.lines
              .filter((l) => l.needsApproval)
              .map((l) => ({ sku: l.item.sku, percent: l.discountPercent, discount: l.discount })),
          },
        })
      : null,
  ]);

  if (w.receiptPhone) {
    await queueReceiptSms(tx, {
      to: w.receiptPhone,
      store: STORE_NAME,
      number: order.number,
      soldAt: soldAt ?? new Date(),
      pieces: totals.lines.reduce((n, l) => n + l.quantity, 0) + totals.giftCards.length,
      total: totals.total,
      currency: totals.currency,
      tenders: tenderRows.map((t) => ({ kind: t.kind, amount: t.amount, cardBrand: t.cardBrand, cardLast4: t.cardLast4 })),
      actor,
    });
  }
  if (w.email) {
    await queueEmail(tx, {
      template: "pos-receipt",
      to: w.email,
      dedupeKey: `pos-receipt:${order.number}`,
      props: {
        orderNumber: order.number,
        soldAt: (soldAt ?? new Date()).toISOString(),
        store: STORE_NAME,
        cashier: input.staff.name.split(" ")[0] ?? input.staff.name,
        currency: totals.currency,
        lines: totals.lines
          .map((l) => ({
            title: l.item.title,
            sku: l.item.sku,
            quantity: l.quantity,
            unitPrice: l.item.price,
            discount: l.discount,
            lineTotal: l.total,
            specialOrder: l.toMake || undefined,
          }))
          .concat(
            totals.giftCards.map((g) => ({
              title: `Soko gift card ····${g.last4}`,
              sku: "GIFT-CARD",
              quantity: 1,
              unitPrice: g.amount,
              discount: 0,
              lineTotal: g.amount,
              specialOrder: undefined,
            })),
          ),
        subtotal: totals.subtotal,
        discount: totals.discountTotal,
        tax: totals.taxTotal,
        taxRate: totals.taxRate,
        total: totals.total,
        tenders: tenderRows.map((t) => ({
          kind: t.kind,
          amount: t.amount,
          cashGiven: t.cashGiven ?? null,
          changeDue: t.changeDue ?? null,
          card:
            t.kind === "card" && t.cardLast4
              ? cardLabel(t.cardBrand, t.cardLast4)
              : t.kind === "gift_card"
                ? `gift card ····${t.cardLast4}`
                : null,
        })),
        shippingAddress: totals.specialOrder ? input.shippingAddress : null,
        statusUrl: totals.specialOrder ? statusUrl(order.number) : null,
      },
    });
  }
  return {
    number: order.number,
    created: true,
    changeDue: plan.cash?.change ?? 0,
    totals: { total: totals.total, currency: totals.currency },
    giftCard:
      w.giftCard && giftCardLeft !== null ? { last4: w.giftCard.last4, amount: w.giftCard.amount, balanceAfter: giftCardLeft } : null,
    soldCards: totals.giftCards.map((g) => ({ last4: g.last4, amount: g.amount })),
    textedTo: w.receiptPhone,
  };
}

/**
 * The customer walks out with what was on the shelf: each stock allocation's reservation becomes a
 * decrease of on hand (both down), with a "sold in store" movement, and the allocation is consumed.
 */
export async function consumeShelfStock(tx: Executor, orderId: number, number: string, actor: string): Promise<number> {
  const rows = await tx
    .select({ id: allocations.id, variantId: orderLines.variantId, locationId: allocations.locationId, quantity: allocations.quantity })
    .from(allocations)
    .innerJoin(orderLines, eq(orderLines.id, allocations.orderLineId))
    .where(
      and(eq(orderLines.orderId, orderId), eq(allocations.kind, "stock"), isNull(allocations.consumedAt), isNull(allocations.releasedAt)),
    )
    .orderBy(asc(orderLines.variantId));
  for (const row of rows) {
    await tx
      .update(inventoryLevels)
      .set({ onHand: sql`${inventoryLevels.onHand} - ${row.quantity}`, reserved: sql`${inventoryLevels.reserved} - ${row.quantity}` })
      .where(and(eq(inventoryLevels.variantId, row.variantId), eq(inventoryLevels.locationId, row.locationId!)));
  }
  if (rows.length) {
    await Promise.all([
      tx.insert(inventoryMovements).values(
        rows.map((r) => ({
          variantId: r.variantId,
          locationId: r.locationId!,
          onHandDelta: -r.quantity,
          reservedDelta: -r.quantity,
          reason: "sold in store",
          reference: number,
          actor,
        })),
      ),
      tx
        .update(allocations)
        .set({ consumedAt: sql`now()` })
        .where(
          inArray(
            allocations.id,
            rows.map((r) => r.id),
          ),
        ),
    ]);
  }
  return rows.reduce((n, r) => n + r.quantity, 0);
}

/**
 * A sale taken offline sold pieces that were physically on the shelf. If the count says fewer are
 * free (sold meanwhile, or miscounted), the count is corrected up first, with its own movement,
 * so the sale takes stock and never sends a piece the customer already has to production.
 */
async function correctShelfForOfflineSale(tx: Executor, locationId: number, totals: CartTotals, key: string, actor: string) {
  for (const line of totals.lines) {
    const [level] = await tx
      .select({ free: sql<number>`(${inventoryLevels.onHand} - ${inventoryLevels.reserved})::int` })
      .from(inventoryLevels)
      .where(and(eq(inventoryLevels.variantId, line.variantId), eq(inventoryLevels.locationId, locationId)))
      .for("update");
    const short = line.quantity - Math.max(0, level?.free ?? 0);
    if (short <= 0) continue;
    await tx
      .insert(inventoryLevels)
      .values({ variantId: line.variantId, locationId, onHand: short })
      .onConflictDoUpdate({
        target: [inventoryLevels.variantId, inventoryLevels.locationId],
        set: { onHand: sql`${inventoryLevels.onHand} + ${short}` },
      });
    await tx.insert(inventoryMovements).values({
      variantId: line.variantId,
      locationId,
      onHandDelta: short,
      reason: "count correction: sold while offline",
      reference: saleKey(key),
      actor,
    });
  }
}

// ---------------------------------------------------------------- reading a sale

export async function getSale(number: string) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.number, number), eq(orders.channel, "pos")));
  if (!order) return null;
  const [lines, tenderRows, returnRows, stockRows, requests, returnedRows, event, soldCards] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.id)),
    db.select().from(tenders).where(eq(tenders.orderId, order.id)).orderBy(asc(tenders.createdAt), asc(tenders.id)),
    db.select().from(schema.posReturns).where(eq(schema.posReturns.orderId, order.id)).orderBy(asc(schema.posReturns.createdAt)),
    db
      .select({ orderLineId: allocations.orderLineId, quantity: sql<number>`sum(${allocations.quantity})::int` })
      .from(allocations)
      .innerJoin(orderLines, eq(orderLines.id, allocations.orderLineId))
      .where(and(eq(orderLines.orderId, order.id), eq(allocations.kind, "stock"), sql`${allocations.consumedAt} is not null`))
      .groupBy(allocations.orderLineId),
    db
      .select({
        number: schema.productionRequests.number,
        orderLineId: schema.productionRequests.orderLineId,
        quantity: schema.productionRequests.quantity,
        status: schema.productionRequests.status,
      })
      .from(schema.productionRequests)
      .where(eq(schema.productionRequests.orderId, order.id)),
    db
      .select({ orderLineId: schema.posReturnLines.orderLineId, quantity: sql<number>`sum(${schema.posReturnLines.quantity})::int` })
      .from(schema.posReturnLines)
      .innerJoin(schema.posReturns, eq(schema.posReturns.id, schema.posReturnLines.returnId))
      .where(eq(schema.posReturns.orderId, order.id))
      .groupBy(schema.posReturnLines.orderLineId),
    db
      .select({ actor: schema.orderEvents.actor, data: schema.orderEvents.data })
      .from(schema.orderEvents)
      .where(and(eq(schema.orderEvents.orderId, order.id), eq(schema.orderEvents.type, "sold_in_store")))
      .limit(1),
    cardsSoldWith(order.id),
  ]);
  // The one return record of each counter return (its number, and the exchange's own order).
  const records = returnRows.length
    ? await db.execute<{ key: string; number: string; exchange_number: string | null; reason: string; note: string }>(sql`
        select substr(r.idempotency_key, 12) as key, r.number, x.number as exchange_number, r.reason, r.note
          from returns r left join orders x on x.id = r.exchange_order_id
         where r.order_id = ${order.id} and r.channel = 'pos'`)
    : [];
  const recordOf = new Map(records.map((r) => [r.key, r]));
  // What each line was exchanged for at the counter: the receipt says so rather than "returned".
  const swapped = returnRows.length
    ? await db.execute<{ order_line_id: number; quantity: number; title: string; product: string; exchange_number: string | null }>(sql`
        select rl.order_line_id, rl.quantity, v.title, p.title as product, x.number as exchange_number
          from return_lines rl
          join returns r on r.id = rl.return_id
          join variants v on v.id = rl.exchange_variant_id
          join products p on p.id = v.product_id
          left join orders x on x.id = r.exchange_order_id
         where r.order_id = ${order.id} and r.channel = 'pos' and r.status <> 'cancelled'
         order by rl.id`)
    : [];
  const taken = new Map(stockRows.map((r) => [r.orderLineId, r.quantity]));
  const returned = new Map(returnedRows.map((r) => [r.orderLineId, r.quantity]));
  const staffId = Number(event[0]?.actor?.replace("staff:", ""));
  const [cashier] = Number.isInteger(staffId)
    ? await db.select({ name: schema.staffUsers.name }).from(schema.staffUsers).where(eq(schema.staffUsers.id, staffId))
    : [];
  return {
    order,
    cashier: cashier?.name ?? null,
    lines: lines.map((l) => ({
      ...l,
      taken: taken.get(l.id) ?? 0,
      returned: returned.get(l.id) ?? 0,
      /** Of those returned, the ones exchanged: for what, and the exchange's own order. */
      exchanged: swapped
        .filter((x) => Number(x.order_line_id) === l.id)
        .map((x) => ({
          quantity: Number(x.quantity),
          for: x.title && x.title !== "Default" ? `${x.product} — ${x.title}` : x.product,
          number: x.exchange_number,
        })),
      returnable: Math.max(0, (taken.get(l.id) ?? 0) - (returned.get(l.id) ?? 0)),
      requests: requests.filter((r) => r.orderLineId === l.id),
    })),
    tenders: tenderRows,
    returns: returnRows.map((r) => ({
      ...r,
      returnNumber: recordOf.get(r.idempotencyKey)?.number ?? null,
      exchangeNumber: recordOf.get(r.idempotencyKey)?.exchange_number ?? null,
      // The record's reason code (the web's list) and the cashier's words; older counter returns kept free text here.
      reason: recordOf.get(r.idempotencyKey)?.reason ?? r.reason,
      note: recordOf.get(r.idempotencyKey)?.note ?? "",
    })),
    refunded: returnRows.reduce((sum, r) => sum + r.amount, 0),
    soldCards,
  };
}

export type Sale = NonNullable<Awaited<ReturnType<typeof getSale>>>;

/**
 * The shift's sales, newest first, for the register's "recent sales" list: orders paid in this
 * shift. An exchange's difference taken now is a return's tender, not a sale: it doesn't bring an
 * older sale back into the list.
 */
export async function recentSales(shiftId: number, limit = 8) {
  return db
    .select({ number: orders.number, total: orders.total, currency: orders.currency, placedAt: orders.placedAt, status: orders.status })
    .from(orders)
    .where(
      sql`${orders.id} in (select ${tenders.orderId} from ${tenders}
            where ${tenders.shiftId} = ${shiftId} and ${tenders.amount} > 0 and ${tenders.returnId} is null)`,
    )
    .orderBy(sql`${orders.placedAt} desc`, sql`${orders.id} desc`)
    .limit(limit);
}
