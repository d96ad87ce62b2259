import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { currentShift, listHeldSales, requirePosStaff, shiftDetail, shiftHistory } from "~/domain/pos/index.server";
import { shiftAction } from "~/features/pos/shift.server";
import { CloseShiftForm } from "~/features/pos/shift/CloseShiftForm";
import { fmt } from "~/features/pos/shift/format";
import { HeldSales } from "~/features/pos/shift/HeldSales";
import { ReportTable } from "~/features/pos/shift/ReportTable";
import { ShiftHistory } from "~/features/pos/shift/ShiftHistory";
import { ShiftTenders } from "~/features/pos/shift/ShiftTenders";
import { withFlash } from "~/lib/flash.server";
import { idOrNull, readForm } from "~/lib/validation";
import { FlashNotice } from "~/components/ui/Notice";

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
  return shiftAction(request, form, staff);
}

export default function Shift() {
  const { detail, history, held, openShiftId, flash } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};

  return (
    <div className="pos-page">
      <FlashNotice flash={flash} />
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
          {held.length ? <HeldSales held={held} busy={busy} /> : null}

          {detail.shift.status === "open" ? (
            <CloseShiftForm shiftId={detail.shift.id} counted={actionData?.counted ?? ""} error={errors.countedCash} busy={busy} />
          ) : null}

          <ShiftTenders tenders={detail.tenders} currency={detail.report.currency} />
        </>
      )}

      <ShiftHistory history={history} backToOpen={Boolean(openShiftId && detail?.shift.id !== openShiftId)} />
    </div>
  );
}
