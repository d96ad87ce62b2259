import { Form } from "@remix-run/react";

/**
 * The receipt by text message: the shopper's mobile number, typed as they say it. A plain form
 * (works without JavaScript); the number is checked and sent through the SMS outbox.
 */
export function TextReceiptForm({ failure, busy }: { failure: { message: string; phone: string } | null; busy: boolean }) {
  return (
    <Form method="post" className="pos-text-receipt no-print" aria-labelledby="text-receipt-heading">
      <h2 id="text-receipt-heading">Text the receipt</h2>
      <input type="hidden" name="intent" value="text-receipt" />
      <label htmlFor="receipt-phone">Customer's mobile number</label>
      <div className="pos-text-receipt__row">
        <input
          id="receipt-phone"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          maxLength={40}
          placeholder="(415) 555-0100"
          defaultValue={failure?.phone ?? ""}
          aria-invalid={failure ? true : undefined}
          aria-describedby={failure ? "receipt-phone-error" : "receipt-phone-hint"}
          required
        />
        <button type="submit" className="button" disabled={busy}>
          Text receipt
        </button>
      </div>
      {failure ? (
        <p className="field-error" id="receipt-phone-error" role="alert">
          {failure.message}
        </p>
      ) : (
        <p className="field-hint" id="receipt-phone-hint">
          US numbers as the customer says them; other countries with + and the country code.
        </p>
      )}
    </Form>
  );
}
