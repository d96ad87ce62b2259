/** The tablet's offline queue (public/pos/queue.js, `window.SokoPosQueue`): cash sales kept while the server can't be reached. */
import { useEffect, useState } from "react";
import { parseAmount, planTenders, type Cart, type CartTotals, type TenderMode } from "~/domain/pos";
import { formatMoney } from "~/lib/money";

export type QueueState = { waiting: number; failed: number; syncing: boolean; lastError: string | null };
type OfflineQueue = { add(sale: unknown): Promise<void>; sync(): Promise<void>; state(): Promise<QueueState> };
declare global {
  interface Window {
    SokoPosQueue?: OfflineQueue;
  }
}

/** Whether the tablet is online, what its queue holds, and whether the page has hydrated (JavaScript on). */
export function useOfflineQueue() {
  const [online, setOnline] = useState(true);
  const [queue, setQueue] = useState<QueueState>({ waiting: 0, failed: 0, syncing: false, lastError: null });
  const [hydrated, setHydrated] = useState(false);

  useEffect(() => {
    setHydrated(true);
    const update = () => setOnline(navigator.onLine);
    const onQueue = (event: Event) => setQueue((event as CustomEvent<QueueState>).detail);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    window.addEventListener("soko-pos-queue", onQueue);
    void window.SokoPosQueue?.state().then(setQueue);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
      window.removeEventListener("soko-pos-queue", onQueue);
    };
  }, []);

  return { online, setOnline, queue, hydrated };
}

export function newKey(): string {
  const c = globalThis.crypto;
  // randomUUID exists only in secure contexts (https, localhost); a tablet on plain http falls back.
  if (typeof c.randomUUID === "function" && window.isSecureContext) return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return [...bytes]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

export async function serverReachable(): Promise<boolean> {
  if (!navigator.onLine) return false;
  try {
    const res = await fetch("/healthz", { cache: "no-store", signal: AbortSignal.timeout(4000) });
    return res.ok;
  } catch {
    return false;
  }
}

type OfflineSale = {
  key: string;
  cart: Cart;
  totals: CartTotals;
  mode: TenderMode;
  isManager: boolean;
  cashGiven: string;
  email: string;
};

/** The server can't be reached: a cash sale is kept on this tablet and synced later. Says why not, or what to tell the customer. */
export async function saveOfflineSale(sale: OfflineSale): Promise<{ ok: true; receipt: string } | { ok: false; message: string }> {
  const { cart, totals } = sale;
  if (cart.giftCards?.length)
    return { ok: false, message: "Offline: gift cards can't be sold. Remove the gift card, or wait for the connection." };
  if (cart.lines.length === 0) return { ok: false, message: "The cart is empty: scan a piece first." };
  if (sale.mode !== "cash") return { ok: false, message: "Offline: only cash can be taken. Card payments need the connection." };
  if (totals.needsApproval && !sale.isManager)
    return { ok: false, message: "Offline: a discount above 20% needs a manager signed in at the register." };
  const plan = planTenders({ mode: "cash", total: totals.total, cashGiven: parseAmount(sale.cashGiven), cardAmount: null });
  if (!plan.ok) return { ok: false, message: plan.message };
  if (!window.SokoPosQueue)
    return { ok: false, message: "The offline queue didn't load; this sale can't be saved. Reconnect and try again." };
  await window.SokoPosQueue.add({
    key: sale.key,
    soldAt: new Date().toISOString(),
    email: sale.email || undefined,
    customerId: cart.customerId,
    cashGiven: parseAmount(sale.cashGiven) ?? 0,
    lines: cart.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, discountPercent: l.discountPercent })),
  });
  return {
    ok: true,
    receipt: `Saved offline: ${formatMoney({ amount: totals.total, currency: totals.currency })} in cash. Change due ${formatMoney({ amount: plan.plan.cash?.change ?? 0, currency: totals.currency })}.`,
  };
}
