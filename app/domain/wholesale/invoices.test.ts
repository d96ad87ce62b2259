import { describe, expect, it } from "vitest";
import { balanceOf, daysOverdue, displayStatus, dueDateFor, invoiceTotals, isOverdue, reminderDedupeKey, reminderDue } from "./invoices";

describe("dueDateFor", () => {
  it("adds 30 or 60 calendar days to the day the order was placed (UTC)", () => {
    expect(dueDateFor(new Date("2026-01-15T10:00:00Z"), "net30")).toBe("2026-02-14");
    expect(dueDateFor(new Date("2026-01-15T10:00:00Z"), "net60")).toBe("2026-03-16");
  });
  it("ignores the time of day, crosses month and year ends, and knows leap years", () => {
    expect(dueDateFor(new Date("2026-12-31T23:59:59Z"), "net30")).toBe("2027-01-30");
    expect(dueDateFor(new Date("2028-02-01T00:00:00Z"), "net30")).toBe("2028-03-02");
    expect(dueDateFor(new Date("2027-02-01T00:00:00Z"), "net30")).toBe("2027-03-03");
  });
});

describe("overdue and status", () => {
  const open = { status: "open" as const, amount: 10_000, amountPaid: 0, dueDate: "2026-03-01" };
  it("is not overdue on its due date, and is from the day after", () => {
    expect(isOverdue(open, "2026-02-28")).toBe(false);
    expect(isOverdue(open, "2026-03-01")).toBe(false);
    expect(isOverdue(open, "2026-03-02")).toBe(true);
    expect(daysOverdue(open, "2026-03-02")).toBe(1);
    expect(daysOverdue(open, "2026-03-31")).toBe(30);
    expect(daysOverdue(open, "2026-03-01")).toBe(0);
  });
  it("shows paid, void and written-off invoices as such whatever their due date", () => {
    expect(displayStatus(open, "2026-03-01")).toBe("open");
    expect(displayStatus(open, "2026-04-01")).toBe("overdue");
    expect(displayStatus({ ...open, status: "paid" }, "2026-04-01")).toBe("paid");
    expect(displayStatus({ ...open, status: "void" }, "2026-04-01")).toBe("void");
    expect(displayStatus({ ...open, status: "uncollectible" }, "2026-04-01")).toBe("void");
  });
  it("owes the unpaid part of an open invoice only", () => {
    expect(balanceOf(open)).toBe(10_000);
    expect(balanceOf({ ...open, amountPaid: 2_500 })).toBe(7_500);
    expect(balanceOf({ ...open, status: "paid", amountPaid: 10_000 })).toBe(0);
    expect(balanceOf({ ...open, status: "void" })).toBe(0);
  });
  it("totals open and overdue balances", () => {
    const totals = invoiceTotals(
      [
        open,
        { ...open, dueDate: "2026-05-01", amount: 5_000 },
        { ...open, status: "paid", amountPaid: 10_000 },
        { ...open, amountPaid: 4_000 },
      ],
      "2026-04-01",
    );
    expect(totals).toEqual({ open: 21_000, overdue: 16_000, count: { open: 3, overdue: 2 } });
  });
});

describe("reminder spacing", () => {
  const overdue = { status: "open" as const, dueDate: "2026-03-01", lastReminderAt: null };
  const at = (iso: string) => new Date(iso);
  it("reminds an overdue open invoice never reminded", () => {
    expect(reminderDue(overdue, at("2026-03-02T09:00:00Z"))).toBe(true);
  });
  it("does not remind before it is overdue, or when paid or void", () => {
    expect(reminderDue(overdue, at("2026-03-01T23:00:00Z"))).toBe(false);
    expect(reminderDue({ ...overdue, status: "paid" }, at("2026-04-02T09:00:00Z"))).toBe(false);
    expect(reminderDue({ ...overdue, status: "void" }, at("2026-04-02T09:00:00Z"))).toBe(false);
  });
  it("waits seven whole days after the last reminder", () => {
    const last = at("2026-03-02T09:00:00Z");
    expect(reminderDue({ ...overdue, lastReminderAt: last }, at("2026-03-03T09:00:00Z"))).toBe(false);
    expect(reminderDue({ ...overdue, lastReminderAt: last }, at("2026-03-09T08:59:59Z"))).toBe(false);
    expect(reminderDue({ ...overdue, lastReminderAt: last }, at("2026-03-09T09:00:00Z"))).toBe(true);
    expect(reminderDue({ ...overdue, lastReminderAt: last }, at("2026-04-20T09:00:00Z"))).toBe(true);
  });
  it("keys each reminder by invoice, recipient and day", () => {
    expect(reminderDedupeKey("INV-10001", "Maya@Shop.test", at("2026-03-02T09:00:00Z"))).toBe(
      "invoice-overdue:INV-10001:maya@shop.test:2026-03-02",
    );
  });
});
