/**
 * Every request body is capped, per kind of route, in the HTTP server before any route reads it: a
 * declared Content-Length over the cap is refused at once, and a chunked body (no length) is counted
 * as it streams and refused the moment it passes the cap. Either way the answer is a 413 and at most
 * the cap is ever held in memory. Routes keep their own friendlier checks (a photo over 5 MB gets a
 * flash message), but none of them can forget this one.
 */
import type { IncomingMessage } from "node:http";
import { MAX_PHOTO_BYTES } from "~/features/artisan-app/photo-rules";
import { MAX_IMAGE_BYTES } from "~/domain/images";
import { MAX_CSV_BYTES } from "~/domain/wholesale";
import { MAX_REVIEW_PHOTOS } from "~/domain/reviews";
import { MAX_INTERCHANGE_BYTES } from "~/domain/edi";
import { answerText, type Exchange } from "./exchange";
import { isSmallForm } from "./form-body";

const KiB = 1024;
const MiB = 1024 * KiB;

export type BodyLimit = { bytes: number; refusal: string };

/** Room for the other fields of an upload form (intent, ids, the multipart boundaries). */
const FORM_FIELDS_ALLOWANCE = 64 * KiB;

/** Forms: far more than any of ours needs (a product story is 5,000 characters). */
export const FORM_LIMIT: BodyLimit = { bytes: 1 * MiB, refusal: "That form is too large: this address takes at most 1 MB." };
/** Callbacks from Stripe, Safaricom and Africa's Talking: small JSON or form bodies. */
export const WEBHOOK_LIMIT: BodyLimit = { bytes: 256 * KiB, refusal: "That body is too large: this address takes at most 256 KB." };

/**
 * The routes that take files, each with the number its route checks: pathname (with or without
 * Remix's `.data` suffix, which JavaScript submissions use) → limit.
 */
const UPLOAD_LIMITS: [RegExp, BodyLimit][] = [
  [/^\/artisan\/work$/, { bytes: MAX_PHOTO_BYTES + FORM_FIELDS_ALLOWANCE, refusal: "That photo is too large: send one of at most 5 MB." }],
  [
    /^\/ops\/products\/[^/]+$/,
    { bytes: MAX_IMAGE_BYTES + FORM_FIELDS_ALLOWANCE, refusal: "That image is larger than 5 MB. Export it smaller and try again." },
  ],
  [
    /^\/orders\/[^/]+\/review$/,
    {
      bytes: MAX_REVIEW_PHOTOS * MAX_IMAGE_BYTES + FORM_FIELDS_ALLOWANCE,
      refusal: `Those photos are too large: send at most ${MAX_REVIEW_PHOTOS}, of at most 5 MB each.`,
    },
  ],
  // X12 interchanges: a partner's POST and the ops upload (a file plus a few fields).
  [/^\/api\/edi\/inbound$/, { bytes: MAX_INTERCHANGE_BYTES, refusal: "That interchange is larger than 5 MB: send it in parts." }],
  [/^\/ops\/edi\/log$/, { bytes: MAX_INTERCHANGE_BYTES + FORM_FIELDS_ALLOWANCE, refusal: "That file is larger than 5 MB." }],
  [/^\/ops\/edi\/partners\/[^/]+$/, { bytes: 2 * MiB + FORM_FIELDS_ALLOWANCE, refusal: "That cross-reference file is larger than 2 MB." }],
  // The route reads the CSV whole and answers its own message up to four times the file limit.
  [/^\/wholesale\/quick-order$/, { bytes: MAX_CSV_BYTES * 4, refusal: "That file is too big for one order. Upload at most 5,000 rows." }],
];

const WEBHOOK_PATHS = /^\/(webhooks|api)\//;

/** The cap for a request to `pathname`. */
export function bodyLimitFor(pathname: string): BodyLimit {
  const path = pathname.replace(/\.data$/, "").replace(/\/+$/, "") || "/";
  for (const [pattern, limit] of UPLOAD_LIMITS) if (pattern.test(path)) return limit;
  if (WEBHOOK_PATHS.test(path)) return WEBHOOK_LIMIT;
  return FORM_LIMIT;
}

