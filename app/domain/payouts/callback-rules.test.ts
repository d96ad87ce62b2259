import { describe, expect, it } from "vitest";
import { decideReport, type MatchedReport, type PayoutFacts, type PayoutState } from "./callback-rules";

const STATES: PayoutState[] = ["pending", "submitted", "reconciling", "succeeded", "failed"];

const REPORTS: Record<string, MatchedReport> = {
  "result ok": { source: "result", outcome: "succeeded", receipt: "RCPT000001" },
  "result ok, other receipt": { source: "result", outcome: "succeeded", receipt: "RCPT000002" },
  "result failed": { source: "result", outcome: "failed" },
  timeout: { source: "timeout" },
  "status ok": { source: "status", outcome: "succeeded", receipt: "RCPT000001", amountMatches: true },
  "status ok, other receipt": { source: "status", outcome: "succeeded", receipt: "RCPT000002", amountMatches: true },
  "status ok, other amount": { source: "status", outcome: "succeeded", receipt: "RCPT000001", amountMatches: false },
  "status failed": { source: "status", outcome: "failed", amountMatches: true },
  "status failed, other amount": { source: "status", outcome: "failed", amountMatches: false },
  "status unclear": { source: "status", outcome: "inconclusive" },
};

const facts = (status: PayoutState, failureReported = false, queryAnswered = false): PayoutFacts => ({
  status,
  failureReported,
  queryAnswered,
  receipt: status === "succeeded" ? "RCPT000001" : null,
});

/** [state, failure already reported?] → report → [disposition, action]. Every combination is listed. */
const TABLE: Array<[PayoutState, boolean, string, string, string]> = [
  // In flight: a success settles; a failure or timeout only starts reconciliation.
  ...(["pending", "submitted"] as const).flatMap(
    (s): Array<[PayoutState, boolean, string, string, string]> => [
      [s, false, "result ok", "applied", "settle"],
      [s, false, "result ok, other receipt", "applied", "settle"],
      [s, false, "result failed", "applied", "reconcile"],
      [s, false, "timeout", "applied", "reconcile"],
      [s, false, "status ok", "applied", "settle"],
      [s, false, "status ok, other receipt", "applied", "settle"],
      [s, false, "status ok, other amount", "conflict", "none"],
      [s, false, "status failed", "applied", "reverse"],
      [s, false, "status failed, other amount", "conflict", "none"],
      [s, false, "status unclear", "applied", "none"],
    ],
  ),
  // Reconciling after a queue timeout: a late success is normal.
  ["reconciling", false, "result ok", "applied", "settle"],
  ["reconciling", false, "result ok, other receipt", "applied", "settle"],
  ["reconciling", false, "result failed", "applied", "none"],
  ["reconciling", false, "timeout", "duplicate", "none"],
  // Reconciling after a reported failure: a success now contradicts it; the status answer decides.
  ["reconciling", true, "result ok", "conflict", "none"],
  ["reconciling", true, "result ok, other receipt", "conflict", "none"],
  ["reconciling", true, "result failed", "duplicate", "none"],
  ["reconciling", true, "timeout", "duplicate", "none"],
  ...([false, true] as const).flatMap(
    (reported): Array<[PayoutState, boolean, string, string, string]> => [
      ["reconciling", reported, "status ok", "applied", "settle"],
      ["reconciling", reported, "status ok, other receipt", "applied", "settle"],
      ["reconciling", reported, "status ok, other amount", "conflict", "none"],
      ["reconciling", reported, "status failed", "applied", "reverse"],
      ["reconciling", reported, "status failed, other amount", "conflict", "none"],
      ["reconciling", reported, "status unclear", "applied", "none"],
    ],
  ),
  // Final: money never moves; agreement is a duplicate, disagreement a conflict.
  ...([false, true] as const).flatMap(
    (reported): Array<[PayoutState, boolean, string, string, string]> => [
      ["succeeded", reported, "result ok", "duplicate", "none"],
      ["succeeded", reported, "result ok, other receipt", "conflict", "none"],
      ["succeeded", reported, "result failed", "conflict", "none"],
      ["succeeded", reported, "timeout", "duplicate", "none"],
      ["succeeded", reported, "status ok", "duplicate", "none"],
      ["succeeded", reported, "status ok, other receipt", "conflict", "none"],
      ["succeeded", reported, "status ok, other amount", "conflict", "none"],
      ["succeeded", reported, "status failed", "conflict", "none"],
      ["succeeded", reported, "status failed, other amount", "conflict", "none"],
      ["succeeded", reported, "status unclear", "duplicate", "none"],
      ["failed", reported, "result ok", "conflict", "none"],
      ["failed", reported, "result ok, other receipt", "conflict", "none"],
      ["failed", reported, "result failed", "duplicate", "none"],
      ["failed", reported, "timeout", "duplicate", "none"],
      ["failed", reported, "status ok", "conflict", "none"],
      ["failed", reported, "status ok, other receipt", "conflict", "none"],
      ["failed", reported, "status ok, other amount", "conflict", "none"],
      ["failed", reported, "status failed", "duplicate", "none"],
      ["failed", reported, "status failed, other amount", "conflict", "none"],
      ["failed", reported, "status unclear", "duplicate", "none"],
    ],
  ),
];

