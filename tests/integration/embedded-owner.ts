/**
 * A process that starts the embedded PostgreSQL on EMBEDDED_DIR as `npm start` does and waits, for
 * embedded-restart.test.ts: it prints "ready <port> <postgres pid>", then is killed (or stops on SIGTERM).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "#db/embedded";

const dir = process.env.EMBEDDED_DIR!;
const cluster = await startEmbeddedPostgres({ dataDir: dir, fast: true });
const pid = readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0];
process.stdout.write(`ready ${cluster.port} ${pid}\n`);
process.on("SIGTERM", () => void cluster.stop().then(() => process.exit(0)));
setInterval(() => {}, 60_000);
