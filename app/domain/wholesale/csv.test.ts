import { describe, expect, it } from "vitest";
import { checkOrderRows, csvFileProblem, MAX_CSV_BYTES, MAX_CSV_ROWS, parseOrderCsv, parseQuantity, type OrderableVariant } from "./csv";

const variants = new Map<string, OrderableVariant>([
  ["SK-EAR-001-BR", { id: 1, sku: "SK-EAR-001-BR", minQty: 6, casePack: 6 }],
  ["SK-NEC-002", { id: 2, sku: "SK-NEC-002", minQty: 1, casePack: 1 }],
]);

function rows(text: string) {
  const parsed = parseOrderCsv(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rows;
}

describe("CSV order upload", () => {
  it("reads SKU,quantity rows with or without a header", () => {
    expect(rows("SKU,Quantity\nSK-EAR-001-BR,12\nsk-nec-002,3\n")).toEqual([
      { line: 2, sku: "SK-EAR-001-BR", quantity: "12" },
      { line: 3, sku: "sk-nec-002", quantity: "3" },
    ]);
    expect(rows("SK-EAR-001-BR,12")).toEqual([{ line: 1, sku: "SK-EAR-001-BR", quantity: "12" }]);
  });

  it("tolerates a byte-order mark, Windows and old Mac line endings, quotes, blank lines and semicolons", () => {
    expect(rows("\uFEFFsku,qty\r\nSK-EAR-001-BR,12\r\n\r\nSK-NEC-002,1\r\n")).toEqual([
      { line: 2, sku: "SK-EAR-001-BR", quantity: "12" },
      { line: 4, sku: "SK-NEC-002", quantity: "1" },
    ]);
    expect(rows("SK-EAR-001-BR,6\rSK-NEC-002,2")).toHaveLength(2);
    expect(rows('"SK-EAR-001-BR","1,200"')).toEqual([{ line: 1, sku: "SK-EAR-001-BR", quantity: "1,200" }]);
    expect(rows("SKU;Quantity\nSK-NEC-002;4")).toEqual([{ line: 2, sku: "SK-NEC-002", quantity: "4" }]);
    // A BOM before a header without one: the header is still recognised.
    const check = checkOrderRows(rows("\uFEFFSKU,Quantity\r\nSK-EAR-001-BR,12\r\n"), variants);
    expect(check).toEqual({ ok: true, lines: [{ variantId: 1, quantity: 12 }] });
  });

  it("gives one error per bad row: unknown SKU, non-integer, negative, zero, below minimum, off the case pack", () => {
    const check = checkOrderRows(
      rows(
        "SKU,Quantity\nSK-NOPE,5\nSK-NEC-002,2.5\nSK-NEC-002,-3\nSK-NEC-002,0\nSK-EAR-001-BR,3\nSK-EAR-001-BR,10\nSK-NEC-002,\n,4\nSK-NEC-002,3,extra\nSK-NEC-002,abc\nSK-NEC-002,7",
      ),
      variants,
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.map((e) => [e.line, e.message])).toEqual([
      [2, "Unknown SKU “SK-NOPE”."],
      [3, "Enter a whole number of units."],
      [4, "Enter a quantity of at least 1."],
      [5, "Enter a quantity of at least 1."],
      [6, "The minimum for this item is 6 units."],
      [7, "This item comes in cases of 6: order 6 or 12."],
      [8, "Enter a quantity."],
      [9, "Enter a SKU."],
      [10, "This row has more than two columns: put only the SKU and the quantity."],
      [11, "Enter a whole number of units."],
    ]);
    expect(check.checked).toBe(11);
  });

  it("shows an overlong SKU or quantity back cut short, so one cell can't widen the page's table", () => {
    const check = checkOrderRows(rows(`${"A".repeat(5000)},1\nSK-NEC-002,${"9".repeat(400)}`), variants);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toEqual([
      { line: 1, sku: `${"A".repeat(63)}…`, quantity: "1", message: `Unknown SKU “${"A".repeat(40)}”.` },
      { line: 2, sku: "SK-NEC-002", quantity: `${"9".repeat(11)}…`, message: "Enter a whole number of units." },
    ]);
  });

  it("merges repeated SKUs into one line only when every row is valid", () => {
    expect(checkOrderRows(rows("SK-EAR-001-BR,6\nSK-NEC-002,2\nsk-ear-001-br,12"), variants)).toEqual({
      ok: true,
      lines: [
        { variantId: 1, quantity: 18 },
        { variantId: 2, quantity: 2 },
      ],
    });
  });

  it("refuses more than 5,000 rows with one message", () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `SK-NEC-002,${i + 1}`).join("\n");
    expect(parseOrderCsv(big)).toEqual({
      ok: false,
      message: "That file has 10,000 rows; one upload takes at most 5,000. Split it into smaller files.",
    });
    const limit = Array.from({ length: MAX_CSV_ROWS }, () => "SK-NEC-002,1").join("\r\n");
    const parsed = parseOrderCsv(`sku,qty\r\n${limit}`);
    expect(parsed.ok && parsed.rows.length).toBe(MAX_CSV_ROWS);
  });

  it("refuses files that are not CSV with one message", () => {
    const notCsv = /isn't a CSV/;
    expect(parseOrderCsv("PK\u0003\u0004\u0014\u0000binary").ok).toBe(false);
    expect(parseOrderCsv("%PDF-1.7 ...")).toMatchObject({ ok: false, message: expect.stringMatching(notCsv) });
    expect(parseOrderCsv("Dear Soko\nplease send earrings.\n")).toMatchObject({ ok: false, message: expect.stringMatching(notCsv) });
    expect(parseOrderCsv("caf\uFFFD,3")).toMatchObject({ ok: false, message: expect.stringMatching(notCsv) });
    expect(parseOrderCsv('"SK-NEC-002,4')).toMatchObject({ ok: false, message: expect.stringMatching(/unclosed quote/) });
    expect(parseOrderCsv("\uFEFF\r\n\r\n")).toMatchObject({ ok: false, message: expect.stringMatching(/no order rows/) });
  });

  it("reads quantities strictly", () => {
    expect(parseQuantity("12")).toBe(12);
    expect(parseQuantity(" 1,200 ")).toBe(1200);
    expect(parseQuantity("12.0")).toBeNull();
    expect(parseQuantity("1e3")).toBeNull();
    expect(parseQuantity("+5")).toBeNull();
    expect(parseQuantity("12,00")).toBeNull();
  });
});

describe("CSV order file checks", () => {
  it("refuses a file too big for one order (413) and spreadsheets or images by name (415)", () => {
    expect(csvFileProblem({ name: "order.csv", size: 100 })).toBeNull();
    expect(csvFileProblem({ name: "order.csv", size: MAX_CSV_BYTES + 1 })?.status).toBe(413);
    expect(csvFileProblem({ name: "order.xlsx", size: MAX_CSV_BYTES + 1 })?.status).toBe(413);
    expect(csvFileProblem({ name: "Order.XLSX", size: 100 })).toMatchObject({ status: 415, message: expect.stringMatching(/isn't a CSV/) });
    expect(csvFileProblem({ name: "scan.jpeg", size: 100 })?.status).toBe(415);
  });
});