/** After a refusal, how much more of the body is read and dropped, and for how long, before the connection is cut. */
const LINGER_BYTES = 4 * MiB;
const LINGER_MS = 2_000;

/**
 * Refuses a declared body over the cap (a 413, and true: answered), or hands the routes (through
 * `ex.body`, which the Remix handler reads) a body stream that is cut off past it. A small
 * urlencoded form of a declared length within the cap is instead marked to be read whole before
 * Remix (`ex.wholeForm`, form-body.ts).
 */
export function limitRequestBody(ex: Exchange, limitFor: (pathname: string) => BodyLimit = bodyLimitFor): boolean {
  const { req, res } = ex;
  const declared = req.headers["content-length"];
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (!chunked && (declared === undefined || declared === "0")) return false;
  const limit = limitFor(ex.pathname);
  // Whatever the route leaves unread is drained after the answer; too much of it closes the connection.
  res.once("finish", () => drainThenClose(req));
  if (declared !== undefined && !chunked && !(Number(declared) <= limit.bytes)) {
    answerText(ex, 413, limit.refusal);
    return true;
  }
  if (isSmallForm(req, declared, Math.min(limit.bytes, FORM_LIMIT.bytes))) {
    ex.wholeForm = true;
    return false;
  }
  ex.body = limitedBody(req, limit.bytes, () => {
    ex.bodyRefused = true;
    // An answer already begun leaves only the connection to close (answerText does that).
    answerText(ex, 413, limit.refusal);
  });
  return false;
}

/**
 * After the answer, the rest of the body is read and dropped, so the client reads the 413 before the
 * connection goes (closing a socket with unread input resets it, and a reset can erase the answer
 * from the client's buffers: RFC 9112 §9.6). Past LINGER_BYTES our side of the connection is closed
 * (a FIN after the answer, which tells the client to stop) while what is still in flight is dropped;
 * at LINGER_MS the socket goes whatever the client does. One whose body ends in time keeps its
 * connection. Nothing dropped is held: memory stays flat whatever is sent.
 */
function drainThenClose(req: IncomingMessage) {
  if (req.complete || req.destroyed) return;
  let dropped = 0;
  let closing = false;
  const timer = setTimeout(() => req.socket?.destroy(), LINGER_MS).unref();
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES && !closing) {
      closing = true;
      req.socket?.end();
    }
  });
  req.once("end", () => clearTimeout(timer));
  req.once("close", () => clearTimeout(timer));
  req.resume();
}

/**
 * The request body as a web stream that counts bytes as they arrive. It reads only when the route
 * reads (nothing is buffered ahead beyond one chunk), and past `limit` it errors, stops reading and
 * calls `onTooLarge` — so at most `limit` bytes of a chunked body are ever held.
 */
export function limitedBody(req: IncomingMessage, limit: number, onTooLarge: () => void): ReadableStream<Uint8Array> {
  let seen = 0;
  let listening = false;
  let settled = false;
  const settle = (end: () => void) => {
    if (settled) return;
    settled = true;
    end();
  };
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!listening) {
          listening = true;
          req.on("data", (chunk: Buffer) => {
            if (settled) return;
            seen += chunk.length;
            if (seen > limit) {
              req.pause();
              settle(() => controller.error(new BodyTooLargeError(limit)));
              onTooLarge();
              return;
            }
            controller.enqueue(chunk);
            if ((controller.desiredSize ?? 0) <= 0) req.pause();
          });
          req.once("end", () => settle(() => controller.close()));
          req.once("error", (error) => settle(() => controller.error(error)));
          req.once("close", () => settle(() => controller.error(new Error("The client went away before the body ended."))));
        }
        req.resume();
      },
      cancel() {
        settled = true;
      },
    },
    { highWaterMark: 64 * KiB, size: (chunk) => chunk.byteLength },
  );
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = "BodyTooLargeError";
  }
}
