/**
 * Bulk edits of products on /ops/products, as rules: what a form asks for (which products, which
 * change), what each product's values become, which products refuse it and how it reads. Pure: the
 * preview, the apply and the undo (./bulk-edit.server.ts) all compute with `planBulkEdit`, so what
 * the confirmation shows is exactly what is written.
 */
import { z } from "zod";
import type { BulkEditChange, BulkEditKind } from "#db/schema";
import { formatMoney, parseMoneyInput } from "~/lib/money";
import { listQuerySchema } from "./forms";

export type { BulkEditChange, BulkEditKind } from "#db/schema";

/** The last bulk edit can be undone for this long. */
export const BULK_UNDO_MINUTES = 10;
/** How many changed values the confirmation lists before "and N more". */
export const BULK_PREVIEW_ROWS = 20;
/** A price change is a percentage between these (a −100% price would be free). */
export const BULK_PERCENT_MIN = -90;
export const BULK_PERCENT_MAX = 300;

export const BULK_CHANGE_LABELS: Record<BulkEditKind, string> = {
  status: "Publish or hide",
  "collection-add": "Add to a collection",
  "collection-remove": "Remove from a collection",
  price: "Change the price",
  "lead-time": "Set the lead time",
  "skill-add": "Require a skill",
  "skill-remove": "Stop requiring a skill",
};
export const BULK_CHANGE_OPTIONS = Object.keys(BULK_CHANGE_LABELS) as BulkEditKind[];

/** Which products: the ticked ones, every one on the page shown, or every one the filter matches. */
export const BULK_SCOPES = ["ticked", "page", "filter"] as const;
export type BulkScope = (typeof BULK_SCOPES)[number];

export type BulkEdit =
  | { kind: "status"; status: "active" | "draft" }
  | { kind: "collection-add" | "collection-remove"; collectionId: number }
  | { kind: "price"; mode: "set"; price: number }
  | { kind: "price"; mode: "percent"; basisPoints: number; rounding: "dollar" | "cent" }
  | { kind: "lead-time"; days: number }
  | { kind: "skill-add" | "skill-remove"; skillId: number };

const id = z.coerce.number().int().positive().max(2_147_483_647);
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The selection: the list's own filter and page, the scope, the ticked ids and (to apply) the count confirmed. */
export const bulkSelectionSchema = listQuerySchema.extend({
  scope: z.enum(BULK_SCOPES, { errorMap: () => ({ message: "Choose which products to change." }) }).default("ticked"),
  ids: z.array(id, { invalid_type_error: "Tick the products to change." }).max(1000, "Tick at most 1,000 products.").default([]),
  count: z.preprocess(blank, z.coerce.number().int().min(0).optional()),
});
export type BulkSelection = z.infer<typeof bulkSelectionSchema>;

