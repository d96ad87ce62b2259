import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { Money } from "~/components/commerce/Money";
import { parseAmount, planTenders, type Cart, type CartTotals, type CustomerMatch, type TenderMode } from "~/domain/pos";
import { ManagerApproval } from "./ManagerApproval";
import { SpecialOrderFields } from "./SpecialOrderFields";
import type { RegisterReply } from "./sale-form";
import { saveOfflineSale, serverReachable } from "./use-offline-queue";

type Props = {
  cart: Cart;
  /** The customer attached to the sale: the receipt goes to their email and mobile unless the cashier changes them. */
  customer: CustomerMatch | null;
  totals: CartTotals;
  isManager: boolean;
  hydrated: boolean;
  /** The sale's key, kept with the sale on the register: a charge sent twice records one sale. */
  saleKey: string;
  actionData: RegisterReply | undefined;
  onOffline: () => void;
  onProblem: (text: string) => void;
  onSavedOffline: (receipt: string) => void;
};

/** How the customer pays: the charge goes to the server, or, when it can't be reached, a cash sale into the offline queue. */
export function TenderForm({
  cart,
  customer,
  totals,
  isManager,
  hydrated,
  saleKey,
  actionData,
  onOffline,
  onProblem,
  onSavedOffline,
}: Props) {
  const navigation = useNavigation();
  const submit = useSubmit();
  const [mode, setMode] = useState<TenderMode>((actionData?.values?.mode as TenderMode) ?? "cash");
  const [cashGiven, setCashGiven] = useState(actionData?.values?.cashGiven ?? "");
  const [cardAmount, setCardAmount] = useState(actionData?.values?.cardAmount ?? "");
  const [giftCardAmount, setGiftCardAmount] = useState(actionData?.values?.giftCardAmount ?? "");
  const key = saleKey;
  const money = (amount: number) => <Money value={{ amount, currency: totals.currency }} />;
  // A gift card amount typed comes off what cash or the card must pay (the server checks the card holds it).
  const rest = Math.max(0, totals.total - (parseAmount(giftCardAmount) ?? 0));
  const planned = planTenders({ mode, total: rest, cashGiven: parseAmount(cashGiven), cardAmount: parseAmount(cardAmount) });
  const busy = navigation.state !== "idle";
  const values = actionData?.values ?? {};
  const errorField = actionData && !actionData.ok ? actionData.field : undefined;

  async function onCharge(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const fields = new FormData(formElement);
    fields.set("intent", "charge");
    if (await serverReachable()) {
      submit(fields, { method: "post" });
      return;
    }
    onOffline();
    const email = String(fields.get("email") ?? "").trim();
    const saved = await saveOfflineSale({ key, cart, totals, mode, isManager, cashGiven, email });
    if (!saved.ok) return onProblem(saved.message);
    setCashGiven("");
    formElement.reset();
    onSavedOffline(saved.receipt);
  }

  return (
    <Form method="post" className="pos-tender" onSubmit={onCharge} noValidate>
      <input type="hidden" name="cart" value={JSON.stringify(cart)} />
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
      <fieldset className="pos-gift-card">
        <legend>Gift card (optional)</legend>
        <div className="field">
          <label htmlFor="gift-card-code">Gift card code</label>
          <input
            id="gift-card-code"
            name="giftCardCode"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            placeholder="Scan or type"
            defaultValue={values.giftCardCode ?? ""}
            aria-invalid={errorField === "giftCardCode" ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="gift-card-amount">Amount from the gift card</label>
          <input
            id="gift-card-amount"
            name="giftCardAmount"
            inputMode="decimal"
            autoComplete="off"
            value={giftCardAmount}
            onChange={(e) => setGiftCardAmount(e.currentTarget.value)}
            aria-invalid={errorField === "giftCardAmount" ? true : undefined}
            aria-describedby="gift-card-amount-hint"
          />
          <p className="field-hint" id="gift-card-amount-hint">
            Empty: as much as the card holds. The rest is paid below.
          </p>
        </div>
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
      {/* Keyed by the customer: attaching someone else fills in their email and mobile afresh. */}
      <fieldset className="pos-receipt-to" key={customer?.id ?? "walk-in"}>
        <legend>Receipt</legend>
        <div className="field">
          <label htmlFor="receipt-email">Email the receipt to{customer ? "" : " (optional)"}</label>
          <input
            id="receipt-email"
            name="email"
            type="email"
            autoComplete="off"
            defaultValue={values.email ?? customer?.email ?? ""}
            aria-invalid={errorField === "email" ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="receipt-phone">Text the receipt to{customer ? "" : " (optional)"}</label>
          <input
            id="receipt-phone"
            name="receiptPhone"
            type="tel"
            autoComplete="off"
            defaultValue={values.receiptPhone ?? customer?.phone ?? ""}
            aria-invalid={errorField === "receiptPhone" ? true : undefined}
            aria-describedby="receipt-to-hint"
          />
          <p className="field-hint" id="receipt-to-hint">
            {customer
              ? `${customer.name || "The customer"}'s details: change or clear them.`
              : "Mobile with its area code, like (415) 555-0100."}
          </p>
        </div>
      </fieldset>

      {totals.specialOrder ? <SpecialOrderFields values={values} /> : null}
      {totals.needsApproval && !isManager ? <ManagerApproval values={values} /> : null}

      <button
        type="submit"
        name="intent"
        value="charge"
        className="button pos-big pos-charge"
        disabled={busy || (hydrated && cart.lines.length === 0 && !cart.giftCards?.length)}
      >
        {busy ? "Recording…" : mode === "card" ? <>Charge card {money(totals.total)}</> : <>Take payment {money(totals.total)}</>}
      </button>
      {mode !== "cash" ? <p className="field-hint">The card reader shows the amount; the customer taps, inserts or swipes.</p> : null}
    </Form>
  );
}
