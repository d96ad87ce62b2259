/** The orders list's filters, read from the address: by the page and by its CSV export alike. */
import { z } from "zod";
import { listPage } from "~/lib/fields";
import type { Order } from "#db/schema";

// Kept here, checked against the schema's types, so the browser bundle never needs db/schema.
export const CHANNELS = ["web", "wholesale", "pos"] as const;
export const STATUSES = ["open", "in_production", "ready", "packed", "shipped", "delivered", "cancelled"] as const;
export const PAYMENT_STATUSES = ["pending", "paid", "partially_refunded", "refunded", "failed", "on_terms"] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listsMatch: [
  Same<(typeof CHANNELS)[number], Order["channel"]>,
  Same<(typeof STATUSES)[number], Order["status"]>,
  Same<(typeof PAYMENT_STATUSES)[number], Order["paymentStatus"]>,
] = [true, true, true];
void listsMatch;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const filterSchema = z.object({
  channel: z.preprocess(blankToUndefined, z.enum(CHANNELS, { message: "Unknown channel filter." }).optional()),
  status: z.preprocess(blankToUndefined, z.enum(STATUSES, { message: "Unknown status filter." }).optional()),
  paymentStatus: z.preprocess(blankToUndefined, z.enum(PAYMENT_STATUSES, { message: "Unknown payment status filter." }).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(120, "Search for at most 120 characters.").optional()),
  page: listPage(),
});
