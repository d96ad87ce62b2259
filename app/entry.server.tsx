/**
 * Documents are rendered whole, then sent in one write. Nothing on our pages streams (no deferred
 * data), and on this kind of machine every socket write is a costly system call: React's streaming
 * render sends a page as dozens of small chunks.
 *
 * React writes into a plain collector (no stream machinery), and the render's abort timer is
 * cleared the moment the page is whole: a timer left running would keep every finished render's
 * state alive for seconds, and then abort a render that already ended.
 */
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/lib/nonce";

// The shared page cache at the HTTP edge fills each visitor's own bits into cached pages with this.
export { personalBits } from "~/features/storefront/personal.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The HTTP server's nonce for this answer (app/http/security-headers.ts): inline scripts carry it.
  const nonce = loadContext?.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    const app = (
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      onAllReady() {
        clearTimeout(timer);
        pipe(
          collector((body) => {
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            resolve(new Response(body, { headers: responseHeaders, status: failed ? 500 : responseStatusCode }));
          }),
        );
      },
      onShellError(error) {
        clearTimeout(timer);
        reject(error);
      },
      onError(error) {
        failed = true;
        // Errors after the shell are logged; Remix renders the error boundary for the rest.
        if (!request.signal.aborted) console.error(error);
      },
    });
    const timer = setTimeout(abort, ABORT_DELAY + 1_000).unref();
  });
}

/**
 * What React's pipe() needs of a destination (write, end, on), keeping the bytes until the end.
 * React never writes after end() and never needs to wait (write always has room).
 */
function collector(done: (body: ReturnType<typeof Buffer.concat>) => void) {
  const chunks: Uint8Array[] = [];
  const sink = {
    write(chunk: Uint8Array | string) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
      return true;
    },
    end() {
      done(Buffer.concat(chunks));
    },
    on() {
      return sink;
    },
    destroy() {},
  };
  return sink as unknown as NodeJS.WritableStream;
}
