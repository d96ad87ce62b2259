/** An artisan's record as operations reads it: rates and monthly earnings from raw counts. Pure. */

export type PerformanceCounts = {
  /** Requests that passed QC. */
  completed: number;
  /** Of those, how many passed QC on or before their due date (Nairobi calendar day). */
  onTime: number;
  unitsPassed: number;
  unitsFailed: number;
  /** KES minor units credited by QC, per Nairobi calendar month "YYYY-MM". */
  earningsByMonth: Record<string, number>;
};

/** "2025-03" and the three months before it, newest first. */
export function lastMonths(month: string, count = 4): string[] {
  const [y, m] = month.split("-").map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/** Rates as whole percents (null when there is nothing to measure yet) and earnings this month vs the three before. */
export function summarizePerformance(counts: PerformanceCounts, thisMonth: string) {
  const [current, ...previous] = lastMonths(thisMonth, 4);
  const earnedPrevious = previous.reduce((sum, m) => sum + (counts.earningsByMonth[m] ?? 0), 0);
  const checked = counts.unitsPassed + counts.unitsFailed;
  return {
    onTimeRate: counts.completed ? Math.round((counts.onTime / counts.completed) * 100) : null,
    qcPassRate: checked ? Math.round((counts.unitsPassed / checked) * 100) : null,
    completed: counts.completed,
    unitsChecked: checked,
    earnedThisMonth: counts.earningsByMonth[current] ?? 0,
    earnedLastThreeMonths: earnedPrevious,
    months: [current, ...previous].map((m) => ({ month: m, amount: counts.earningsByMonth[m] ?? 0 })),
  };
}
