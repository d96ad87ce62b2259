/**
 * The answer while the database is away (docs/architecture.md, "When the database goes away"): a
 * 503 with Retry-After, at once, instead of a request that waits on a pool that cannot connect or a
 * 500 with a stack. A small page of its own (the app's layout needs the database: the visitor's
 * cart, session, market); plain text for a client that does not take HTML (fetchers, EventSource).
 */
import { RETRY_AFTER_SECONDS } from "~/lib/db-health";
import { protectiveHeaders, type Exchange } from "./exchange";

export const UNAVAILABLE_TITLE = "We'll be right back";
const TEXT = "We'll be right back. The shop can't reach its records for a moment. Please try again in a few seconds.";

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${UNAVAILABLE_TITLE}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f1a17;background:#faf7f2}
main{max-width:32rem;margin:0 auto;padding:4rem 1.5rem}
h1{font-size:1.75rem;margin:0 0 1rem}
p{line-height:1.5;margin:0 0 1rem}
a{color:inherit}
</style>
</head>
<body>
<main>
<h1>${UNAVAILABLE_TITLE}</h1>
<p>The shop can't reach its records for a moment.</p>
<p>Please <a href="">try again</a> in a few seconds.</p>
</main>
</body>
</html>
`;

/** Writes the 503 (or drops the connection if an answer had already begun). */
export function answerUnavailable(ex: Exchange) {
  const { req, res } = ex;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const html = /\btext\/html\b/.test(req.headers.accept ?? "") && !new URL(ex.url, "http://x").searchParams.has("_data");
  const body = Buffer.from(html ? PAGE : TEXT);
  res.writeHead(503, [
    ...protectiveHeaders(ex),
    "Content-Type",
    html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
    "Content-Length",
    String(body.length),
    "Retry-After",
    String(RETRY_AFTER_SECONDS),
    "Cache-Control",
    "no-store",
  ]);
  res.end(req.method === "HEAD" ? undefined : body);
}
