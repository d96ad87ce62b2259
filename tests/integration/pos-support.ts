/** Shared arrangement for the POS integration tests: a flagship with stock, staff, and callers for the routes. */
import { and, eq } from "drizzle-orm";
import { createLocation, createProduct, createStaff, setStock } from "#db/seed/factories";
import { action as homeAction } from "~/routes/pos._index";
import { db, schema } from "~/lib/db.server";

export const BASE = "http://soko.test";

export type Outcome = { status: number; location: string | null; cookie: string | null; body: Record<string, unknown> | null };

type RouteFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;

/** Calls a loader or action: a redirect, a data() answer, a plain object or a thrown Response alike. */
export async function call(
  fn: RouteFn,
  path: string,
  options: { cookie?: string; form?: Record<string, string>; params?: Record<string, string>; method?: string } = {},
): Promise<Outcome> {
  const request = new Request(`${BASE}${path}`, {
    method: options.method ?? (options.form ? "POST" : "GET"),
    headers: options.cookie ? { Cookie: options.cookie } : {},
    body: options.form ? new URLSearchParams(options.form) : undefined,
  });
  try {
    const result = await fn({ request, params: options.params ?? {}, context: {} });
    return outcomeOf(result);
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    if (error.status >= 300 && error.status < 400) return outcomeOf(error);
    return { status: error.status, location: null, cookie: null, body: { message: await error.text() } };
  }
}

async function outcomeOf(result: unknown): Promise<Outcome> {
  if (result instanceof Response) {
    const type = result.headers.get("Content-Type") ?? "";
    return {
      status: result.status,
      location: result.headers.get("Location"),
      cookie: result.headers.get("Set-Cookie")?.split(";")[0] ?? null,
      body: type.includes("json") ? ((await result.json()) as Record<string, unknown>) : null,
    };
  }
  if (result && typeof result === "object" && "data" in result && "init" in result) {
    const r = result as { data: Record<string, unknown>; init: { status?: number; headers?: HeadersInit } | null };
    return { status: r.init?.status ?? 200, location: null, cookie: null, body: r.data };
  }
  return { status: 200, location: null, cookie: null, body: result as Record<string, unknown> };
}

export async function signIn(email: string, password = "soko-demo"): Promise<string> {
  const res = await call(homeAction as RouteFn, "/pos", { form: { email, password } });
  if (!res.cookie) throw new Error(`sign-in failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.cookie;
}

export type Store = Awaited<ReturnType<typeof setUpStore>>;

/**
 * SF-FLAGSHIP with three pieces: a stud ($48, 20 on the shelf), hoops ($68, none on the shelf: a
 * special order) and a cuff ($25.99, 2 on the shelf); a cashier and a manager.
 */
export async function setUpStore() {
  const flagship = await createLocation(db, { code: "SF-FLAGSHIP", name: "San Francisco Flagship", kind: "store", shipDays: 3 });
  const fc = await createLocation(db, { code: "US-FC", name: "US Fulfilment Centre", kind: "fulfilment", shipDays: 2 });
  const stud = (
    await createProduct(db, {
      title: "Petite Horn Paddle Stud",
      category: "earrings",
      variants: [{ price: 4800, sku: "EAR-T001", barcode: "2901234500017" }],
    })
  ).variants[0];
  const hoops = (
    await createProduct(db, {
      title: "Mara Horn Hoops",
      category: "earrings",
      variants: [{ price: 6800, sku: "EAR-T002", barcode: "2901234500024" }],
    })
  ).variants[0];
  const cuff = (
    await createProduct(db, {
      title: "Mixed Shapes Stacking Cuff",
      category: "bracelets",
      variants: [{ price: 2599, sku: "BRA-T003", barcode: "2901234500031" }],
    })
  ).variants[0];
  await setStock(db, stud.id, flagship.id, 20);
  await setStock(db, cuff.id, flagship.id, 2);
  // Web stock elsewhere is never sold at the counter.
  await setStock(db, hoops.id, fc.id, 4);
  const cashier = await createStaff(db, { email: "cashier@soko.test", name: "Maya Lindgren", roles: ["cashier"] });
  const manager = await createStaff(db, { email: "manager@soko.test", name: "Ana Ruiz", roles: ["cashier", "manager"] });
  const ops = await createStaff(db, { email: "hub@soko.test", name: "Hub Person", roles: ["hub"] });
  return { flagship, fc, stud, hoops, cuff, cashier, manager, ops };
}

export async function level(variantId: number, locationId: number) {
  const [row] = await db
    .select({ onHand: schema.inventoryLevels.onHand, reserved: schema.inventoryLevels.reserved })
    .from(schema.inventoryLevels)
    .where(and(eq(schema.inventoryLevels.variantId, variantId), eq(schema.inventoryLevels.locationId, locationId)));
  return row ?? { onHand: 0, reserved: 0 };
}

export const cartOf = (...lines: Array<[number, number, number?]>) =>
  JSON.stringify({
    lines: lines.map(([variantId, quantity, discountPercent]) => ({ variantId, quantity, discountPercent: discountPercent ?? 0 })),
  });
