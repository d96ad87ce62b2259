import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { Field } from "~/components/ui/Field";
import { Pagination } from "~/components/ui/Pagination";
import { EmptyList } from "~/features/ops/shared/PastLastPage";
import { ScrollRegion } from "~/components/ui/ScrollRegion";
import { mayAct } from "~/domain/accounts";
import { requireOpsStaff } from "~/domain/accounts/index.server";
import { GIFT_CARD_CURRENCY, maskedCode, opsListSchema, printSchema } from "~/domain/giftcards";
import { createPhysicalCards, listGiftCards } from "~/domain/giftcards/index.server";
import { OpsTime } from "~/features/ops/shared/OpsTime";
import { db } from "~/lib/db.server";
import { parseWith, readForm } from "~/lib/validation";

// A refused action renders here, inside the console with its nav (see OpsPageError).
export { OpsPageError as ErrorBoundary } from "~/features/ops/shared/PageError";

export const meta: MetaFunction = () => [{ title: "Gift cards · Soko operations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.gift-cards._index", "loader");
  const parsed = parseWith(opsListSchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const filter = parsed.data;
  const result = await listGiftCards(filter);
  return {
    q: filter.q,
    ...result,
    rows: result.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    canPrint: mayAct("ops.gift-cards._index", staff.roles),
  };
}

type PrintReply = { ok: true; codes: string[] } | { ok: false; errors: Record<string, string> };

// Printing a batch: the codes are shown once, here, for the printer; only their hashes are kept.
export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireOpsStaff(request, "ops.gift-cards._index", "action");
  const parsed = parseWith(printSchema, await readForm(request));
  if (!parsed.ok) return data<PrintReply>({ ok: false, errors: parsed.errors }, { status: 422 });
  const codes = await db.transaction((tx) =>
    createPhysicalCards(tx, { count: parsed.data.count, currency: GIFT_CARD_CURRENCY, actor: `staff:${staff.id}` }),
  );
  return data<PrintReply>({ ok: true, codes }, { headers: { "Cache-Control": "no-store" } });
}

export default function OpsGiftCards() {
  const { q, rows, total, page, pageCount, canPrint } = useLoaderData<typeof loader>();
  const printed = useActionData<PrintReply>();
  return (
    <div className="ops-page">
      <h1>Gift cards</h1>
      <p className="muted">
        Gift cards sold online and at the register, and store credit given for returns. Codes are never stored: find a card by its last four
        or the recipient's email.
      </p>
      <form method="get" className="ops-filters" aria-label="Find gift cards">
        <div className="field">
          <label htmlFor="gift-card-q">Last four or email</label>
          <input id="gift-card-q" name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit" className="button button--small">
          Find
        </button>
        {q ? (
          <Link to="/ops/gift-cards" className="ops-filters__clear">
            Clear
          </Link>
        ) : null}
      </form>

      {rows.length === 0 ? (
        <EmptyList total={total} pageCount={pageCount} rows="gift cards">
          <h2>{q ? "No gift cards match" : "No gift cards yet"}</h2>
          <p className="muted">Cards appear here when one is bought at /gift-cards, sold at the register, or given as store credit.</p>
        </EmptyList>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? "card" : "cards"}
          </p>
          <ScrollRegion className="ops-table-wrap" label="Gift cards">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Card</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">For</th>
                  <th scope="col" className="num">
                    Issued
                  </th>
                  <th scope="col" className="num">
                    Balance
                  </th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((card) => (
                  <tr key={card.id}>
                    <td>
                      <Link to={`/ops/gift-cards/${card.id}`}>{maskedCode(card.last4)}</Link>
                    </td>
                    <td>{KIND_LABEL[card.kind]}</td>
                    <td>
                      <span className={`badge ${card.status === "active" ? "badge--ok" : card.status === "disabled" ? "badge--bad" : ""}`}>
                        {card.status}
                      </span>
                    </td>
                    <td>{card.recipientEmail ?? <span className="muted">—</span>}</td>
                    <td className="num">
                      <Money value={{ amount: card.initialAmount, currency: card.currency }} />
                    </td>
                    <td className="num">
                      <Money value={{ amount: card.balance, currency: card.currency }} />
                    </td>
                    <td>
                      <OpsTime iso={card.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <Pagination page={page} pageCount={pageCount} label="Gift card pages" />

      {canPrint ? (
        <section aria-labelledby="print-title" className="ops-section">
          <h2 id="print-title">Print cards for the register</h2>
          <p className="muted">New printed cards are worth nothing until the register sells them. Their codes are shown once, here.</p>
          <Form method="post" className="ops-filters">
            <Field
              name="count"
              label="How many"
              inputMode="numeric"
              defaultValue="20"
              error={printed && !printed.ok ? printed.errors.count : undefined}
            />
            <button type="submit" className="button button--small">
              Make codes
            </button>
          </Form>
          {printed?.ok ? (
            <div className="notice notice--success" role="status">
              <p>{printed.codes.length} cards made. Send these codes to the printer now: they are not shown again.</p>
              <ol className="gift-card-codes">
                {printed.codes.map((code) => (
                  <li key={code}>
                    <code>{code}</code>
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

const KIND_LABEL: Record<string, string> = { digital: "Emailed", physical: "Printed", store_credit: "Store credit" };
