/**
 * Web checkout: the bag plus contact, address, shipping and discount (kept on the cart row), priced
 * by domain/pricing, paid through the payment provider, and committed by domain/orders.
 * An order exists only once the provider has said the payment succeeded.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Address } from "#db/schema";
import { hashSecret, recordSignUp } from "~/domain/accounts/index.server";
import { loadCart, loadCartWithCheckout, type Alongside, type CartView } from "~/domain/cart/index.server";
import { WEB_STOCK_LOCATION_CODES } from "~/domain/inventory";
import { GIFT_CARD_PAYMENT_PROVIDER, giftCardPaymentRef, splitOverCards, type CardUse } from "~/domain/giftcards";
import { applyGiftCardToBag, redeemGiftCard, removeGiftCardFromBag, type ApplyResult } from "~/domain/giftcards/index.server";
import { commitOrderPipelined } from "~/domain/orders/index.server";
import { paymentProvider } from "~/domain/payments/index.server";
import {
  evaluateDiscount,
  parseTaxRates,
  priceCheckout,
  shippingOptions,
  type DiscountResult,
  type ShippingCode,
  type ShippingOption,
  type Totals,
} from "~/domain/pricing";
import { MARKET_CODES, MARKETS, toSettlement, type MarketCode } from "~/domain/markets";
import { COUNTRIES } from "./countries";
import { db, leanTransaction, schema, sendText, TextParams, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { Refusal } from "~/lib/refusal";

/** Where web orders are filled from, fastest first (the flagship's shelf is for the store). */
export { WEB_STOCK_LOCATION_CODES as WEB_STOCK_LOCATIONS } from "~/domain/inventory";

export type Settlement = { currency: "USD"; total: number; ratePpm: number };

export type CheckoutState = {
  cart: CartView;
  email: string | null;
  address: Address | null;
  shippingMethod: ShippingCode | null;
  shippingOptions: ShippingOption[];
  discountCode: string | null;
  discount: DiscountResult | null;
  totals: Totals;
  /** Gift cards applied, each with what it pays of the total (in the order applied) and what it keeps. */
  giftCards: CardUse[];
  giftCardTotal: number;
  /** What is left for the card after the gift cards: the amount charged. */
  amountDue: number;
  /** The total in US dollars at the bag's market's stored rate (the order keeps it and the rate). */
  settlement: Settlement;
  /** Every step done: the pay button can be shown. */
  ready: boolean;
};

async function findDiscount(executor: Executor, code: string) {
  const [rule] = await executor.select().from(schema.discountCodes).where(sql`upper(${schema.discountCodes.code}) = upper(${code})`);
  return rule ?? null;
}

export async function checkoutState(cartId: string, executor: Executor = db, now = new Date()): Promise<CheckoutState | null> {
  const loaded = await loadCartWithCheckout(cartId, executor);
  return loaded ? priceBag(loaded, executor, now) : null;
}

/** The bag priced for checkout (checkoutState), from the bag as loaded. */
async function priceBag(
  loaded: NonNullable<Awaited<ReturnType<typeof loadCartWithCheckout>>>,
  executor: Executor,
  now: Date,
): Promise<CheckoutState> {
  const { cart } = loaded;
  const row = {
    email: cart.email,
    address: loaded.checkout.shippingAddress,
    method: loaded.checkout.shippingMethod,
    code: loaded.checkout.discountCode,
  };
  const lines = cart.lines
    .filter((l) => l.purchasable)
    .map((l) => ({ variantId: l.variantId, quantity: l.quantity, unitPrice: l.unitPrice.amount }));
  const subtotal = cart.subtotal.amount;
  const { ratePpm } = loaded.checkout;
  const discount = row.code ? evaluateDiscount(await findDiscount(executor, row.code), subtotal, cart.currency, now, ratePpm) : null;
  const destination = row.address ? { country: row.address.country, region: row.address.region } : null;
  const options = destination ? shippingOptions(destination, subtotal, cart.market) : [];
  const method = options.some((o) => o.code === row.method) ? (row.method as ShippingCode) : null;
  const totals = priceCheckout({
    lines,
    destination,
    shipping: method,
    discount,
    taxRates: parseTaxRates(env().TAX_RATES),
    market: cart.market,
  });
  const paidByCards = splitOverCards(totals.total, cart.currency, loaded.checkout.giftCards);
  return {
    cart,
    email: row.email,
    address: row.address,
    shippingMethod: method,
    shippingOptions: options,
    discountCode: row.code,
    discount,
    totals,
    giftCards: paidByCards.uses,
    giftCardTotal: paidByCards.covered,
    amountDue: paidByCards.due,
    settlement: settlementOf(totals.total, cart.currency, ratePpm),
    ready: Boolean(lines.length && row.email && row.address && method && shipsInMarket(cart.market, row.address.country)),
  };
}

