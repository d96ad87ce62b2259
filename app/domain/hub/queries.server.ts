/**
 * What the Nairobi hub's pages read: the day's work (ready for pickup, on the way, waiting for a
 * quality check), one production request by number, and the orders ready to pack or ship.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { ProductionStatus } from "#db/schema";
import { statusPath } from "~/domain/orders/index.server";
import { shippingLabel } from "~/domain/pricing";
import { db, schema, type Executor } from "~/lib/db.server";
import { HUB_LOCATION_CODE } from "./rules";

const {
  productionRequests: requests,
  pickups,
  artisans,
  variants,
  products,
  productImages,
  orders,
  qcInspections,
  productionEvents,
} = schema;

/** How many requests each dashboard list shows; the counts above them are exact. */
export const DASHBOARD_LIST_SIZE = 50;
export const PACKING_PAGE_SIZE = 20;

const requestColumns = {
  id: requests.id,
  number: requests.number,
  status: requests.status,
  quantity: requests.quantity,
  dueDate: requests.dueDate,
  late: requests.late,
  product: products.title,
  variant: variants.title,
  sku: variants.sku,
  artisanName: sql<string | null>`${artisans.firstName} || ' ' || ${artisans.lastName}`,
  artisanPhone: artisans.phone,
  settlement: artisans.settlement,
  county: artisans.county,
  orderNumber: orders.number,
};

export type HubRequestRow = {
  id: number;
  number: string;
  status: ProductionStatus;
  quantity: number;
  dueDate: string;
  late: boolean;
  product: string;
  variant: string;
  sku: string;
  artisanName: string | null;
  artisanPhone: string | null;
  settlement: string | null;
  county: string | null;
  orderNumber: string | null;
  pickup: {
    scheduledFor: string;
    riderName: string;
    riderPhone: string | null;
    riderConfirmedAt: string | null;
    artisanConfirmedAt: string | null;
  } | null;
};

/** The pickup still under way for each request (scheduled or handed over), newest first. */
async function activePickups(requestIds: number[]) {
  if (!requestIds.length) return new Map<number, HubRequestRow["pickup"]>();
  const rows = await db
    .select()
    .from(pickups)
    .where(and(inArray(pickups.requestId, requestIds), inArray(pickups.status, ["scheduled", "handed_over"])))
    .orderBy(desc(pickups.id));
  const byRequest = new Map<number, HubRequestRow["pickup"]>();
  for (const p of rows) {
    if (byRequest.has(p.requestId)) continue;
    byRequest.set(p.requestId, {
      scheduledFor: p.scheduledFor.toISOString(),
      riderName: p.riderName,
      riderPhone: p.riderPhone,
      riderConfirmedAt: p.riderConfirmedAt?.toISOString() ?? null,
      artisanConfirmedAt: p.artisanConfirmedAt?.toISOString() ?? null,
    });
  }
  return byRequest;
}

async function requestsIn(status: ProductionStatus, limit: number): Promise<HubRequestRow[]> {
  const rows = await db
    .select(requestColumns)
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .leftJoin(artisans, eq(artisans.id, requests.artisanId))
    .leftJoin(orders, eq(orders.id, requests.orderId))
    .where(eq(requests.status, status))
    .orderBy(asc(requests.dueDate), asc(requests.id))
    .limit(limit);
  const pickupsBy = await activePickups(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, pickup: pickupsBy.get(r.id) ?? null }));
}

export type HubDashboard = {
  counts: { ready: number; scheduled: number; collected: number; received: number; toPack: number; toShip: number };
  ready: HubRequestRow[];
  collected: HubRequestRow[];
  received: HubRequestRow[];
};

/** Everything the hub's front page shows, in a handful of queries. */
export async function hubDashboard(): Promise<HubDashboard> {
  const [[counts], ready, collected, received, packing] = await Promise.all([
    db.execute<{ ready: number; scheduled: number; collected: number; received: number }>(sql`
      select
        count(*) filter (where pr.status = 'ready')::int as ready,
        count(*) filter (where pr.status = 'ready' and exists (
          select 1 from pickups p where p.request_id = pr.id and p.status = 'scheduled'))::int as scheduled,
        count(*) filter (where pr.status = 'collected')::int as collected,
        count(*) filter (where pr.status = 'received')::int as received
      from production_requests pr
      where pr.status in ('ready', 'collected', 'received')`),
    requestsIn("ready", DASHBOARD_LIST_SIZE),
    requestsIn("collected", DASHBOARD_LIST_SIZE),
    requestsIn("received", DASHBOARD_LIST_SIZE),
    packingCounts(),
  ]);
  return { counts: { ...counts, ...packing }, ready, collected, received };
}

export type HubRequestDetail = HubRequestRow & {
  unitsMade: number;
  pieceRate: number;
  currency: string;
  artisanId: number | null;
  qualityScore: number | null;
  image: { url: string; alt: string } | null;
  /** The artisan's latest work photo (sent with "ready" in the app), for the quality check; null when she sent none. */
  workPhoto: { url: string; at: string; actor: string } | null;
  inspections: Array<{ id: number; unitsPassed: number; unitsFailed: number; defectReason: string | null; outcome: string; at: string }>;
  events: Array<{ id: number; fromStatus: string | null; toStatus: string; actor: string; note: string | null; at: string }>;
};

