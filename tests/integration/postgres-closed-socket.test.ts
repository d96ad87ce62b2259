/**
 * The patched postgres.js (app/patches/postgres+3.4.9.patch, docs/decisions/0027): a backend that
 * dies under a transaction or a reserved connection used to kill the whole process with an uncaught
 * `TypeError: Cannot read properties of null (reading 'write')` (porsager/postgres #1066, #1154,
 * #1208): begin()'s own ROLLBACK, or the next query on the reserved connection, was written from a
 * setImmediate after the socket had closed. Each case runs in a child process of its own, through the
 * ESM build (what the app's tsx entry loads) and the CommonJS build (what the Remix server build
 * loads), so an uncaught exception is a failed exit, not a crash of the test runner.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** Runs in the child: `postgres` is the driver, URL the test file's database; prints one line per step. */
const scenario = `
  const sql = postgres(URL, { max: 2, onnotice: () => {} });
  const killer = postgres(URL, { max: 1, onnotice: () => {} });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const outcome = (p) => p.then(() => "ok", (e) => e.code || e.message);

  // 1. A transaction whose backend is terminated while a statement runs.
  let pid = null;
  const tx = sql.begin(async (t) => {
    [{ pid }] = await t\`select pg_backend_pid() as pid\`;
    await t\`select pg_sleep(5)\`;
  });
  while (pid === null) await sleep(20);
  await killer\`select pg_terminate_backend(\${pid})\`;
  console.log("transaction:", await outcome(tx));

  // 2. A reserved connection whose backend is terminated while it is idle, then used.
  const reserved = await sql.reserve();
  const [{ pid: other }] = await reserved\`select pg_backend_pid() as pid\`;
  await killer\`select pg_terminate_backend(\${other})\`;
  await sleep(1000);
  console.log("reserved:", await outcome(reserved\`select 1\`));
  reserved.release();

  // 3. The pool still answers, on fresh connections.
  let answered = "no";
  for (let i = 0; i < 5 && answered !== "yes"; i++) answered = await sql\`select 1 as one\`.then(([r]) => (r.one === 1 ? "yes" : "no"), () => "no");
  console.log("pool:", answered);
  await sleep(100); // any stray immediate has run by now
  console.log("survived");
  await Promise.all([sql.end(), killer.end()]);
`;

function run(kind: "esm" | "cjs"): Promise<{ code: number | null; output: string }> {
  const body = `const URL = ${JSON.stringify(process.env.DATABASE_URL)};\n${scenario}`;
  const args =
    kind === "esm"
      ? ["--input-type=module", "-e", `import postgres from "postgres";\n${body}`]
      : ["--input-type=commonjs", "-e", `const postgres = require("postgres");\n(async () => {\n${body}\n})();`];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, timeout: 50_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe("postgres.js when a backend dies under it", () => {
  it("is patched in both builds the app loads", () => {
    const require = createRequire(import.meta.url);
    const cjs = path.join(path.dirname(require.resolve("postgres")), "connection.js");
    const esm = path.join(root, "node_modules/postgres/src/connection.js");
    for (const file of [cjs, esm]) {
      const source = readFileSync(file, "utf8");
      expect(source).toContain("Soko patch: the socket can close between a write and this immediate");
      expect(source.match(/chunk = nextWriteTimer = null \/\/ Soko patch/g)).toHaveLength(2);
    }
  });

  for (const kind of ["esm", "cjs"] as const) {
    it(`rejects the transaction and the reserved connection's query, and the process lives on (${kind})`, async () => {
      const { code, output } = await run(kind);
      expect(output).not.toContain("reading 'write'");
      expect(output).toMatch(/transaction: (57P01|CONNECTION_CLOSED)/);
      // Rejected, not answered: CONNECTION_CLOSED once the client has seen the socket close; on a busy
      // machine the backend's own 57P01 (or the reset) can reach the query first.
      expect(output).toMatch(/reserved: (CONNECTION_CLOSED|57P01|ECONNRESET)/);
      expect(output).toContain("pool: yes");
      expect(output).toContain("survived");
      expect(code).toBe(0);
    }, 60_000);
  }
});