/** A bag in a market ships within it (its prices hold its tax); the US market ships anywhere we ship. */
export function shipsInMarket(market: MarketCode, country: string): boolean {
  return market === "us" || MARKETS[market].countries.includes(country.toUpperCase());
}

/** The order's total in US dollars at the market's stored rate now (what ops and the ledger see), and that rate. */
export function settlementOf(total: number, currency: string, ratePpm: number): Settlement {
  if (currency === "USD") return { currency: "USD", total, ratePpm: 1_000_000 };
  return { currency: "USD", total: toSettlement(total, ratePpm), ratePpm };
}

/**
 * Keeps the contact and address on the bag, if the bag's market ships there (one conditional write):
 * a bag priced for the UK (VAT included at the UK's rate) can't be sent to France at that price.
 * Otherwise says which market the shopper should switch to.
 */
export async function saveAddress(
  cartId: string,
  input: { email: string } & Address,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const { email, ...address } = input;
  const country = address.country.toUpperCase();
  const markets = ["us", ...MARKET_CODES.filter((m) => shipsInMarket(m, country) && m !== "us")];
  // SQL text (db/client.ts sendText): drizzle's update builder, then its `sql` template, cost several
  // times what the statement costs PostgreSQL (#14).
  const p = new TextParams();
  const [saved] = await sendText<{ id: string }>(
    db,
    `update carts set email = ${p.$(email)}, shipping_address = ${p.$(JSON.stringify(address))}, updated_at = now()
      where id = ${p.$(cartId)} and market in (${markets.map((m) => p.$(m)).join(", ")}) returning id`,
    p,
  );
  if (saved) return { ok: true };
  const [cart] = await db.select({ market: schema.carts.market }).from(schema.carts).where(eq(schema.carts.id, cartId));
  if (!cart) return { ok: false, message: "Your bag is empty." };
  const bag = MARKETS[cart.market as MarketCode];
  const there = MARKET_CODES.find((m) => m !== "us" && shipsInMarket(m, country)) ?? "us";
  return {
    ok: false,
    message: `Your bag is priced for ${marketName(bag.code)} (${bag.currency}) and ships to ${bag.countries.length > 1 ? "its countries" : marketName(bag.code)} only. To ship to ${COUNTRIES[country] ?? country}, switch to ${marketName(there)} at the top of the page: your bag will be priced in ${MARKETS[there].currency}.`,
  };
}

/** "the United Kingdom", "Canada". */
export function marketName(market: MarketCode): string {
  return `${market === "us" || market === "gb" ? "the " : ""}${MARKETS[market].name}`;
}

export async function saveShippingMethod(cartId: string, method: ShippingCode) {
  const p = new TextParams();
  await sendText(db, `update carts set shipping_method = ${p.$(method)}, updated_at = now() where id = ${p.$(cartId)}`, p);
}

/** Applies a code if it applies now; otherwise says why and leaves the cart as it was. */
export async function applyDiscountCode(cartId: string, code: string, now = new Date()): Promise<DiscountResult> {
  const loaded = await loadCartWithCheckout(cartId);
  if (!loaded) return { ok: false, reason: "Your bag is empty." };
  const { cart } = loaded;
  const result = evaluateDiscount(await findDiscount(db, code), cart.subtotal.amount, cart.currency, now, loaded.checkout.ratePpm);
  if (result.ok) await db.update(schema.carts).set({ discountCode: code }).where(eq(schema.carts.id, cartId));
  return result;
}

