/** The register's action: the cart's own edits (JavaScript off) and the charge. */
import { randomUUID } from "node:crypto";
import { data } from "@remix-run/node";
import type { Staff } from "~/domain/accounts/index.server";
import {
  EMPTY_CART,
  addGiftCard,
  addItem,
  attachCustomer,
  catalogIndex,
  detachCustomer,
  chargeSchema,
  editLines,
  parseCart,
  quickCustomerSchema,
  removeGiftCard,
  removeLine,
  scan,
  sellGiftCardSchema,
  shippingAddressOf,
  type Cart,
  type CartResult,
} from "~/domain/pos";
import { unsoldCard } from "~/domain/giftcards/index.server";
import { customerForRegister, currentShift, quickCreateCustomer, recordSale, registerCatalog } from "~/domain/pos/index.server";
import { clientAddress } from "~/lib/client-address";
import { secureCookies } from "~/lib/env.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatMoney } from "~/lib/money";
import { Refusal } from "~/lib/refusal";
import { parseWith } from "~/lib/validation";
import { keptSaleCookie, readKeptSale } from "./register/sale-cookie";
import { lineEditsOf, type RegisterReply } from "./register/sale-form";

const reply = (body: RegisterReply, status = body.ok ? 200 : 422, headers?: HeadersInit) => data(body, { status, headers });

/** The sale kept on this register for the open shift (its cart and key), or a fresh one. */
export async function keptSale(request: Request) {
  const shift = await currentShift();
  if (!shift) return null;
  return readKeptSale(request.headers.get("Cookie"), shift.id) ?? { shift: shift.id, key: randomUUID(), cart: EMPTY_CART };
}

export async function registerAction(request: Request, form: FormData, staff: Staff) {
  const cart = parseCart(form.get("cart"));
  const intent = String(form.get("intent") ?? "");
  if (intent === "charge") return charge(request, form, cart, staff);
  const [kept, edited] = await Promise.all([
    keptSale(request),
    intent === "sell-gift-card"
      ? sellGiftCard(request, form, cart)
      : CUSTOMER_INTENT.test(intent)
        ? editCustomer(form, cart, intent, staff)
        : editCart(form, cart, intent),
  ]);
  if (!kept || edited.status === 400) return reply(edited.body, edited.status);
  // "New sale" starts over with a new key; any other edit keeps the sale (and its key) on the register.
  const next = intent === "clear" ? null : { ...kept, cart: edited.body.cart };
  return reply(edited.body, edited.status, { "Set-Cookie": keptSaleCookie(next, secureCookies()) });
}

const CUSTOMER_INTENT = /^(attach-customer:\d+|detach-customer|create-customer)$/;

/**
 * The sale's customer: attach one found in the search, detach them, or add one (name, and an email
 * or phone: one already on file is refused, naming who has it, so the cashier attaches them instead).
 */
async function editCustomer(form: FormData, cart: Cart, intent: string, staff: Staff): Promise<{ body: RegisterReply; status: number }> {
  if (intent === "detach-customer")
    return {
      body: { ok: true, cart: detachCustomer(cart), message: "Customer detached: the sale is a walk-in.", customer: null },
      status: 200,
    };
  const shift = await currentShift();
  const currency = shift?.currency ?? "USD";
  if (intent.startsWith("attach-customer:")) {
    const customer = await customerForRegister(Number(intent.slice("attach-customer:".length)), currency);
    if (!customer) return { body: { ok: false, cart, message: "That customer is no longer on file: search again." }, status: 404 };
    return {
      body: {
        ok: true,
        cart: attachCustomer(cart, customer.id),
        message: `${customer.name || "The customer"} is attached to the sale.`,
        customer,
      },
      status: 200,
    };
  }
  const values = {
    customerName: String(form.get("customerName") ?? ""),
    customerEmail: String(form.get("customerEmail") ?? ""),
    customerPhone: String(form.get("customerPhone") ?? ""),
  };
  const parsed = parseWith(quickCustomerSchema, form);
  if (!parsed.ok) {
    const [field, message] = Object.entries(parsed.errors)[0] ?? ["customerName", "Check the customer's details."];
    return { body: { ok: false, cart, message, field, errors: parsed.errors, values }, status: 422 };
  }
  const created = await quickCreateCustomer(parsed.data, staff, currency);
  if (!created.ok)
    return {
      body: { ok: false, cart, message: created.message, field: created.field, values, duplicate: created.existing },
      status: created.status,
    };
  return {
    body: {
      ok: true,
      cart: attachCustomer(cart, created.customer.id),
      message: `Added ${created.customer.name} and attached them to the sale.`,
      customer: created.customer,
    },
    status: 200,
  };
}

