/**
 * The impact report, pure: artisan earnings by month, by county, per active artisan, and against
 * each artisan's baseline recorded at onboarding. "Earnings" are QC credits in the ledger (what the
 * hub passed, at the piece rate), so the numbers are measured from the books, not claimed.
 *
 * The baseline comparison, precisely (IMPACT_METHOD says it in words on the page):
 *   - window: the 12 complete calendar months before the current one (Nairobi time);
 *   - sample: artisans with a baseline (> 0) who earned in at least MIN_MONTHS months of the window;
 *   - recent monthly earnings: the mean of the artisan's last RECENT_MONTHS complete months, months
 *     with no credit counted as zero (an idle month is part of the picture);
 *   - ratio = recent monthly earnings ÷ baseline; the report gives the median ratio, the sample
 *     size, and how many artisans are at or above 1×, 2× and 4×.
 */

export const MIN_MONTHS = 3;
export const RECENT_MONTHS = 3;
export const WINDOW_MONTHS = 12;

export type MonthlyCredit = { artisanId: number; month: string; amount: number };
export type ImpactArtisan = { id: number; county: string; baseline: number };

/** The `count` complete months before (year, month), oldest first, as "YYYY-MM". */
export function completeMonthsBefore(year: number, month: number, count = WINDOW_MONTHS): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - (count - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function byArtisanMonth(credits: MonthlyCredit[], months: string[]) {
  const inWindow = new Set(months);
  const map = new Map<number, Map<string, number>>();
  for (const c of credits) {
    if (!inWindow.has(c.month) || c.amount <= 0) continue;
    const row = map.get(c.artisanId) ?? new Map<string, number>();
    row.set(c.month, (row.get(c.month) ?? 0) + c.amount);
    map.set(c.artisanId, row);
  }
  return map;
}

export type MonthSummary = { month: string; total: number; activeArtisans: number; perActive: number | null };

/** Per month: all credits, how many artisans earned anything, and the mean per such artisan. */
export function monthlySummary(credits: MonthlyCredit[], months: string[]): MonthSummary[] {
  const totals = new Map(months.map((m) => [m, { total: 0, artisans: new Set<number>() }]));
  for (const c of credits) {
    const entry = totals.get(c.month);
    if (!entry || c.amount <= 0) continue;
    entry.total += c.amount;
    entry.artisans.add(c.artisanId);
  }
  return months.map((month) => {
    const { total, artisans } = totals.get(month)!;
    return { month, total, activeArtisans: artisans.size, perActive: artisans.size ? Math.round(total / artisans.size) : null };
  });
}

export type CountySummary = {
  county: string;
  artisans: number;
  activeArtisans: number;
  total: number;
  /** Mean credits per artisan-month in which the artisan earned (KES minor). */
  perActiveMonth: number | null;
  medianRatio: number | null;
  sample: number;
};

/** Per county over the window: registered artisans, those who earned, total earned, and the baseline median. */
export function countySummary(credits: MonthlyCredit[], artisans: ImpactArtisan[], months: string[]): CountySummary[] {
  const earned = byArtisanMonth(credits, months);
  const ratios = new Map(baselineRatios(credits, artisans, months).ratios.map((r) => [r.artisanId, r.ratio]));
  const counties = new Map<string, { artisans: number; active: number; total: number; activeMonths: number; ratios: number[] }>();
  for (const a of artisans) {
    const entry = counties.get(a.county) ?? { artisans: 0, active: 0, total: 0, activeMonths: 0, ratios: [] };
    entry.artisans += 1;
    const months = earned.get(a.id);
    if (months?.size) {
      entry.active += 1;
      entry.activeMonths += months.size;
      for (const amount of months.values()) entry.total += amount;
    }
    const ratio = ratios.get(a.id);
    if (ratio !== undefined) entry.ratios.push(ratio);
    counties.set(a.county, entry);
  }
  return [...counties.entries()]
    .map(([county, e]) => ({
      county,
      artisans: e.artisans,
      activeArtisans: e.active,
      total: e.total,
      perActiveMonth: e.activeMonths ? Math.round(e.total / e.activeMonths) : null,
      medianRatio: median(e.ratios),
      sample: e.ratios.length,
    }))
    .sort((a, b) => b.total - a.total || a.county.localeCompare(b.county));
}

export type BaselineResult = {
  ratios: Array<{ artisanId: number; recent: number; baseline: number; ratio: number }>;
  sample: number;
  median: number | null;
  atLeast: { x1: number; x2: number; x4: number };
  excluded: { noBaseline: number; shortHistory: number };
  buckets: Array<{ label: string; count: number }>;
};

/** The baseline comparison described at the top of this file. `months` are the window's complete months, oldest first. */
export function baselineRatios(credits: MonthlyCredit[], artisans: ImpactArtisan[], months: string[]): BaselineResult {
  const earned = byArtisanMonth(credits, months);
  const recentMonths = months.slice(-RECENT_MONTHS);
  const ratios: BaselineResult["ratios"] = [];
  let noBaseline = 0;
  let shortHistory = 0;
  for (const a of artisans) {
    const history = earned.get(a.id);
    if (!history || history.size < MIN_MONTHS) {
      if (history?.size) shortHistory += 1;
      continue;
    }
    if (a.baseline <= 0) {
      noBaseline += 1;
      continue;
    }
    const recent = recentMonths.reduce((sum, m) => sum + (history.get(m) ?? 0), 0) / recentMonths.length;
    ratios.push({ artisanId: a.id, recent: Math.round(recent), baseline: a.baseline, ratio: recent / a.baseline });
  }
  const values = ratios.map((r) => r.ratio);
  return {
    ratios,
    sample: ratios.length,
    median: median(values),
    atLeast: { x1: values.filter((v) => v >= 1).length, x2: values.filter((v) => v >= 2).length, x4: values.filter((v) => v >= 4).length },
    excluded: { noBaseline, shortHistory },
    buckets: [
      { label: "Below 1×", count: values.filter((v) => v < 1).length },
      { label: "1× to 2×", count: values.filter((v) => v >= 1 && v < 2).length },
      { label: "2× to 4×", count: values.filter((v) => v >= 2 && v < 4).length },
      { label: "4× or more", count: values.filter((v) => v >= 4).length },
    ],
  };
}

/** The method in words, for the page: the number means nothing without it. */
export const IMPACT_METHOD =
  `Earnings are the QC credits in the ledger: units the Nairobi hub passed, at each request's piece rate. ` +
  `For every artisan who recorded a monthly income before joining and who earned in at least ${MIN_MONTHS} of the last ${WINDOW_MONTHS} complete months, ` +
  `we take the mean of their last ${RECENT_MONTHS} complete months (a month without work counts as zero) and divide it by that baseline. ` +
  `The headline is the median of those ratios; the current, unfinished month is left out.`;