export async function removeDiscountCode(cartId: string) {
  await db.update(schema.carts).set({ discountCode: null }).where(eq(schema.carts.id, cartId));
}

/** A gift card code typed at checkout (throttled per address and per bag, domain/giftcards): applied to the bag, or why not. */
export async function applyGiftCard(cartId: string, code: string, address: string | null): Promise<ApplyResult> {
  const cart = await loadCart(cartId);
  if (!cart) return { ok: false, status: 409, message: "Your bag is empty." };
  return applyGiftCardToBag({ cartId, currency: cart.currency, code, address });
}

export async function removeGiftCard(cartId: string, giftCardId: number) {
  await removeGiftCardFromBag(cartId, giftCardId);
}

/**
 * The gift cards' part of an order's payment, in the order's transaction: each card's share is
 * taken off it (a conditional update: a card spent meanwhile refuses, and the whole order rolls
 * back) and recorded as a payment of the order, so a refund can go back onto the card.
 */
export async function redeemBagGiftCards(
  tx: Executor,
  uses: CardUse[],
  order: { id: number; currency: string; key: string; actor: string },
) {
  for (const use of uses) {
    if (use.amount <= 0) continue;
    await redeemGiftCard(tx, {
      giftCardId: use.id,
      amount: use.amount,
      currency: order.currency,
      orderId: order.id,
      reference: `order:${order.key}:gift_card:${use.id}`,
      actor: order.actor,
    });
    await tx.insert(schema.payments).values({
      orderId: order.id,
      provider: GIFT_CARD_PAYMENT_PROVIDER,
      providerRef: giftCardPaymentRef(use.id, order.id),
      amount: use.amount,
      currency: order.currency,
      status: "succeeded",
    });
  }
}

export type PayInput = {
  idempotencyKey: string;
  expectedTotal: number;
  card: { number: string; expiry: string; cvc: string };
  customerId: number | null;
  createAccountPassword?: string;
};

export type PayResult =
  | { ok: true; orderNumber: string; customerId: number | null }
  | { ok: false; status: 400 | 402 | 409 | 422; message: string; field?: "card" | "number" | "expiry" | "cvc" | "password" };

const CHARGE_RETURNED =
  "This payment was cancelled and its money returned to your card, so no order was placed. Check your order below and pay again.";
/** What the order's claim of a returned charge fails with (commit.server.ts). */
const CHARGE_RETURNED_MARK = "charge-returned";

/** The order already made with this submit key, if any: a second submit lands on the same order. */
export async function orderForKey(idempotencyKey: string) {
  const [order] = await db
    .select({ number: schema.orders.number, customerId: schema.orders.customerId })
    .from(schema.orders)
    .where(eq(schema.orders.idempotencyKey, idempotencyKey));
  return order ?? null;
}

/**
 * Charges the card and commits the order. A decline makes no order and keeps the bag; the same
 * submit key twice makes one order (and one charge: the key is also the provider's idempotency key).
 */
