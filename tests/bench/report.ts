/** Results and the table they are printed as. */

export type Verdict = "PASS" | "FAIL" | "info" | "n/a";

export type Row = {
  section: string;
  metric: string;
  value: string;
  budget: string;
  verdict: Verdict;
  /** Raw numbers for --json. */
  data?: Record<string, unknown>;
};

export const rows: Row[] = [];

export function record(row: Row) {
  rows.push(row);
  const mark = row.verdict === "PASS" ? "✓" : row.verdict === "FAIL" ? "✗" : "·";
  console.log(`  ${mark} ${row.metric}: ${row.value}${row.budget ? `  (budget ${row.budget}: ${row.verdict})` : ""}`);
}

/** PASS when `ok`, FAIL otherwise; "n/a" when there is nothing to judge. */
export const verdict = (ok: boolean | null): Verdict => (ok === null ? "n/a" : ok ? "PASS" : "FAIL");

export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value)} ms`;
export const perSecond = (value: number, unit = "req/s") => `${Math.round(value).toLocaleString("en-US")} ${unit}`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function printTable(title: string) {
  const header: Row = { section: "section", metric: "metric", value: "measured", budget: "budget", verdict: "info" };
  const cells = (r: Row, head = false) => [r.section, r.metric, r.value, r.budget || "—", head ? "result" : r.verdict];
  const all = [cells(header, true), ...rows.map((r) => cells(r))];
  const widths = all[0].map((_, i) => Math.max(...all.map((c) => c[i].length)));
  const line = (c: string[]) => `│ ${c.map((v, i) => v.padEnd(widths[i])).join(" │ ")} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => "─".repeat(w + 2)).join(m)}${r}`;
  console.log(`\n${title}`);
  console.log(rule("┌", "┬", "┐"));
  console.log(line(all[0]));
  console.log(rule("├", "┼", "┤"));
  let previous = "";
  for (const r of rows) {
    if (previous && r.section !== previous) console.log(rule("├", "┼", "┤"));
    console.log(line(cells({ ...r, section: r.section === previous ? "" : r.section })));
    previous = r.section;
  }
  console.log(rule("└", "┴", "┘"));
  const failed = rows.filter((r) => r.verdict === "FAIL").length;
  const passed = rows.filter((r) => r.verdict === "PASS").length;
  console.log(`${passed} within budget, ${failed} over budget.`);
}
