/** The /ops/audit query string, pure: who, what, to what, and when (Nairobi days, inclusive). */
import { z } from "zod";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-25.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "That date doesn't exist.");

export const auditQuerySchema = z
  .object({
    actor: z.preprocess(blank, z.string().trim().max(100, "Keep the actor under 100 characters.").optional()),
    action: z.preprocess(blank, z.string().trim().max(100, "Keep the action under 100 characters.").optional()),
    subject: z.preprocess(blank, z.string().trim().max(200, "Keep the subject under 200 characters.").optional()),
    from: z.preprocess(blank, day.optional()),
    to: z.preprocess(blank, day.optional()),
    page: z.preprocess(
      blank,
      z.coerce.number({ message: "Pages are numbered." }).int("Pages are numbered.").min(1, "Pages start at 1.").max(100_000).default(1),
    ),
    format: z.preprocess(blank, z.enum(["csv"], { message: "Only CSV export is available." }).optional()),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "The start date is after the end date.", path: ["to"] });

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** "staff:12" → 12 (to show the staff member's name), anything else → null. */
export function staffIdOf(actor: string): number | null {
  const match = /^staff:(\d+)$/.exec(actor);
  return match ? Number(match[1]) : null;
}