export async function payAndPlaceOrder(cartId: string, input: PayInput): Promise<PayResult> {
  const provider = paymentProvider();
  const passwordTooShort = input.createAccountPassword !== undefined && input.createAccountPassword.length < 8;
  // The charge's row (on record before the card is charged: should this process die before the order
  // is written, the reconcile sweep finds it and its job finishes the order or gives the money back)
  // is written by the statement that reads the bag, for the total the shopper saw: one round trip
  // fewer (#14). Only a new key writes it there; a refusal below takes that row back.
  const { state, chargeId } = await checkoutStateWithCharge(
    cartId,
    input.expectedTotal > 0 && !passwordTooShort
      ? { provider: provider.name, idempotencyKey: input.idempotencyKey, amount: input.expectedTotal }
      : null,
  );
  const refuse = async (result: PayResult) => {
    if (chargeId !== null) await forgetChargeAttempt(chargeId);
    return result;
  };
  if (!state?.cart.lines.some((l) => l.purchasable)) {
    // The order deletes its bag: a form submitted again after it was placed lands on that order.
    const previous = await orderForKey(input.idempotencyKey);
    if (previous) return refuse({ ok: true, orderNumber: previous.number, customerId: previous.customerId });
    return refuse({ ok: false, status: 409, message: "Your bag is empty." });
  }
  if (!state.ready || !state.address || !state.email || !state.shippingMethod) {
    return refuse({ ok: false, status: 409, message: "Please complete your address and shipping method first." });
  }
  if (state.amountDue !== input.expectedTotal) {
    return refuse({
      ok: false,
      status: 409,
      message: "Your order total changed since this page was loaded. Please review it and pay again.",
    });
  }
  if (passwordTooShort) {
    return refuse({
      ok: false,
      status: 422,
      field: "password",
      message: "Choose a password of at least 8 characters, or untick “Create an account”.",
    });
  }
  const due = state.amountDue;
  const actor = `customer:${state.email}`;
  // Gift cards cover it all: no card to charge, the order and the redemptions commit together.
  if (due === 0) return placeOrder(cartId, state, input, null, actor);
  // This key was used before (a retry after a decline, a double submit): its row goes back to
  // "charging", its grace period from now, as a new one would be — unless its order already holds it.
  if (chargeId === null) {
    const attempt = await recordChargeAttempt({
      provider: provider.name,
      idempotencyKey: input.idempotencyKey,
      amount: due,
      currency: state.cart.currency,
      cartId,
    });
    if (attempt === "returned") return { ok: false, status: 409, message: CHARGE_RETURNED };
  }
  const outcome = await provider.charge({
    amount: due,
    currency: state.cart.currency,
    idempotencyKey: input.idempotencyKey,
    description: `Soko order for ${state.email}`,
    metadata: { cartId },
    card: input.card,
  });
  if (outcome.status === "declined") {
    await settleChargeAttempt(input.idempotencyKey, { status: "declined", providerRef: outcome.providerRef ?? null });
    const field =
      outcome.code === "invalid_number"
        ? "number"
        : outcome.code === "invalid_expiry"
          ? "expiry"
          : outcome.code === "invalid_cvc"
            ? "cvc"
            : "card";
    return { ok: false, status: field === "card" ? 402 : 422, message: outcome.message, field };
  }
  if (outcome.status !== "succeeded") {
    // Not charged (yet): the reconcile job asks the provider later and cancels what never completed.
    await settleChargeAttempt(input.idempotencyKey, { status: "charging", providerRef: outcome.providerRef });
    return { ok: false, status: 402, message: "Your bank asked for more verification. Please try again." };
  }
  // The charge's row learns it succeeded (and its reference) in the order's own transaction
  // (commitOrder claims it): one statement fewer. Should this process die first, the row still
  // says "charging" and the reconcile job asks the provider by the key, as it would have anyway.
  return placeOrder(cartId, state, input, { provider: provider.name, providerRef: outcome.providerRef, amount: due }, actor);
}