/** One request by its number, with what the hub needs to receive and check it. Null when unknown. */
export async function hubRequest(number: string): Promise<HubRequestDetail | null> {
  const [row] = await db
    .select({
      ...requestColumns,
      productId: products.id,
      unitsMade: requests.unitsMade,
      pieceRate: requests.pieceRate,
      currency: requests.pieceRateCurrency,
      artisanId: requests.artisanId,
      qualityScore: artisans.qualityScore,
    })
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .leftJoin(artisans, eq(artisans.id, requests.artisanId))
    .leftJoin(orders, eq(orders.id, requests.orderId))
    .where(eq(requests.number, number));
  if (!row) return null;
  const [[image], inspections, events, pickupsBy, [photo]] = await Promise.all([
    db
      .select({ url: productImages.url, alt: productImages.alt })
      .from(productImages)
      .where(eq(productImages.productId, row.productId))
      .orderBy(asc(productImages.position))
      .limit(1),
    db.select().from(qcInspections).where(eq(qcInspections.requestId, row.id)).orderBy(desc(qcInspections.at), desc(qcInspections.id)),
    db
      .select()
      .from(productionEvents)
      .where(eq(productionEvents.requestId, row.id))
      .orderBy(desc(productionEvents.at), desc(productionEvents.id))
      .limit(20),
    activePickups([row.id]),
    db
      .select({ url: productionEvents.photoUrl, at: productionEvents.at, actor: productionEvents.actor })
      .from(productionEvents)
      .where(and(eq(productionEvents.requestId, row.id), isNotNull(productionEvents.photoUrl)))
      .orderBy(desc(productionEvents.at), desc(productionEvents.id))
      .limit(1),
  ]);
  const { productId: _productId, ...rest } = row;
  return {
    ...rest,
    image: image ?? null,
    workPhoto: photo?.url ? { url: photo.url, at: photo.at.toISOString(), actor: photo.actor } : null,
    pickup: pickupsBy.get(row.id) ?? null,
    inspections: inspections.map((i) => ({
      id: i.id,
      unitsPassed: i.unitsPassed,
      unitsFailed: i.unitsFailed,
      defectReason: i.defectReason,
      outcome: i.outcome,
      at: i.at.toISOString(),
    })),
    events: events.map((e) => ({
      id: e.id,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actor: e.actor,
      note: e.note,
      at: e.at.toISOString(),
    })),
  };
}

/** Just the number's existence and status (the scan field answers 404 for unknown numbers). */
export async function requestStatus(number: string): Promise<ProductionStatus | null> {
  const [row] = await db.select({ status: requests.status }).from(requests).where(eq(requests.number, number));
  return row?.status ?? null;
}

// ---------------------------------------------------------------- packing

/**
 * Orders the hub packs: not cancelled, packed or shipped, paid (or on terms), nothing still being
 * made (every production request passed QC or was cancelled), and something actually at the hub
 * (a QC-passed request, or stock reserved at a hub location). Orders filled only from the US
 * fulfilment centre or the flagship are packed there, through /ops/orders.
 */
const packableWhere = (status: "to_pack" | "to_ship") => sql`
  o.status ${status === "to_pack" ? sql`in ('open', 'in_production', 'ready')` : sql`= 'packed'`}
  and o.payment_status not in ('failed', 'refunded')
  and not exists (select 1 from production_requests pr where pr.order_id = o.id and pr.status not in ('qc_passed', 'cancelled'))
  and (
    exists (select 1 from production_requests pr where pr.order_id = o.id and pr.status = 'qc_passed')
    or exists (
      select 1 from allocations a
      join order_lines ol on ol.id = a.order_line_id
      join locations l on l.id = a.location_id
      where ol.order_id = o.id and a.kind = 'stock' and a.released_at is null and l.kind = 'hub')
  )`;

async function packingCounts(): Promise<{ toPack: number; toShip: number }> {
  const [row] = await db.execute<{ to_pack: number; to_ship: number }>(sql`
    select
      (select count(*)::int from orders o where ${packableWhere("to_pack")}) as to_pack,
      (select count(*)::int from orders o where ${packableWhere("to_ship")}) as to_ship`);
  return { toPack: row.to_pack, toShip: row.to_ship };
}

export type PackingOrder = {
  number: string;
  status: string;
  channel: string;
  placedAt: string;
  shipTo: string;
  /** The full address as the label prints it, one line each; empty when the order has none. */
  address: string[];
  /** "Standard", "Express", "International express"…; null when the order has no method (wholesale freight, POS). */
  shippingMethod: string | null;
  express: boolean;
  statusPath: string;
  /** `makers`: the artisans who made the line's pieces (the slip thanks them by name). */
  lines: Array<{ title: string; sku: string; quantity: number; sources: string[]; makers: string[] }>;
};

