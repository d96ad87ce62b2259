/** The production board's tabs, filters and words. Pure, shared by the route and the queries. */
import { z } from "zod";
import { listPage } from "~/lib/fields";
import type { ProductionStatus } from "#db/schema";

/** Each tab and the request statuses it shows. Declined and expired offers wait for dispatch like unassigned work. */
export const BOARD_TABS = [
  { key: "unassigned", label: "Unassigned", statuses: ["unassigned", "declined", "expired"] },
  { key: "offered", label: "Offered", statuses: ["offered"] },
  { key: "accepted", label: "Accepted", statuses: ["accepted"] },
  { key: "in_progress", label: "In progress", statuses: ["in_progress"] },
  { key: "ready", label: "Ready", statuses: ["ready"] },
  { key: "collected", label: "Collected", statuses: ["collected"] },
  { key: "received", label: "Received", statuses: ["received"] },
  { key: "qc_failed", label: "QC failed", statuses: ["qc_failed"] },
] as const satisfies ReadonlyArray<{ key: string; label: string; statuses: readonly ProductionStatus[] }>;

export type BoardTab = (typeof BOARD_TABS)[number]["key"];
const TAB_KEYS = BOARD_TABS.map((t) => t.key) as [BoardTab, ...BoardTab[]];

/** Where orders come from, plus "stock": work made for the shelves, with no order. */
export const BOARD_CHANNELS = ["web", "wholesale", "pos", "stock"] as const;
export const CHANNEL_LABEL: Record<(typeof BOARD_CHANNELS)[number], string> = {
  web: "Web",
  wholesale: "Wholesale",
  pos: "Flagship POS",
  stock: "Stock (no order)",
};

/** Statuses a bulk re-dispatch takes: work nobody holds. */
export const REDISPATCHABLE: readonly ProductionStatus[] = ["unassigned", "declined", "expired"];

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const boardQuerySchema = z.object({
  /** Unset: the board opens on the first tab with something in it (`openingTab`). */
  state: z.preprocess(blank, z.enum(TAB_KEYS, { errorMap: () => ({ message: "Unknown board column." }) }).optional()),
  late: z
    .preprocess(blank, z.enum(["1"], { errorMap: () => ({ message: "Late is either ticked or not." }) }).optional())
    .transform((v) => v === "1"),
  county: z.preprocess(blank, z.string().trim().max(60, "Unknown county.").optional()),
  product: z.preprocess(blank, z.string().trim().max(120, "Search products with at most 120 characters.").optional()),
  channel: z.preprocess(blank, z.enum(BOARD_CHANNELS, { errorMap: () => ({ message: "Unknown channel." }) }).optional()),
  page: listPage(),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

/**
 * The tab the board shows: the one asked for, else the first with something in it, so the board
 * never opens on an empty tab while work waits on another; the first tab when all are empty.
 */
export function openingTab(tabs: ReadonlyArray<{ key: BoardTab; count: number }>, requested: BoardTab | undefined): BoardTab {
  if (requested) return requested;
  return (tabs.find((t) => t.count > 0) ?? tabs[0]).key;
}

export function statusWords(status: string) {
  return status === "qc_failed" ? "QC failed" : status === "qc_passed" ? "QC passed" : status.replace(/_/g, " ");
}