/** The cart's own edits (the tablet does these itself; this is the same rule with JavaScript off). */
async function editCart(form: FormData, cart: Cart, intent: string): Promise<{ body: RegisterReply; status: number }> {
  const catalogItems = await registerCatalog();
  const catalog = catalogIndex(catalogItems);
  let result: CartResult;
  if (intent === "scan") result = scan(cart, catalogItems, String(form.get("code") ?? ""));
  else if (intent.startsWith("add:")) {
    const item = catalog.get(Number(intent.slice(4)));
    result = item ? addItem(cart, item) : { ok: false, cart, message: "That piece is no longer for sale." };
  } else if (intent.startsWith("remove:")) result = { ok: true, cart: removeLine(cart, Number(intent.slice(7))), message: "Removed." };
  else if (intent.startsWith("remove-gift-card:"))
    result = { ok: true, cart: removeGiftCard(cart, intent.slice("remove-gift-card:".length)), message: "Gift card removed." };
  else if (intent === "update") result = editLines(cart, lineEditsOf(form, cart), catalog);
  else if (intent === "clear") result = { ok: true, cart: EMPTY_CART, message: "New sale: the register is clear." };
  else return { body: { ok: false, cart, message: "Unknown action." }, status: 400 };
  const body: RegisterReply = result.ok
    ? { ok: true, cart: result.cart, message: result.message }
    : { ok: false, cart: result.cart, message: result.message, matches: result.matches };
  return { body, status: body.ok ? 200 : 422 };
}

/**
 * "Sell gift card": the card's number and amount join the sale as a line, once the number names an
 * unsold printed card (refused with why otherwise: already active, unknown, another currency).
 * Nothing is activated here: the card gets its value in the sale's own transaction, when it is paid.
 */
async function sellGiftCard(request: Request, form: FormData, cart: Cart): Promise<{ body: RegisterReply; status: number }> {
  const parsed = parseWith(sellGiftCardSchema, form);
  const values = { sellCardCode: String(form.get("sellCardCode") ?? ""), sellOther: String(form.get("sellOther") ?? "") };
  if (!parsed.ok) {
    const [field, message] = Object.entries(parsed.errors)[0] ?? ["sellCardCode", "Check the gift card's number and amount."];
    return { body: { ok: false, cart, message, field, errors: parsed.errors, values }, status: 422 };
  }
  const shift = await currentShift();
  const currency = shift?.currency ?? "USD";
  const added = addGiftCard(cart, parsed.data.code, parsed.data.amount, currency);
  if (!added.ok) return { body: { ok: false, cart, message: added.message, field: "sellCardCode", values }, status: 422 };
  const card = await unsoldCard({ code: parsed.data.code, currency, address: clientAddress(request.headers) });
  if (!card.ok) return { body: { ok: false, cart, message: card.message, field: "sellCardCode", values }, status: card.status };
  return { body: { ok: true, cart: added.cart, message: added.message }, status: 200 };
}

async function charge(request: Request, form: FormData, cart: Cart, staff: Staff) {
  const parsed = parseWith(chargeSchema, form);
  if (!parsed.ok) {
    const [field, message] = Object.entries(parsed.errors)[0] ?? ["form", "Check the payment details."];
    return reply({ ok: false, cart, message, field, errors: parsed.errors, values: echoed(form) }, 400);
  }
  const address = shippingAddressOf(parsed.data);
  const values = echoed(form);
  const customer = await customerForRegister(cart.customerId);
  if (!address.ok) return reply({ ok: false, cart, message: address.message, field: "address", values });
  try {
    const sale = await recordSale({
      key: parsed.data.key,
      cart,
      tender: { mode: parsed.data.mode, cashGiven: parsed.data.cashGiven, cardAmount: parsed.data.cardAmount },
      giftCard: parsed.data.giftCardCode ? { code: parsed.data.giftCardCode, amount: parsed.data.giftCardAmount } : null,
      email: parsed.data.email ?? null,
      receiptPhone: parsed.data.receiptPhone ?? null,
      shippingAddress: address.address,
      approval: { email: parsed.data.managerEmail ?? null, pin: parsed.data.managerPin ?? null, address: clientAddress(request.headers) },
      staff,
    });
    const change = formatMoney({ amount: sale.changeDue, currency: sale.totals.currency });
    return redirectWithFlash(
      request,
      `/pos/sales/${sale.number}`,
      {
        kind: "success",
        message: sale.created
          ? `Sale ${sale.number} recorded.${sale.changeDue ? ` Change due: ${change}.` : ""}${
              sale.giftCard
                ? ` Gift card ····${sale.giftCard.last4} paid ${formatMoney({ amount: sale.giftCard.amount, currency: sale.totals.currency })} and has ${formatMoney({ amount: sale.giftCard.balanceAfter, currency: sale.totals.currency })} left.`
                : ""
            }${(sale.soldCards ?? []).map((c) => ` Gift card ····${c.last4} activated with ${formatMoney({ amount: c.amount, currency: sale.totals.currency })}.`).join("")}${
              sale.textedTo ? ` Receipt texted to ${sale.textedTo}.` : ""
            }${customer ? ` Customer: ${customer.name || customer.email || customer.phone}.` : ""}`
          : `Sale ${sale.number} was already recorded; nothing was charged twice.`,
      },
      // Paid: the register forgets the sale, and the next one starts with a new key.
      { cookies: [keptSaleCookie(null, secureCookies())] },
    );
  } catch (error) {
    if (error instanceof Refusal) {
      return reply({ ok: false, cart, message: error.message, field: error.field, values, customer }, error.status);
    }
    throw error;
  }
}

/** The charge form's fields to fill it in again: never the manager's password, never the cart (sent apart). */
function echoed(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries())
    if (typeof value === "string" && name !== "managerPin" && name !== "cart") values[name] = value;
  return values;
}
