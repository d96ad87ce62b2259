import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Image } from "~/components/commerce/Image";
import { Money } from "~/components/commerce/Money";
import {
  EMPTY_CART,
  addItem,
  catalogIndex,
  editLines,
  parseCart,
  priceCart,
  removeLine,
  scan,
  type Cart,
  type CartResult,
  type CatalogItem,
  type LineEdit,
} from "~/domain/pos";
import { chargeSchema, shippingAddressOf } from "~/domain/pos";
import { recentSales, recordSale, registerCatalog, storeTaxRate } from "~/domain/pos/index.server";
import { currentShift } from "~/domain/pos/index.server";
import { Refusal } from "~/lib/refusal";
import { requirePosStaff } from "~/domain/pos/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseAmount, planTenders, type TenderMode } from "~/domain/pos";
import { hasRole } from "~/domain/accounts/index.server";
import { formatMoney } from "~/lib/money";
import { clientAddress } from "~/lib/client-address";
import { parseWith, readForm } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Register · Soko San Francisco" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requirePosStaff(request);
  const url = new URL(request.url);
  const sale = url.searchParams.get("sale")?.trim().toUpperCase();
  if (sale) throw redirect(`/pos/sales/${encodeURIComponent(/^\d+$/.test(sale) ? `SK-${sale}` : sale)}`);
  const shift = await currentShift();
  if (!shift)
    throw await redirectWithFlash(request, "/pos", { kind: "error", message: "Open a shift before selling: count the float first." });
  const [catalog, recent] = await Promise.all([registerCatalog(), recentSales(shift.id)]);
  return withFlash(request, {
    shift: { id: shift.id, currency: shift.currency },
    catalog,
    categories: [...new Set(catalog.map((c) => c.category))],
    taxRate: storeTaxRate(),
    saleKey: randomUUID(),
    isManager: hasRole(staff, ["manager"]),
    recent: recent.map((r) => ({ ...r, placedAt: r.placedAt.toISOString() })),
  });
}

type ActionBody = {
  cart: Cart;
  ok: boolean;
  message: string;
  matches?: CatalogItem[];
  field?: string;
  values?: Record<string, string>;
  errors?: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requirePosStaff(request);
  const form = await readForm(request);
  const cart = parseCart(form.get("cart"));
  const intent = String(form.get("intent") ?? "");
  const reply = (body: ActionBody, status = body.ok ? 200 : 422) => data(body, { status });

  if (intent !== "charge") {
    // The cart's own edits (the tablet does these itself; this is the same rule with JavaScript off).
    const catalogItems = await registerCatalog();
    const catalog = catalogIndex(catalogItems);
    let result: CartResult;
    if (intent === "scan") result = scan(cart, catalogItems, String(form.get("code") ?? ""));
    else if (intent.startsWith("add:")) {
      const item = catalog.get(Number(intent.slice(4)));
      result = item ? addItem(cart, item) : { ok: false, cart, message: "That piece is no longer for sale." };
    } else if (intent.startsWith("remove:")) result = { ok: true, cart: removeLine(cart, Number(intent.slice(7))), message: "Removed." };
    else if (intent === "update") result = editLines(cart, lineEditsOf(form, cart), catalog);
    else if (intent === "clear") result = { ok: true, cart: EMPTY_CART, message: "Cart cleared." };
    else return reply({ ok: false, cart, message: "Unknown action." }, 400);
    return reply(
      result.ok
        ? { ok: true, cart: result.cart, message: result.message }
        : { ok: false, cart: result.cart, message: result.message, matches: result.matches },
    );
  }

  const parsed = parseWith(chargeSchema, form);
  if (!parsed.ok) {
    const [field, message] = Object.entries(parsed.errors)[0] ?? ["form", "Check the payment details."];
    return reply({ ok: false, cart, message, field, errors: parsed.errors, values: echoed(form) }, 400);
  }
  const address = shippingAddressOf(parsed.data);
  const values = echoed(form);
  if (!address.ok) return reply({ ok: false, cart, message: address.message, field: "address", values });
  try {
    const sale = await recordSale({
      key: parsed.data.key,
      cart,
      tender: { mode: parsed.data.mode, cashGiven: parsed.data.cashGiven, cardAmount: parsed.data.cardAmount },
      email: parsed.data.email ?? null,
      shippingAddress: address.address,
      approval: { email: parsed.data.managerEmail ?? null, pin: parsed.data.managerPin ?? null, address: clientAddress(request.headers) },
      staff,
    });
    const change = formatMoney({ amount: sale.changeDue, currency: sale.totals.currency });
    return redirectWithFlash(request, `/pos/sales/${sale.number}`, {
      kind: "success",
      message: sale.created
        ? `Sale ${sale.number} recorded.${sale.changeDue ? ` Change due: ${change}.` : ""}`
        : `Sale ${sale.number} was already recorded; nothing was charged twice.`,
    });
  } catch (error) {
    if (error instanceof Refusal) {
      return reply({ ok: false, cart, message: error.message, field: error.field, values }, error.status);
    }
    throw error;
  }
}

