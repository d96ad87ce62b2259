import { describe, expect, it } from "vitest";
import { comparePreviewRows, matchesSearch, previewPage, runTotals, type PayoutCandidate } from "./preview";

let nextId = 0;
function candidate(input: Partial<PayoutCandidate> & { name: string; owed: number }): PayoutCandidate {
  nextId += 1;
  return {
    artisanId: nextId,
    phone: `+2547110000${String(nextId).padStart(2, "0")}`,
    amount: Math.floor(input.owed / 100) * 100,
    skip: null,
    loginPhone: `+2547220000${String(nextId).padStart(2, "0")}`,
    settlement: "Kibera",
    county: "Nairobi",
    ...input,
  };
}

describe("finding an artisan in the preview", () => {
  const wanjiru = candidate({
    name: "Wanjiru Kamau",
    owed: 80_000,
    settlement: "Kariobangi",
    county: "Nairobi",
    loginPhone: "+254744000001",
    phone: "+254 744 000 091",
  });
  const otieno = candidate({
    name: "Otieno Ochieng'",
    owed: 75_000,
    settlement: "Nyalenda",
    county: "Kisumu",
    loginPhone: "+254744000002",
    phone: "0744000002",
  });

  it("by any part of the name, any case or accent, every word counting", () => {
    expect(matchesSearch(wanjiru, "wanjiru")).toBe(true);
    expect(matchesSearch(wanjiru, "KAMAU")).toBe(true);
    expect(matchesSearch(wanjiru, "Wánjiru kam")).toBe(true);
    expect(matchesSearch(wanjiru, "wanjiru ochieng")).toBe(false);
    expect(matchesSearch(otieno, "ochieng'")).toBe(true);
  });

  it("by settlement or county, alone or with a name", () => {
    expect(matchesSearch(wanjiru, "kariobangi")).toBe(true);
    expect(matchesSearch(otieno, "Kisumu")).toBe(true);
    expect(matchesSearch(otieno, "otieno nyalenda")).toBe(true);
    expect(matchesSearch(wanjiru, "nyalenda")).toBe(false);
  });

  it("by sign-in or payout phone, however the number is typed", () => {
    for (const typed of ["+254744000001", "0744 000 001", "254744000001", "744000001", "000001", "(0744) 000-001"]) {
      expect(matchesSearch(wanjiru, typed), typed).toBe(true);
    }
    expect(matchesSearch(wanjiru, "0744000091"), "the payout phone").toBe(true);
    expect(matchesSearch(otieno, "+254 744 000 002"), "a payout phone stored as 07…").toBe(true);
    expect(matchesSearch(wanjiru, "0744000002")).toBe(false);
    expect(matchesSearch(otieno, "0744000001")).toBe(false);
  });

  it("by #id, exactly", () => {
    expect(matchesSearch(wanjiru, `#${wanjiru.artisanId}`)).toBe(true);
    expect(matchesSearch(otieno, `#${wanjiru.artisanId}`)).toBe(false);
  });

  it("a blank search matches everyone; missing settlement or phone never throws", () => {
    expect(matchesSearch(wanjiru, "   ")).toBe(true);
    const unknown = candidate({
      name: "#99",
      owed: 60_000,
      phone: null,
      loginPhone: null,
      settlement: null,
      county: null,
      skip: "inactive",
    });
    expect(matchesSearch(unknown, "0744")).toBe(false);
    expect(matchesSearch(unknown, "kibera")).toBe(false);
  });
});

describe("the preview's order and pages", () => {
  it("most owed first, then by name, then id", () => {
    const rows = [
      candidate({ name: "Zawadi A", owed: 60_000 }),
      candidate({ name: "baraka B", owed: 90_000 }),
      candidate({ name: "Akinyi C", owed: 60_000 }),
      candidate({ name: "Akinyi C", owed: 60_000 }),
      candidate({ name: "Chausiku D", owed: 120_000 }),
    ];
    const sorted = [...rows].sort(comparePreviewRows).map((r) => [r.name, r.owed, r.artisanId]);
    expect(sorted).toEqual([
      ["Chausiku D", 120_000, rows[4].artisanId],
      ["baraka B", 90_000, rows[1].artisanId],
      ["Akinyi C", 60_000, rows[2].artisanId],
      ["Akinyi C", 60_000, rows[3].artisanId],
      ["Zawadi A", 60_000, rows[0].artisanId],
    ]);
  });

  // 120 artisans owed 1,000.00 … 1,119.00 KES, in id order (as the ledger lists them).
  const many = Array.from({ length: 120 }, (_, i) =>
    candidate({ name: `Artisan ${String(i).padStart(3, "0")}`, owed: 100_000 + i * 100, settlement: i % 3 === 0 ? "Mathare" : "Kibera" }),
  );

  it("50 a page, the first page holding the most owed", () => {
    const first = previewPage(many);
    expect(first).toMatchObject({ matches: 120, page: 1, pageCount: 3, from: 1, to: 50 });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0].owed).toBe(111_900);
    expect(first.rows[49].owed).toBe(107_000);
    const last = previewPage(many, { page: 3 });
    expect(last).toMatchObject({ page: 3, from: 101, to: 120 });
    expect(last.rows.map((r) => r.owed)).toEqual(Array.from({ length: 20 }, (_, i) => 101_900 - i * 100));
    // Every artisan on exactly one page.
    const all = [1, 2, 3].flatMap((page) => previewPage(many, { page }).rows.map((r) => r.artisanId));
    expect(new Set(all).size).toBe(120);
  });

  it("a page past the end shows the last one; nonsense pages show the first", () => {
    expect(previewPage(many, { page: 9 })).toMatchObject({ page: 3, from: 101, to: 120 });
    expect(previewPage(many, { page: 0 })).toMatchObject({ page: 1, from: 1 });
    expect(previewPage(many, { page: Number.NaN })).toMatchObject({ page: 1, from: 1 });
  });

  it("searches before paging, and says when nobody matches", () => {
    const mathare = previewPage(many, { q: "mathare" });
    expect(mathare).toMatchObject({ matches: 40, pageCount: 1, from: 1, to: 40 });
    expect(mathare.rows.every((r) => r.settlement === "Mathare")).toBe(true);
    expect(mathare.rows[0].owed).toBe(111_700);
    expect(previewPage(many, { q: "Mombasa" })).toEqual({ rows: [], matches: 0, page: 1, pageCount: 1, from: 0, to: 0 });
    expect(previewPage(many, { q: "mathare", pageSize: 15, page: 3 })).toMatchObject({ page: 3, pageCount: 3, from: 31, to: 40 });
  });

  it("the run's totals count what is paid, over every candidate", () => {
    const rows = [
      candidate({ name: "A", owed: 70_050, amount: 70_000 }),
      candidate({ name: "B", owed: 60_000 }),
      candidate({ name: "C", owed: 90_000, skip: "no_phone", amount: 0 }),
    ];
    expect(runTotals(rows)).toEqual({ count: 2, total: 130_000 });
    expect(runTotals([])).toEqual({ count: 0, total: 0 });
  });
});
