/**
 * CSV for the exports staff open in a spreadsheet (payouts, inventory levels, the audit log, a POS
 * shift), pure: RFC 4180 quoting, CRLF line ends, and no cell a spreadsheet would run as a formula.
 */
type Cell = string | number | null | undefined;

/** A plain number written as text ("-700.00", "12"): a spreadsheet reads it as the number it is. */
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * One cell. Text starting with = + - @ tab or CR gets a leading ' so a spreadsheet shows it rather
 * than running it ("=HYPERLINK(…)", "+254700000001"), unless it is a plain number such as a negative
 * amount ("-700.00"); then quoted when it holds a comma, a quote or a line break.
 */
export function csvCell(value: Cell): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && !NUMBER_TEXT.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows of cells → the file's text (an empty row is an empty line). */
export function csvFrom(rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** A header row, then the rows. */
export function toCsv(header: string[], rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  return csvFrom([header, ...rows]);
}

/** Minor units → "1234.50" for a spreadsheet (the currency is its own column); no floating point. */
export function decimalAmount(minor: number, digits = 2): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  return `${sign}${Math.trunc(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, "0")}`;
}

/**
 * A CSV file written as its rows arrive (a batch at a time from the database), so an export of
 * every order never sits whole in memory: the header, then each batch's lines, UTF-8.
 */
export function csvStream(header: string[], batches: AsyncIterable<ReadonlyArray<ReadonlyArray<Cell>>>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvFrom([header])));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else if (next.value.length) controller.enqueue(encoder.encode(csvFrom(next.value)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
