import { Form, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Field } from "~/components/ui/Field";
import { formatExpiryAsTyped } from "~/domain/checkout";
import { GIFT_CARD_CURRENCY, GIFT_CARD_MAX, GIFT_CARD_MIN, GIFT_CARD_PRESETS } from "~/domain/giftcards";
import type { PurchaseReply } from "./purchase.server";

type Props = { idempotencyKey: string; today: string; reply: PurchaseReply | undefined; cardsAvailable: boolean };

/** The gift card: amount, who it is for, a message and a send date, then the card that pays (the local provider's form). */
export function PurchaseForm({ idempotencyKey, today, reply, cardsAvailable }: Props) {
  const busy = useNavigation().state === "submitting";
  const errors = reply?.errors ?? {};
  const values = reply?.values ?? {};
  const chosen = values.amount ?? String(GIFT_CARD_PRESETS[1] / 100);
  const isPreset = GIFT_CARD_PRESETS.some((p) => String(p / 100) === chosen);
  return (
    <Form method="post" className="giftcard-form" noValidate>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {reply?.message ? (
        <p className="notice notice--error" role="alert">
          {reply.message}
        </p>
      ) : null}
      <fieldset className="field">
        <legend>Amount</legend>
        <div className="amount-choices">
          {GIFT_CARD_PRESETS.map((preset) => (
            <label key={preset} className="amount-choice">
              <input type="radio" name="amount" value={preset / 100} defaultChecked={isPreset && chosen === String(preset / 100)} />
              <Money value={{ amount: preset, currency: GIFT_CARD_CURRENCY }} />
            </label>
          ))}
          <label className="amount-choice">
            <input type="radio" name="amount" value="other" defaultChecked={!isPreset} /> Other
          </label>
        </div>
        <Field
          name="otherAmount"
          label={`Other amount (whole dollars, ${GIFT_CARD_MIN / 100}–${GIFT_CARD_MAX / 100})`}
          inputMode="numeric"
          defaultValue={isPreset ? "" : chosen}
          error={errors.amount}
        />
      </fieldset>
      <fieldset className="field">
        <legend>Who it's for</legend>
        <Field
          name="recipientName"
          label="Their name"
          autoComplete="off"
          maxLength={100}
          defaultValue={values.recipientName}
          error={errors.recipientName}
        />
        <Field
          name="recipientEmail"
          label="Their email"
          type="email"
          autoComplete="off"
          maxLength={200}
          defaultValue={values.recipientEmail}
          error={errors.recipientEmail}
        />
        <div className="field">
          <label htmlFor="f-message">A message (optional)</label>
          <textarea
            id="f-message"
            name="message"
            rows={3}
            maxLength={300}
            defaultValue={values.message}
            aria-invalid={errors.message ? true : undefined}
            aria-describedby={errors.message ? "f-message-error" : undefined}
          />
          {errors.message ? (
            <p className="field-error" id="f-message-error">
              {errors.message}
            </p>
          ) : null}
        </div>
        <Field
          name="sendOn"
          label="Send it on"
          type="date"
          min={today}
          defaultValue={values.sendOn ?? today}
          hint="We email it early that day (UTC). Today sends it now."
          error={errors.sendOn}
        />
      </fieldset>
      <fieldset className="field">
        <legend>From you</legend>
        <Field
          name="senderName"
          label="Your name"
          autoComplete="name"
          maxLength={100}
          defaultValue={values.senderName}
          error={errors.senderName}
        />
        <Field
          name="purchaserEmail"
          label="Your email (for the receipt)"
          type="email"
          autoComplete="email"
          maxLength={200}
          defaultValue={values.purchaserEmail}
          error={errors.purchaserEmail}
        />
      </fieldset>
      {cardsAvailable ? (
        <fieldset className="field">
          <legend>Payment</legend>
          <p className="field-hint">Test mode: use 4242 4242 4242 4242 with any future expiry and any CVC.</p>
          <Field
            name="cardNumber"
            label="Card number"
            inputMode="numeric"
            autoComplete="cc-number"
            error={errors.cardNumber}
            placeholder="1234 1234 1234 1234"
          />
          <div className="field-row">
            <Field
              name="cardExpiry"
              label="Expiry (MM/YY)"
              inputMode="numeric"
              autoComplete="cc-exp"
              maxLength={7}
              placeholder="MM/YY"
              defaultValue={values.cardExpiry}
              error={errors.cardExpiry}
              onChange={(event) => {
                const input = event.currentTarget;
                const next = formatExpiryAsTyped(input.value, input.dataset.previous ?? "");
                input.value = next;
                input.dataset.previous = next;
              }}
            />
            <Field name="cardCvc" label="CVC" inputMode="numeric" autoComplete="cc-csc" error={errors.cardCvc} placeholder="123" />
          </div>
        </fieldset>
      ) : (
        <p className="notice">Gift cards can't be bought online right now: ask for one at our San Francisco store.</p>
      )}
      <button className="button" type="submit" disabled={busy || !cardsAvailable}>
        {busy ? "Paying…" : "Buy gift card"}
      </button>
    </Form>
  );
}
