/**
 * The role matrix: every staff role × every /ops route module's loader and action → allowed or
 * refused, against the console's access table (OPS_ACCESS in app/domain/accounts/ops-access.ts). Route
 * modules are found on disk (app/routes/ops*.ts[x]), so a new /ops route FAILS this test until it has
 * a row there: decide who may use it, then add the row.
 *
 * "Refused" means a 403 (thrown or returned). "Allowed" means anything else: a page, a redirect
 * elsewhere, a 400 for the empty form or a 404 for the made-up id this test uses (it got past the
 * role check). Admin holds every role. Nobody signed in is sent to /ops/login (except public pages).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { createStaff } from "#db/seed/factories";
import { STAFF_ROLES, type StaffRole } from "#db/schema";
import { OPS_ACCESS, OPS_SECTIONS, ORDER_ACTIONS, type OpsAccess, type OpsRoutePolicy } from "~/domain/accounts/ops-access";
import { db } from "~/lib/db.server";
import { call, get, post } from "./artisan-support";
import { staffSessionCookie } from "./session-support";

type Access = "public" | readonly StaffRole[];
type Row = { loader?: Access; action?: Access };

/** "any" staff member, as the roles that means. */
const toAccess = (access: OpsAccess | undefined): Access | undefined =>
  access === "any" ? STAFF_ROLES.filter((r) => r !== "admin") : access;

/**
 * Who may call each /ops route's loader and action, besides admin: the console's one policy table,
 * OPS_ACCESS (app/domain/accounts/ops-access.ts), which the routes' guards and the nav read too. This
 * test calls every handler as every role and checks the route really enforces its row.
 */
const EXPECTED: Record<string, Row> = Object.fromEntries(
  Object.entries(OPS_ACCESS as Record<string, OpsRoutePolicy>).map(([id, row]) => [
    id,
    { loader: toAccess(row.loader), action: toAccess(row.action) },
  ]),
);

/** Finance and admin pages: a cashier must be refused every one of them. */
const FINANCE_AND_ADMIN_PAGES = ["ops.payouts", "ops.invoices.$number", "ops.impact", "ops.audit"];

const routesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");
const ROUTE_FILES = readdirSync(routesDir)
  .filter((f) => /^ops(\.|$)/.test(f) && /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .sort();
const routeId = (file: string) => file.replace(/\.tsx?$/, "");

/** The URL a route answers, with a made-up value for each dynamic segment. */
function urlFor(id: string): { pathname: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = id
    .split(".")
    .filter((s) => s !== "_index")
    .map((segment) => {
      if (!segment.startsWith("$")) return segment;
      const name = segment.slice(1);
      params[name] = name === "id" ? "999999" : name === "sku" ? "NO-SUCH-SKU" : "NOPE-1";
      return encodeURIComponent(params[name]);
    });
  return { pathname: `/${segments.join("/")}`, params };
}

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>;
type RouteModule = { loader?: Handler; action?: Handler };

const modules = new Map<string, RouteModule>();
const staffIds = new Map<StaffRole, number>();

beforeAll(async () => {
  it("shows each nav section to exactly who may open its page, and links it to that page", () => {
    for (const section of OPS_SECTIONS) {
      expect(EXPECTED[section.route]?.loader, `${section.label} points at a route with a loader row`).toBeDefined();
      expect(urlFor(section.route).pathname, `${section.label} links to its own route`).toBe(section.to);
    }
    expect(EXPECTED["ops.audit"].loader).toEqual(["admin"]);
  });

  it("gives each order intent only to roles that may post the order page's forms", () => {
    const page = EXPECTED["ops.orders.$number"].action as readonly StaffRole[];
    for (const [intent, roles] of Object.entries(ORDER_ACTIONS))
      for (const role of roles) expect(page, `${intent}: ${role}`).toContain(role);
  });

  for (const role of STAFF_ROLES) {
    const staff = await createStaff(db, { roles: [role], email: `matrix-${role}@soko.test` });
    staffIds.set(role, staff.id);
  }
  for (const file of ROUTE_FILES)
    modules.set(routeId(file), (await import(/* @vite-ignore */ pathToFileURL(path.join(routesDir, file)).href)) as RouteModule);
}, 60_000);

/**
 * What one role gets from one handler: "allowed", "refused" (403), or "login" (sent to sign in). Each
 * call gets a session of its own: the logout actions (and "sign out everywhere") really end them.
 */
async function outcome(
  handler: Handler,
  kind: "loader" | "action",
  id: string,
  role?: StaffRole,
): Promise<"allowed" | "refused" | "login"> {
  const { pathname, params } = urlFor(id);
  const cookie = role ? await staffSessionCookie(staffIds.get(role)!) : undefined;
  const request = kind === "loader" ? get(pathname, cookie) : post(pathname, {}, cookie);
  let result: Awaited<ReturnType<typeof call>>;
  try {
    result = await call(handler, request, params);
  } catch (error) {
    // Not a Response: the handler got past its role check and then failed on the made-up input.
    console.warn(`${id} ${kind}: ${error instanceof Error ? error.message : String(error)}`);
    return "allowed";
  }
  if (result.status === 403) return "refused";
  if (result.status >= 300 && result.status < 400 && result.location?.startsWith("/ops/login")) return "login";
  return "allowed";
}

describe("ops role matrix", () => {
  it("has a row for every /ops route module, and no row for a module that is gone", () => {
    const ids = ROUTE_FILES.map(routeId);
    const missing = ids.filter((id) => !(id in EXPECTED));
    const stale = Object.keys(EXPECTED).filter((id) => !ids.includes(id));
    expect(missing, `Add these /ops routes to OPS_ACCESS in app/domain/accounts/ops-access.ts: ${missing.join(", ")}`).toEqual([]);
    expect(stale, `These rows have no route module any more: ${stale.join(", ")}`).toEqual([]);
  });

  it("lists exactly the loader and action each module exports", () => {
    for (const [id, module] of modules) {
      const row = EXPECTED[id] ?? {};
      expect({ id, loader: typeof module.loader === "function", action: typeof module.action === "function" }).toEqual({
        id,
        loader: row.loader !== undefined,
        action: row.action !== undefined,
      });
    }
  });

  it("refuses a cashier every finance and admin page, and everything but the shell and their own account", () => {
    for (const id of FINANCE_AND_ADMIN_PAGES) {
      const row = EXPECTED[id];
      expect(row, `${id} is a finance/admin page`).toBeDefined();
      for (const access of [row.loader, row.action]) if (access && access !== "public") expect(access).not.toContain("cashier");
    }
    const cashierAllowed = Object.entries(EXPECTED).filter(([, row]) =>
      [row.loader, row.action].some((a) => a !== undefined && a !== "public" && a.includes("cashier")),
    );
    expect(cashierAllowed.map(([id]) => id)).toEqual(["ops", "ops.account"]);
  });

  for (const role of STAFF_ROLES) {
    it(`${role}: every loader and action allows or refuses as the table says`, async () => {
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const [id, module] of modules) {
        const row = EXPECTED[id];
        if (!row) continue; // reported by the first test
        for (const kind of ["loader", "action"] as const) {
          const handler = module[kind];
          const access = row[kind];
          if (!handler || access === undefined) continue;
          want[`${id} ${kind}`] = access === "public" || role === "admin" || access.includes(role) ? "allowed" : "refused";
          const result = await outcome(handler, kind, id, role);
          // Signing out sends you to the login page: for a public page that is not a refusal.
          got[`${id} ${kind}`] = access === "public" && result === "login" ? "allowed" : result;
        }
      }
      expect(got).toEqual(want);
    }, 120_000);
  }

  it("sends somebody not signed in to the login page from every non-public loader and action", async () => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const [id, module] of modules) {
      const row = EXPECTED[id];
      if (!row) continue;
      for (const kind of ["loader", "action"] as const) {
        const handler = module[kind];
        if (!handler || row[kind] === undefined || row[kind] === "public") continue;
        want[`${id} ${kind}`] = "login";
        got[`${id} ${kind}`] = await outcome(handler, kind, id);
      }
    }
    expect(got).toEqual(want);
  }, 120_000);
});
