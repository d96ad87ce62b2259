import type { StaffStatus } from "~/domain/accounts/index.server";

export const STAFF_STATUSES = ["active", "invited", "deactivated"] as const satisfies readonly StaffStatus[];
export const STATUS_LABEL: Record<StaffStatus, string> = { active: "Active", invited: "Invited", deactivated: "Deactivated" };
export const STATUS_BADGE: Record<StaffStatus, string> = { active: "badge--ok", invited: "badge--warn", deactivated: "" };
