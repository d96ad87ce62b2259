import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { MIN_QUERY_LENGTH, type CustomerMatch } from "~/domain/pos";
import { formatMoney } from "~/lib/money";
import type { RegisterReply } from "./sale-form";

/** What /pos/customers answers (and the register's loader, for a search made with JavaScript off). */
export type CustomerSearchReply = { text: string; results: CustomerMatch[]; message?: string };

type Props = {
  cartJson: string;
  /** The customer attached to the sale: their details, or only their id (a copy of the page kept offline). */
  attached: CustomerMatch | { id: number; name: null } | null;
  /** A search made with JavaScript off (the register's `?customer=`), shown until the cashier searches again. */
  plainSearch: CustomerSearchReply | null;
  actionData: RegisterReply | undefined;
  busy: boolean;
  onAttach: (customer: CustomerMatch) => void;
  onDetach: () => void;
};

/** How long typing pauses before the search runs. */
const DEBOUNCE_MS = 250;

/**
 * The sale's customer. Searching as the cashier types (name, email or phone: /pos/customers, debounced),
 * or a plain GET form with JavaScript off; each result attaches with one tap; "New customer" adds one.
 * Attaching and detaching are form posts too: the tablet does them itself, the server without JavaScript.
 */
export function CustomerPanel({ cartJson, attached, plainSearch, actionData, busy, onAttach, onDetach }: Props) {
  const fetcher = useFetcher<CustomerSearchReply>();
  const [typed, setTyped] = useState(plainSearch?.text ?? "");
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // A refused quick-create shows until the cashier attaches or detaches someone on the tablet.
  const [settled, setSettled] = useState<RegisterReply | undefined>();
  const createFailed =
    actionData && actionData !== settled && !actionData.ok && actionData.values && "customerName" in actionData.values ? actionData : null;
  const search = fetcher.data ?? plainSearch;
  const shown = typed.trim().length >= MIN_QUERY_LENGTH || !fetcher.data ? search : null;

  useEffect(() => () => clearTimeout(timer.current), []);

  function load(text: string) {
    clearTimeout(timer.current);
    if (text.trim().length < MIN_QUERY_LENGTH) return;
    fetcher.load(`/pos/customers?${new URLSearchParams({ q: text })}`);
  }

  function onType(text: string) {
    setTyped(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => load(text), DEBOUNCE_MS);
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    load(typed);
  }

  /** A result or the refused duplicate attached on the tablet itself: no round trip. */
  function onAttachSubmit(event: FormEvent<HTMLFormElement>, choices: CustomerMatch[]) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const id = Number(submitter?.value.replace("attach-customer:", ""));
    const customer = choices.find((c) => c.id === id);
    if (!customer) return;
    event.preventDefault();
    attach(customer);
  }

  function attach(customer: CustomerMatch) {
    setSettled(actionData);
    onAttach(customer);
    setTyped("");
  }

  if (attached) {
    return (
      <section className="pos-customer pos-customer--attached" aria-labelledby="customer-heading">
        <h3 id="customer-heading">Customer</h3>
        <Form
          method="post"
          className="pos-customer__card"
          onSubmit={(event) => {
            event.preventDefault();
            setSettled(actionData);
            onDetach();
          }}
        >
          <input type="hidden" name="cart" value={cartJson} />
          <div data-testid="attached-customer">
            {attached.name === null ? <strong>Customer no. {attached.id}</strong> : <CustomerSummary customer={attached} />}
          </div>
          <button type="submit" name="intent" value="detach-customer" className="button button--ghost button--small" disabled={busy}>
            Detach
          </button>
        </Form>
      </section>
    );
  }

  const results = shown?.results ?? [];
  return (
    <section className="pos-customer" aria-labelledby="customer-heading">
      <h3 id="customer-heading">Customer</h3>
      <Form method="get" className="pos-customer__search" onSubmit={onSearch} role="search">
        <label htmlFor="customer-search">Find a customer</label>
        <div className="pos-scan__row">
          <input
            id="customer-search"
            name="customer"
            type="search"
            autoComplete="off"
            placeholder="Name, email or phone"
            value={typed}
            onChange={(event) => onType(event.currentTarget.value)}
            aria-controls="customer-results"
            aria-describedby="customer-search-status"
          />
          <button type="submit" className="button button--ghost">
            Search
          </button>
        </div>
      </Form>
      <p id="customer-search-status" className="field-hint" role="status">
        {fetcher.state === "loading"
          ? "Searching…"
          : shown?.message
            ? shown.message
            : shown && shown.text.length >= MIN_QUERY_LENGTH
              ? results.length
                ? `${results.length === 8 ? "8+" : results.length} ${results.length === 1 ? "customer matches" : "customers match"} "${shown.text}"`
                : `No customer matches "${shown.text}". Add them below.`
              : "Walk-in: no customer attached."}
      </p>
      {results.length ? (
        <Form method="post" onSubmit={(event) => onAttachSubmit(event, results)}>
          <input type="hidden" name="cart" value={cartJson} />
          <ul className="pos-customer__results" id="customer-results" aria-label="Customers found">
            {results.map((c) => (
              <li key={c.id}>
                <CustomerSummary customer={c} />
                <button
                  type="submit"
                  name="intent"
                  value={`attach-customer:${c.id}`}
                  className="button button--small"
                  aria-label={`Attach ${c.name || c.email || c.phone}`}
                  disabled={busy}
                >
                  Attach
                </button>
              </li>
            ))}
          </ul>
        </Form>
      ) : null}
      {createFailed ? (
        <p className="notice notice--error" role="alert" id="new-customer-error">
          {createFailed.message}
        </p>
      ) : null}
      {createFailed?.duplicate ? (
        <DuplicateAttach cartJson={cartJson} customer={createFailed.duplicate} busy={busy} onAttach={attach} />
      ) : null}
      <details className="pos-sell-card pos-customer__new" open={createFailed ? true : undefined}>
        <summary>New customer</summary>
        <Form method="post" className="pos-sell-card__form" aria-label="New customer" noValidate>
          <input type="hidden" name="cart" value={cartJson} />
          <QuickField name="customerName" label="Customer's name" autoComplete="off" failed={createFailed} />
          <QuickField name="customerEmail" label="Customer's email" type="email" autoComplete="off" failed={createFailed} />
          <QuickField
            name="customerPhone"
            label="Customer's mobile"
            type="tel"
            autoComplete="off"
            failed={createFailed}
            hint="An email, a mobile number, or both."
          />
          <button type="submit" name="intent" value="create-customer" className="button" disabled={busy}>
            Add and attach
          </button>
        </Form>
      </details>
    </section>
  );
}

