/**
 * Pure rules of the staff page (/ops/staff): what a staff member's form must hold, what each role
 * lets someone do, and the one guard every change passes through — Soko always keeps an active
 * admin, and nobody locks themselves out by accident.
 */
import { z } from "zod";
import { STAFF_ROLES, type StaffRole } from "#db/schema";
import { isOneLine } from "~/lib/input-rules";

/** An invitation works for 7 days; a reset link for 1 hour (as the shopper's). */
export const STAFF_LINK_LIFETIME_MINUTES = { invite: 7 * 24 * 60, reset: 60 } as const;
export type StaffLinkPurpose = keyof typeof STAFF_LINK_LIFETIME_MINUTES;
export const STAFF_PASSWORD_PATH = "/ops/password";
/** Staff passwords are longer than shoppers': these accounts move money and read personal data. */
export const MIN_STAFF_PASSWORD_LENGTH = 12;
export const STAFF_PAGE_SIZE = 25;

/** What each role opens, in words, next to its checkbox. */
export const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  admin: "Everything, including staff and the audit log",
  ops: "Orders, production, products, artisans, retailers, inventory",
  hub: "Nairobi hub: receive, QC, pack and ship",
  finance: "Payouts, invoices, refunds, impact",
  cashier: "The flagship's register",
  manager: "The register, approving large discounts, the dashboard",
};

const name = z
  .string()
  .trim()
  .min(1, "Enter their name.")
  .max(100, "Keep the name under 100 characters.")
  .refine(isOneLine, "The name must be on one line.");

export const staffFormSchema = z.object({
  name,
  email: z.string().trim().toLowerCase().email("Enter an email address, like amina@soko.test.").max(254, "That email is too long."),
  roles: z
    .array(z.enum(STAFF_ROLES, { errorMap: () => ({ message: "Choose roles from the list." }) }))
    .min(1, "Choose at least one role.")
    .transform((roles) => STAFF_ROLES.filter((role) => roles.includes(role))),
});
export type StaffForm = z.infer<typeof staffFormSchema>;

export const staffEditSchema = staffFormSchema.omit({ email: true });

export const newPasswordSchema = z
  .object({
    password: z
      .string()
      .min(MIN_STAFF_PASSWORD_LENGTH, `Use at least ${MIN_STAFF_PASSWORD_LENGTH} characters.`)
      .max(200, "Use at most 200 characters."),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });

export type StaffChange = {
  /** Who is making the change. */
  actorId: number;
  target: { id: number; roles: readonly StaffRole[]; active: boolean };
  /** The target's roles and active flag after the change. */
  after: { roles: readonly StaffRole[]; active: boolean };
  /** Active admins right now, the target included if it is one. */
  activeAdmins: number;
};

/**
 * Why a change may not happen, or null. Nobody deactivates themselves or takes away their own admin
 * role (another admin can), and the last active admin stays one: without an admin nobody could add
 * staff or read the audit log again short of the command line.
 */
export function staffChangeRefusal(change: StaffChange): string | null {
  const { actorId, target, after, activeAdmins } = change;
  const self = actorId === target.id;
  if (self && !after.active) return "You can't deactivate your own account. Ask another admin.";
  const wasAdmin = target.active && target.roles.includes("admin");
  const staysAdmin = after.active && after.roles.includes("admin");
  if (self && wasAdmin && !staysAdmin) return "You can't remove your own admin role. Ask another admin.";
  if (wasAdmin && !staysAdmin && activeAdmins <= 1) return "Soko needs at least one active admin: make someone else an admin first.";
  return null;
}

export function staffPasswordUrl(baseUrl: string, token: string) {
  const url = new URL(STAFF_PASSWORD_PATH, baseUrl);
  url.searchParams.set("token", token);
  return url.toString();
}
