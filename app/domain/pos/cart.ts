/**
 * The register's cart: what the cashier scanned, the quantities and line discounts, and the totals
 * with the store's sales tax. Pure, so the same rules run on the server (forms with JavaScript off,
 * and again when a sale is recorded) and in the tablet's browser (instant scans, and offline).
 */
import { GIFT_CARD_MAX, GIFT_CARD_MIN, parseCode } from "~/domain/giftcards";
import { INT4_MAX } from "~/lib/input-rules";
import { formatMoney } from "~/lib/money";

/** A sellable variant as the register knows it. `onShelf` is the flagship's free stock. */
export type CatalogItem = {
  variantId: number;
  /** The product the variant belongs to: the register shows one tile per product, its variants inside. */
  productId: number;
  productTitle: string;
  /** "Gold", "Size 7"; null for a product's only (default) variant. */
  variantTitle: string | null;
  sku: string;
  barcode: string;
  /** "Product — Variant" (or the product alone): the line on the sale and the receipt. */
  title: string;
  category: string;
  price: number;
  currency: string;
  onShelf: number;
  image: string | null;
};

/** `discountPercent`: 0–100, whole or with up to two decimals. */
export type CartLine = { variantId: number; quantity: number; discountPercent: number };
/** A printed gift card being sold: its number (scanned or typed) and the amount put on it when the sale is paid. */
export type GiftCardSaleLine = { code: string; amount: number };
/** `customerId`: the customer attached to the sale (the order is theirs, the receipt goes to them); checked again when charged. */
export type Cart = { lines: CartLine[]; giftCards?: GiftCardSaleLine[]; customerId?: number };

export const EMPTY_CART: Cart = { lines: [] };
export const MAX_QUANTITY = 99;
export const MAX_LINES = 60;
/** Line discounts above this need a manager's approval. */
export const APPROVAL_THRESHOLD_PERCENT = 20;
/** Printed gift cards sold in one sale, at most. */
export const MAX_GIFT_CARDS = 10;

export type PricedCartLine = CartLine & {
  item: CatalogItem;
  gross: number;
  discount: number;
  total: number;
  /** Units not on the flagship's shelf: they become a special order (made and shipped). */
  toMake: number;
  needsApproval: boolean;
};

export type PricedGiftCard = GiftCardSaleLine & { last4: string };

export type CartTotals = {
  lines: PricedCartLine[];
  /** Printed gift cards sold: no tax, no stock, part of the subtotal. */
  giftCards: PricedGiftCard[];
  giftCardTotal: number;
  currency: string;
  subtotal: number;
  discountTotal: number;
  taxRate: number;
  taxTotal: number;
  total: number;
  needsApproval: boolean;
  specialOrder: boolean;
  units: number;
};

export type CartResult = { ok: true; cart: Cart; message: string } | { ok: false; cart: Cart; message: string; matches?: CatalogItem[] };

/** The minor units a percentage takes off a line, rounded half up to the cent. */
export function lineDiscount(gross: number, percent: number): number {
  return Math.min(gross, Math.round((gross * percent) / 100));
}

export function priceCart(cart: Cart, catalog: Map<number, CatalogItem>, taxRate: number, currency = "USD"): CartTotals {
  const lines: PricedCartLine[] = [];
  for (const line of cart.lines) {
    const item = catalog.get(line.variantId);
    if (!item) continue;
    const gross = item.price * line.quantity;
    const discount = lineDiscount(gross, line.discountPercent);
    lines.push({
      ...line,
      item,
      gross,
      discount,
      total: gross - discount,
      toMake: Math.max(0, line.quantity - Math.max(0, item.onShelf)),
      needsApproval: line.discountPercent > APPROVAL_THRESHOLD_PERCENT,
    });
  }
  const goods = lines.reduce((sum, l) => sum + l.gross, 0);
  const discountTotal = lines.reduce((sum, l) => sum + l.discount, 0);
  // Tax on what the customer pays for the goods, after line discounts, rounded half up. Gift cards are money, not goods: no tax.
  const taxTotal = Math.round(((goods - discountTotal) * taxRate) / 10_000);
  const giftCards = (cart.giftCards ?? []).map((g) => ({ ...g, last4: g.code.slice(-4) }));
  const giftCardTotal = giftCards.reduce((sum, g) => sum + g.amount, 0);
  const subtotal = goods + giftCardTotal;
  return {
    lines,
    giftCards,
    giftCardTotal,
    currency: lines[0]?.item.currency ?? currency,
    subtotal,
    discountTotal,
    taxRate,
    taxTotal,
    total: subtotal - discountTotal + taxTotal,
    needsApproval: lines.some((l) => l.needsApproval),
    specialOrder: lines.some((l) => l.toMake > 0),
    units: lines.reduce((sum, l) => sum + l.quantity, 0),
  };
}

