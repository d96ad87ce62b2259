/**
 * Documents are rendered whole, then sent in one write. Nothing on our pages streams (no deferred
 * data), and on this kind of machine every socket write is a costly system call: React's streaming
 * render sends a page as dozens of small chunks.
 */
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/lib/nonce";

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
        const chunks: Buffer[] = [];
        const sink = new PassThrough();
        sink.on("data", (chunk: Buffer) => chunks.push(chunk));
        sink.on("end", () => {
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: failed ? 500 : responseStatusCode }));
        });
        sink.on("error", reject);
        pipe(sink);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        failed = true;
        // Errors after the shell are logged; Remix renders the error boundary for the rest.
        if (!request.signal.aborted) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY + 1_000).unref();
  });
}