describe("decideReport: every payout state × every matched report", () => {
  it.each(TABLE)("%s (failure reported: %s) + %s → %s, %s", (status, reported, report, disposition, action) => {
    const decision = decideReport(facts(status, reported), REPORTS[report]);
    expect([decision.disposition, decision.action]).toEqual([disposition, action]);
    expect(decision.why.length).toBeGreaterThan(10);
  });

  it("an unclear status answer repeated for the same query is nothing new; every other decision ignores whether the query was answered", () => {
    for (const status of ["pending", "submitted", "reconciling"] as const) {
      expect(decideReport(facts(status, false, true), REPORTS["status unclear"])).toMatchObject({
        disposition: "duplicate",
        action: "none",
      });
    }
    for (const status of STATES) {
      for (const [name, report] of Object.entries(REPORTS)) {
        if (name === "status unclear" && !["succeeded", "failed"].includes(status)) continue;
        expect(decideReport(facts(status, false, true), report), `${status} ${name}`).toEqual(
          decideReport(facts(status, false, false), report),
        );
      }
    }
  });

  it("the table above covers every combination", () => {
    const covered = new Set(TABLE.map(([s, r, report]) => `${s}|${r}|${report}`));
    for (const status of STATES) {
      for (const reported of status === "pending" || status === "submitted" ? [false] : [false, true]) {
        for (const report of Object.keys(REPORTS))
          expect(covered.has(`${status}|${reported}|${report}`), `${status} ${reported} ${report}`).toBe(true);
      }
    }
  });
});

describe("what the rules guarantee", () => {
  const all = STATES.flatMap((status) =>
    [false, true].flatMap((reported) =>
      Object.entries(REPORTS).map(([name, report]) => ({
        status,
        reported,
        name,
        report,
        decision: decideReport(facts(status, reported), report),
      })),
    ),
  );

  it("only a status answer ever returns money to an artisan", () => {
    for (const row of all.filter((r) => r.decision.action === "reverse")) expect(row.report.source).toBe("status");
  });

  it("a B2C failure or a queue timeout never moves money", () => {
    for (const row of all.filter((r) => r.report.source === "timeout" || (r.report.source === "result" && r.report.outcome === "failed"))) {
      expect(["reconcile", "none"]).toContain(row.decision.action);
    }
  });

  it("a final payout's money never moves, and every report that disagrees with it is a conflict", () => {
    for (const row of all.filter((r) => r.status === "succeeded" || r.status === "failed")) {
      expect(row.decision.action).toBe("none");
      expect(row.decision.disposition).not.toBe("applied");
    }
  });

  it("a report that is conflicting never acts", () => {
    for (const row of all.filter((r) => r.decision.disposition === "conflict")) expect(row.decision.action).toBe("none");
  });
});