export type PackingList = { orders: PackingOrder[]; total: number; page: number; pageCount: number };

type PackingRow = {
  id: number;
  number: string;
  status: string;
  channel: string;
  placed_at: string;
  shipping_address: schema.Address | null;
  shipping_method: string | null;
};

/** Orders ready to pack (oldest first), or packed and waiting for the carrier. */
export async function packingList(which: "to_pack" | "to_ship", page: number): Promise<PackingList> {
  const [[{ total }], rows] = await Promise.all([
    db.execute<{ total: number }>(sql`select count(*)::int as total from orders o where ${packableWhere(which)}`),
    db.execute<PackingRow>(sql`
      select o.id, o.number, o.status, o.channel, o.placed_at, o.shipping_address, o.shipping_method
      from orders o
      where ${packableWhere(which)}
      order by o.placed_at, o.id
      limit ${PACKING_PAGE_SIZE} offset ${(page - 1) * PACKING_PAGE_SIZE}`),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / PACKING_PAGE_SIZE));
  return { orders: await packingDetails([...rows]), total, page, pageCount };
}

/**
 * One order as the hub packs it, for its packing slip and shipping label: any order that is, or
 * was, on the packing lists (to pack, packed, shipped, delivered). Null otherwise.
 */
export async function packingOrder(number: string): Promise<PackingOrder | null> {
  const rows = await db.execute<PackingRow>(sql`
    select o.id, o.number, o.status, o.channel, o.placed_at, o.shipping_address, o.shipping_method
    from orders o
    where o.number = ${number}
      and (${packableWhere("to_pack")} or o.status in ('packed', 'shipped', 'delivered'))`);
  const [order] = await packingDetails([...rows]);
  return order ?? null;
}

async function packingDetails(rows: PackingRow[]): Promise<PackingOrder[]> {
  if (!rows.length) return [];
  const orderIds = rows.map((r) => r.id);
  const [lines, sources] = await Promise.all([
    db
      .select({
        id: schema.orderLines.id,
        orderId: schema.orderLines.orderId,
        title: schema.orderLines.title,
        sku: schema.orderLines.sku,
        quantity: schema.orderLines.quantity,
      })
      .from(schema.orderLines)
      .where(inArray(schema.orderLines.orderId, orderIds))
      .orderBy(asc(schema.orderLines.id)),
    db.execute<{
      order_line_id: number;
      kind: string;
      quantity: number;
      location: string | null;
      request: string | null;
      request_status: string | null;
      artisan: string | null;
    }>(sql`
      select a.order_line_id, a.kind, a.quantity, l.name as location, pr.number as request, pr.status as request_status,
             ar.first_name || ' ' || ar.last_name as artisan
      from allocations a
      join order_lines ol on ol.id = a.order_line_id
      left join locations l on l.id = a.location_id
      left join production_requests pr on pr.id = a.production_request_id
      left join artisans ar on ar.id = pr.artisan_id
      where ol.order_id in ${sql.raw(`(${orderIds.map(Number).join(",")})`)} and a.released_at is null
      order by a.id`),
  ]);
  return rows.map((o) => ({
    number: o.number,
    status: o.status,
    channel: o.channel,
    placedAt: new Date(o.placed_at).toISOString(),
    shipTo: o.shipping_address
      ? [o.shipping_address.name, o.shipping_address.city, o.shipping_address.country].filter(Boolean).join(", ")
      : "—",
    address: addressLines(o.shipping_address),
    shippingMethod: shippingLabel(o.shipping_method, o.shipping_address),
    express: o.shipping_method === "express",
    statusPath: statusPath(o.number),
    lines: lines
      .filter((l) => l.orderId === o.id)
      .map((l) => {
        const mine = sources.filter((s) => s.order_line_id === l.id && s.request_status !== "cancelled");
        return {
          title: l.title,
          sku: l.sku,
          quantity: l.quantity,
          sources: mine.map((s) =>
            s.kind === "stock" ? `${s.quantity} from ${s.location ?? "stock"}` : `${s.quantity} made (${s.request ?? "request"})`,
          ),
          makers: [...new Set(mine.map((s) => s.artisan).filter((a): a is string => Boolean(a)))],
        };
      }),
  }));
}

/** An address as a label prints it: name, street, city line, country, phone. */
function addressLines(a: schema.Address | null): string[] {
  if (!a) return [];
  return [a.name, a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(", "), a.country, a.phone].filter(
    (s): s is string => Boolean(s),
  );
}

/**
 * The hub's return address as it goes on a shipping label: its location record's address lines and
 * phone (locations, code NBO-HUB). Null when the record or its address is missing: a label must not
 * go out without one.
 */
export async function hubReturnAddress(executor: Executor = db): Promise<string[] | null> {
  const [hub] = await executor
    .select({ address: schema.locations.address, phone: schema.locations.phone })
    .from(schema.locations)
    .where(eq(schema.locations.code, HUB_LOCATION_CODE));
  if (!hub || hub.address.length === 0) return null;
  return hub.phone ? [...hub.address, hub.phone] : [...hub.address];
}
