import { describe, expect, it } from "vitest";
import { parseWith } from "~/lib/validation";
import { payoutsQuerySchema, runPayoutsFormSchema } from "./forms";

describe("/ops/payouts forms", () => {
  it("reads an empty query with defaults and blank filters as none", () => {
    expect(parseWith(payoutsQuerySchema, new URLSearchParams(""))).toEqual({ ok: true, data: { page: 1, payoutsPage: 1, runsPage: 1 } });
    const parsed = parseWith(payoutsQuerySchema, new URLSearchParams("status=&run=&threshold=&q=&page=2&format=csv&run=3"));
    expect(parsed).toEqual({ ok: true, data: { page: 2, payoutsPage: 1, runsPage: 1, format: "csv" } });
    expect(parseWith(payoutsQuerySchema, new URLSearchParams("status=failed&run=7&threshold=750&confirm=1"))).toMatchObject({
      ok: true,
      data: { status: "failed", run: 7, threshold: 750, confirm: "1" },
    });
  });

  it("reads the preview's search (trimmed, blank is none) and the payouts table's own page", () => {
    expect(parseWith(payoutsQuerySchema, new URLSearchParams("q=%20%20Kibera%20&page=3&payoutsPage=2"))).toMatchObject({
      ok: true,
      data: { q: "Kibera", page: 3, payoutsPage: 2 },
    });
    const blank = parseWith(payoutsQuerySchema, new URLSearchParams("q=%20%20"));
    expect(blank.ok && blank.data.q).toBeUndefined();
    expect(parseWith(payoutsQuerySchema, new URLSearchParams(`q=${"x".repeat(101)}`))).toMatchObject({
      ok: false,
      errors: { q: "Search with at most 100 characters." },
    });
    expect(parseWith(payoutsQuerySchema, new URLSearchParams("page=abc&payoutsPage=0"))).toMatchObject({
      ok: false,
      errors: { page: "A page is a whole number from 1.", payoutsPage: "A page is a whole number from 1." },
    });
  });

  it("explains bad filters", () => {
    const bad = parseWith(payoutsQuerySchema, new URLSearchParams("status=paid&run=x&threshold=1.5&format=xlsx"));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual({
      status: "Unknown payout status.",
      run: "A run is a number.",
      threshold: "Enter the threshold in whole shillings, like 500.",
      format: "The only export is format=csv.",
    });
  });

  it("needs a sensible threshold to run", () => {
    const form = (entries: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(entries)) f.set(k, v);
      return f;
    };
    const approval = { count: "2", total: "155000", digest: "ab".repeat(32) };
    expect(parseWith(runPayoutsFormSchema, form({ intent: "run", threshold: "500", ...approval }))).toEqual({
      ok: true,
      data: { intent: "run", threshold: 500, count: 2, total: 155_000, digest: "ab".repeat(32) },
    });
    // The run form carries what its confirmation showed; without it (or forged into nonsense) it is refused.
    for (const missing of [{}, { ...approval, digest: "AB" }, { ...approval, count: "-1" }, { ...approval, total: "1.5" }]) {
      expect(parseWith(runPayoutsFormSchema, form({ intent: "run", threshold: "500", ...missing }))).toMatchObject({ ok: false });
    }
    expect(parseWith(runPayoutsFormSchema, form({ intent: "run", threshold: "5", ...approval }))).toMatchObject({
      ok: false,
      errors: { threshold: "M-Pesa pays at least KES 10." },
    });
    expect(parseWith(runPayoutsFormSchema, form({ intent: "run" }))).toMatchObject({
      ok: false,
      errors: { threshold: "Enter the threshold in whole shillings, like 500." },
    });
    expect(parseWith(runPayoutsFormSchema, form({ intent: "delete", threshold: "500" }))).toMatchObject({
      ok: false,
      errors: { intent: "Unknown action." },
    });
  });
});
