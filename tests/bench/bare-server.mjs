// The comparison point for the storefront pages: node:http answering every request with the bytes
// read from stdin, nothing else. Prints "ready" once listening on BARE_PORT.
import { createServer } from "node:http";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const body = Buffer.concat(chunks);
const contentType = process.env.BARE_CONTENT_TYPE || "text/html; charset=utf-8";

const server = createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.BARE_PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
