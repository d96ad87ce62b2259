/**
 * The /ops/payouts preview of the next run, pure: finding an artisan in it, its order and its pages.
 * The run's totals are always over every candidate; search and pages only change which rows show.
 */
import { nationalDigits } from "~/lib/phone";

/** Rows a preview page shows. */
export const PREVIEW_PAGE_SIZE = 50;

/**
 * Why the run skips someone. reconciling: one of her payouts is being checked with M-Pesa (its money
 * is in clearing, and a bad number would fail again); conflict: M-Pesa's reports on one of her
 * payouts contradict each other and finance has not looked yet.
 */
export type PayoutSkip = "no_phone" | "inactive" | "below_minimum" | "reconciling" | "conflict";

/** One artisan the next run would pay (or skip, with the reason), with what finds them on the page. */
export type PayoutCandidate = {
  artisanId: number;
  name: string;
  /** The payout (M-Pesa) phone as recorded. */
  phone: string | null;
  owed: number;
  amount: number;
  skip: null | PayoutSkip;
  /** The artisan's sign-in phone, settlement and county: searchable, never used to pay. */
  loginPhone: string | null;
  settlement: string | null;
  county: string | null;
};

/** The largest search operations may type (longer is refused by the query schema). */
export const PREVIEW_SEARCH_MAX = 100;

const fold = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
const digitsOf = (text: string) => text.replace(/\D/g, "");

/**
 * Whether `candidate` matches what operations typed: a phone (all digits, spaces, +, -, brackets,
 * 3+ digits) matched against the sign-in and payout phones however either was written; `#42` the
 * artisan's id; otherwise every word must appear in the name, settlement or county (any case, any accents).
 */
export function matchesSearch(candidate: PayoutCandidate, query: string): boolean {
  const search = parsePayoutSearch(query);
  switch (search.kind) {
    case "all":
      return true;
    case "artisan":
      return candidate.artisanId === search.artisanId;
    case "phone":
      return [candidate.loginPhone, candidate.phone].some((phone) => phone !== null && nationalDigits(phone).includes(search.digits));
    case "words": {
      const haystack = fold([candidate.name, candidate.settlement ?? "", candidate.county ?? ""].join(" "));
      return search.words.every((word) => haystack.includes(word));
    }
  }
}

export type PayoutSearch =
  | { kind: "all" }
  | { kind: "artisan"; artisanId: number }
  | { kind: "phone"; digits: string }
  | { kind: "words"; words: string[] };

/**
 * What operations typed into a payouts search box: `#42` an artisan's id; a phone (digits, spaces,
 * +, -, brackets, 3+ digits) as its national digits; otherwise words (folded: any case, any accents).
 */
export function parsePayoutSearch(query: string | undefined): PayoutSearch {
  const q = (query ?? "").trim();
  if (!q) return { kind: "all" };
  const id = /^#(\d{1,9})$/.exec(q);
  if (id) return { kind: "artisan", artisanId: Number(id[1]) };
  if (/^[\d\s+()-]+$/.test(q) && digitsOf(q).length >= 3) return { kind: "phone", digits: nationalDigits(q) };
  return { kind: "words", words: fold(q).split(/\s+/) };
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Most owed first, then by name (A–Z), then id, so a page never shuffles between loads. */
export function comparePreviewRows(a: PayoutCandidate, b: PayoutCandidate): number {
  return b.owed - a.owed || collator.compare(a.name, b.name) || a.artisanId - b.artisanId;
}

export type PreviewPage = {
  rows: PayoutCandidate[];
  /** Candidates the search matched (all of them without a search). */
  matches: number;
  /** The page shown (clamped to the last one), 1-based, and how many there are. */
  page: number;
  pageCount: number;
  /** 1-based positions of the first and last row shown among the matches (0 and 0 when none). */
  from: number;
  to: number;
};

/** One page of the candidates matching `q`, in preview order. A page past the end shows the last. */
export function previewPage(
  candidates: readonly PayoutCandidate[],
  input: { q?: string; page?: number; pageSize?: number } = {},
): PreviewPage {
  const pageSize = input.pageSize ?? PREVIEW_PAGE_SIZE;
  const q = input.q?.trim() ?? "";
  const matched = (q ? candidates.filter((c) => matchesSearch(c, q)) : [...candidates]).sort(comparePreviewRows);
  const pageCount = Math.max(1, Math.ceil(matched.length / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1) || 1), pageCount);
  const start = (page - 1) * pageSize;
  const rows = matched.slice(start, start + pageSize);
  return { rows, matches: matched.length, page, pageCount, from: rows.length ? start + 1 : 0, to: start + rows.length };
}

/** What the next run pays in all: artisans paid and the sum, over every candidate (skips excluded). */
export function runTotals(candidates: readonly PayoutCandidate[]): { count: number; total: number } {
  const paid = candidates.filter((c) => !c.skip);
  return { count: paid.length, total: paid.reduce((sum, c) => sum + c.amount, 0) };
}
