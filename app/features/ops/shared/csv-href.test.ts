import { describe, expect, it } from "vitest";
import { csvHref } from "./csv-href";

describe("csvHref", () => {
  it("keeps the filters and drops format and page", () => {
    expect(csvHref("/ops/audit.csv", new URLSearchParams("format=csv&action=inventory&page=3&from=2026-11-01"))).toBe(
      "/ops/audit.csv?action=inventory&from=2026-11-01",
    );
  });
  it("is the bare file without filters", () => {
    expect(csvHref("/ops/payouts.csv", new URLSearchParams("format=csv"))).toBe("/ops/payouts.csv");
  });
});
