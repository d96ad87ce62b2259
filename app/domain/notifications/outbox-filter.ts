import { z } from "zod";
import { listPage } from "~/lib/fields";
import type { OutboxMessage } from "#db/schema";

/**
 * The /ops/outbox filters. Kept apart from db/schema (type-only import) so the page's browser bundle
 * needs neither drizzle nor the database module.
 */
export const OUTBOX_CHANNELS = ["email", "sms"] as const;
export const OUTBOX_STATUSES = ["queued", "sent", "stored", "failed"] as const;
export type OutboxChannel = OutboxMessage["channel"];
export type OutboxStatus = OutboxMessage["status"];

// Compile-time check that these lists match the schema's, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatch: Same<(typeof OUTBOX_CHANNELS)[number], OutboxChannel> = true;
const statusesMatch: Same<(typeof OUTBOX_STATUSES)[number], OutboxStatus> = true;
void channelsMatch;
void statusesMatch;

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

export const outboxFilterSchema = z.object({
  channel: z.preprocess(blankToUndefined, z.enum(OUTBOX_CHANNELS, { message: "Unknown channel filter." }).optional()),
  status: z.preprocess(blankToUndefined, z.enum(OUTBOX_STATUSES, { message: "Unknown status filter." }).optional()),
  page: listPage(),
});
export type OutboxFilterInput = z.infer<typeof outboxFilterSchema>;