/** The charge form's fields to fill it in again: never the manager's PIN, never the cart (sent apart). */
function echoed(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries())
    if (typeof value === "string" && name !== "managerPin" && name !== "cart") values[name] = value;
  return values;
}

function lineEditsOf(form: FormData, cart: Cart): LineEdit[] {
  return cart.lines.map((l) => ({
    variantId: l.variantId,
    quantity: String(form.get(`qty-${l.variantId}`) ?? l.quantity),
    discount: String(form.get(`discount-${l.variantId}`) ?? l.discountPercent),
  }));
}

// ---------------------------------------------------------------------------------------------

type QueueState = { waiting: number; failed: number; syncing: boolean; lastError: string | null };
type OfflineQueue = { add(sale: unknown): Promise<void>; sync(): Promise<void>; state(): Promise<QueueState> };
declare global {
  interface Window {
    SokoPosQueue?: OfflineQueue;
  }
}

function newKey(): string {
  const c = globalThis.crypto;
  // randomUUID exists only in secure contexts (https, localhost); a tablet on plain http falls back.
  if (typeof c.randomUUID === "function" && window.isSecureContext) return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return [...bytes]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

async function serverReachable(): Promise<boolean> {
  if (!navigator.onLine) return false;
  try {
    const res = await fetch("/healthz", { cache: "no-store", signal: AbortSignal.timeout(4000) });
    return res.ok;
  } catch {
    return false;
  }
}

export default function Register() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionBody | undefined;
  const navigation = useNavigation();
  const submit = useSubmit();
  const { catalog: items, categories, taxRate, shift, isManager, recent, flash } = loaderData;
  const catalog = useMemo(() => catalogIndex(items), [items]);

  const [cart, setCart] = useState<Cart>(actionData?.cart ?? EMPTY_CART);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(
    actionData ? { ok: actionData.ok, text: actionData.message } : null,
  );
  const [matches, setMatches] = useState<CatalogItem[]>(actionData?.matches ?? []);
  const [category, setCategory] = useState(categories[0] ?? "");
  const [mode, setMode] = useState<TenderMode>((actionData?.values?.mode as TenderMode) ?? "cash");
  const [cashGiven, setCashGiven] = useState(actionData?.values?.cashGiven ?? "");
  const [cardAmount, setCardAmount] = useState(actionData?.values?.cardAmount ?? "");
  const [key, setKey] = useState(actionData?.values?.key ?? loaderData.saleKey);
  const [online, setOnline] = useState(true);
  const [queue, setQueue] = useState<QueueState>({ waiting: 0, failed: 0, syncing: false, lastError: null });
  const [offlineReceipt, setOfflineReceipt] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const scanRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!actionData) return;
    setCart(actionData.cart);
    setMessage({ ok: actionData.ok, text: actionData.message });
    setMatches(actionData.matches ?? []);
  }, [actionData]);

  useEffect(() => {
    // The register's service worker (public/pos/sw.js) keeps this page and the files it loaded,
    // so the register opens again when the shop's connection is down.
    // (Not `serviceWorker.ready`: a tab that opened at /pos, the sign-in, is outside the /pos/ scope.)
    navigator.serviceWorker
      ?.register("/pos/sw.js", { scope: "/pos/" })
      .then((registration) => {
        const keep = () => {
          const urls = [
            ...performance.getEntriesByType("resource").map((e) => e.name),
            ...[...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>("script[src], link[href]")].map((el) =>
              "src" in el ? el.src : el.href,
            ),
          ];
          registration.active?.postMessage({ type: "keep-assets", urls });
        };
        if (registration.active) return keep();
        (registration.installing ?? registration.waiting)?.addEventListener("statechange", (event) => {
          if ((event.target as ServiceWorker).state === "activated") keep();
        });
      })
      .catch(() => {});
  }, []);

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

  // Offline, the pieces are in the customer's hands: nothing is a special order.
  const pricingCatalog = useMemo(
    () => (online ? catalog : new Map([...catalog].map(([id, item]) => [id, { ...item, onShelf: Number.MAX_SAFE_INTEGER }]))),
    [catalog, online],
  );
  const totals = priceCart(cart, pricingCatalog, taxRate, shift.currency);
  const money = (amount: number) => <Money value={{ amount, currency: totals.currency }} />;
  const planned = planTenders({ mode, total: totals.total, cashGiven: parseAmount(cashGiven), cardAmount: parseAmount(cardAmount) });
  const busy = navigation.state !== "idle";
  const cartJson = JSON.stringify(cart);

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
    scanRef.current?.focus();
  }

  function onCart(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value ?? "update";
    if (intent.startsWith("remove:")) apply({ ok: true, cart: removeLine(cart, Number(intent.slice(7))), message: "Removed." });
    else if (intent === "clear") apply({ ok: true, cart: EMPTY_CART, message: "Cart cleared." });
    else apply(editLines(cart, lineEditsOf(new FormData(event.currentTarget), cart), catalog));
  }

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

  async function onCharge(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const fields = new FormData(formElement);
    fields.set("intent", "charge");
    if (await serverReachable()) {
      submit(fields, { method: "post" });
      return;
    }
    // The server can't be reached: cash sales are kept on this tablet and synced later.
    setOnline(false);
    if (cart.lines.length === 0) return setMessage({ ok: false, text: "The cart is empty: scan a piece first." });
    if (mode !== "cash") return setMessage({ ok: false, text: "Offline: only cash can be taken. Card payments need the connection." });
    if (totals.needsApproval && !isManager)
      return setMessage({ ok: false, text: "Offline: a discount above 20% needs a manager signed in at the register." });
    const plan = planTenders({ mode: "cash", total: totals.total, cashGiven: parseAmount(cashGiven), cardAmount: null });
    if (!plan.ok) return setMessage({ ok: false, text: plan.message });
    if (!window.SokoPosQueue)
      return setMessage({ ok: false, text: "The offline queue didn't load; this sale can't be saved. Reconnect and try again." });
    const email = String(fields.get("email") ?? "").trim();
    await window.SokoPosQueue.add({
      key,
      soldAt: new Date().toISOString(),
      email: email || undefined,
      cashGiven: parseAmount(cashGiven) ?? 0,
      lines: cart.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, discountPercent: l.discountPercent })),
    });
    setOfflineReceipt(
      `Saved offline: ${formatMoney({ amount: totals.total, currency: totals.currency })} in cash. Change due ${formatMoney({ amount: plan.plan.cash?.change ?? 0, currency: totals.currency })}.`,
    );
    setCart(EMPTY_CART);
    setCashGiven("");
    setMessage(null);
    setKey(newKey());
    formElement.reset();
    scanRef.current?.focus();
  }

  const values = actionData?.values ?? {};
  const shown = items.filter((i) => i.category === category);
  const errorField = actionData && !actionData.ok ? actionData.field : undefined;

  return (
    <div className="pos-register">
      <section className="pos-status" aria-live="polite">
        {flash ? <p className={`notice notice--${flash.kind}`}>{flash.message}</p> : null}
        {!online ? (
          <p className="notice pos-offline" role="status">
            <strong>Offline.</strong> Cash sales are saved on this tablet and sync when the connection returns.
          </p>
        ) : null}
        {hydrated && (queue.waiting > 0 || queue.failed > 0 || !online) ? (
          <p className="pos-queue" role="status" data-testid="offline-queue">
            <span className="badge badge--warn">
              {queue.waiting} {queue.waiting === 1 ? "sale" : "sales"} waiting to sync
            </span>
            {queue.failed ? (
              <span className="badge badge--bad">
                {queue.failed} need attention: {queue.lastError}
              </span>
            ) : null}
            {queue.syncing ? <span className="muted"> Syncing…</span> : null}
            {online && queue.waiting > 0 ? (
              <button type="button" className="link-button" onClick={() => void window.SokoPosQueue?.sync()}>
                Sync now
              </button>
            ) : null}
          </p>
        ) : null}
        {offlineReceipt ? (
          <p className="notice notice--success" role="status">
            {offlineReceipt}
          </p>
        ) : null}
      </section>

      <section className="pos-catalog" aria-label="Products">
        <Form method="post" className="pos-scan" onSubmit={onScan}>
          <input type="hidden" name="cart" value={cartJson} />
          <label htmlFor="scan">Scan or search</label>
          <div className="pos-scan__row">
            <input
              ref={scanRef}
              id="scan"
              name="code"
              autoComplete="off"
              autoFocus
              placeholder="Barcode, SKU or name"
              enterKeyHint="search"
            />
            <button type="submit" name="intent" value="scan" className="button">
              Add
            </button>
          </div>
        </Form>
        {message ? (
          <p className={`notice ${message.ok ? "notice--success" : "notice--error"}`} role={message.ok ? "status" : "alert"}>
            {message.text}
          </p>
        ) : null}

        <Form method="post" onSubmit={onAdd}>
          <input type="hidden" name="cart" value={cartJson} />
          {matches.length ? (
            <ul className="pos-matches" aria-label="Matching pieces">
              {matches.map((m) => (
                <li key={m.variantId}>
                  <button type="submit" name="intent" value={`add:${m.variantId}`} className="button button--ghost button--small">
                    Add {m.title} · {formatMoney({ amount: m.price, currency: m.currency })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <nav className="pos-tabs" aria-label="Categories">
            {categories.map((c) => (
              <Link
                key={c}
                to={`?category=${c}`}
                aria-current={c === category ? "page" : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  setCategory(c);
                }}
              >
                {c[0].toUpperCase() + c.slice(1)}
              </Link>
            ))}
          </nav>
          <ul className="pos-grid">
            {shown.map((item) => (
              <li key={item.variantId}>
                <button
                  type="submit"
                  name="intent"
                  value={`add:${item.variantId}`}
                  className="pos-tile"
                  aria-label={`Add ${item.title}, ${formatMoney({ amount: item.price, currency: item.currency })}`}
                >
                  {item.image ? <Image src={item.image} alt="" width={96} height={96} sizes="96px" /> : null}
                  <span className="pos-tile__title">{item.title}</span>
                  <span className="pos-tile__meta">
                    {formatMoney({ amount: item.price, currency: item.currency })} ·{" "}
                    {item.onShelf > 0 ? `${item.onShelf} on shelf` : "special order"}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </Form>
      </section>

      <section className="pos-cart" aria-labelledby="cart-heading">
        <h2 id="cart-heading">Sale</h2>
        {cart.lines.length === 0 ? (
          <p className="muted">Scan a piece or tap one to start a sale.</p>
        ) : (
          <Form method="post" onSubmit={onCart}>
            <input type="hidden" name="cart" value={cartJson} />
            <ul className="pos-lines">
              {totals.lines.map((line) => (
                <li key={line.variantId} className="pos-line">
                  <div className="pos-line__head">
                    <span className="pos-line__title">{line.item.title}</span>
                    <span className="pos-line__total">{money(line.total)}</span>
                  </div>
                  <p className="pos-line__meta">
                    {line.item.sku} · {money(line.item.price)} each
                    {line.discount ? <> · −{money(line.discount)}</> : null}
                    {line.toMake > 0 ? <span className="badge badge--warn"> {line.toMake} special order</span> : null}
                    {line.needsApproval ? <span className="badge badge--bad"> needs manager</span> : null}
                  </p>
                  <div className="pos-line__edit">
                    <label>
                      Qty
                      <input
                        name={`qty-${line.variantId}`}
                        inputMode="numeric"
                        value={drafts[`qty-${line.variantId}`] ?? String(line.quantity)}
                        onChange={(e) => onLineChange(line.variantId, "quantity", e.currentTarget.value)}
                        onBlur={() => clearDraft(`qty-${line.variantId}`)}
                        aria-label={`Quantity of ${line.item.title}`}
                      />
                    </label>
                    <label>
                      Discount %
                      <input
                        name={`discount-${line.variantId}`}
                        inputMode="decimal"
                        value={drafts[`discount-${line.variantId}`] ?? (line.discountPercent ? String(line.discountPercent) : "")}
                        placeholder="0"
                        onChange={(e) => onLineChange(line.variantId, "discount", e.currentTarget.value)}
                        onBlur={() => clearDraft(`discount-${line.variantId}`)}
                        aria-label={`Discount percent on ${line.item.title}`}
                      />
                    </label>
                    <button type="submit" name="intent" value={`remove:${line.variantId}`} className="link-button">
                      Remove
                    </button>
                  </div>
                </li>
              ))}
            </ul>
            <p className="pos-cart__tools">
              <button type="submit" name="intent" value="update" className="button button--ghost button--small">
                Update cart
              </button>
              <button type="submit" name="intent" value="clear" className="link-button">
                Clear sale
              </button>
            </p>
          </Form>
        )}

        <dl className="pos-totals">
          <dt>Subtotal</dt>
          <dd>{money(totals.subtotal)}</dd>
          {totals.discountTotal ? (
            <>
              <dt>Discounts</dt>
              <dd>−{money(totals.discountTotal)}</dd>
            </>
          ) : null}
          <dt>Sales tax ({(taxRate / 100).toFixed(2)}%)</dt>
          <dd>{money(totals.taxTotal)}</dd>
          <dt className="pos-totals__total">Total</dt>
          <dd className="pos-totals__total" data-testid="sale-total">
            {money(totals.total)}
          </dd>
        </dl>

        <Form method="post" className="pos-tender" onSubmit={onCharge} noValidate>
          <input type="hidden" name="cart" value={cartJson} />
          <input type="hidden" name="key" value={key} />
          <fieldset className="pos-modes">
            <legend>Payment</legend>
            {(["cash", "card", "split"] as const).map((m) => (
              <label key={m} className="pos-mode">
                <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                {m === "cash" ? "Cash" : m === "card" ? "Card" : "Split"}
              </label>
            ))}
          </fieldset>
          {/* With JavaScript off every field shows; the server reads the one the chosen mode needs. */}
          {mode === "split" || !hydrated ? (
            <div className="field">
              <label htmlFor="card-amount">Amount on card{hydrated ? "" : " (split only)"}</label>
              <input
                id="card-amount"
                name="cardAmount"
                inputMode="decimal"
                autoComplete="off"
                value={cardAmount}
                onChange={(e) => setCardAmount(e.currentTarget.value)}
                aria-invalid={errorField === "cardAmount" ? true : undefined}
              />
            </div>
          ) : null}
          {mode !== "card" || !hydrated ? (
            <div className="field">
              <label htmlFor="cash-given">Cash given</label>
              <input
                id="cash-given"
                name="cashGiven"
                inputMode="decimal"
                autoComplete="off"
                value={cashGiven}
                onChange={(e) => setCashGiven(e.currentTarget.value)}
                aria-invalid={errorField === "cashGiven" ? true : undefined}
                aria-describedby="change-due"
              />
              <p className="field-hint" id="change-due" data-testid="change-due">
                {planned.ok && planned.plan.cash ? (
                  <>
                    Change due: <strong>{money(planned.plan.cash.change)}</strong>
                  </>
                ) : mode === "split" && planned.ok ? null : hydrated ? (
                  "Enter the cash handed over."
                ) : null}
              </p>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="receipt-email">Customer email for the receipt (optional)</label>
            <input
              id="receipt-email"
              name="email"
              type="email"
              autoComplete="off"
              defaultValue={values.email ?? ""}
              aria-invalid={errorField === "email" ? true : undefined}
            />
          </div>

          {totals.specialOrder ? (
            <fieldset className="pos-special">
              <legend>Special order: ships to the customer</legend>
              <p className="field-hint">
                Pieces not on the shelf are made by an artisan in Kenya and shipped. The customer's email above is needed for updates.
              </p>
              <div className="field">
                <label htmlFor="ship-name">Name</label>
                <input id="ship-name" name="shipName" autoComplete="off" defaultValue={values.shipName ?? ""} />
              </div>
              <div className="field">
                <label htmlFor="ship-line1">Street address</label>
                <input id="ship-line1" name="shipLine1" autoComplete="off" defaultValue={values.shipLine1 ?? ""} />
              </div>
              <div className="field">
                <label htmlFor="ship-line2">Apartment, suite (optional)</label>
                <input id="ship-line2" name="shipLine2" autoComplete="off" defaultValue={values.shipLine2 ?? ""} />
              </div>
              <div className="pos-row">
                <div className="field">
                  <label htmlFor="ship-city">City</label>
                  <input id="ship-city" name="shipCity" autoComplete="off" defaultValue={values.shipCity ?? ""} />
                </div>
                <div className="field">
                  <label htmlFor="ship-region">State</label>
                  <input id="ship-region" name="shipRegion" autoComplete="off" defaultValue={values.shipRegion ?? "CA"} />
                </div>
                <div className="field">
                  <label htmlFor="ship-zip">ZIP</label>
                  <input id="ship-zip" name="shipPostalCode" autoComplete="off" defaultValue={values.shipPostalCode ?? ""} />
                </div>
                <div className="field">
                  <label htmlFor="ship-country">Country</label>
                  <input id="ship-country" name="shipCountry" autoComplete="off" maxLength={2} defaultValue={values.shipCountry ?? "US"} />
                </div>
              </div>
            </fieldset>
          ) : null}

          {totals.needsApproval && !isManager ? (
            <fieldset className="pos-approval">
              <legend>Manager approval for a discount above 20%</legend>
              <div className="field">
                <label htmlFor="manager-email">Manager email</label>
                <input id="manager-email" name="managerEmail" type="email" autoComplete="off" defaultValue={values.managerEmail ?? ""} />
              </div>
              <div className="field">
                <label htmlFor="manager-pin">Manager PIN</label>
                <input id="manager-pin" name="managerPin" type="password" autoComplete="off" />
              </div>
            </fieldset>
          ) : null}

          <button
            type="submit"
            name="intent"
            value="charge"
            className="button pos-big pos-charge"
            disabled={busy || (hydrated && cart.lines.length === 0)}
          >
            {busy ? "Recording…" : mode === "card" ? <>Charge card {money(totals.total)}</> : <>Take payment {money(totals.total)}</>}
          </button>
          {mode !== "cash" ? <p className="field-hint">The card reader shows the amount; the customer taps, inserts or swipes.</p> : null}
        </Form>
      </section>

      <aside className="pos-recent" aria-labelledby="recent-heading">
        <h2 id="recent-heading">Returns and recent sales</h2>
        <form method="get" className="pos-find">
          <label htmlFor="find-sale">Find a sale by receipt number</label>
          <div className="pos-scan__row">
            <input id="find-sale" name="sale" placeholder="SK-100123" autoComplete="off" />
            <button type="submit" className="button button--ghost">
              Open
            </button>
          </div>
        </form>
        {recent.length ? (
          <ul className="pos-recent__list">
            {recent.map((r) => (
              <li key={r.number}>
                <Link to={`/pos/sales/${r.number}`}>{r.number}</Link> <Money value={{ amount: r.total, currency: r.currency }} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No sales yet this shift.</p>
        )}
      </aside>
    </div>
  );
}
