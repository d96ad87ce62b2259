import { describe, expect, it } from "vitest";
import { csvCell, csvFrom, decimalAmount, toCsv } from "./csv";

describe("CSV (every export: payouts, inventory, audit log, POS shift)", () => {
  it("quotes commas, quotes and newlines and defuses formulas", () => {
    expect(csvCell("Wanjiru, Kibera")).toBe('"Wanjiru, Kibera"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+254700000001")).toBe("'+254700000001");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(
      toCsv(
        ["a", "b"],
        [
          [1, "x"],
          [null, "y\nz"],
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n,"y\nz"\r\n');
    expect(csvFrom([["Shift", 7], [], ["x"]])).toBe("Shift,7\r\n\r\nx\r\n");
  });

  // The two copies disagreed: the payouts one prefixed "-700.00" (a negative amount written by
  // decimalAmount) with ', so the spreadsheet read text; the POS one left plain numbers alone.
  it("leaves a negative amount written as text a number", () => {
    expect(csvCell("-700.00")).toBe("-700.00");
    expect(csvCell(decimalAmount(-500))).toBe("-5.00");
    expect(toCsv(["amount"], [[decimalAmount(-70000)]])).toBe("amount\r\n-700.00\r\n");
  });

  it("writes minor units as decimals", () => {
    expect(decimalAmount(150050)).toBe("1500.50");
    expect(decimalAmount(5)).toBe("0.05");
    expect(decimalAmount(-70000)).toBe("-700.00");
    expect(decimalAmount(1200, 0)).toBe("1200");
  });
});
