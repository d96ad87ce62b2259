/**
 * Bulk order input, pure: a CSV upload (SKU,quantity) or the quick-order rows become order lines,
 * or a list of errors, one per bad row. Nothing is ordered until every row is valid, so the caller
 * either gets lines for every row or errors.
 *
 * Tolerated: a UTF-8 byte-order mark, Windows (CRLF) or old Mac (CR) line endings, an optional
 * header row, quoted cells, blank lines, and Excel's semicolon or tab separators.
 */
import { quantityProblem, type QuantityRules } from "./rules";

export const MAX_CSV_ROWS = 5_000;
/** About 5,000 rows of long SKUs; anything bigger is not an order file. */
export const MAX_CSV_BYTES = 512 * 1024;

export type RawRow = {
  line: number;
  sku: string;
  quantity: string /** Cells after the second, when a row has more than two. */;
  extra?: string;
};
export type CsvParse = { ok: true; rows: RawRow[] } | { ok: false; message: string };

const NOT_CSV = "That file isn't a CSV. Upload a .csv file with two columns, SKU and quantity (for example: SK-BRA-001,12).";
export const CSV_TOO_BIG = "That file is too big for one order. Upload at most 5,000 rows.";

/** An uploaded order file refused before it is read: too big (413), or by its name plainly not a CSV (415). */
export function csvFileProblem(file: { name: string; size: number }): { status: 413 | 415; message: string } | null {
  if (file.size > MAX_CSV_BYTES) return { status: 413, message: CSV_TOO_BIG };
  if (/\.(xlsx?|numbers|ods|pdf|docx?|png|jpe?g|gif|zip)$/i.test(file.name)) return { status: 415, message: NOT_CSV };
  return null;
}

/** Splits CSV text into SKU and quantity cells, or one message for a file that can't be read as an order. */
export function parseOrderCsv(text: string): CsvParse {
  // Binary files (spreadsheets, images, PDFs) contain NULs or bytes that didn't decode as UTF-8.
  if (/[\u0000\uFFFD]/.test(text) || /^(PK\u0003\u0004|%PDF|\u00D0\u00CF)/.test(text)) return { ok: false, message: NOT_CSV };
  const body = text.replace(/^\uFEFF/, "");
  const lines = body.split(/\r\n|\r|\n/);
  const delimiter = pickDelimiter(lines.find((l) => l.trim() !== "") ?? "");
  const rows: RawRow[] = [];
  let sawDelimiter = false;
  for (const [index, raw] of lines.entries()) {
    if (raw.trim() === "") continue;
    const cells = splitCells(raw, delimiter);
    if (cells === null) return { ok: false, message: `Line ${index + 1} has an unclosed quote. ${NOT_CSV}` };
    if (cells.length > 1) sawDelimiter = true;
    const [sku = "", quantity = "", ...rest] = cells.map((c) => c.trim());
    if (rows.length === 0 && isHeader(sku, quantity)) continue;
    const extra = rest.filter((c) => c !== "");
    rows.push(extra.length ? { line: index + 1, sku, quantity, extra: extra.join(", ") } : { line: index + 1, sku, quantity });
    if (rows.length > MAX_CSV_ROWS) break;
  }
  if (rows.length === 0)
    return { ok: false, message: "That file has no order rows. Put one SKU and quantity on each line (for example: SK-BRA-001,12)." };
  if (!sawDelimiter) return { ok: false, message: NOT_CSV };
  if (rows.length > MAX_CSV_ROWS) {
    const total = lines.filter((l) => l.trim() !== "").length;
    return {
      ok: false,
      message: `That file has ${total.toLocaleString("en-US")} rows; one upload takes at most ${MAX_CSV_ROWS.toLocaleString("en-US")}. Split it into smaller files.`,
    };
  }
  return { ok: true, rows };
}

function pickDelimiter(firstLine: string): string {
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes(";")) return ";";
  if (firstLine.includes("\t")) return "\t";
  return ",";
}

/** One CSV record (RFC 4180 quotes); null on an unclosed quote. Records never span lines here. */
function splitCells(line: string, delimiter: string): string[] | null {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells;
}

function isHeader(first: string, second: string) {
  return /^(sku|item|item ?(no|number|#)|product ?sku|style)\.?$/i.test(first) || /^(qty|quantity|units|quantities)\.?$/i.test(second);
}

export type OrderableVariant = QuantityRules & { id: number; sku: string };
export type RowError = { line: number; sku: string; quantity: string; message: string };
export type RowCheck =
  | { ok: true; lines: Array<{ variantId: number; quantity: number }> }
  | { ok: false; errors: RowError[]; checked: number };

/**
 * Checks every row: a known SKU, a whole positive quantity that meets the variant's minimum and case
 * pack. Lines come back merged by variant, in the order first seen; any bad row means no lines at all.
 */
export function checkOrderRows(rows: RawRow[], variantsBySku: ReadonlyMap<string, OrderableVariant>): RowCheck {
  const errors: RowError[] = [];
  const lines = new Map<number, number>();
  for (const row of rows) {
    // Shown back in the page's table: cut to what a SKU or a quantity can be, so one overlong cell can't widen it.
    const fail = (message: string) =>
      errors.push({ line: row.line, sku: clip(row.sku, SKU_SHOWN), quantity: clip(row.quantity, QUANTITY_SHOWN), message });
    if (row.extra) {
      fail("This row has more than two columns: put only the SKU and the quantity.");
      continue;
    }
    if (!row.sku) {
      fail("Enter a SKU.");
      continue;
    }
    const variant = variantsBySku.get(row.sku.toUpperCase());
    if (!variant) {
      fail(`Unknown SKU “${row.sku.slice(0, 40)}”.`);
      continue;
    }
    if (row.quantity === "") {
      fail("Enter a quantity.");
      continue;
    }
    const quantity = parseQuantity(row.quantity);
    if (quantity === null) {
      fail(/^\s*-/.test(row.quantity) ? "Enter a quantity of at least 1." : "Enter a whole number of units.");
      continue;
    }
    const problem = quantityProblem(quantity, variant);
    if (problem) {
      fail(problem);
      continue;
    }
    lines.set(variant.id, (lines.get(variant.id) ?? 0) + quantity);
  }
  if (errors.length) return { ok: false, errors, checked: rows.length };
  return { ok: true, lines: [...lines].map(([variantId, quantity]) => ({ variantId, quantity })) };
}

/** The most of a bad row's SKU and quantity shown back (as the typed rows keep: 64 and 12 characters). */
const SKU_SHOWN = 64;
const QUANTITY_SHOWN = 12;
const clip = (text: string, most: number) => (text.length > most ? `${text.slice(0, most - 1)}…` : text);

/** "12" or "1,200" → 12 / 1200; anything else (decimals, signs, words) → null. */
export function parseQuantity(input: string): number | null {
  const cleaned = input.trim();
  if (!/^(\d{1,3}(,\d{3})+|\d+)$/.test(cleaned)) return null;
  const n = Number(cleaned.replace(/,/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}
