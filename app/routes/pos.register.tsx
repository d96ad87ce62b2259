import { randomUUID } from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { hasRole } from "~/domain/accounts/index.server";
import { EMPTY_CART, catalogIndex, priceCart } from "~/domain/pos";
import {
  currentShift,
  customerForRegister,
  findCustomersForRegister,
  recentSales,
  registerCatalog,
  requirePosStaff,
  storeTaxRate,
} from "~/domain/pos/index.server";
import { keptSale, registerAction } from "~/features/pos/register.server";
import { CustomerPanel } from "~/features/pos/register/CustomerPanel";
import { ProductPicker } from "~/features/pos/register/ProductPicker";
import { RecentSales } from "~/features/pos/register/RecentSales";
import { RegisterStatus } from "~/features/pos/register/RegisterStatus";
import { SaleLines } from "~/features/pos/register/SaleLines";
import { SaleTotals } from "~/features/pos/register/SaleTotals";
import { SellGiftCard } from "~/features/pos/register/SellGiftCard";
import type { RegisterReply } from "~/features/pos/register/sale-form";
import { TenderForm } from "~/features/pos/register/TenderForm";
import { useOfflineQueue } from "~/features/pos/register/use-offline-queue";
import { useRegisterSale } from "~/features/pos/register/use-register-sale";
import { useRegisterServiceWorker } from "~/features/pos/register/use-register-service-worker";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { readForm } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Register · Soko San Francisco" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requirePosStaff(request);
  const url = new URL(request.url);
  const sale = url.searchParams.get("sale")?.trim().toUpperCase();
  if (sale) throw redirect(`/pos/sales/${encodeURIComponent(/^\d+$/.test(sale) ? `SK-${sale}` : sale)}`);
  const shift = await currentShift();
  if (!shift)
    throw await redirectWithFlash(request, "/pos", { kind: "error", message: "Open a shift before selling: count the float first." });
  // A customer search made with JavaScript off (the Customer panel's plain form).
  const customerQuery = url.searchParams.get("customer");
  const [catalog, recent, kept, customerSearch] = await Promise.all([
    registerCatalog(),
    recentSales(shift.id),
    keptSale(request),
    customerQuery === null ? null : findCustomersForRegister(staff, customerQuery, shift.currency),
  ]);
  const customer = await customerForRegister(kept?.cart.customerId, shift.currency);
  return withFlash(request, {
    shift: { id: shift.id, currency: shift.currency },
    catalog,
    categories: [...new Set(catalog.map((c) => c.category))],
    taxRate: storeTaxRate(),
    // The sale in progress on this register (kept in its cookie), or a fresh key for the next one.
    saved: { shiftId: shift.id, cart: kept?.cart ?? EMPTY_CART, key: kept?.key ?? randomUUID(), customer },
    customerSearch: customerSearch
      ? { text: customerSearch.text, results: customerSearch.results, message: customerSearch.ok ? undefined : customerSearch.message }
      : null,
    isManager: hasRole(staff, ["manager"]),
    recent: recent.map((r) => ({ ...r, placedAt: r.placedAt.toISOString() })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requirePosStaff(request);
  const form = await readForm(request);
  return registerAction(request, form, staff);
}

export default function Register() {
  const { catalog: items, categories, taxRate, shift, isManager, recent, flash, saved, customerSearch } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as RegisterReply | undefined;
  const catalog = useMemo(() => catalogIndex(items), [items]);
  const sale = useRegisterSale(actionData, items, catalog, saved);
  const { online, setOnline, queue, hydrated } = useOfflineQueue();
  useRegisterServiceWorker();

  // Offline, the pieces are in the customer's hands: nothing is a special order.
  const pricingCatalog = useMemo(
    () => (online ? catalog : new Map([...catalog].map(([id, item]) => [id, { ...item, onShelf: Number.MAX_SAFE_INTEGER }]))),
    [catalog, online],
  );
  const totals = priceCart(sale.cart, pricingCatalog, taxRate, shift.currency);
  const cartJson = JSON.stringify(sale.cart);
  const navigation = useNavigation();

  return (
    <div className="pos-register">
      <RegisterStatus flash={flash} online={online} hydrated={hydrated} queue={queue} offlineReceipt={sale.offlineReceipt} />
      <ProductPicker
        items={items}
        categories={categories}
        cartJson={cartJson}
        scanRef={sale.scanRef}
        message={sale.message}
        matches={sale.matches}
        onScan={sale.onScan}
        onAdd={sale.onAdd}
        onSearchInput={sale.onSearchInput}
      />

      <section className="pos-cart" aria-labelledby="cart-heading">
        <h2 id="cart-heading">Sale</h2>
        <CustomerPanel
          cartJson={cartJson}
          attached={sale.attached}
          plainSearch={customerSearch}
          actionData={actionData}
          busy={navigation.state !== "idle"}
          onAttach={sale.onAttachCustomer}
          onDetach={sale.onDetachCustomer}
        />
        <SaleLines
          empty={sale.cart.lines.length === 0 && !sale.cart.giftCards?.length}
          totals={totals}
          cartJson={cartJson}
          drafts={sale.drafts}
          onCart={sale.onCart}
          onLineChange={sale.onLineChange}
          clearDraft={sale.clearDraft}
        />
        <SellGiftCard
          cartJson={cartJson}
          currency={shift.currency}
          cardsInSale={sale.cart.giftCards?.length ?? 0}
          actionData={actionData}
          busy={navigation.state !== "idle"}
        />
        <SaleTotals totals={totals} taxRate={taxRate} />
        <TenderForm
          cart={sale.cart}
          customer={sale.attached?.name === null ? null : sale.attached}
          totals={totals}
          isManager={isManager}
          hydrated={hydrated}
          saleKey={sale.key}
          actionData={actionData}
          onOffline={() => setOnline(false)}
          onProblem={(text) => sale.setMessage({ ok: false, text })}
          onSavedOffline={sale.savedOffline}
        />
      </section>

      <RecentSales recent={recent} />
    </div>
  );
}
