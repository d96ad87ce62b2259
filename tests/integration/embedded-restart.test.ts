/**
 * `npm start` after a kill -9: the embedded PostgreSQL the dead process left running is found and
 * stopped, and the new start serves; a second start beside a live one is refused in one sentence.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { folderPostgresCannotEnter, startEmbeddedPostgres } from "#db/embedded";

const root = path.resolve(import.meta.dirname, "../..");
// Under the checkout (not a 0700 temp folder): the `postgres` user must be able to reach it.
const dir = path.join(root, ".data", `test-embedded-${randomBytes(4).toString("hex")}`);
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}.owner`, { force: true });
});

function startOwner(): Promise<{ child: ChildProcess; port: number; postgresPid: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/integration/embedded-owner.ts")], {
    cwd: root,
    env: { ...process.env, EMBEDDED_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      const ready = /ready (\d+) (\d+)/.exec(String(chunk));
      if (ready) resolve({ child, port: Number(ready[1]), postgresPid: Number(ready[2]) });
    });
    child.on("exit", (code) => reject(new Error(`exited early (${code}): ${stderr}`)));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function answers(port: number) {
  const sql = postgres(`postgres://soko:soko-local@127.0.0.1:${port}/postgres`, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    return (await sql`select 1 as one`)[0].one === 1;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

describe("the embedded PostgreSQL across a kill -9", () => {
  it("refuses a second start while the first process lives, and takes over from a dead one", async () => {
    const first = await startOwner();
    expect(await answers(first.port)).toBe(true);

    await expect(startEmbeddedPostgres({ dataDir: dir, fast: true })).rejects.toThrow(
      new RegExp(`Another process \\(pid ${first.child.pid}\\) is already running PostgreSQL on .*Stop it first`),
    );
    expect(await answers(first.port)).toBe(true);

    // kill -9: the app dies, its PostgreSQL keeps running and holding the folder.
    const exited = new Promise((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGKILL");
    await exited;
    expect(alive(first.postgresPid)).toBe(true);

    const cluster = await startEmbeddedPostgres({ dataDir: dir, fast: true });
    try {
      expect(alive(first.postgresPid)).toBe(false);
      expect(await answers(cluster.port)).toBe(true);
    } finally {
      await cluster.stop();
    }
  }, 90_000);
});

describe("a checkout the postgres user cannot reach (root's 0700 home)", () => {
  it("names the folder that keeps it out, so npm start can say what to do", () => {
    const home = mkdtempSync(path.join(tmpdir(), "soko-home-")); // 0700, like /root
    try {
      const data = path.join(home, "soko", ".data", "postgres");
      expect(folderPostgresCannotEnter([data], true)).toBe(home);
      expect(folderPostgresCannotEnter([data], false)).toBeNull(); // not root: PostgreSQL runs as us
      chmodSync(home, 0o711);
      expect(folderPostgresCannotEnter([data], true)).toBeNull();
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
