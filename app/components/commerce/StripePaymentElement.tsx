/**
 * Stripe's Payment Element for the checkout's payment step. Stripe.js is loaded from js.stripe.com
 * when the step is shown (no npm dependency, and card details never touch our server). Confirming
 * sends the shopper to Stripe and back to /checkout/complete, which asks Stripe what happened:
 * nothing this component reports is taken as proof of payment.
 */
import { useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { Money as MoneyValue } from "~/lib/money";
import { Money } from "./Money";

type PaymentElement = { mount(target: HTMLElement): void; destroy(): void; on(event: "ready", handler: () => void): void };
type StripeElements = { create(type: "payment", options?: Record<string, unknown>): PaymentElement };
type StripeJs = {
  elements(options: { clientSecret: string; appearance?: Record<string, unknown> }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    confirmParams: { return_url: string };
  }): Promise<{ error?: { type?: string; message?: string } }>;
};
type StripeConstructor = (publishableKey: string) => StripeJs;

declare global {
  interface Window {
    Stripe?: StripeConstructor;
  }
}

const STRIPE_JS = "https://js.stripe.com/v3";
let loading: Promise<StripeConstructor> | null = null;

function loadStripeJs(): Promise<StripeConstructor> {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  loading ??= new Promise<StripeConstructor>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = STRIPE_JS;
    script.async = true;
    script.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error("Stripe.js did not define Stripe")));
    script.onerror = () => {
      loading = null; // let a later mount try again
      script.remove();
      reject(new Error("Stripe.js did not load"));
    };
    document.head.appendChild(script);
  });
  return loading;
}

/** Why the return page sent the shopper back here (`/checkout?payment=…`). */
const RETURN_NOTICES: Record<string, string> = {
  failed: "Your payment didn't go through. Please try again or use another card.",
  refunded: "Your bag changed while you were paying, so we refunded that payment. Please review your order and pay again.",
};

type Phase = "idle" | "loading" | "ready" | "paying" | "broken";

export function StripePaymentElement({
  publishableKey,
  clientSecret,
  returnUrl,
  total,
}: {
  publishableKey: string;
  clientSecret: string;
  returnUrl: string;
  total: MoneyValue;
}) {
  const mountRef = useRef<HTMLDivElement>(null);
  const stripeRef = useRef<{ stripe: StripeJs; elements: StripeElements } | null>(null);
  const [phase, setPhase] = useState<Phase>("idle");
  const [message, setMessage] = useState<string | null>(null);
  const [params] = useSearchParams();
  const notice = RETURN_NOTICES[params.get("payment") ?? ""];

  useEffect(() => {
    let cancelled = false;
    let element: PaymentElement | null = null;
    setPhase("loading");
    loadStripeJs()
      .then((Stripe) => {
        if (cancelled || !mountRef.current) return;
        const stripe = Stripe(publishableKey);
        const elements = stripe.elements({ clientSecret, appearance: { theme: "stripe", variables: { borderRadius: "6px" } } });
        element = elements.create("payment", { layout: "tabs" });
        element.on("ready", () => {
          if (!cancelled) setPhase("ready");
        });
        element.mount(mountRef.current);
        stripeRef.current = { stripe, elements };
      })
      .catch(() => {
        if (cancelled) return;
        setPhase("broken");
        setMessage("We couldn't load the secure card form. Check your connection and reload the page.");
      });
    return () => {
      cancelled = true;
      element?.destroy();
      stripeRef.current = null;
    };
  }, [publishableKey, clientSecret]);

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const current = stripeRef.current;
    if (!current || phase !== "ready") return;
    setPhase("paying");
    setMessage(null);
    const { error } = await current.stripe.confirmPayment({ elements: current.elements, confirmParams: { return_url: returnUrl } });
    // Reached only when Stripe did not redirect: a declined card or a field to correct.
    setMessage(error?.message ?? "Your payment didn't go through. Please try again.");
    setPhase("ready");
  }

  return (
    <form className="pay-form stripe-pay-form" onSubmit={pay} aria-busy={phase === "paying"} noValidate>
      {notice ? (
        <p className="notice notice--error" role="alert">
          {notice}
        </p>
      ) : null}
      {message ? (
        <p className="notice notice--error" role="alert">
          {message}
        </p>
      ) : null}
      <noscript>
        <p className="notice">Card payments go through Stripe's secure form, which needs JavaScript. Please turn JavaScript on to pay.</p>
      </noscript>
      <div ref={mountRef} className="stripe-payment-element" style={{ marginBottom: "1rem" }} />
      {phase === "loading" ? (
        <p className="muted" role="status">
          Loading the secure card form…
        </p>
      ) : null}
      <button className="button pay-button" type="submit" disabled={phase !== "ready"}>
        {phase === "paying" ? (
          "Paying…"
        ) : (
          <>
            Pay <Money value={total} />
          </>
        )}
      </button>
    </form>
  );
}