/** The change, from the form's fields: `change` picks the kind, and only that kind's fields are read. */
export const bulkEditSchema = z
  .object({
    change: z.enum(BULK_CHANGE_OPTIONS as [BulkEditKind, ...BulkEditKind[]], {
      errorMap: () => ({ message: "Choose what to change." }),
    }),
    newStatus: z.string().optional(),
    collection: z.string().optional(),
    skill: z.string().optional(),
    priceMode: z.string().optional(),
    price: z.string().optional(),
    percent: z.string().optional(),
    rounding: z.string().optional(),
    leadTime: z.string().optional(),
  })
  .transform((f, ctx): BulkEdit => {
    const fail = (path: string, message: string) => {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
      return z.NEVER;
    };
    switch (f.change) {
      case "status":
        if (f.newStatus !== "active" && f.newStatus !== "draft") return fail("newStatus", "Choose Published or Hidden.");
        return { kind: "status", status: f.newStatus };
      case "collection-add":
      case "collection-remove": {
        const parsed = id.safeParse(f.collection);
        if (!parsed.success) return fail("collection", "Choose a collection.");
        return { kind: f.change, collectionId: parsed.data };
      }
      case "skill-add":
      case "skill-remove": {
        const parsed = id.safeParse(f.skill);
        if (!parsed.success) return fail("skill", "Choose a skill.");
        return { kind: f.change, skillId: parsed.data };
      }
      case "lead-time": {
        const days = Number(f.leadTime?.trim());
        if (!f.leadTime?.trim() || !Number.isInteger(days) || days < 0 || days > 365)
          return fail("leadTime", "Lead time: a whole number of days from 0 to 365.");
        return { kind: "lead-time", days };
      }
      case "price": {
        if (f.priceMode === "set") {
          const price = parseMoneyInput(f.price ?? "", "USD");
          if (price === null || price <= 0 || price > 100_000_000) return fail("price", "New price: enter an amount such as 48 or 48.50.");
          return { kind: "price", mode: "set", price };
        }
        if (f.priceMode === "percent") {
          const text = (f.percent ?? "").trim().replace(/%$/, "").replace(/^\+/, "").replace("−", "-");
          const percent = Number(text);
          if (!/^-?\d+(\.\d{1,2})?$/.test(text) || percent === 0 || percent < BULK_PERCENT_MIN || percent > BULK_PERCENT_MAX)
            return fail("percent", `Percent: a number from ${BULK_PERCENT_MIN} to +${BULK_PERCENT_MAX}, not 0 (e.g. 10 or -15).`);
          if (f.rounding !== "dollar" && f.rounding !== "cent") return fail("rounding", "Choose how to round the new prices.");
          return { kind: "price", mode: "percent", basisPoints: Math.round(percent * 100), rounding: f.rounding };
        }
        return fail("priceMode", "Choose to set a price or change it by a percentage.");
      }
    }
  });

/** A variant's retail price after a price edit, in cents. */
export function newPrice(old: number, edit: Extract<BulkEdit, { kind: "price" }>): number {
  if (edit.mode === "set") return edit.price;
  const raw = (old * (10_000 + edit.basisPoints)) / 10_000;
  return edit.rounding === "dollar" ? Math.round(raw / 100) * 100 : Math.round(raw);
}

/** What a bulk edit needs to know of each selected product (the server loads it, locked, to apply). */
export type ProductState = {
  id: number;
  title: string;
  status: "active" | "draft" | "archived";
  publishedAt: string | null;
  variants: { id: number; title: string; price: number; compareAtPrice: number | null; wholesalePrice: number; leadTimeDays: number }[];
  /** Its position in the edit's collection, or null when it is not in it (collection edits only). */
  collectionPosition: number | null;
  /** Whether it needs the edit's skill (skill edits only). */
  hasSkill: boolean;
};

export type BulkRefusal = { productId: number; title: string; message: string };
export type BulkPlan = {
  changes: BulkEditChange[];
  /** Products with at least one change. */
  changedProducts: number;
  /** Products the edit leaves as they are (already so, or nothing to change), by title. */
  unchanged: { title: string; reason: string }[];
  /** Products that cannot take the edit: any one refuses the whole edit. */
  refusals: BulkRefusal[];
};

const usd = (cents: number) => formatMoney({ amount: cents, currency: "USD" });