/** The order's transaction after the card (if any) was charged; a failure gives the charge back. */
async function placeOrder(
  cartId: string,
  state: CheckoutState,
  input: PayInput,
  charged: { provider: "local" | "stripe"; providerRef: string; amount: number } | null,
  actor: string,
): Promise<PayResult> {
  const provider = paymentProvider();
  const giveBack = async () => {
    if (!charged) return;
    const outcome = charged;
    // Claimed for its refund first, in one statement: a charge another submit's order already holds
    // is not refunded (that order is paid with it), and that order can no longer claim one refunded.
    const claimed = await db.execute(sql`
      update payments set status = 'refunding', provider_ref = ${outcome.providerRef}, updated_at = now()
       where idempotency_key = ${input.idempotencyKey} and order_id is null and status not in ('refunding', 'refunded')
       returning id`);
    if (!claimed.length) return;
    try {
      await provider.refund({
        providerRef: outcome.providerRef,
        amount: outcome.amount,
        idempotencyKey: `void:${input.idempotencyKey}`,
      });
      await settleChargeAttempt(input.idempotencyKey, { status: "refunded", providerRef: outcome.providerRef });
    } catch (error) {
      // The money is owed back: the reconcile job tries the refund again (never the order).
      await settleChargeAttempt(input.idempotencyKey, { status: "refunding", providerRef: outcome.providerRef });
      console.error(`Refund of ${outcome.providerRef} failed; the reconcile job will retry it:`, error);
    }
  };
  const passwordHash = input.createAccountPassword ? await hashSecret(input.createAccountPassword) : null;
  try {
    // BEGIN goes out with the order's first statements (leanTransaction): one round trip fewer (#14).
    const placed = await leanTransaction(async (tx) => {
      // A guest order, even with "Create an account" ticked: the account is made only by the emailed
      // link (docs/decisions/0029), which then attaches this order. The bag is taken in the order's
      // own insert (commitOrder's takeCartId): that also serialises two submits of the same bag (the
      // second waits on its row, finds none, and lands on the order the first made).
      const customerId = input.customerId;
      const takeCartId = cartId;
      // Its last batch of writes is not waited for: the lean transaction's COMMIT goes out with it (#14).
      const order = await commitOrderPipelined(tx, {
        channel: "web",
        email: state.email!,
        customerId,
        shippingAddress: state.address,
        shippingMethod: state.shippingMethod,
        currency: state.cart.currency,
        market: state.cart.market,
        settlement: state.settlement,
        lines: state.cart.lines
          .filter((l) => l.purchasable)
          .map((l) => ({ variantId: l.variantId, quantity: l.quantity, unitPrice: l.unitPrice.amount })),
        totals: state.totals,
        discountCode: state.discount?.ok ? state.discount.code : null,
        idempotencyKey: input.idempotencyKey,
        stockLocationCodes: WEB_STOCK_LOCATION_CODES,
        // The charge's own row (written before charging) becomes the order's, in the order's own batch of writes.
        payment: charged
          ? {
              provider: charged.provider,
              providerRef: charged.providerRef,
              amount: charged.amount,
              currency: state.cart.currency,
              idempotencyKey: input.idempotencyKey,
            }
          : null,
        paymentStatus: "paid",
        actor,
        takeCartId,
      });
      if (!order.created) {
        // The bag went with the first submit of this key: its order, as that submit made it.
        const [first] = await tx.execute<{ customer_id: number | null }>(sql`select customer_id from orders where id = ${order.id}`);
        return { number: order.number, customerId: first?.customer_id ?? null, created: false };
      }
      await redeemBagGiftCards(tx, state.giftCards, { id: order.id, currency: state.cart.currency, key: input.idempotencyKey, actor });
      return { number: order.number, customerId, created: true };
    });
    if (placed.created && passwordHash && !input.customerId) {
      // The same for an email with an account and one without: a pending sign-up and its job, which
      // emails the link, or leaves the account alone (the order's confirmation tells its owner to sign in).
      // After the order's commit: should this fail, the order stands (paid: never given back) and only the offer is lost.
      await db
        .transaction((tx) => recordSignUp(tx, { email: state.email!, name: state.address!.name, passwordHash, source: "checkout" }))
        .catch((error) => console.error(`Order ${placed.number}: its account offer was not recorded:`, error));
    }
    return { ok: true, orderNumber: placed.number, customerId: placed.customerId };
  } catch (error) {
    // The charge went through but the order could not be made: give the money back.
    await giveBack();
    // Another submit of this key gave its money back while this one made the order: nothing was written.
    if (error instanceof Error && error.message.includes(CHARGE_RETURNED_MARK)) return { ok: false, status: 409, message: CHARGE_RETURNED };
    // Refused inside (the bag went, a line that can't be sold): nothing was written.
    if (error instanceof Refusal && (error.status === 409 || error.status === 422)) {
      return {
        ok: false,
        status: error.status,
        message: error.message,
        ...(error.field === "password" ? { field: "password" as const } : {}),
      };
    }
    throw error;
  }
}

