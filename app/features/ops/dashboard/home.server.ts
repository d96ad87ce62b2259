/** The operations home page: the dashboard's numbers and which other pages the signed-in staff member may open. */
import { mayOpen } from "~/domain/accounts";
import type { Staff } from "~/domain/accounts/index.server";
import { payoutThreshold } from "~/domain/payouts/index.server";
import { loadDashboard } from "../dashboard.server";

export async function loadOpsHome(staff: Staff) {
  const dashboard = await loadDashboard({ threshold: payoutThreshold() });
  return {
    name: staff.name,
    roles: staff.roles,
    can: {
      payouts: mayOpen("ops.payouts", staff.roles),
      production: mayOpen("ops.production._index", staff.roles),
      orders: mayOpen("ops.orders._index", staff.roles),
      // One order's page is open to more roles than the list of all orders (the hub packs and ships from it).
      order: mayOpen("ops.orders.$number", staff.roles),
    },
    dashboard,
  };
}

export type OpsHome = Awaited<ReturnType<typeof loadOpsHome>>;
