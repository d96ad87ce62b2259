/**
 * The payouts page on the server: its query, its data (or the CSV), and its three forms (run
 * payouts, mark conflicting reports reviewed, ask M-Pesa again).
 */
import { data } from "@remix-run/node";
import type { useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import type { Staff } from "~/domain/accounts/index.server";
import { salesByCurrency, trialBalanceSummary } from "~/domain/ledger/index.server";
import { PAYOUT_FORM_INTENTS, payoutsQuerySchema } from "~/domain/payouts";
import {
  listPayouts,
  listRuns,
  markConflictsReviewed,
  payoutThreshold,
  payoutsCsv,
  payoutsNeedingALook,
  PayoutsChanged,
  previewPayoutsPage,
  reconcileAgain,
  runPayouts,
} from "~/domain/payouts/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { parseWith, readForm } from "~/lib/validation";
import type { ActionFailure } from "./payouts";

export type PayoutsQuery = z.infer<typeof payoutsQuerySchema>;
/** The page's data as the component sees it. */
export type PageData = ReturnType<typeof useLoaderData<typeof payoutsPage>>;

/** The page's query string, checked; a 400 when it makes no sense. */
export function payoutsQuery(request: Request): PayoutsQuery {
  const parsed = parseWith(payoutsQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  return parsed.data;
}

/** The payouts the filters pick, as a CSV download. */
export async function payoutsCsvResponse(query: PayoutsQuery) {
  const csv = await payoutsCsv({ runId: query.run, status: query.status, find: query.find });
  const name = `soko-payouts${query.run ? `-run-${query.run}` : ""}${query.status ? `-${query.status}` : ""}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** The page's data (the loader's non-CSV answer), typed on its own so the component sees it. */
export async function payoutsPage(request: Request, query: PayoutsQuery) {
  const threshold = query.threshold !== undefined ? query.threshold * 100 : payoutThreshold();
  const [preview, runs, payouts, books, needsALook, sales] = await Promise.all([
    // The whole run's totals, and one page (50) of it: searched, most owed first.
    previewPayoutsPage({ threshold, q: query.q, page: query.page }),
    listRuns(query.runsPage),
    listPayouts({ runId: query.run, status: query.status, find: query.find, page: query.payoutsPage }),
    trialBalanceSummary(),
    payoutsNeedingALook(),
    salesByCurrency(),
  ]);
  const body = {
    query,
    threshold,
    preview: previewData(preview),
    runs,
    payouts: {
      ...payouts,
      payouts: payouts.payouts.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() })),
    },
    books,
    needsALook,
    sales,
  };
  return withFlash(request, body);
}

/** The preview for the page: its rows as `shown`, the rest as they are. */
function previewData({ rows, ...rest }: Awaited<ReturnType<typeof previewPayoutsPage>>) {
  return { ...rest, shown: rows };
}

/** A run, or one of the "Needs a look" forms. */
export async function payoutsAction(request: Request, staff: Staff) {
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "review" || intent === "recheck") return reviewAction(request, form, intent, `staff:${staff.id}`);
  const parsed = parseWith(PAYOUT_FORM_INTENTS.run, form);
  if (!parsed.ok) return data<ActionFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { threshold, count, total, digest } = parsed.data;
  let result: Awaited<ReturnType<typeof runPayouts>>;
  try {
    // Audited inside runPayouts ("payout.run" by this staff member), in the run's own transaction.
    result = await runPayouts({ threshold: threshold * 100, actor: `staff:${staff.id}`, approved: { count, total, digest } });
  } catch (error) {
    // Nothing was written or sent; the page (loaded again) shows the run as it is now, to confirm again.
    if (error instanceof PayoutsChanged)
      return data<ActionFailure>(
        { errors: { form: error.message }, values: { intent: "run", threshold: String(threshold) } },
        { status: 409 },
      );
    throw error;
  }
  return redirectWithFlash(request, `/ops/payouts?run=${result.runId}`, {
    kind: "success",
    message:
      result.paid === 0
        ? `Run ${result.runId}: nobody was owed KES ${parsed.data.threshold.toLocaleString("en-US")} or more, so nothing was sent.`
        : `Run ${result.runId}: ${result.paid} ${result.paid === 1 ? "payout" : "payouts"} of KES ${(result.total / 100).toLocaleString("en-US")} in all sent to M-Pesa. Results arrive in the table below as M-Pesa confirms them.`,
  });
}

/** "Needs a look": mark a payout's conflicting reports reviewed, or ask M-Pesa again. Both audited; neither moves money. */
async function reviewAction(request: Request, form: FormData, intent: "review" | "recheck", actor: string) {
  let message: string;
  if (intent === "review") {
    const parsed = parseWith(PAYOUT_FORM_INTENTS.review, form);
    if (!parsed.ok) return data<ActionFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const marked = await markConflictsReviewed({ payoutId: parsed.data.payoutId, upTo: parsed.data.upTo, note: parsed.data.note, actor });
    message =
      marked === 0
        ? `Payout ${parsed.data.payoutId} had nothing left to review.`
        : `Payout ${parsed.data.payoutId}: ${marked} conflicting ${marked === 1 ? "report" : "reports"} marked reviewed. The payout and its money are as they were.`;
  } else {
    const parsed = parseWith(PAYOUT_FORM_INTENTS.recheck, form);
    if (!parsed.ok) return data<ActionFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    message = (await reconcileAgain({ payoutId: parsed.data.payoutId, actor }))
      ? `Payout ${parsed.data.payoutId}: asking M-Pesa again. Its answer appears here within minutes.`
      : `Payout ${parsed.data.payoutId} is no longer waiting on M-Pesa.`;
  }
  return redirectWithFlash(request, "/ops/payouts#needs-a-look", { kind: "success", message });
}
