import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Money } from "~/components/commerce/Money";
import { toSettlement } from "~/domain/markets";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { INVOICE_NUMBER } from "~/domain/wholesale";
import { invoiceForStaff, markInvoicePaidLocally } from "~/domain/wholesale/index.server";
import { parseWith, readForm, type FieldErrors } from "~/lib/validation";
import { formatOpsTime } from "~/lib/time";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.invoice.number ?? "Invoice"} · Soko operations` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOpsStaff(request, "ops.invoices.$number", "loader");
  const found = await invoiceForStaff(invoiceNumber(params.number));
  if (!found) throw new Response(`There is no invoice ${params.number ?? ""}.`, { status: 404 });
  return {
    invoice: { ...found.invoice, issuedAt: found.invoice.issuedAt.toISOString(), paidAt: found.invoice.paidAt?.toISOString() ?? null },
    orderNumber: found.orderNumber,
    poNumber: found.poNumber,
    retailerName: found.retailerName,
    displayStatus: found.displayStatus,
    balance: found.balance,
    settlement: found.settlement,
  };
}

type ActionResult = { ok: boolean; message: string | null; errors: FieldErrors; values: Record<string, string> };

/** Finance: a bank transfer arrived for a local invoice. Audited; a second submit changes nothing. */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.invoices.$number", "action");
  const number = invoiceNumber(params.number);
  const parsed = parseWith(markPaidSchema, await readForm(request));
  if (!parsed.ok) return data<ActionResult>({ ok: false, message: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await markInvoicePaidLocally({ number, actor: `staff:${staff.id}`, reference: parsed.data.reference });
  if (!result.ok && result.status === 404) throw new Response(result.message, { status: 404 });
  if (!result.ok)
    return data<ActionResult>(
      { ok: false, message: result.message, errors: {}, values: { reference: parsed.data.reference } },
      { status: result.status },
    );
  return data<ActionResult>({ ok: true, message: result.message, errors: {}, values: {} });
}

export default function OpsInvoice() {
  const { invoice, orderNumber, poNumber, retailerName, displayStatus, balance, settlement } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // The retailer's money, and the USD the ledger books it at (the order's rate) beside it.
  const money = (amount: number) => (
    <>
      <Money value={{ amount, currency: invoice.currency }} />
      {settlement ? (
        <span className="muted">
          {" "}
          (<Money value={{ amount: toSettlement(amount, settlement.ratePpm), currency: settlement.currency }} />)
        </span>
      ) : null}
    </>
  );
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={`/ops/orders/${orderNumber}`}>Order {orderNumber}</Link>
      </p>
      <h1>Invoice {invoice.number}</h1>
      {result?.message ? (
        <div className={`notice ${result.ok ? "notice--success" : "notice--error"}`} role={result.ok ? "status" : "alert"}>
          {result.message}
        </div>
      ) : null}
      <dl>
        <dt>Retailer</dt>
        <dd>{retailerName}</dd>
        <dt>PO</dt>
        <dd>{poNumber}</dd>
        <dt>Status</dt>
        <dd>
          <span className="badge">{displayStatus}</span> ({invoice.provider === "stripe" ? "Stripe Invoicing" : "local, bank transfer"})
        </dd>
        <dt>Amount</dt>
        <dd>{money(invoice.amount)}</dd>
        <dt>Paid</dt>
        <dd>
          {money(invoice.amountPaid)}
          {invoice.paidAt ? ` on ${formatOpsTime(invoice.paidAt)}` : ""}
        </dd>
        <dt>Balance</dt>
        <dd>{money(balance)}</dd>
        <dt>Due</dt>
        <dd>{invoice.dueDate}</dd>
        {settlement ? (
          <>
            <dt>Booked at</dt>
            <dd data-testid="invoice-settlement">
              {invoice.currency} {(settlement.ratePpm / 1_000_000).toFixed(4)} to the {settlement.currency}, the order's rate
            </dd>
          </>
        ) : null}
      </dl>
      {invoice.status === "open" && invoice.provider === "local" ? (
        <Form method="post" className="card">
          <div className="field">
            <label htmlFor="reference">Bank reference (optional)</label>
            <input
              id="reference"
              name="reference"
              maxLength={100}
              defaultValue={result?.values.reference ?? ""}
              aria-invalid={result?.errors.reference ? true : undefined}
              aria-describedby={result?.errors.reference ? "reference-error" : undefined}
            />
            {result?.errors.reference ? (
              <p id="reference-error" className="field-error">
                {result.errors.reference}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={busy}>
            Mark paid (bank transfer received)
          </button>
        </Form>
      ) : invoice.status === "open" ? (
        <p className="muted">
          Stripe collects this invoice. A transfer made outside Stripe is recorded there as "paid out of band"; Stripe's webhook then marks
          it paid here.
        </p>
      ) : null}
    </div>
  );
}

function invoiceNumber(raw: string | undefined): string {
  const number = (raw ?? "").toUpperCase();
  if (!INVOICE_NUMBER.test(number)) throw new Response(`There is no invoice ${raw ?? ""}.`, { status: 404 });
  return number;
}

const markPaidSchema = z.object({
  reference: z.string().trim().max(100, "Keep the bank reference under 100 characters.").default(""),
});