/** The existing customer a quick-create ran into, one tap from the sale. */
function DuplicateAttach({
  cartJson,
  customer,
  busy,
  onAttach,
}: {
  cartJson: string;
  customer: CustomerMatch;
  busy: boolean;
  onAttach: (c: CustomerMatch) => void;
}) {
  return (
    <Form
      method="post"
      className="pos-customer__card pos-customer__existing"
      aria-label="Customer on file"
      onSubmit={(event) => {
        event.preventDefault();
        onAttach(customer);
      }}
    >
      <input type="hidden" name="cart" value={cartJson} />
      <CustomerSummary customer={customer} />
      <button type="submit" name="intent" value={`attach-customer:${customer.id}`} className="button button--small" disabled={busy}>
        Attach {customer.name || "them"}
      </button>
    </Form>
  );
}

function QuickField({
  name,
  label,
  type = "text",
  autoComplete,
  failed,
  hint,
}: {
  name: string;
  label: string;
  type?: string;
  autoComplete: string;
  failed: RegisterReply | null;
  hint?: string;
}) {
  const id = `new-${name}`;
  const error = failed?.errors?.[name] ?? (failed?.field === name ? failed.message : undefined);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={failed?.values?.[name] ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Name, how to reach them, past orders and any credit they hold. */
export function CustomerSummary({ customer }: { customer: CustomerMatch }) {
  return (
    <span className="pos-customer__summary">
      <strong>{customer.name || "No name"}</strong>
      {customer.email ? <span className="pos-customer__contact">{customer.email}</span> : null}
      {customer.phone ? <span className="pos-customer__contact">{customer.phone}</span> : null}
      <span className="pos-customer__meta">
        {customer.orders === 0 ? "No orders yet" : `${customer.orders} ${customer.orders === 1 ? "order" : "orders"}`}
        {customer.credit > 0 ? ` · ${formatMoney({ amount: customer.credit, currency: customer.currency })} gift card / store credit` : ""}
      </span>
    </span>
  );
}
