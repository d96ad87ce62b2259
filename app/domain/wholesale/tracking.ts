/**
 * A wholesale order line's progress in units, pure: ordered, made, QC-passed, packed and shipped,
 * from its stock allocations, its production requests and the order's status. Buyers read these
 * as counts ("40 of 96 made"), so each stage never exceeds the one before it.
 */

export type RequestFacts = {
  status: string;
  quantity: number;
  unitsMade: number;
  maker?: { artisanId: number; firstName: string; handle: string | null } | null;
};

export type LineProgressInput = {
  quantity: number;
  /** Units allocated from stock (not released): already made and checked. */
  stockUnits: number;
  requests: RequestFacts[];
  orderStatus: string;
};

export type LineProgress = { ordered: number; fromStock: number; made: number; qcPassed: number; packed: number; shipped: number };

/** Requests that no longer stand for units of the line (their work went to another request). */
const INACTIVE = new Set(["cancelled", "declined", "expired"]);
/** Statuses at which a request's units are all made (the artisan said ready, or later). */
const FINISHED = new Set(["ready", "collected", "received", "qc_passed"]);
/** Statuses at which the maker is known and working on it. */
const WITH_MAKER = new Set(["accepted", "in_progress", "ready", "collected", "received", "qc_passed", "qc_failed"]);

export function lineProgress(input: LineProgressInput): LineProgress {
  const ordered = input.quantity;
  const fromStock = Math.min(ordered, Math.max(0, input.stockUnits));
  let made = fromStock;
  let qcPassed = fromStock;
  for (const request of input.requests) {
    if (INACTIVE.has(request.status)) continue;
    // Failed pieces are being made again: they count when they come back.
    if (request.status === "qc_failed") continue;
    made += FINISHED.has(request.status) ? request.quantity : Math.min(request.quantity, Math.max(0, request.unitsMade));
    if (request.status === "qc_passed") qcPassed += request.quantity;
  }
  made = Math.min(ordered, made);
  qcPassed = Math.min(made, qcPassed);
  const packedOrLater = ["packed", "shipped", "delivered"].includes(input.orderStatus);
  const shippedOrLater = ["shipped", "delivered"].includes(input.orderStatus);
  return {
    ordered,
    fromStock,
    made,
    qcPassed,
    packed: packedOrLater ? ordered : 0,
    shipped: shippedOrLater ? ordered : 0,
  };
}

export type MakerView = { firstName: string; handle: string | null };

/** The line's makers, once each, in the order they took the work. Only consenting makers carry a handle. */
export function lineMakers(requests: RequestFacts[]): MakerView[] {
  const seen = new Map<number, MakerView>();
  for (const request of requests) {
    if (!request.maker || !WITH_MAKER.has(request.status) || seen.has(request.maker.artisanId)) continue;
    seen.set(request.maker.artisanId, { firstName: request.maker.firstName, handle: request.maker.handle });
  }
  return [...seen.values()];
}

/** Days at the Nairobi hub between an artisan's due date and the shipment: collection, QC and packing. */
export const HUB_DAYS = 2;

export type LineShipDate =
  /** The order has shipped (every line with it). */
  | { kind: "shipped"; date: string }
  /** Every unit comes from stock: the line is ready and ships with the order. */
  | { kind: "in_stock" }
  /** Made to order: ships by this day (the latest due date of its production plus the hub's days); late once it has passed. */
  | { kind: "planned"; date: string; late: boolean }
  /** Nothing planned yet (no standing production request). */
  | { kind: "unplanned" };

/**
 * When a line ships, from its production requests' due dates (set from the dispatch plan when the
 * order was placed): the latest standing request's due date plus HUB_DAYS, never before the
 * buyer's requested ship window opens. `today` and dates are ISO days (YYYY-MM-DD).
 */
export function lineShipDate(input: {
  quantity: number;
  stockUnits: number;
  requests: Array<{ status: string; quantity: number; dueDate: string }>;
  orderStatus: string;
  shippedOn: string | null;
  windowStart: string | null;
  today: string;
}): LineShipDate {
  if (input.shippedOn && ["shipped", "delivered"].includes(input.orderStatus)) return { kind: "shipped", date: input.shippedOn };
  const standing = input.requests.filter((r) => !INACTIVE.has(r.status) && r.status !== "qc_passed");
  if (standing.length === 0) {
    const covered =
      Math.min(input.quantity, input.stockUnits) +
      input.requests.filter((r) => r.status === "qc_passed").reduce((n, r) => n + r.quantity, 0);
    return covered >= input.quantity ? { kind: "in_stock" } : { kind: "unplanned" };
  }
  // ISO days sort as text: the last is the latest.
  const due = standing.map((r) => r.dueDate).sort()[standing.length - 1];
  let date = addIsoDays(due, HUB_DAYS);
  if (input.windowStart && input.windowStart > date) date = input.windowStart;
  return { kind: "planned", date, late: date < input.today };
}

/** The order's ship date: the latest of its lines' (null while any line is unplanned or nothing is made to order). */
export function orderShipDate(lines: LineShipDate[]): string | null {
  let latest: string | null = null;
  for (const line of lines) {
    if (line.kind === "unplanned") return null;
    if (line.kind === "planned" && (!latest || line.date > latest)) latest = line.date;
  }
  return latest;
}

function addIsoDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole-order counts for the page's summary. */
export function orderProgress(lines: LineProgress[]): LineProgress {
  const sum = (key: keyof LineProgress) => lines.reduce((n, l) => n + l[key], 0);
  return {
    ordered: sum("ordered"),
    fromStock: sum("fromStock"),
    made: sum("made"),
    qcPassed: sum("qcPassed"),
    packed: sum("packed"),
    shipped: sum("shipped"),
  };
}

/** SK-100001: what routes accept as an order number. */
export const ORDER_NUMBER = /^SK-\d{1,12}$/;
