import { describe, expect, it } from "vitest";
import { csvCell, decimalAmount, toCsv } from "./csv";

describe("payout CSV", () => {
  it("quotes commas, quotes and newlines and defuses formulas", () => {
    expect(csvCell("Wanjiru, Kibera")).toBe('"Wanjiru, Kibera"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+254700000001")).toBe("'+254700000001");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(toCsv(["a", "b"], [[1, "x"], [null, "y\nz"]])).toBe('a,b\r\n1,x\r\n,"y\nz"\r\n');
  });

  it("writes minor units as decimals", () => {
    expect(decimalAmount(150050)).toBe("1500.50");
    expect(decimalAmount(5)).toBe("0.05");
    expect(decimalAmount(-70000)).toBe("-700.00");
  });
});
