/**
 * Hostile input against EVERY route: the route modules are found on disk (app/routes/*), so a route
 * added tomorrow is covered the day it lands. Each loader gets a query string, and each action a
 * form, with every field name the route (or a forms module it imports) mentions set to
 *   - text holding a NUL byte (PostgreSQL refuses it: an error there was a 500 here), and
 *   - ids past PostgreSQL's int4 (2147483648, 99999999999999999999999), also in the route's own
 *     parameters ($id, $number…),
 * once signed out and once as whoever the route is for (an admin for /ops and /pos, a buyer for
 * /wholesale, an artisan for /artisan, a signed-in shopper with a bag elsewhere). Every answer must
 * be below 500: a refusal, a 404, a page, a redirect — never an error.
 *
 * This calls the handlers directly, without the HTTP server in front: the server refuses a NUL in
 * any address before a loader runs (tests/e2e/hostile-input.spec.ts), and this shows the shared
 * parsing (app/lib/validation.ts) holds on its own too.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createArtisan,
  createCollection,
  createCustomer,
  createLocation,
  createProduct,
  createRetailer,
  createStaff,
  setStock,
} from "#db/seed/factories";
import { db } from "~/lib/db.server";
import { artisanSessionCookie, buyerSessionCookie, customerSessionCookie, staffSessionCookie } from "./session-support";

const BASE = "http://soko.test";
const appDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../app");
const routesDir = path.join(appDir, "routes");
const ROUTE_FILES = readdirSync(routesDir)
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .sort();

const NUL = "a\u0000b";
const OVERFLOWS = ["2147483648", "99999999999999999999999"];

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>;
type RouteModule = { loader?: Handler; action?: Handler };

/**
 * What a route's source (and the app modules it imports) says about its inputs: field names, intents,
 * and for some fields a value that passes (an enum's first member, a UUID for a key), so one hostile
 * field can be sent beside otherwise plausible ones.
 */
type Inputs = { fields: string[]; intents: string[]; params: string[]; plausible: Record<string, string> };

function sourcesOf(file: string): string[] {
  const source = readFileSync(path.join(routesDir, file), "utf8");
  const imported = [...source.matchAll(/from "~\/(modules\/[^"]+)"/g)]
    .map((m) => [".ts", ".tsx"].map((ext) => path.join(appDir, m[1] + ext)).find(existsSync))
    .filter((p): p is string => !!p);
  return [source, ...imported.map((p) => readFileSync(p, "utf8"))];
}

