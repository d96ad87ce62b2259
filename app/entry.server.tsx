/**
 * Documents are rendered whole, in one synchronous `renderToString`, then sent in one write. Nothing
 * on our pages streams (no deferred data), and React's string renderer builds the page as one string
 * where its streaming renderer encodes every small chunk into bytes as it goes (a quarter less CPU
 * for a product page, docs/performance.md "The floor under a page").
 *
 * Single fetch puts the loader data in the page through `<StreamTransfer>`, which suspends until
 * each chunk of the data's turbo-stream is read: `renderToString` would render its fallback (no
 * data). So the stream is read to its end first, and StreamTransfer finds every chunk already read
 * in `renderMeta.streamCache` (what it keeps of the chunks it read itself): it renders the same two
 * scripts without suspending. `app/entry.server.test.tsx` checks the page and its data.
 */
import { randomBytes } from "node:crypto";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { noteDatabaseFailure } from "~/lib/db-health.server";
import { NonceContext } from "~/lib/nonce";
import { wholeResponse } from "~/lib/whole-response";

// The shared page cache at the HTTP edge fills each visitor's own bits into cached pages with this.
export { personalBits } from "~/features/storefront/personal.server";

/**
 * A loader, action or render that threw: logged as Remix does by default (not when the client went
 * away), and a database out of reach is reported, so the HTTP edge answers 503 for it and for what
 * follows until the database answers again (~/lib/db-health.server).
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  const databaseAway = noteDatabaseFailure(error);
  if (request.signal.aborted || databaseAway) return;
  console.error(error);
};

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The HTTP server's nonce for this answer (app/http/security-headers.ts): inline scripts carry it.
  const nonce = loadContext?.cspNonce;
  await readHandoffAhead(remixContext);
  const wholeParts = askForWholeHtml(remixContext);
  const rendered = renderToString(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceContext.Provider>,
  );
  const html = withWholeHtml(rendered, wholeParts);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // renderToString leaves out the doctype the streaming renderer puts before a root <html>. Handed to
  // the HTTP edge as the string, not through a web stream it would read straight back (nor a fetch
  // Response's string body, checked for lone surrogates and encoded): the edge writes it to the socket.
  return wholeResponse(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

/** Where the patched turbo-stream keeps an encoded stream's whole text (app/patches). */
const WHOLE_TEXT = Symbol.for("turbo-stream.wholeText");

type StreamCache = Record<number, { result?: { done: boolean; value: string }; error?: unknown }>;

/**
 * Reads the loader data's turbo-stream to its end into what StreamTransfer keeps of the chunks it
 * has read (chunk 0: all the text; chunk 1: the end), so it renders without suspending.
 */
async function readHandoffAhead(context: EntryContext) {
  const stream = context.serverHandoffStream;
  if (!stream) return;
  // Data with nothing deferred (all of ours) comes with its whole text beside the stream (patched
  // turbo-stream, decision 0009): no reading, no decoding. RemixServer's reader of its own is never read.
  let text = (stream as { [WHOLE_TEXT]?: string })[WHOLE_TEXT];
  if (text === undefined) {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    text = "";
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += decoder.decode(read.value, { stream: true });
    text += decoder.decode();
    // RemixServer takes a reader of its own (which finds the stream at its end and is never read).
    reader.releaseLock();
  }
  context.renderMeta ??= {};
  (context.renderMeta as { streamCache?: StreamCache }).streamCache = {
    0: { result: { done: false, value: text } },
    1: { result: { done: true, value: "" } },
  };
}

/**
 * The document's parts that are the same on every page of a route but for the nonce (Remix's
 * `<Scripts>` and `<ScrollRestoration>`, patched: docs/decisions/0032) are written once as HTML, not
 * rendered again as ~30 elements: during the render each hands its HTML to `renderMeta.rawHtml` and
 * renders the mark it gets back as text; the marks are swapped back for the HTML after. A mark is a
 * NUL, this process's random word and a number: no page's text carries a NUL (PostgreSQL's text
 * cannot; the loader data's JSON writes it as \u0000), so no content is ever taken for one.
 */
const WHOLE_MARK = `\u0000${randomBytes(6).toString("hex")}:`;
// React puts this between two text nodes: where a mark stood beside text, the HTML in its place is elements.
const TEXT_SEPARATOR = "<!-- -->";

function askForWholeHtml(context: EntryContext): string[] {
  const parts: string[] = [];
  context.renderMeta ??= {};
  (context.renderMeta as { rawHtml?: (html: string) => string }).rawHtml = (html) => `${WHOLE_MARK}${parts.push(html) - 1}\u0000`;
  return parts;
}

function withWholeHtml(rendered: string, parts: string[]): string {
  if (parts.length === 0) return rendered;
  let html = "";
  let from = 0;
  for (let i = 0; i < parts.length; i++) {
    const mark = `${WHOLE_MARK}${i}\u0000`;
    const at = rendered.indexOf(mark, from);
    // A part React did not write (its component rendered and then thrown away) has no mark.
    if (at < 0) continue;
    const start =
      at - TEXT_SEPARATOR.length >= from && rendered.startsWith(TEXT_SEPARATOR, at - TEXT_SEPARATOR.length)
        ? at - TEXT_SEPARATOR.length
        : at;
    let end = at + mark.length;
    if (rendered.startsWith(TEXT_SEPARATOR, end)) end += TEXT_SEPARATOR.length;
    html += rendered.slice(from, start) + parts[i];
    from = end;
  }
  return html + rendered.slice(from);
}
