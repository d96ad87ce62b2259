/** The sale on the tablet: the cart, what the register last said, and the edits made without a round trip. */
import { useEffect, useRef, useState, type FormEvent } from "react";
import {
  EMPTY_CART,
  addItem,
  attachCustomer,
  detachCustomer,
  editLines,
  removeGiftCard,
  removeLine,
  scan,
  searchAsYouType,
  type Cart,
  type CartResult,
  type CatalogItem,
  type CustomerMatch,
  type LineEdit,
} from "~/domain/pos";
import { keepSaleOnTablet, readKeptSale } from "./sale-cookie";
import { lineEditsOf, type RegisterReply } from "./sale-form";
import { newKey } from "./use-offline-queue";

export type RegisterMessage = { ok: boolean; text: string };

/** The sale the register kept (its cart and key), as the loader read it from the register's cookie. */
export type SavedSale = { shiftId: number; cart: Cart; key: string; customer: CustomerMatch | null };

/** What the register says after a post; a refused gift card sale says it in its own form instead. */
function messageOf(reply: RegisterReply | undefined): RegisterMessage | null {
  if (!reply || (!reply.ok && reply.values && ("sellCardCode" in reply.values || "customerName" in reply.values))) return null;
  return { ok: reply.ok, text: reply.message };
}

export function useRegisterSale(
  actionData: RegisterReply | undefined,
  items: CatalogItem[],
  catalog: Map<number, CatalogItem>,
  saved: SavedSale,
) {
  const [cart, setCart] = useState<Cart>(actionData?.cart ?? saved.cart);
  // The sale's key: the same sale charged twice (a retry, a reload after the charge) is recorded once.
  const [key, setKey] = useState(actionData?.values?.key ?? saved.key);
  const [restored, setRestored] = useState(false);
  const [message, setMessage] = useState<RegisterMessage | null>(messageOf(actionData));
  const [matches, setMatches] = useState<CatalogItem[]>(actionData?.matches ?? []);
  const [offlineReceipt, setOfflineReceipt] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  // The attached customer's details (the cart carries only their id).
  const [customer, setCustomer] = useState<CustomerMatch | null>(actionData?.customer !== undefined ? actionData.customer : saved.customer);
  const scanRef = useRef<HTMLInputElement>(null);

  // The register's cookie is the truth: the page may be a copy the service worker kept offline.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the register opens.
  useEffect(() => {
    const kept = readKeptSale(document.cookie, saved.shiftId);
    if (!actionData) {
      setCart(kept?.cart ?? EMPTY_CART);
      // No sale kept: a fresh key (a kept copy of the page may carry the key of a sale already paid).
      setKey(kept?.key ?? newKey());
    }
    setRestored(true);
  }, []);

  // Keep the sale on the register as it changes, so Shift and back, or a reload, finds it again.
  useEffect(() => {
    if (restored) keepSaleOnTablet({ shift: saved.shiftId, key, cart });
  }, [restored, saved.shiftId, key, cart]);

  useEffect(() => {
    if (!actionData) return;
    setCart(actionData.cart);
    if (actionData.customer !== undefined) setCustomer(actionData.customer);
    setMessage(messageOf(actionData));
    setMatches(actionData.matches ?? []);
  }, [actionData]);

  function apply(result: CartResult) {
    setCart(result.cart);
    setDrafts({});
    setMessage({ ok: result.ok, text: result.message });
    setMatches(result.ok ? [] : (result.matches ?? []));
    setOfflineReceipt(null);
  }

  function onScan(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = scanRef.current!;
    apply(scan(cart, items, input.value));
    input.value = "";
    input.focus();
  }

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const item = catalog.get(Number(submitter?.value.replace("add:", "")));
    if (item) apply(addItem(cart, item));
    // A piece chosen from the results: the search is done, the field ready for the next one.
    if (scanRef.current && matches.length) scanRef.current.value = "";
    scanRef.current?.focus();
  }

  /** Search as you type: the results follow each keystroke; Enter still scans or searches (and works without JavaScript). */
  function onSearchInput(value: string) {
    const q = value.trim();
    const found = searchAsYouType(items, q);
    setMatches(found);
    if (found.length)
      setMessage({
        ok: true,
        text: `${found.length === 12 ? "12+" : found.length} ${found.length === 1 ? "piece matches" : "pieces match"} "${q}"`,
      });
    else if (q.length >= 2 && !/^\d+$/.test(q)) setMessage({ ok: false, text: `Nothing matches "${q}".` });
    else setMessage(null);
  }

  function onCart(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value ?? "update";
    if (intent.startsWith("remove:")) apply({ ok: true, cart: removeLine(cart, Number(intent.slice(7))), message: "Removed." });
    else if (intent.startsWith("remove-gift-card:"))
      apply({ ok: true, cart: removeGiftCard(cart, intent.slice("remove-gift-card:".length)), message: "Gift card removed." });
    else if (intent === "clear") {
      apply({ ok: true, cart: EMPTY_CART, message: "New sale: the register is clear." });
      setKey(newKey());
    } else apply(editLines(cart, lineEditsOf(new FormData(event.currentTarget), cart), catalog));
  }

  function onAttachCustomer(found: CustomerMatch) {
    setCustomer(found);
    setCart((c) => attachCustomer(c, found.id));
    setMessage({ ok: true, text: `${found.name || "The customer"} is attached to the sale.` });
  }

  function onDetachCustomer() {
    setCart((c) => detachCustomer(c));
    setMessage({ ok: true, text: "Customer detached: the sale is a walk-in." });
  }

  // The cart names the customer; their details when the register has them (not in a copy of the page kept offline).
  const attached =
    cart.customerId === undefined ? null : customer?.id === cart.customerId ? customer : { id: cart.customerId, name: null as null };

  function clearDraft(name: string) {
    setDrafts(({ [name]: _gone, ...rest }) => rest);
  }

  /** Quantity and discount fields apply as they are typed, when they make sense; what is typed stays until it does. */
  function onLineChange(variantId: number, field: "quantity" | "discount", value: string) {
    const line = cart.lines.find((l) => l.variantId === variantId);
    if (!line) return;
    setDrafts((d) => ({ ...d, [`${field === "quantity" ? "qty" : "discount"}-${variantId}`]: value }));
    const edit: LineEdit = {
      variantId,
      quantity: field === "quantity" ? value : String(line.quantity),
      discount: field === "discount" ? value : String(line.discountPercent),
    };
    const result = editLines(cart, [edit], catalog);
    if (result.ok) {
      setCart(result.cart);
      setMessage(null);
    } else setMessage({ ok: false, text: result.message });
  }

  /** A cash sale saved on the tablet: the receipt line shows, the register is ready for the next customer. */
  function savedOffline(receipt: string) {
    setOfflineReceipt(receipt);
    setCart(EMPTY_CART);
    setKey(newKey());
    setMessage(null);
    scanRef.current?.focus();
  }

  return {
    cart,
    key,
    attached,
    onAttachCustomer,
    onDetachCustomer,
    message,
    setMessage,
    matches,
    drafts,
    offlineReceipt,
    scanRef,
    onScan,
    onAdd,
    onSearchInput,
    onCart,
    onLineChange,
    clearDraft,
    savedOffline,
  };
}
