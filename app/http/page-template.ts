/**
 * A shared page with holes for the personal bits (docs/decisions/0018-personal-bits-stitched.md).
 *
 * The shared render puts a random token where each personal value goes (the root loader returns the
 * tokens as the values: `personalSlots` in the load context). The page is then cut at every token
 * into static segments, kept once, and each answer joins them with that visitor's values, encoded
 * for where the token stood:
 *
 * - in HTML text or an attribute: HTML-escaped, as React escapes text;
 * - in the loader data Remix serialises into the document (turbo-stream, inside a JavaScript string
 *   literal in a <script>): `\"TOKEN\"` becomes the value as turbo-stream writes it (JSON), then as a
 *   JS string literal, then escaped for a script as Remix does;
 * - in a single-fetch data answer (`text/x-script`, raw turbo-stream): `"TOKEN"` becomes JSON.
 *
 * React hydrates without a mismatch because the HTML and the loader data say the same thing.
 *
 * Gzip is done once, when the page is stored: each static segment is deflated on its own and ended
 * with a full flush (byte-aligned, no back-references across it), so an answer is the gzip header,
 * the stored segments with each value between them as an uncompressed "stored" deflate block, an
 * empty final block, and the CRC-32 and length of the whole. No compression per answer.
 */
import { randomBytes } from "node:crypto";
import { constants, crc32, deflateRawSync } from "node:zlib";

export type PersonalValue = string | number;
export type PersonalValues = Readonly<Record<string, PersonalValue>>;
/** Field name → the token the shared render wrote in its place. */
export type PersonalSlots = Readonly<Record<string, string>>;

/** Fresh unguessable tokens for `fields`: letters and digits only, so no escaping changes them. */
export function newPersonalSlots(fields: readonly string[]): PersonalSlots {
  const run = randomBytes(12).toString("hex");
  return Object.fromEntries(fields.map((field) => [field, `personal${run}${field.replace(/[^A-Za-z0-9]/g, "")}`]));
}

type Hole = { field: string; encode: (value: PersonalValue) => string };

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const SCRIPT_ESCAPES: Record<string, string> = {
  "&": "\\u0026",
  "<": "\\u003c",
  ">": "\\u003e",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

const html = (value: PersonalValue) => String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
const json = (value: PersonalValue) => JSON.stringify(value);
/** The value as turbo-stream encodes it, inside a JS string literal in a <script> (Remix's escapeHtml). */
const jsonInScript = (value: PersonalValue) =>
  JSON.stringify(JSON.stringify(value))
    .slice(1, -1)
    .replace(/[&<>\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]);

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final deflate block (fixed Huffman, end-of-block only). */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

export class PageTemplate {
  private readonly gzipSegments: Buffer[];
  private readonly anonymousBody: Buffer;
  private readonly anonymousGzip: Buffer;

  private constructor(
    private readonly segments: Buffer[],
    private readonly holes: Hole[],
    anonymous: PersonalValues,
  ) {
    this.gzipSegments = segments.map((segment) => deflateRawSync(segment, { finishFlush: constants.Z_FULL_FLUSH }));
    this.anonymousBody = this.fill(anonymous);
    this.anonymousGzip = this.gzip(anonymous);
  }

  /**
   * Cuts `body` at every token of `slots`. `contentType` says how tokens were encoded (a document,
   * or a single-fetch data answer); any other body is kept whole.
   */
  static from(body: Buffer, contentType: string, slots: PersonalSlots, anonymous: PersonalValues): PageTemplate {
    const tokens = Object.entries(slots);
    const kind = /text\/html/i.test(contentType) ? "html" : /text\/x-script/i.test(contentType) ? "data" : null;
    if (!kind || !tokens.length) return new PageTemplate([body], [], anonymous);
    const fieldOf = new Map(tokens.map(([field, token]) => [token, field]));
    const alternatives = tokens.map(([, token]) => token).join("|");
    const pattern =
      kind === "html"
        ? new RegExp(String.raw`\\"(${alternatives})\\"|(${alternatives})`, "g")
        : new RegExp(`"(${alternatives})"|(${alternatives})`, "g");
    const text = body.toString("latin1"); // byte for byte: offsets below are byte offsets
    const segments: Buffer[] = [];
    const holes: Hole[] = [];
    let from = 0;
    for (const match of text.matchAll(pattern)) {
      const quoted = match[1] !== undefined;
      const field = fieldOf.get(match[1] ?? match[2])!;
      segments.push(body.subarray(from, match.index));
      holes.push({ field, encode: quoted ? (kind === "html" ? jsonInScript : json) : kind === "html" ? html : json });
      from = match.index! + match[0].length;
    }
    segments.push(body.subarray(from));
    return new PageTemplate(
      segments.map((s) => Buffer.from(s)),
      holes,
      anonymous,
    );
  }

  /** How many places take a personal value (0: the same bytes for everybody). */
  get holeCount() {
    return this.holes.length;
  }

  /** The page for a visitor without our cookies, built once. */
  get anonymous() {
    return { body: this.anonymousBody, gzip: this.anonymousGzip };
  }

  /** The page with `values` in its holes. */
  fill(values: PersonalValues): Buffer {
    if (!this.holes.length) return this.segments[0];
    const parts: Buffer[] = [this.segments[0]];
    this.holes.forEach((hole, i) => {
      parts.push(Buffer.from(hole.encode(personalValue(values, hole.field))), this.segments[i + 1]);
    });
    return Buffer.concat(parts);
  }

  /** The same page, gzipped, from the segments deflated when it was stored. */
  gzip(values: PersonalValues): Buffer {
    const parts: Buffer[] = [GZIP_HEADER, this.gzipSegments[0]];
    let crc = crc32(this.segments[0]);
    let length = this.segments[0].length;
    this.holes.forEach((hole, i) => {
      const value = Buffer.from(hole.encode(personalValue(values, hole.field)));
      parts.push(storedBlock(value), this.gzipSegments[i + 1]);
      crc = crc32(this.segments[i + 1], crc32(value, crc));
      length += value.length + this.segments[i + 1].length;
    });
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(length >>> 0, 4);
    parts.push(FINAL_BLOCK, trailer);
    return Buffer.concat(parts);
  }
}

function personalValue(values: PersonalValues, field: string): PersonalValue {
  const value = values[field];
  if (value === undefined) throw new Error(`no personal value for "${field}"`);
  return value;
}

/** A non-final uncompressed deflate block (the stream is byte-aligned after a full flush). */
function storedBlock(data: Buffer): Buffer {
  if (data.length > 0xffff) throw new Error("a personal value over 64 KB");
  const header = Buffer.alloc(5);
  header[0] = 0; // BFINAL 0, BTYPE 00, padded to the byte
  header.writeUInt16LE(data.length, 1);
  header.writeUInt16LE(~data.length & 0xffff, 3);
  return Buffer.concat([header, data]);
}
