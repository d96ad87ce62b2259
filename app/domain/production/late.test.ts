import { describe, expect, it } from "vitest";
import { BOARD_TABS, openingTab } from "./board";
import { daysOverdue, isLate, lateWords } from "./late";

const today = "2026-12-06";

describe("late work: one rule for the board, its filter and the dashboard", () => {
  it("is late past its due date until the hub receives it, flagged or not (PR-61777: accepted, ten days over, not flagged)", () => {
    expect(isLate({ status: "accepted", dueDate: "2026-11-26", late: false }, today)).toBe(true);
    expect(lateWords({ status: "accepted", dueDate: "2026-11-26", late: false }, today)).toBe("10 days late");
    for (const status of ["unassigned", "offered", "in_progress", "ready", "collected", "qc_failed"] as const)
      expect(isLate({ status, dueDate: "2026-12-05", late: false }, today)).toBe(true);
  });

  it("is not late on its due date, nor once received, passed or cancelled, even when flagged", () => {
    expect(isLate({ status: "in_progress", dueDate: today, late: false }, today)).toBe(false);
    for (const status of ["received", "qc_passed", "cancelled"] as const)
      expect(isLate({ status, dueDate: "2026-11-01", late: true }, today)).toBe(false);
  });

  it("flagged by dispatch before its due date: late, said as 'won't make it'", () => {
    expect(lateWords({ status: "unassigned", dueDate: "2026-12-20", late: true }, today)).toBe("Won't make it in time");
    expect(lateWords({ status: "accepted", dueDate: "2026-12-05", late: false }, today)).toBe("1 day late");
    expect(lateWords({ status: "accepted", dueDate: "2026-12-20", late: false }, today)).toBeNull();
  });

  it("counts whole days over, across months and years", () => {
    expect(daysOverdue("2026-12-31", "2027-01-02")).toBe(2);
    expect(daysOverdue("2026-12-31", "2026-12-01")).toBe(0);
  });
});

describe("the board's opening tab", () => {
  const tabs = (counts: number[]) => BOARD_TABS.map((t, i) => ({ key: t.key, count: counts[i] ?? 0 }));
  it("opens on the first tab with work in it, unless one was asked for", () => {
    expect(openingTab(tabs([0, 0, 4, 8]), undefined)).toBe("accepted");
    expect(openingTab(tabs([2, 0, 4]), undefined)).toBe("unassigned");
    expect(openingTab(tabs([0, 0, 4]), "unassigned")).toBe("unassigned");
    expect(openingTab(tabs([]), undefined)).toBe("unassigned");
  });
});
