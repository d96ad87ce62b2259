/** Read side of /ops/production: requests by state with filters, counted per tab, one tab's page at a time. */
import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { db, schema } from "~/lib/db.server";
import { BOARD_TABS, openingTab, type BoardQuery } from "./board";
import { escapeLike } from "~/lib/sql";
import { zonedIsoDate } from "~/lib/time";
import { lateSql } from "./late.server";

const { productionRequests: requests, variants, products, artisans, orders } = schema;

function filters(query: Omit<BoardQuery, "state" | "page">, today: string): SQL[] {
  const conditions: SQL[] = [];
  // Late as late.ts says, by Nairobi's calendar (where the work is made), whatever the database's time zone.
  if (query.late) conditions.push(lateSql(today));
  if (query.county) conditions.push(eq(artisans.county, query.county));
  if (query.product) {
    const pattern = `%${escapeLike(query.product)}%`;
    conditions.push(or(ilike(products.title, pattern), ilike(variants.sku, pattern), ilike(requests.number, pattern))!);
  }
  if (query.channel === "stock") conditions.push(isNull(requests.orderId));
  else if (query.channel) conditions.push(eq(orders.channel, query.channel));
  return conditions;
}

const countsByStatus = () =>
  db
    .select({ status: requests.status, n: count() })
    .from(requests)
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .leftJoin(artisans, eq(artisans.id, requests.artisanId))
    .leftJoin(orders, eq(orders.id, requests.orderId));

export async function loadBoard(query: BoardQuery, perPage = 30, now = new Date()) {
  const today = zonedIsoDate(now);
  const shared = filters(query, today);
  const counts = await countsByStatus()
    .where(and(...shared))
    .groupBy(requests.status);
  const byStatus = new Map(counts.map((c) => [c.status, c.n]));
  const tabs = BOARD_TABS.map((t) => ({
    key: t.key,
    label: t.label,
    count: t.statuses.reduce((sum, s) => sum + (byStatus.get(s) ?? 0), 0),
  }));
  const state = openingTab(tabs, query.state);
  const tab = BOARD_TABS.find((t) => t.key === state)!;
  const where = and(...shared, inArray(requests.status, [...tab.statuses]));
  const [rows, counties] = await Promise.all([
    db
      .select({
        id: requests.id,
        number: requests.number,
        status: requests.status,
        flagged: requests.late,
        late: sql<boolean>`${lateSql(today)}`,
        dueDate: requests.dueDate,
        quantity: requests.quantity,
        unitsMade: requests.unitsMade,
        offerExpiresAt: requests.offerExpiresAt,
        updatedAt: requests.updatedAt,
        product: products.title,
        variant: variants.title,
        sku: variants.sku,
        artisanId: artisans.id,
        artisanName: sql<string | null>`${artisans.firstName} || ' ' || ${artisans.lastName}`,
        county: artisans.county,
        orderNumber: orders.number,
        channel: orders.channel,
      })
      .from(requests)
      .innerJoin(variants, eq(variants.id, requests.variantId))
      .innerJoin(products, eq(products.id, variants.productId))
      .leftJoin(artisans, eq(artisans.id, requests.artisanId))
      .leftJoin(orders, eq(orders.id, requests.orderId))
      .where(where)
      .orderBy(sql`${lateSql(today)} desc`, asc(requests.dueDate), asc(requests.id))
      .limit(perPage)
      .offset((query.page - 1) * perPage),
    db.selectDistinct({ county: artisans.county }).from(artisans).orderBy(asc(artisans.county)),
  ]);
  const total = tabs.find((t) => t.key === state)!.count;
  return {
    state,
    today,
    tabs,
    rows: rows.map((r) => ({ ...r, offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null, updatedAt: r.updatedAt.toISOString() })),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
    counties: counties.map((c) => c.county),
  };
}