/** A product on the register's grid: its variants in order, with the price range and the stock on the shelf. */
export type CatalogProduct = {
  productId: number;
  title: string;
  category: string;
  image: string | null;
  currency: string;
  minPrice: number;
  maxPrice: number;
  onShelf: number;
  variants: CatalogItem[];
};

/** Groups variants under their product, keeping the catalog's order (first appearance). */
export function groupByProduct(items: CatalogItem[]): CatalogProduct[] {
  const products = new Map<number, CatalogProduct>();
  for (const item of items) {
    const found = products.get(item.productId);
    if (found) {
      found.variants.push(item);
      found.minPrice = Math.min(found.minPrice, item.price);
      found.maxPrice = Math.max(found.maxPrice, item.price);
      found.onShelf += Math.max(0, item.onShelf);
      found.image ??= item.image;
    } else
      products.set(item.productId, {
        productId: item.productId,
        title: item.productTitle,
        category: item.category,
        image: item.image,
        currency: item.currency,
        minPrice: item.price,
        maxPrice: item.price,
        onShelf: Math.max(0, item.onShelf),
        variants: [item],
      });
  }
  return [...products.values()];
}

export function catalogIndex(items: CatalogItem[]): Map<number, CatalogItem> {
  return new Map(items.map((i) => [i.variantId, i]));
}

/**
 * What the "Scan or search" field found: a barcode or SKU exactly (a scanner types it and presses
 * Enter), otherwise products whose name holds every word typed.
 */
export function findItems(items: CatalogItem[], query: string): CatalogItem[] {
  const q = query.trim();
  if (!q) return [];
  const exact = items.find((i) => i.barcode === q || i.sku.toLowerCase() === q.toLowerCase());
  if (exact) return [exact];
  const words = q.toLowerCase().split(/\s+/);
  return items.filter((i) => {
    const title = i.title.toLowerCase();
    return words.every((w) => title.includes(w));
  });
}

export function addItem(cart: Cart, item: CatalogItem, quantity = 1): CartResult {
  const existing = cart.lines.find((l) => l.variantId === item.variantId);
  if (existing && existing.quantity + quantity > MAX_QUANTITY) {
    return { ok: false, cart, message: `At most ${MAX_QUANTITY} of one piece in a sale.` };
  }
  if (!existing && cart.lines.length >= MAX_LINES) return { ok: false, cart, message: `At most ${MAX_LINES} different pieces in a sale.` };
  const lines = existing
    ? cart.lines.map((l) => (l.variantId === item.variantId ? { ...l, quantity: l.quantity + quantity } : l))
    : [...cart.lines, { variantId: item.variantId, quantity, discountPercent: 0 }];
  return { ok: true, cart: { ...cart, lines }, message: `Added ${item.title}.` };
}

/**
 * Results while the cashier types (the register's search as you type): pieces whose name has every
 * word, or whose SKU starts with what was typed, at most `limit`. Nothing under two characters, and
 * nothing for digits alone: a scanner types a barcode in a burst and ends with Enter (scan adds it).
 */
export function searchAsYouType(items: CatalogItem[], query: string, limit = 12): CatalogItem[] {
  const q = query.trim().toLowerCase();
  if (q.length < 2 || /^\d+$/.test(q)) return [];
  const words = q.split(/\s+/);
  return items.filter((i) => i.sku.toLowerCase().startsWith(q) || words.every((w) => i.title.toLowerCase().includes(w))).slice(0, limit);
}

