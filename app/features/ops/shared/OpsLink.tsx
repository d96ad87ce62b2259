import type { ReactNode } from "react";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { mayOpen, type OpsRouteId } from "~/domain/accounts";
import type { StaffRole } from "#db/schema";

/** What the console's layout loader (routes/ops.tsx) answers: who is signed in, with their roles. */
type ShellData = { staff: { roles: StaffRole[] } | null } | undefined;

/**
 * A link to another console page for whoever may open it (`route`'s row in OPS_ACCESS), and
 * `fallback` (the link's own words by default; null for a link that means nothing as text) for
 * anyone that page would answer with a 403: the hub reads an artisan's name on the production board,
 * finance a retailer's on a wholesale order, without a link into a refusal.
 */
export function OpsLink({
  route,
  to,
  children,
  fallback = children,
}: {
  route: OpsRouteId;
  to: string;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const roles = useRouteLoaderData<ShellData>("routes/ops")?.staff?.roles;
  return roles && mayOpen(route, roles) ? <Link to={to}>{children}</Link> : <>{fallback}</>;
}
