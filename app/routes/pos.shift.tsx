import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Money } from "~/components/commerce/Money";
import { closeShiftSchema } from "~/domain/pos";
import { decideHeldSale, listHeldSales } from "~/domain/pos/index.server";
import { OFFLINE_CLOCK_SKEW_MS } from "~/domain/pos";
import { closeShift, currentShift, shiftDetail, shiftHistory } from "~/domain/pos/index.server";
import { Refusal } from "~/lib/refusal";
import { actorOf, requirePosStaff } from "~/domain/pos/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import type { ShiftReport } from "~/domain/pos";
import { formatMoney } from "~/lib/money";
import { idOrNull, parseWith, readForm } from "~/lib/validation";

export const meta: MetaFunction = () => [{ title: "Shift · Soko San Francisco" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePosStaff(request);
  const url = new URL(request.url);
  const asked = url.searchParams.get("shift");
  const open = await currentShift();
  // A number no shift can have (past int4) is a shift that isn't there: a 404, not a failed query.
  const selectedId = asked && /^\d+$/.test(asked) ? idOrNull(asked) : (open?.id ?? null);
  const [detail, history, held] = await Promise.all([selectedId ? shiftDetail(selectedId) : null, shiftHistory(), listHeldSales()]);
  if (asked && !detail) throw new Response(`There is no shift ${asked}.`, { status: 404 });
  return withFlash(request, {
    openShiftId: open?.id ?? null,
    detail: detail
      ? {
          shift: { ...detail.shift, openedAt: detail.shift.openedAt.toISOString(), closedAt: detail.shift.closedAt?.toISOString() ?? null },
          report: detail.report,
          tenders: detail.tenders.map((t) => ({ ...t, createdAt: new Date(t.createdAt).toISOString() })),
        }
      : null,
    history: history.map((h) => ({ ...h, openedAt: h.openedAt.toISOString(), closedAt: h.closedAt?.toISOString() ?? null })),
    held: held.map((h) => ({ ...h, soldAt: h.soldAt?.toISOString() ?? null, syncedAt: h.syncedAt.toISOString() })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requirePosStaff(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "book-held" || intent === "reject-held") {
    const heldId = Number(form.get("heldId"));
    if (!Number.isSafeInteger(heldId) || heldId < 1 || heldId > 2_147_483_647)
      return data({ errors: {} as Record<string, string>, message: "Choose a held sale." as string | null, counted: "" }, { status: 400 });
    const decided = await decideHeldSale({ id: heldId, decision: intent === "book-held" ? "book" : "reject", staff });
    if (!decided.ok)
      return data(
        { errors: {} as Record<string, string>, message: decided.message as string | null, counted: "" },
        { status: decided.status },
      );
    return redirectWithFlash(request, "/pos/shift", { kind: "success", message: decided.message });
  }
  const parsed = parseWith(closeShiftSchema, form);
  if (!parsed.ok)
    return data({ errors: parsed.errors, message: null as string | null, counted: parsed.values.countedCash ?? "" }, { status: 400 });
  try {
    const report = await closeShift({
      shiftId: parsed.data.shiftId,
      countedCash: parsed.data.countedCash!,
      note: parsed.data.note || null,
      staffId: staff.id,
      actor: actorOf(staff),
    });
    const variance = report.variance ?? 0;
    const said =
      variance === 0
        ? "The drawer balances."
        : `Variance ${variance > 0 ? "+" : "−"}${formatMoney({ amount: Math.abs(variance), currency: report.currency })} (${variance > 0 ? "over" : "short"}).`;
    return redirectWithFlash(request, `/pos/shift?shift=${parsed.data.shiftId}`, {
      kind: variance === 0 ? "success" : "error",
      message: `Shift ${parsed.data.shiftId} closed. ${said}`,
    });
  } catch (error) {
    if (error instanceof Refusal)
      return data(
        { errors: {} as Record<string, string>, message: error.message, counted: String(form.get("countedCash") ?? "") },
        { status: error.status },
      );
    throw error;
  }
}

export default function Shift() {
  const { detail, history, held, openShiftId, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};

  return (
    <div className="pos-page">
      {flash ? (
        <p className={`notice notice--${flash.kind}`} role="status">
          {flash.message}
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="notice notice--error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      {!detail ? (
        <>
          <h1>No shift is open</h1>
          <p>
            <Link className="button" to="/pos">
              Open a shift
            </Link>
          </p>
        </>
      ) : (
        <>
          <h1>
            Shift {detail.shift.id}{" "}
            <span className={`badge ${detail.shift.status === "open" ? "badge--ok" : ""}`}>{detail.shift.status}</span>
          </h1>
          <p className="muted">
            {detail.shift.register} · opened by {detail.shift.openedBy} {fmt(detail.shift.openedAt)}
            {detail.shift.closedAt ? ` · closed by ${detail.shift.closedBy ?? "?"} ${fmt(detail.shift.closedAt)}` : ""}
          </p>
          <ReportTable report={detail.report} />
          {detail.shift.note ? <p>Note: {detail.shift.note}</p> : null}
          <p>
            <a className="button button--ghost" href={`/pos/shift/csv?shift=${detail.shift.id}`} download>
              Export CSV
            </a>
          </p>

          {/* Decided before the drawer is counted: a booked sale changes what the drawer should hold. */}
          {held.length ? <HeldSales held={held} busy={navigation.state !== "idle"} /> : null}

          {detail.shift.status === "open" ? (
            <Form method="post" className="pos-close" noValidate>
              <h2>Close the shift</h2>
              <p className="field-hint">
                Count the cash in the drawer. The report keeps what was expected, what you counted and the difference.
              </p>
              <input type="hidden" name="shiftId" value={detail.shift.id} />
              <div className="field">
                <label htmlFor="counted-cash">Cash counted in the drawer (USD)</label>
                <input
                  id="counted-cash"
                  name="countedCash"
                  inputMode="decimal"
                  autoComplete="off"
                  defaultValue={actionData?.counted ?? ""}
                  aria-invalid={errors.countedCash ? true : undefined}
                  aria-describedby={errors.countedCash ? "counted-cash-error" : undefined}
                />
                {errors.countedCash ? (
                  <p className="field-error" id="counted-cash-error">
                    {errors.countedCash}
                  </p>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor="close-note">Note (optional)</label>
                <input id="close-note" name="note" autoComplete="off" placeholder="e.g. $5 short: change given twice" />
              </div>
              <button type="submit" className="button pos-big" disabled={navigation.state !== "idle"}>
                Close shift
              </button>
            </Form>
          ) : null}

          <details className="pos-tenders">
            <summary>Every payment and refund this shift ({detail.tenders.length})</summary>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Sale</th>
                  <th scope="col">Tender</th>
                  <th scope="col">Amount</th>
                </tr>
              </thead>
              <tbody>
                {detail.tenders.map((t) => (
                  <tr key={t.id}>
                    <td>{fmt(t.createdAt)}</td>
                    <td>
                      <Link to={`/pos/sales/${t.orderNumber}`}>{t.orderNumber}</Link>
                    </td>
                    <td>
                      {t.kind}
                      {t.returnId !== null ? " refund" : ""}
                    </td>
                    <td>
                      <Money value={{ amount: t.amount, currency: detail.report.currency }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}

      <section aria-labelledby="history-heading" className="pos-history">
        <h2 id="history-heading">Closed shifts</h2>
        {history.length === 0 ? (
          <p className="muted">No closed shifts yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Shift</th>
                <th scope="col">Closed</th>
                <th scope="col">Expected</th>
                <th scope="col">Counted</th>
                <th scope="col">Variance</th>
                <th scope="col">CSV</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>
                    <Link to={`/pos/shift?shift=${h.id}`}>Shift {h.id}</Link> <small className="muted">{h.closedBy ?? h.openedBy}</small>
                  </td>
                  <td>{h.closedAt ? fmt(h.closedAt) : ""}</td>
                  <td>
                    <Money value={{ amount: h.expectedCash ?? 0, currency: h.currency }} />
                  </td>
                  <td>
                    <Money value={{ amount: h.countedCash ?? 0, currency: h.currency }} />
                  </td>
                  <td>{signed(h.variance ?? 0, h.currency)}</td>
                  <td>
                    <a href={`/pos/shift/csv?shift=${h.id}`} download>
                      CSV
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {openShiftId && detail?.shift.id !== openShiftId ? (
          <p>
            <Link to="/pos/shift">Back to the open shift</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}

type HeldRow = {
  id: number;
  soldAt: string | null;
  reason: string;
  syncedAt: string;
  syncedBy: string;
  sale: { lines: Array<{ quantity: number }>; cashGiven: number };
};

/** Offline sales stamped outside their shift: a manager books each into this shift, or rejects it. */
function HeldSales({ held, busy }: { held: HeldRow[]; busy: boolean }) {
  return (
    <section aria-labelledby="held-heading" className="pos-held">
      <h2 id="held-heading">Offline sales held for a manager ({held.length})</h2>
      <p className="field-hint">
        The tablet stamped these sales outside the shift they synced into (more than {OFFLINE_CLOCK_SKEW_MS / 60_000} minutes before it
        opened, or later than the time it synced) — a wrong clock, or a sale that was not taken here. Nothing is booked until a manager
        decides.
      </p>
      <ul className="pos-held__list">
        {held.map((h) => (
          <li key={h.id} className="pos-held__item">
            <p>
              <strong>
                {pieces(h.sale.lines.reduce((n, l) => n + l.quantity, 0))}, cash given{" "}
                <Money value={{ amount: h.sale.cashGiven, currency: "USD" }} />
              </strong>
            </p>
            <p className="muted">
              Stamped {h.soldAt ? fmt(h.soldAt) : "without a time"} · synced {fmt(h.syncedAt)} by {h.syncedBy}
            </p>
            <p>{h.reason}</p>
            <Form method="post" className="pos-held__actions">
              <input type="hidden" name="heldId" value={h.id} />
              <button type="submit" name="intent" value="book-held" className="button" disabled={busy}>
                Book it into this shift
              </button>
              <details>
                <summary>Reject…</summary>
                <p>The sale will not be booked; the cash, if any, must be accounted for by hand.</p>
                <button type="submit" name="intent" value="reject-held" className="button button--ghost" disabled={busy}>
                  Yes, reject this sale
                </button>
              </details>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

const pieces = (n: number) => `${n} ${n === 1 ? "piece" : "pieces"}`;

function ReportTable({ report }: { report: ShiftReport }) {
  const m = (amount: number) => <Money value={{ amount, currency: report.currency }} />;
  return (
    <table className="table pos-report" data-testid="shift-report">
      <tbody>
        <tr>
          <th scope="row">Opening float</th>
          <td>{m(report.openingFloat)}</td>
        </tr>
        <tr>
          <th scope="row">Cash sales</th>
          <td>{m(report.cashSales)}</td>
        </tr>
        <tr>
          <th scope="row">Card sales</th>
          <td>{m(report.cardSales)}</td>
        </tr>
        <tr>
          <th scope="row">Cash refunds</th>
          <td>{m(report.cashRefunds)}</td>
        </tr>
        <tr>
          <th scope="row">Card refunds</th>
          <td>{m(report.cardRefunds)}</td>
        </tr>
        <tr>
          <th scope="row">Sales / returns</th>
          <td>
            {report.salesCount} / {report.returnsCount}
          </td>
        </tr>
        <tr>
          <th scope="row">Expected cash in drawer</th>
          <td data-testid="expected-cash">{m(report.expectedCash)}</td>
        </tr>
        {report.countedCash !== null ? (
          <tr>
            <th scope="row">Counted cash</th>
            <td>{m(report.countedCash)}</td>
          </tr>
        ) : null}
        {report.variance !== null ? (
          <tr>
            <th scope="row">Variance</th>
            <td data-testid="variance">{signed(report.variance, report.currency)}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

function signed(amount: number, currency: string) {
  return (
    <>
      {amount > 0 ? "+" : amount < 0 ? "−" : ""}
      <Money value={{ amount: Math.abs(amount), currency }} />
    </>
  );
}

function fmt(iso: string) {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "America/Los_Angeles" }).format(
    new Date(iso),
  );
}