/** A scan or a typed search: one match is added; several are listed to choose from. */
export function scan(cart: Cart, items: CatalogItem[], query: string): CartResult {
  const q = query.trim();
  if (!q) return { ok: false, cart, message: "Scan a barcode, or type a SKU or a product name." };
  const found = findItems(items, q);
  if (found.length === 0) {
    return { ok: false, cart, message: /^\d{6,14}$/.test(q) ? `Unknown barcode ${q}: no piece has it.` : `Nothing matches "${q}".` };
  }
  if (found.length > 1)
    return { ok: false, cart, message: `${found.length} pieces match "${q}": choose one.`, matches: found.slice(0, 12) };
  return addItem(cart, found[0]);
}

/** Parses a percentage typed by the cashier ("15", "12.5", "15%"); null when it is not one. */
export function parsePercent(raw: string): number | null {
  const text = raw.trim().replace(/%$/, "").trim();
  if (text === "") return 0;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return null;
  return Number(text);
}

export type LineEdit = { variantId: number; quantity: string; discount: string };

/** Applies the cart form's edits; the first bad field stops it with a message and changes nothing. */
export function editLines(cart: Cart, edits: LineEdit[], catalog: Map<number, CatalogItem>): CartResult {
  const byVariant = new Map(edits.map((e) => [e.variantId, e]));
  const lines: CartLine[] = [];
  for (const line of cart.lines) {
    const edit = byVariant.get(line.variantId);
    if (!edit) {
      lines.push(line);
      continue;
    }
    const title = catalog.get(line.variantId)?.title ?? "this piece";
    const quantity = Number(edit.quantity.trim());
    if (!/^\d+$/.test(edit.quantity.trim()) || quantity < 1) {
      return { ok: false, cart, message: `Quantity for ${title} must be at least 1 (use Remove to take it off).` };
    }
    if (quantity > MAX_QUANTITY) return { ok: false, cart, message: `Quantity for ${title} can be at most ${MAX_QUANTITY}.` };
    const percent = parsePercent(edit.discount);
    if (percent === null) return { ok: false, cart, message: `Discount for ${title} must be a percentage from 0 to 100.` };
    if (percent > 100) return { ok: false, cart, message: `Discount for ${title} can't be more than 100%.` };
    lines.push({ variantId: line.variantId, quantity, discountPercent: percent });
  }
  return { ok: true, cart: { ...cart, lines }, message: "Cart updated." };
}

export function removeLine(cart: Cart, variantId: number): Cart {
  return { ...cart, lines: cart.lines.filter((l) => l.variantId !== variantId) };
}

/**
 * A printed gift card joins the sale: its number must be a well-formed code (the server checks, before
 * and again when the sale is paid, that it names an unsold card) and the amount within the limits.
 */
export function addGiftCard(cart: Cart, code: string, amount: number | null, currency = "USD"): CartResult {
  const parsed = parseCode(code);
  if (!parsed.ok) return { ok: false, cart, message: parsed.message };
  const range = `${formatMoney({ amount: GIFT_CARD_MIN, currency })} to ${formatMoney({ amount: GIFT_CARD_MAX, currency })}`;
  if (amount === null) return { ok: false, cart, message: `Choose the amount to put on the card (${range}).` };
  if (!Number.isSafeInteger(amount) || amount < GIFT_CARD_MIN || amount > GIFT_CARD_MAX)
    return { ok: false, cart, message: `A gift card can hold ${range}.` };
  const cards = cart.giftCards ?? [];
  if (cards.some((g) => g.code === parsed.code))
    return { ok: false, cart, message: `Gift card ····${parsed.code.slice(-4)} is already in this sale.` };
  if (cards.length >= MAX_GIFT_CARDS) return { ok: false, cart, message: `At most ${MAX_GIFT_CARDS} gift cards in a sale.` };
  return {
    ok: true,
    cart: { ...cart, giftCards: [...cards, { code: parsed.code, amount }] },
    message: `Gift card ····${parsed.code.slice(-4)} for ${formatMoney({ amount, currency })} added: it is activated when the sale is paid.`,
  };
}

