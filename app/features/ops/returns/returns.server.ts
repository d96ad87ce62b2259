/** The console's returns pages on the server: the queue, one return and its actions, the policy. */
import { data } from "@remix-run/node";
import { RETURN_ACTIONS, opsAllows } from "~/domain/accounts";
import type { Staff } from "~/domain/accounts/index.server";
import { moneyKindLabel, normalizeReturnNumber, policySchema, queueQuerySchema, readDispositions, readMoneyPeriod } from "~/domain/returns";
import type { MoneyPeriod } from "~/domain/returns";
import {
  cancelReturn,
  inspectReturn,
  loadReturnPolicy,
  reasonsReport,
  receiveReturn,
  retryReturnRefund,
  returnDetail,
  returnQueue,
  returnsMoney,
  returnsMoneyEntries,
  saveReturnPolicy,
  type Result,
} from "~/domain/returns/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { csvStream, decimalAmount } from "~/lib/csv";
import { OPS_TIME_LABEL, zonedIsoDate, zonedStamp } from "~/lib/time";
import { parseWith, readForm } from "~/lib/validation";
import { owedRefund } from "./refund-retry";

/** The return number from the URL; a 404 for anything that cannot be one. */
export function returnNumberParam(param: string | undefined): string {
  const number = param ? normalizeReturnNumber(param) : null;
  if (!number) throw new Response("There is no return with that number.", { status: 404 });
  return number;
}

export async function queuePage(request: Request) {
  const params = new URL(request.url).searchParams;
  const parsed = parseWith(queueQuerySchema, params);
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  const query = parsed.data;
  const { period, error: periodError } = readMoneyPeriod(params, zonedIsoDate(new Date()));
  const [queue, reasons, money, policy] = await Promise.all([
    returnQueue(query),
    reasonsReport(period),
    returnsMoney(period),
    loadReturnPolicy(),
  ]);
  return { query, period, periodError, queue, reasons, money, policy };
}

export const MONEY_CSV_HEADER = [
  `When (${OPS_TIME_LABEL})`,
  "Return",
  "Order",
  "What",
  "Shopper's amount",
  "Shopper's currency",
  "Booked",
  "Booked currency",
  "Ledger entry",
];

/** The CSV's name says its period: "soko-returns-money-2026-11-07-to-2026-12-06.csv". */
export function moneyCsvName(period: MoneyPeriod): string {
  return `soko-returns-money-${period.from}-to-${period.to}.csv`;
}

async function* moneyCsvRows(period: MoneyPeriod) {
  for await (const page of returnsMoneyEntries(period)) {
    yield page.map((m) => [
      zonedStamp(new Date(m.at)),
      m.returnNumber,
      m.orderNumber,
      moneyKindLabel(m.kind),
      decimalAmount(m.shopperAmount),
      m.shopperCurrency,
      decimalAmount(m.booked),
      m.bookedCurrency,
      m.reference,
    ]);
  }
}

/** /ops/returns/money.csv: every ledger entry returns made in the period, oldest first; a bad period is a 400. */
export function moneyCsvResponse(request: Request): Response {
  const { period, error } = readMoneyPeriod(new URL(request.url).searchParams, zonedIsoDate(new Date()));
  if (error) throw new Response(error.replace(/ Showing the last 30 days\.$/, ""), { status: 400 });
  return new Response(csvStream(MONEY_CSV_HEADER, moneyCsvRows(period)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${moneyCsvName(period)}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export async function returnPage(request: Request, number: string, staff: Staff) {
  const [detail, policy] = await Promise.all([returnDetail(number), loadReturnPolicy()]);
  if (!detail) throw new Response(`There is no return ${number}. Check the number on the parcel's label.`, { status: 404 });
  return withFlash(request, {
    detail,
    policy,
    owed: owedRefund(detail, policy),
    can: Object.fromEntries(Object.entries(RETURN_ACTIONS).map(([intent, roles]) => [intent, opsAllows(roles, staff.roles)])) as Record<
      keyof typeof RETURN_ACTIONS,
      boolean
    >,
  });
}

export type ReturnActionFailure = { intent: string; error: string };

export async function returnAction(request: Request, number: string, staff: Staff) {
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (!(intent in RETURN_ACTIONS)) return data<ReturnActionFailure>({ intent, error: "Unknown action." }, { status: 400 });
  const roles = RETURN_ACTIONS[intent as keyof typeof RETURN_ACTIONS];
  if (!opsAllows(roles, staff.roles)) {
    throw new Response(`Your account can't do that to a return. It needs one of these roles: admin, ${roles.join(", ")}.`, { status: 403 });
  }
  const actor = `staff:${staff.id}`;
  let result: Result<object>;
  switch (intent) {
    case "receive":
      result = await receiveReturn({ number, actor });
      break;
    case "inspect": {
      const detail = await returnDetail(number);
      if (!detail) throw new Response(`There is no return ${number}.`, { status: 404 });
      const read = readDispositions(
        form.entries(),
        detail.lines.map((l) => l.id),
      );
      if (!read.ok) return data<ReturnActionFailure>({ intent, error: read.message }, { status: 400 });
      result = await inspectReturn({ number, actor, lines: read.lines });
      break;
    }
    case "refund":
      result = await retryReturnRefund({ number, actor });
      break;
    default:
      result = await cancelReturn({ number, actor });
  }
  if (!result.ok) {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
    return data<ReturnActionFailure>({ intent, error: result.message }, { status: result.status });
  }
  return redirectWithFlash(request, `/ops/returns/${number}`, { kind: "success", message: result.message });
}

export async function policyPage(request: Request, canEdit: boolean) {
  return withFlash(request, { policy: await loadReturnPolicy(), canEdit });
}

export async function policyAction(request: Request, staff: Staff) {
  const parsed = parseWith(policySchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await saveReturnPolicy(parsed.data, `staff:${staff.id}`);
  return redirectWithFlash(request, "/ops/returns/policy", { kind: "success", message: "The returns policy is saved." });
}
