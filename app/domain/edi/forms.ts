/** The EDI forms' schemas and the cross-reference CSV, pure (the browser may read them). */
import { z } from "zod";
import { intId, multilineText, text, wholeNumber } from "~/lib/fields";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** ISA ids: letters, digits and spaces, up to 15 (ISA pads them). */
const isaId = (label: string) =>
  text({ max: 15, tooLong: `${label}: at most 15 characters.` }).pipe(
    z
      .string()
      .min(1, `Enter the ${label}.`)
      .regex(/^[A-Za-z0-9 ._-]+$/, `${label}: letters, digits, spaces, dot, dash and underscore.`),
  );
const qualifier = (label: string) =>
  text({ max: 2 }).pipe(z.string().regex(/^[0-9A-Z]{2}$/, `${label}: two capitals or digits (e.g. ZZ, 01, 12).`));
const delimiter = (label: string) => z.string().regex(/^[^A-Za-z0-9 \s]$/, `${label}: one character that is not a letter, digit or space.`);

/** An IANA zone name Intl knows (America/New_York, Europe/London…). */
export function knownTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const OUTBOUND_DOCUMENTS = ["997", "855", "856", "810", "846"] as const;
export const INBOUND_DOCUMENTS = ["850", "860"] as const;
export const DOCUMENT_NAMES: Record<string, string> = {
  "850": "850 purchase order",
  "860": "860 PO change",
  "997": "997 functional acknowledgement",
  "855": "855 PO acknowledgement",
  "856": "856 ship notice",
  "810": "810 invoice",
  "846": "846 inventory advice",
};

export const partnerSchema = z
  .object({
    name: text({ max: 120 }).pipe(z.string().min(1, "Name the partner.")),
    buyerId: intId("Choose the buyer EDI orders are placed under."),
    theirQualifier: qualifier("Their qualifier"),
    theirId: isaId("their interchange id"),
    theirGsId: isaId("their group id"),
    ourQualifier: qualifier("Our qualifier"),
    ourId: isaId("our interchange id"),
    ourGsId: isaId("our group id"),
    usage: z.enum(["T", "P"], { message: "Choose test or production." }),
    documentsIn: z.array(z.enum(INBOUND_DOCUMENTS)).min(1, "The partner sends at least one kind of document."),
    documentsOut: z.array(z.enum(OUTBOUND_DOCUMENTS)),
    elementDelimiter: delimiter("Element delimiter"),
    segmentTerminator: delimiter("Segment terminator"),
    subElementDelimiter: delimiter("Sub-element delimiter"),
    folder: z.preprocess(
      blank,
      text({ max: 64 })
        .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Folder: letters, digits, dot, dash, underscore."))
        .optional(),
    ),
    endpointUrl: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .url("Enter the endpoint as a full https:// address.")
        .max(500)
        .refine((u) => /^https?:\/\//.test(u), "Enter an http(s) address.")
        .optional(),
    ),
    packingSlipText: multilineText({ max: 2000 }).default(""),
    // Typed as a percent ("2.5"), kept in basis points (250).
    allowanceBps: z.preprocess(
      (v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? "0" : v),
      z
        .string()
        .trim()
        .regex(/^\d{1,2}(\.\d{1,2})?$/, "Allowance: a percent from 0 to 50, e.g. 2.5.")
        .transform((v) => Math.round(Number(v) * 100))
        .refine((n) => n <= 5000, "Allowance: a percent from 0 to 50, e.g. 2.5."),
    ),
    // Typed in dollars ("45" or "45.00"), kept in cents.
    freightCharge: z.preprocess(
      (v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? "0" : v),
      z
        .string()
        .trim()
        .regex(/^\$?\d{1,6}(\.\d{1,2})?$/, "Freight: an amount in dollars, e.g. 45.00 (0 when we pay freight).")
        .transform((v) => Math.round(Number(v.replace("$", "")) * 100)),
    ),
    ackDueHours: wholeNumber("Hours for their 997: 1 to 720.", { min: 1, max: 720 }),
    adviceAt: text({ max: 5 }).pipe(z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "Inventory advice time: HH:MM, 24-hour.")),
    adviceTimeZone: text({ max: 64 }).pipe(z.string().refine(knownTimeZone, "Time zone: a name like America/New_York.")),
    active: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  })
  .refine((p) => new Set([p.elementDelimiter, p.segmentTerminator, p.subElementDelimiter]).size === 3, {
    message: "The three delimiters must differ.",
    path: ["subElementDelimiter"],
  });
export type PartnerInput = z.infer<typeof partnerSchema>;

export const newPartnerSchema = z.object({
  retailerId: intId("Choose a retailer."),
  buyerId: intId("Choose the buyer EDI orders are placed under."),
});

export const shipToSchema = z.object({
  code: text({ max: 30 }).pipe(z.string().min(1, "Enter the ship-to code (N104).")),
  retailerLocationId: intId("Choose one of the retailer's locations."),
});

/** One interchange, uploaded or POSTed: big enough for thousands of PO lines. */
export const MAX_INTERCHANGE_BYTES = 5 * 1024 * 1024;

export type XrefRow = { line: number; qualifier: string; value: string; sku: string };
export const MAX_XREF_ROWS = 20_000;
export const MAX_XREF_BYTES = 2 * 1024 * 1024;

/**
 * A cross-reference CSV: `qualifier,value,sku` per line (UP for a UPC, IN for the buyer's item
 * number, …), an optional header, quoted cells allowed. All rows or none: errors name their line.
 */
export function parseCrossReference(csv: string): { ok: true; rows: XrefRow[] } | { ok: false; errors: string[] } {
  const rows: XrefRow[] = [];
  const errors: string[] = [];
  const lines = csv.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === "") continue;
    const cells = raw.split(",").map((c) =>
      c
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .trim(),
    );
    if (rows.length === 0 && errors.length === 0 && /^qualifier$/i.test(cells[0] ?? "")) continue;
    const [q = "", value = "", sku = ""] = cells;
    const line = i + 1;
    if (!/^[A-Z0-9]{2}$/.test(q)) errors.push(`Line ${line}: "${q}" is not an X12 product id qualifier (UP, IN, VN, EN…).`);
    else if (!value || value.length > 48 || /[\x00-\x1f*~>^|]/.test(value))
      errors.push(`Line ${line}: the item number is empty, longer than 48 or holds a delimiter.`);
    else if (q === "UP" && !/^\d{12}$/.test(value)) errors.push(`Line ${line}: a UPC (UP) is 12 digits; "${value}" is not.`);
    else if (!sku) errors.push(`Line ${line}: no SKU.`);
    else rows.push({ line, qualifier: q, value, sku });
    if (rows.length + errors.length > MAX_XREF_ROWS)
      return { ok: false, errors: [`At most ${MAX_XREF_ROWS.toLocaleString("en-US")} rows in one file.`] };
  }
  if (errors.length) return { ok: false, errors };
  if (!rows.length)
    return { ok: false, errors: ["The file has no rows. Put qualifier,value,sku on each line (e.g. UP,012345678905,SK-BRA-001)."] };
  return { ok: true, rows };
}
