/**
 * The operations console's access policy, in one table: who may call each /ops route's loader and
 * action, and the finer permissions inside a page. Everything else reads it:
 *
 * - each /ops route's guard: `requireOpsStaff(request, "<route id>", "loader" | "action")`
 *   (~/domain/accounts/staff.server), and its `can…` flags through `opsAllows`;
 * - the console's navigation (routes/ops.tsx) and the dashboard's links (routes/ops._index.tsx):
 *   a section shows to whoever may open its page;
 * - the role-matrix test (tests/integration/ops-role-matrix.test.ts), which calls every loader and
 *   action as every role and fails when a route does not enforce its row, or has no row.
 *
 * Admin passes every check. "any" is any signed-in staff member (the shell, one's own account);
 * "public" needs nobody signed in (sign-in and sign-out). Pure: the browser reads it for the nav.
 */
import type { StaffRole } from "#db/schema";

export type OpsAccess = "public" | "any" | readonly StaffRole[];
export type OpsRoutePolicy = { loader?: OpsAccess; action?: OpsAccess };

/** Admin only (admin passes every check, and nobody else holds this role). */
const ADMIN_ONLY = ["admin"] as const satisfies readonly StaffRole[];

/** Keyed by route id (the file name in app/routes without its extension). Keep it explicit. */
export const OPS_ACCESS = {
  ops: { loader: "any" }, // the shell; each page checks again (loaders run in parallel)
  "ops.account": { loader: "any", action: "any" }, // one's own account
  "ops.login": { loader: "public", action: "public" },
  "ops.logout": { loader: "public", action: "public" },
  "ops._index": { loader: ["ops", "hub", "finance", "manager"] }, // dashboard: everyone but the cashier
  "ops.orders._index": { loader: ["ops", "finance"] },
  "ops.orders[.]csv": { loader: ["ops", "finance"] }, // the list's CSV export, with its filters
  "ops.orders.$number": { loader: ["ops", "finance", "hub"], action: ["ops", "finance", "hub"] }, // each intent: ORDER_ACTIONS
  "ops.production._index": { loader: ["ops", "hub"], action: ["ops"] },
  "ops.production.$number": { loader: ["ops", "hub"], action: ["ops"] },
  "ops.products._index": { loader: ["ops"] },
  "ops.products.bulk": { loader: ["ops"], action: ["ops"] }, // review, apply and undo a bulk edit
  "ops.products.$id": { loader: ["ops"], action: ["ops"] },
  // Finance finds an artisan to change her sign-in and payout numbers (decision 0026); each intent: ARTISAN_ACTIONS.
  "ops.artisans._index": { loader: ["ops", "finance"] },
  "ops.artisans.$id": { loader: ["ops", "finance"], action: ["ops", "finance"] },
  "ops.retailers._index": { loader: ["ops"] },
  "ops.retailers.$id": { loader: ["ops"], action: ["ops"] },
  "ops.hub": {}, // layout only, no loader
  "ops.hub._index": { loader: ["hub"], action: ["hub"] },
  "ops.hub.receive": { loader: ["hub"] },
  "ops.hub.packing": { loader: ["hub"], action: ["hub"] },
  "ops.hub.requests.$number": { loader: ["hub"], action: ["hub"] },
  "ops.hub.slip.$number[.]pdf": { loader: ["hub"] }, // an order's packing slip
  "ops.hub.label.$number[.]pdf": { loader: ["hub"] }, // an order's 4 × 6 in shipping label
  "ops.hub.cartons.$number[.]pdf": { loader: ["hub"] }, // an EDI order's GS1-128 carton labels
  "ops.inventory._index": { loader: ["ops", "hub"] }, // the hub may look; changes are made on each SKU's page
  "ops.inventory[.]csv": { loader: ["ops", "hub"] }, // the levels the page's filters pick, as CSV
  "ops.inventory.$sku": { loader: ["ops", "hub"], action: ["ops"] },
  "ops.reviews._index": { loader: ["ops"] }, // the moderation queue
  "ops.reviews.$id": { loader: ["ops"], action: ["ops"] }, // approve, reject with a reason
  "ops.outbox._index": { loader: ["ops"] },
  "ops.outbox.$id": { loader: ["ops"], action: ["ops"] },
  "ops.payouts": { loader: ["finance"], action: ["finance"] },
  "ops.payouts[.]csv": { loader: ["finance"] }, // the payouts the page's filters pick, as CSV
  "ops.invoices.$number": { loader: ["finance"], action: ["finance"] },
  "ops.impact": { loader: ["ops", "finance"] },
  "ops.audit": { loader: ADMIN_ONLY },
  "ops.audit[.]csv": { loader: ADMIN_ONLY }, // the log the page's filters pick, as CSV
  "ops.staff._index": { loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "ops.staff.$id": { loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "ops.password": { loader: "public", action: "public" }, // a staff password link: the token is the key
  // Gift cards: ops finds cards for shoppers; finance prints card stock and disables cards (money).
  "ops.gift-cards._index": { loader: ["ops", "finance"], action: ["finance"] },
  "ops.gift-cards.$id": { loader: ["ops", "finance"], action: ["finance"] },
  "ops.returns._index": { loader: ["ops", "hub", "finance"] }, // queue, reasons, the money returns moved
  "ops.returns.$number": { loader: ["ops", "hub", "finance"], action: ["ops", "hub", "finance"] }, // each intent: RETURN_ACTIONS
  "ops.returns.policy": { loader: ["ops", "finance"], action: ["ops"] },
  "ops.returns.money[.]csv": { loader: ["ops", "hub", "finance"] }, // the money returns moved, as CSV
  // Market price lists: ops sets and generates them; finance may look (prices are money) but not change them.
  "ops.markets._index": { loader: ["ops", "finance"] },
  "ops.markets.$code": { loader: ["ops", "finance"], action: ["ops"] }, // set, reset, regenerate, undo
  // Wholesale price lists per currency (decision 0025): ops sets rates and prices, as the markets'; finance may look.
  "ops.wholesale.prices._index": { loader: ["ops", "finance"], action: ["ops"] }, // each currency's order minimums
  "ops.wholesale.prices.$currency": { loader: ["ops", "finance"], action: ["ops"] }, // set, reset, apply a new rate or step
  // EDI with department stores: ops runs the partners, the log and the fixes.
  "ops.edi._index": { loader: ["ops"], action: ["ops"] },
  "ops.edi.partners.$id": { loader: ["ops"], action: ["ops"] },
  "ops.edi.log": { loader: ["ops"], action: ["ops"] },
  "ops.edi.interchanges.$id": { loader: ["ops"] },
  "ops.edi.documents.$id": { loader: ["ops"] },
  "ops.edi.errors": { loader: ["ops"], action: ["ops"] },
} as const satisfies Record<string, OpsRoutePolicy>;

export type OpsRouteId = keyof typeof OPS_ACCESS;

/** What each intent on an order's page needs, within the page's action roles (packing and delivery go with shipping). */
export const ORDER_ACTIONS = {
  refund: ["finance"],
  cancel: ["ops"],
  pack: ["ops", "hub"],
  ship: ["ops", "hub"],
  deliver: ["ops", "hub"],
} as const satisfies Record<string, readonly StaffRole[]>;

/**
 * What each intent on an artisan's page needs (onboarding is `profile` on /ops/artisans/new). Her
 * sign-in and payout numbers decide where her pay goes, so only finance (and admin) change them
 * once she is onboarded (decision 0026); the profile form never changes them.
 */
export const ARTISAN_ACTIONS = {
  profile: ["ops"],
  numbers: ["finance"],
  deactivate: ["ops"],
  reactivate: ["ops"],
} as const satisfies Record<string, readonly StaffRole[]>;

/** What each intent on a return's page needs, within the page's action roles. */
export const RETURN_ACTIONS = {
  receive: ["hub", "ops"],
  inspect: ["hub", "ops"],
  refund: ["finance"],
  cancel: ["ops"],
} as const satisfies Record<string, readonly StaffRole[]>;

/** Whether someone holding `roles` passes `access` (admin passes everything). */
export function opsAllows(access: OpsAccess | undefined, roles: readonly StaffRole[]): boolean {
  if (access === undefined) return false;
  if (access === "public" || access === "any") return true;
  return roles.includes("admin") || access.some((role) => roles.includes(role));
}

/** Whether someone holding `roles` may open the page of `route` (its loader). */
export function mayOpen(route: OpsRouteId, roles: readonly StaffRole[]): boolean {
  return opsAllows((OPS_ACCESS[route] as OpsRoutePolicy).loader, roles);
}

/** Whether someone holding `roles` may use the forms of `route` (its action). */
export function mayAct(route: OpsRouteId, roles: readonly StaffRole[]): boolean {
  return opsAllows((OPS_ACCESS[route] as OpsRoutePolicy).action, roles);
}

/** The console's sections, in the nav's order: each shows to whoever may open its page. */
export const OPS_SECTIONS = [
  { route: "ops.orders._index", to: "/ops/orders", label: "Orders" },
  { route: "ops.hub._index", to: "/ops/hub", label: "Hub" },
  { route: "ops.returns._index", to: "/ops/returns", label: "Returns" },
  { route: "ops.production._index", to: "/ops/production", label: "Production" },
  { route: "ops.inventory._index", to: "/ops/inventory", label: "Inventory" },
  { route: "ops.products._index", to: "/ops/products", label: "Products" },
  { route: "ops.markets._index", to: "/ops/markets", label: "Markets" },
  { route: "ops.artisans._index", to: "/ops/artisans", label: "Artisans" },
  { route: "ops.retailers._index", to: "/ops/retailers", label: "Retailers" },
  { route: "ops.wholesale.prices._index", to: "/ops/wholesale/prices", label: "Wholesale" },
  { route: "ops.reviews._index", to: "/ops/reviews", label: "Reviews" },
  { route: "ops.payouts", to: "/ops/payouts", label: "Payouts" },
  { route: "ops.impact", to: "/ops/impact", label: "Impact" },
  { route: "ops.edi._index", to: "/ops/edi", label: "EDI" },
  { route: "ops.outbox._index", to: "/ops/outbox", label: "Outbox" },
  { route: "ops.staff._index", to: "/ops/staff", label: "Staff" },
  { route: "ops.gift-cards._index", to: "/ops/gift-cards", label: "Gift cards" },
  { route: "ops.audit", to: "/ops/audit", label: "Audit log" },
] as const satisfies ReadonlyArray<{ route: OpsRouteId; to: string; label: string }>;
