/**
 * The sale in progress, kept on the register itself (the iPad) in a cookie, so it survives the
 * cashier opening Shift and coming back, a reload, and the page reopening offline — with JavaScript
 * on (the tablet writes it as the cart changes) and off (the register's action sets it).
 *
 * It holds only what the hidden `cart` field already carries (variant, quantity, discount, the
 * customer attached, and the numbers of printed gift cards being sold — not yet worth anything, activated only when paid) and the
 * sale's key, tied to the open shift: nothing in it is trusted — every charge checks the lines,
 * the prices and any manager approval again on the server. A cookie from another shift is ignored.
 * Pure: the server and the browser share it.
 */
import { KEY_PATTERN, parseCart, type Cart } from "~/domain/pos";

export const SALE_COOKIE = "soko_pos_sale";
/** A sale left on the register is kept for a day at most. */
export const SALE_COOKIE_MAX_AGE = 60 * 60 * 24;

export type KeptSale = { shift: number; key: string; cart: Cart };

export function encodeKeptSale(sale: KeptSale): string {
  return encodeURIComponent(
    JSON.stringify({
      shift: sale.shift,
      key: sale.key,
      lines: sale.cart.lines,
      giftCards: sale.cart.giftCards,
      customerId: sale.cart.customerId,
    }),
  );
}

/** The sale kept for `shiftId` in a Cookie header (or document.cookie); null when there is none, it is junk, or from another shift. */
export function readKeptSale(cookieHeader: string | null | undefined, shiftId: number): KeptSale | null {
  if (!cookieHeader) return null;
  const raw = cookieHeader
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SALE_COOKIE}=`))
    ?.slice(SALE_COOKIE.length + 1);
  if (!raw || raw.length > 8_000) return null;
  try {
    const value = JSON.parse(decodeURIComponent(raw)) as {
      shift?: unknown;
      key?: unknown;
      lines?: unknown;
      giftCards?: unknown;
      customerId?: unknown;
    };
    if (value?.shift !== shiftId || typeof value.key !== "string" || !KEY_PATTERN.test(value.key)) return null;
    const cart = parseCart(JSON.stringify({ lines: value.lines, giftCards: value.giftCards, customerId: value.customerId }));
    return { shift: shiftId, key: value.key, cart };
  } catch {
    return null;
  }
}

/** The Set-Cookie value that keeps `sale` (or forgets it, given null). */
export function keptSaleCookie(sale: KeptSale | null, secure: boolean): string {
  const attributes = `Path=/pos; SameSite=Lax${secure ? "; Secure" : ""}`;
  return sale
    ? `${SALE_COOKIE}=${encodeKeptSale(sale)}; Max-Age=${SALE_COOKIE_MAX_AGE}; ${attributes}`
    : `${SALE_COOKIE}=; Max-Age=0; ${attributes}`;
}

/** The tablet keeps the sale as it changes (an empty cart keeps its key: the next charge is still the same sale). */
export function keepSaleOnTablet(sale: KeptSale | null) {
  if (typeof document === "undefined") return;
  // biome-ignore lint/suspicious/noDocumentCookie: the register's own cookie, written as the cart changes (no round trip).
  document.cookie = keptSaleCookie(sale, location.protocol === "https:");
}