function inputsOf(file: string): Inputs {
  const fields = new Set<string>(["q", "page", "id", "intent"]);
  const plausible: Record<string, string> = {};
  const intents = new Set<string>();
  for (const source of sourcesOf(file)) {
    for (const m of source.matchAll(/\bname="([A-Za-z_][\w.-]*)"/g)) fields.add(m[1]);
    // Names that carry an id (`return-${line.id}`): one with a plausible id, one past int4.
    for (const m of source.matchAll(/\bname=\{`([A-Za-z_][\w.-]*)\$\{/g)) for (const n of ["1", OVERFLOWS[0]]) fields.add(`${m[1]}${n}`);
    for (const m of source.matchAll(/\.(?:get|getAll|has)\("([A-Za-z_][\w.-]*)"\)/g)) fields.add(m[1]);
    for (const m of source.matchAll(/\b([A-Za-z_]\w*)\s*:\s*(?:z\.|z$|intId\(|wholeNumber\(|text\(|multilineText\(|idField\b|id\()/gm))
      fields.add(m[1]);
    for (const m of source.matchAll(/\bintent\s*[!=]==\s*"([^"]+)"|\bcase\s+"([^"]+)"|z\.literal\("([^"]+)"\)/g))
      intents.add(m[1] ?? m[2] ?? m[3]);
    for (const m of source.matchAll(/name="intent"[^>]*?value="([^"]+)"|value="([^"]+)"[^>]*?name="intent"/g)) intents.add(m[1] ?? m[2]);
    // Intents that carry an id ("add:12", "remove:3"): the id is where an overflow goes.
    for (const m of source.matchAll(/startsWith\("([\w-]+:)"\)/g)) for (const n of OVERFLOWS) intents.add(m[1] + n);
    for (const m of source.matchAll(/\b(\w+)\s*:\s*z\.(?:enum\(\[\s*|literal\()"([^"]+)"/g)) plausible[m[1]] ??= m[2];
  }
  for (const field of fields) {
    if (/key$/i.test(field)) plausible[field] ??= randomUUID();
    if (/email$/i.test(field)) plausible[field] ??= "someone@example.test";
  }
  const params = file
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((s) => s.startsWith("$"))
    .map((s) => (s === "$" ? "*" : s.slice(1)));
  return { fields: [...fields].slice(0, 80), intents: [...intents].slice(0, 40), params, plausible };
}

/** The route's path for a file name, with `values` for its dynamic segments. */
function pathFor(file: string, values: Record<string, string>): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, "\u0001")
    .split(".")
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replace(/_$/, "").replace(/\u0001/g, "."))
    .map((s) => (s === "$" ? values["*"] : s.startsWith("$") ? encodeURIComponent(values[s.slice(1)]) : s));
  return `/${segments.join("/")}`;
}

type World = {
  users: { staffId: number; buyerId: number; artisanId: number; shopperId: number; cart: string };
  /** Real values for dynamic segments, so a NUL in the query string reaches past the 404 for a made-up id. */
  real: Record<string, Record<string, string>>;
};

let world: World;

beforeAll(async () => {
  const collection = await createCollection(db, { handle: "earrings", title: "Earrings" });
  const location = await createLocation(db, { code: "SF-FLAGSHIP", name: "San Francisco Flagship", kind: "store" });
  const product = await createProduct(db, {
    handle: "hostile-hoops",
    collections: [collection],
    variants: [{ sku: "HOSTILE-1", price: 4800 }],
  });
  const variant = product.variants[0];
  await setStock(db, variant.id, location.id, 10);
  const staff = await createStaff(db, { roles: ["admin"], email: "hostile-admin@soko.test" });
  const { retailer, buyer } = await createRetailer(db);
  const { artisan } = await createArtisan(db, { phone: "+254700000777" });
  const shopper = await createCustomer(db, { email: "hostile-shopper@example.test", password: "soko-demo" });

  const cartModule = (await import("~/routes/cart")) as RouteModule;
  const added = (await cartModule.action!({
    request: new Request(`${BASE}/cart`, {
      method: "POST",
      body: new URLSearchParams({ intent: "add", variantId: String(variant.id), quantity: "1" }),
    }),
    params: {},
    context: {},
  })) as Response;
  const cart = added.headers.get("Set-Cookie")?.split(";")[0] ?? "";

  const staffCookie = await staffSessionCookie(staff.id);
  // The register sells only in an open shift: open one, so a sale gets as far as its lines.
  const posHome = (await import("~/routes/pos._index")) as RouteModule;
  await posHome.action!({
    request: new Request(`${BASE}/pos`, {
      method: "POST",
      headers: { Cookie: staffCookie },
      body: new URLSearchParams({ intent: "open-shift", openingFloat: "100" }),
    }),
    params: {},
    context: {},
  }).catch((e) => e);

  world = {
    users: { staffId: staff.id, buyerId: buyer!.id, artisanId: artisan.id, shopperId: shopper.id, cart },
    real: {
      "ops.products.$id": { id: String(product.product.id) },
      "ops.artisans.$id": { id: String(artisan.id) },
      "ops.retailers.$id": { id: String(retailer.id) },
      "ops.inventory.$sku": { sku: variant.sku },
      "products.$handle": { handle: product.product.handle },
      "collections.$handle": { handle: collection.handle },
      "makers.$handle": { handle: artisan.handle ?? "nobody" },
      "webhooks.mpesa.$kind": { kind: "result" },
    },
  };
}, 60_000);

/**
 * A new session for whoever the route is for, one per route: a sign-out among the probes ends only
 * that route's session (sessions live in PostgreSQL and really end).
 */
async function cookieFor(file: string): Promise<string> {
  const { users } = world;
  if (/^(ops|pos)\b/.test(file)) return staffSessionCookie(users.staffId);
  if (/^wholesale\b/.test(file)) return buyerSessionCookie(users.buyerId);
  if (/^artisan\b/.test(file)) return artisanSessionCookie(users.artisanId);
  return [await customerSessionCookie(users.shopperId), users.cart].filter(Boolean).join("; ");
}

/** The status a handler answered with; a thrown error that is not a Response is reported as a 500. */
async function statusOf(
  handler: Handler,
  request: Request,
  params: Record<string, string>,
  done: AbortController,
): Promise<number | string> {
  let result: unknown;
  try {
    result = await handler({ request, params, context: {} });
  } catch (error) {
    if (error instanceof Response) return error.status;
    return `threw ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
  } finally {
    // As if the client went away: event streams stop, streamed PDFs are dropped.
    done.abort();
  }
  if (result instanceof Response) {
    if (!/event-stream/.test(result.headers.get("Content-Type") ?? "")) await result.body?.cancel();
    return result.status;
  }
  if (result && typeof result === "object" && "init" in result && "data" in result)
    return (result as { init: { status?: number } | null }).init?.status ?? 200;
  return 200;
}

/** Every field the route knows set to `value`. */
function fieldsWith(fields: string[], value: string) {
  const form = new URLSearchParams();
  for (const field of fields) if (field !== "intent") form.set(field, value);
  return form;
}

/**
 * One field set to `value`, and the others: absent; only those the source names a passing value for
 * (an enum member, a UUID key); or all of them, "1" (a quantity, a page, an id) where the source
 * says nothing. So the hostile value isn't masked by another field's refusal.
 */
type Others = "absent" | "known" | "all";
function fieldsWithOne(inputs: Inputs, field: string, value: string, others: Others) {
  const form = new URLSearchParams();
  for (const f of inputs.fields) {
    const known = inputs.plausible[f];
    if (f === "intent" || others === "absent" || (others === "known" && known === undefined)) continue;
    form.set(f, known ?? "1");
  }
  form.set(field, value);
  return form;
}

/** A JSON field (the register's cart) holding ids past int4. */
const JSON_OVERFLOW = JSON.stringify({
  id: 2147483648,
  variantId: 2147483648,
  lines: [{ id: 2147483648, variantId: 2147483648, orderLineId: 2147483648, quantity: 1, discountPercent: 0 }],
});

type Probe = {
  label: string;
  handler: Handler;
  url: string;
  method: "GET" | "POST";
  body?: URLSearchParams;
  signedIn: boolean;
  params: Record<string, string>;
};

/** Every request this test sends one route. */
function probesFor(file: string, module: RouteModule): Probe[] {
  const id = file.replace(/\.tsx?$/, "");
  const inputs = inputsOf(file);
  const { fields, intents, params } = inputs;
  const realParams = Object.fromEntries(params.map((p) => [p, world.real[id]?.[p] ?? "1"]));
  const overflowParams = (n: string) => Object.fromEntries(params.map((p) => [p, n]));
  const index = id.endsWith("_index") ? "?index" : "";
  const probes: Probe[] = [];
  const loader = (label: string, signedIn: boolean, routeParams: Record<string, string>, query: URLSearchParams) => {
    if (module.loader)
      probes.push({
        label: `loader ${label}`,
        handler: module.loader,
        url: `${pathFor(file, routeParams)}?${query}`,
        method: "GET",
        signedIn,
        params: routeParams,
      });
  };
  const action = (
    label: string,
    signedIn: boolean,
    routeParams: Record<string, string>,
    intent: string | undefined,
    body: URLSearchParams,
  ) => {
    if (!module.action) return;
    if (intent !== undefined) body.set("intent", intent);
    probes.push({
      label: `action ${intent ?? "(no intent)"} ${label}`,
      handler: module.action,
      url: `${pathFor(file, routeParams)}${index}`,
      method: "POST",
      body,
      signedIn,
      params: routeParams,
    });
  };

  // Every field at once, signed out and signed in; ids in the address past int4 too.
  for (const session of [false, true]) {
    const who = session ? "signed in" : "signed out";
    for (const value of [NUL, ...OVERFLOWS]) {
      const paramSets = value === NUL || !params.length ? [realParams] : [overflowParams(value), realParams];
      for (const routeParams of paramSets) {
        const label = `${who}, every field ${JSON.stringify(value)}${routeParams === realParams ? "" : " in the address too"}`;
        loader(label, session, routeParams, fieldsWith(fields, value));
        for (const intent of [undefined, ...intents]) action(label, session, routeParams, intent, fieldsWith(fields, value));
      }
    }
  }
  // One field at a time, signed in.
  for (const field of fields.filter((f) => f !== "intent")) {
    for (const others of ["absent", "known", "all"] as const) {
      const label = (value: string) => `${field}=${JSON.stringify(value).slice(0, 40)}, others ${others}`;
      for (const value of [NUL, ...OVERFLOWS]) loader(label(value), true, realParams, fieldsWithOne(inputs, field, value, others));
      // The larger overflow is sent with every field at once above; the JSON one only makes sense with the rest in place.
      for (const value of others === "absent" ? [OVERFLOWS[0]] : [OVERFLOWS[0], JSON_OVERFLOW]) {
        for (const intent of [undefined, ...intents])
          action(label(value), true, realParams, intent, fieldsWithOne(inputs, field, value, others));
      }
    }
  }
  return probes;
}

describe("hostile input against every route", () => {
  it("finds the route modules", () => {
    expect(ROUTE_FILES.length).toBeGreaterThan(50);
  });

  for (const file of ROUTE_FILES) {
    it(`${file}: NUL and int4-overflowing input answer below 500`, async () => {
      const module = (await import(/* @vite-ignore */ pathToFileURL(path.join(routesDir, file)).href)) as RouteModule;
      const failures: string[] = [];
      let sent = 0;
      let cookie = await cookieFor(file);
      for (const probe of probesFor(file, module)) {
        const done = new AbortController();
        const headers: Record<string, string> = probe.signedIn ? { Cookie: cookie } : {};
        const request = new Request(`${BASE}${probe.url}`, { method: probe.method, headers, body: probe.body, signal: done.signal });
        const status = await statusOf(probe.handler, request, probe.params, done);
        sent++;
        if (typeof status !== "number" || status >= 500) failures.push(`${probe.label}: ${status}`);
        // Signing out really ends the session: the next probes get a new one.
        if (probe.signedIn && /logout|sign-?out/.test(`${file} ${probe.label}`)) cookie = await cookieFor(file);
      }
      if (module.loader || module.action) expect(sent).toBeGreaterThan(0);
      expect(failures).toEqual([]);
    }, 60_000);
  }
});
