/** `npm start` (app/start.ts) refuses a configuration that would open a door: a message and exit 1, no stack trace. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function start(env: Record<string, string>) {
  // Only what a shell would pass: none of this test run's own settings (its SESSION_SECRET, tokens).
  const result = spawnSync(process.execPath, ["--import", "tsx", "app/start.ts"], {
    cwd: root,
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATABASE_URL: "postgres://soko@127.0.0.1:1/never-reached",
      ...env,
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe("npm start with a configuration that would open a door", () => {
  it("refuses to start outside demo mode without SESSION_SECRET", () => {
    const { code, stderr } = start({});
    expect(code).toBe(1);
    expect(stderr).toContain("Soko can't start with this configuration:");
    expect(stderr).toMatch(/SESSION_SECRET is not set: set it to a random string of at least 32 characters/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("refuses vendor keys without their callback token or webhook secret, naming what to set", () => {
    const { code, stderr } = start({
      SESSION_SECRET: "a-production-secret-of-more-than-32-chars",
      MPESA_CONSUMER_KEY: "k",
      STRIPE_SECRET_KEY: "sk_live_x",
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/MPESA_CONSUMER_KEY is set but MPESA_CALLBACK_TOKEN is not: set MPESA_CALLBACK_TOKEN/);
    expect(stderr).toMatch(/STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
