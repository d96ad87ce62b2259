/** The dispatch plan: 10,000 units over 1,300 artisans, in process (the engine is pure). */
import { planDispatch, syntheticDispatchInput } from "~/domain/production/dispatch";
import { ms, record, verdict } from "./report";

const BUDGET_MS = 250;

export function benchDispatch({ runs = 20 }: { runs?: number } = {}) {
  const inputs = Array.from({ length: runs }, (_, i) => syntheticDispatchInput({ units: 10_000, artisans: 1_300, seed: i + 1 }));
  for (let i = 0; i < 3; i++) planDispatch(syntheticDispatchInput({ units: 10_000, artisans: 1_300, seed: 1_000 + i }));

  const times: number[] = [];
  let assigned = 0;
  let late = 0;
  for (const input of inputs) {
    const started = performance.now();
    const plan = planDispatch(input);
    times.push(performance.now() - started);
    assigned += plan.assignments.reduce((sum, a) => sum + a.quantity, 0);
    late += plan.late.reduce((sum, l) => sum + l.quantity, 0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const max = times[times.length - 1];
  record({
    section: "dispatch",
    metric: `planDispatch 10,000 units / 1,300 artisans, ${runs} seeds`,
    value: `median ${ms(median)}, max ${ms(max)} (min ${ms(times[0])}; ${Math.round(assigned / runs).toLocaleString("en-US")} units assigned, ${Math.round(late / runs).toLocaleString("en-US")} late per plan)`,
    budget: `median < ${BUDGET_MS} ms`,
    verdict: verdict(median < BUDGET_MS),
    data: { medianMs: median, maxMs: max, minMs: times[0], runs, times },
  });
}