/** Every value the edit changes, what it leaves, and what refuses it. */
export function planBulkEdit(edit: BulkEdit, products: readonly ProductState[]): BulkPlan {
  const changes: BulkEditChange[] = [];
  const unchanged: BulkPlan["unchanged"] = [];
  const refusals: BulkRefusal[] = [];
  const productChange = (p: ProductState, from: string | number | null, to: string | number | null, extra: Partial<BulkEditChange> = {}) =>
    changes.push({ productId: p.id, title: p.title, variantId: null, variantTitle: null, from, to, ...extra });
  let changedProducts = 0;
  for (const p of products) {
    const before = changes.length;
    switch (edit.kind) {
      case "status":
        if (p.status === edit.status) unchanged.push({ title: p.title, reason: "already so" });
        else if (edit.status === "active" && p.variants.length === 0)
          refusals.push({ productId: p.id, title: p.title, message: "has no variant with a price yet" });
        else productChange(p, p.status, edit.status, { publishedAt: p.publishedAt });
        break;
      case "collection-add":
        if (p.collectionPosition !== null) unchanged.push({ title: p.title, reason: "already in it" });
        else productChange(p, null, "in");
        break;
      case "collection-remove":
        if (p.collectionPosition === null) unchanged.push({ title: p.title, reason: "not in it" });
        else productChange(p, p.collectionPosition, null);
        break;
      case "skill-add":
        if (p.hasSkill) unchanged.push({ title: p.title, reason: "already needs it" });
        else productChange(p, null, "needed");
        break;
      case "skill-remove":
        if (!p.hasSkill) unchanged.push({ title: p.title, reason: "does not need it" });
        else productChange(p, "needed", null);
        break;
      case "lead-time":
      case "price": {
        if (p.variants.length === 0) {
          unchanged.push({ title: p.title, reason: "no variants" });
          break;
        }
        for (const v of p.variants) {
          const from = edit.kind === "price" ? v.price : v.leadTimeDays;
          const to = edit.kind === "price" ? newPrice(v.price, edit) : edit.days;
          if (from === to) continue;
          if (edit.kind === "price") {
            const problem =
              to <= 0
                ? `${v.title}: the new price would be ${usd(to)}`
                : v.compareAtPrice !== null && v.compareAtPrice <= to
                  ? `${v.title}: ${usd(to)} would not be below its compare-at price ${usd(v.compareAtPrice)}`
                  : v.wholesalePrice > to
                    ? `${v.title}: ${usd(to)} would be below its wholesale price ${usd(v.wholesalePrice)}`
                    : null;
            if (problem) {
              refusals.push({ productId: p.id, title: p.title, message: problem });
              continue;
            }
          }
          changes.push({ productId: p.id, title: p.title, variantId: v.id, variantTitle: v.title, from, to });
        }
        if (changes.length === before && !refusals.some((r) => r.productId === p.id))
          unchanged.push({ title: p.title, reason: "already so" });
        break;
      }
    }
    if (changes.length > before) changedProducts += 1;
  }
  return { changes, changedProducts, unchanged, refusals };
}

/** What an edit does, in a line: "Price +10%, rounded to whole dollars". Names come from the caller. */
export function describeBulkEdit(edit: BulkEdit, names: { collection?: string; skill?: string } = {}): string {
  switch (edit.kind) {
    case "status":
      return edit.status === "active" ? "Publish (on sale)" : "Hide (back to draft)";
    case "collection-add":
      return `Add to the collection “${names.collection ?? "?"}”`;
    case "collection-remove":
      return `Remove from the collection “${names.collection ?? "?"}”`;
    case "skill-add":
      return `Require the skill “${names.skill ?? "?"}”`;
    case "skill-remove":
      return `Stop requiring the skill “${names.skill ?? "?"}”`;
    case "lead-time":
      return `Lead time ${edit.days} ${edit.days === 1 ? "day" : "days"}`;
    case "price": {
      if (edit.mode === "set") return `Price set to ${usd(edit.price)}`;
      const percent = edit.basisPoints / 100;
      return `Price ${percent > 0 ? "+" : "−"}${Math.abs(percent)}%, rounded to ${edit.rounding === "dollar" ? "whole dollars" : "the cent"}`;
    }
  }
}

/** One changed value as people read it ("$48.00", "21 days", "Published", "In the collection"). */
export function describeValue(kind: BulkEditKind, value: string | number | null): string {
  switch (kind) {
    case "price":
      return typeof value === "number" ? usd(value) : "—";
    case "lead-time":
      return `${value} ${value === 1 ? "day" : "days"}`;
    case "status":
      return value === "active" ? "Published" : value === "draft" ? "Hidden (draft)" : "Archived";
    case "collection-add":
    case "collection-remove":
      return value === null ? "Not in it" : "In it";
    case "skill-add":
    case "skill-remove":
      return value === null ? "Not needed" : "Needed";
  }
}