/**
 * The bag priced for checkout, and the charge's row for `charge` written in the same statement when
 * the bag is there and no row has this key yet (its id, else null): the row is a new key's first
 * write, in the bag's currency — what recordChargeAttempt writes.
 */
async function checkoutStateWithCharge(
  cartId: string,
  charge: { provider: string; idempotencyKey: string; amount: number } | null,
): Promise<{ state: CheckoutState | null; chargeId: number | null }> {
  const loaded = await loadCartWithCheckout(cartId, db, charge ? chargeAlongside(charge) : undefined);
  if (!loaded) return { state: null, chargeId: null };
  const chargeId = loaded.alongside === null || loaded.alongside === undefined ? null : Number(loaded.alongside);
  return { state: await priceBag(loaded, db, new Date()), chargeId };
}

function chargeAlongside(charge: { provider: string; idempotencyKey: string; amount: number }): Alongside {
  return (p, cart) => ({
    ctes: `charge as (
        insert into payments (order_id, provider, provider_ref, idempotency_key, cart_id, amount, currency, status)
        select null, ${p.$(charge.provider)}, null, ${p.$(charge.idempotencyKey)}, c.id, ${p.$(charge.amount)}::int, c.currency, 'charging'
          from carts c where c.id = ${cart}
        on conflict (idempotency_key) do nothing
        returning id
      )`,
    value: "(select id from charge)",
  });
}

/**
 * A charge's row written with the bag's read, taken back when the pay was refused before any card
 * was charged: only while nobody else touched it (a second submit of the key rewrites updated_at
 * before charging).
 */
async function forgetChargeAttempt(chargeId: number) {
  await db.execute(sql`
    delete from payments
     where id = ${chargeId} and order_id is null and status = 'charging' and provider_ref is null and updated_at = created_at`);
}

/**
 * The charge's row, written before the card is charged. Should the order never follow, the reconcile
 * sweep finds it "charging" a couple of minutes on and queues its reconcile_charge job
 * (reconcile.server.ts, docs/decisions/0033).
 */
async function recordChargeAttempt(input: {
  provider: string;
  idempotencyKey: string;
  amount: number;
  currency: string;
  cartId: string;
}): Promise<"armed" | "held" | "returned"> {
  // One statement, so one round trip and atomic without a transaction. The same key again (a retry
  // after a decline, a double submit) charges again under that key: back to "charging", its grace
  // period from now — unless its order already holds it.
  const armed = await db.execute(sql`
    insert into payments (order_id, provider, provider_ref, idempotency_key, cart_id, amount, currency, status)
    values (null, ${input.provider}, null, ${input.idempotencyKey}, ${input.cartId}, ${input.amount}, ${input.currency}, 'charging')
    on conflict (idempotency_key) do update set status = 'charging', cart_id = excluded.cart_id, updated_at = now()
    where payments.order_id is null and payments.status not in ('refunding', 'refunded')
    returning id`);
  if (armed.length) return "armed";
  // Not written: an order holds this key's charge (charging again under the key lands on it), or the
  // money charged under it went back. A key whose money went back is never charged again: the
  // provider would answer with the first, refunded, charge (its idempotent replay), and an order
  // would be placed on money the shopper already has back.
  const [row] = await db.execute<{ returned: boolean }>(
    sql`select order_id is null and status in ('refunding', 'refunded') as returned from payments where idempotency_key = ${input.idempotencyKey}`,
  );
  return row?.returned ? "returned" : "held";
}

/** What the provider answered, on the charge's row (never over an order's: that one is settled). */
async function settleChargeAttempt(
  idempotencyKey: string,
  answer: { status: "charging" | "succeeded" | "declined" | "refunding" | "refunded"; providerRef: string | null },
) {
  await db
    .update(schema.payments)
    .set({ status: answer.status, providerRef: answer.providerRef, updatedAt: new Date() })
    .where(and(eq(schema.payments.idempotencyKey, idempotencyKey), isNull(schema.payments.orderId)));
}