export function removeGiftCard(cart: Cart, code: string): Cart {
  return { ...cart, giftCards: (cart.giftCards ?? []).filter((g) => g.code !== code) };
}

/** Gift card lines from untrusted JSON: well-formed codes, whole amounts within the limits, no repeats. */
function parseGiftCards(raw: unknown): GiftCardSaleLine[] {
  if (!Array.isArray(raw)) return [];
  const cards: GiftCardSaleLine[] = [];
  for (const g of raw.slice(0, MAX_GIFT_CARDS)) {
    const { code, amount } = (g ?? {}) as Record<string, unknown>;
    if (typeof code !== "string" || typeof amount !== "number") continue;
    const parsed = parseCode(code);
    if (!parsed.ok || !Number.isSafeInteger(amount) || amount < GIFT_CARD_MIN || amount > GIFT_CARD_MAX) continue;
    if (cards.some((c) => c.code === parsed.code)) continue;
    cards.push({ code: parsed.code, amount });
  }
  return cards;
}

/** The sale is now `customerId`'s (one customer per sale: attaching another replaces them). */
export function attachCustomer(cart: Cart, customerId: number): Cart {
  return { ...cart, customerId };
}

/** The sale belongs to no one again (a walk-in). */
export function detachCustomer(cart: Cart): Cart {
  const { customerId: _gone, ...rest } = cart;
  return rest;
}

/** A cart from a hidden form field: anything malformed reads as an empty cart, never an error. */
export function parseCart(raw: unknown): Cart {
  if (typeof raw !== "string" || raw.length > 20_000) return EMPTY_CART;
  try {
    const value = JSON.parse(raw) as { lines?: unknown; giftCards?: unknown; customerId?: unknown };
    if (!value || !Array.isArray(value.lines)) return EMPTY_CART;
    const lines: CartLine[] = [];
    for (const l of value.lines.slice(0, MAX_LINES)) {
      const { variantId, quantity, discountPercent } = (l ?? {}) as Record<string, unknown>;
      // An id no variant can have (past int4) is dropped like any other junk line, before it reaches SQL.
      if (!Number.isInteger(variantId) || (variantId as number) < 1 || (variantId as number) > INT4_MAX || !Number.isInteger(quantity))
        continue;
      const percent = typeof discountPercent === "number" && Number.isFinite(discountPercent) ? discountPercent : 0;
      lines.push({ variantId: variantId as number, quantity: quantity as number, discountPercent: percent });
    }
    const giftCards = parseGiftCards(value.giftCards);
    const cart: Cart = giftCards.length ? { lines, giftCards } : { lines };
    const customerId = value.customerId;
    return Number.isInteger(customerId) && (customerId as number) >= 1 && (customerId as number) <= INT4_MAX
      ? { ...cart, customerId: customerId as number }
      : cart;
  } catch {
    return EMPTY_CART;
  }
}

/** The checks a sale's lines must pass before anything is charged or written. */
export function checkSaleLines(cart: Cart, catalog: Map<number, CatalogItem>): string | null {
  if (cart.lines.length === 0 && !cart.giftCards?.length) return "The cart is empty: scan a piece first.";
  for (const line of cart.lines) {
    const item = catalog.get(line.variantId);
    if (!item) return "A piece in the cart is no longer for sale. Remove it and scan again.";
    if (!Number.isInteger(line.quantity) || line.quantity < 1) return `Quantity for ${item.title} must be at least 1.`;
    if (line.quantity > MAX_QUANTITY) return `Quantity for ${item.title} can be at most ${MAX_QUANTITY}.`;
    if (!(line.discountPercent >= 0)) return `Discount for ${item.title} must be a percentage from 0 to 100.`;
    if (line.discountPercent > 100) return `Discount for ${item.title} can't be more than 100%.`;
  }
  return null;
}
