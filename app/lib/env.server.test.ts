/** The validated environment: no secret in the code, and settings that would open a door are refused. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, envNow, installSecretsFile, parseEnv } from "./env.server";

const dir = mkdtempSync(path.join(tmpdir(), "soko-env-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = "a-production-secret-of-more-than-32-chars";
const base = { DATABASE_URL: "postgres://soko@db.internal/soko", PUBLIC_URL: "https://soko.example", SESSION_SECRET: SECRET };

/** The problems parseEnv refuses `source` with (none: it parsed). */
function problems(source: Record<string, string | undefined>) {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("SESSION_SECRET", () => {
  it("must be set outside demo mode: one sentence naming it and what to set", () => {
    for (const unset of [undefined, "", "false"]) {
      const found = problems({ ...base, SESSION_SECRET: undefined, DEMO_MODE: unset });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^SESSION_SECRET is not set: set it to a random string of at least 32 characters/);
    }
    // An empty value is no secret either.
    expect(problems({ ...base, SESSION_SECRET: "" })[0]).toMatch(/^SESSION_SECRET is not set/);
  });

  it("must be at least 32 characters, each of them when rotating", () => {
    expect(problems({ ...base, SESSION_SECRET: "soko-local-session-secret" })[0]).toMatch(/^SESSION_SECRET must be at least 32/);
    expect(problems({ ...base, SESSION_SECRET: `${SECRET},short` })[0]).toMatch(/^SESSION_SECRET must be at least 32/);
    expect(problems({ ...base, SESSION_SECRET: " , " })[0]).toMatch(/^SESSION_SECRET must be at least 32/);
  });

  it("takes several, comma-separated: the first signs, all verify", () => {
    const old = "the-previous-secret-still-in-use-0123456789";
    expect(parseEnv({ ...base, SESSION_SECRET: ` ${SECRET} , ${old} ` }).SESSION_SECRETS).toEqual([SECRET, old]);
    expect(parseEnv(base).SESSION_SECRETS).toEqual([SECRET]);
  });

  it("in demo mode is made once per install, kept beside the data (0600) and reused, never a value from the code", () => {
    const dataDir = path.join(dir, "demo", "postgres");
    const demo = { DATABASE_URL: base.DATABASE_URL, DEMO_MODE: "true", SOKO_DATA_DIR: dataDir };
    const first = parseEnv(demo);
    const file = installSecretsFile(dataDir);
    expect(file).toBe(`${dataDir}.secrets.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.SESSION_SECRETS).toHaveLength(1);
    expect(first.SESSION_SECRETS[0].length).toBeGreaterThanOrEqual(32);
    expect(first.SESSION_SECRETS[0]).not.toBe("soko-local-session-secret-change-me");
    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored.sessionSecret).toBe(first.SESSION_SECRETS[0]);

    // A restart reads the same secret and callback tokens.
    const again = parseEnv(demo);
    expect(again.SESSION_SECRETS).toEqual(first.SESSION_SECRETS);
    expect(again.AT_CALLBACK_TOKEN).toBe(first.AT_CALLBACK_TOKEN);
    expect(again.MPESA_CALLBACK_TOKEN).toBe(first.MPESA_CALLBACK_TOKEN);
    // Another install gets its own.
    const other = parseEnv({ ...demo, SOKO_DATA_DIR: path.join(dir, "other", "postgres") });
    expect(other.SESSION_SECRETS).not.toEqual(first.SESSION_SECRETS);
  });

  it("in demo mode, a secrets file that someone loosened is made private again; a damaged one is refused with what to do", () => {
    const dataDir = path.join(dir, "loose", "postgres");
    parseEnv({ DATABASE_URL: base.DATABASE_URL, DEMO_MODE: "true", SOKO_DATA_DIR: dataDir });
    const file = installSecretsFile(dataDir);
    writeFileSync(file, readFileSync(file), { mode: 0o644 });
    parseEnv({ DATABASE_URL: base.DATABASE_URL, DEMO_MODE: "true", SOKO_DATA_DIR: dataDir });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    writeFileSync(file, "{}");
    expect(() => parseEnv({ DATABASE_URL: base.DATABASE_URL, DEMO_MODE: "true", SOKO_DATA_DIR: dataDir })).toThrow(
      /is not a valid secrets file: delete it/,
    );
  });
});

describe("vendor keys without what verifies their callbacks", () => {
  it("refuses M-Pesa keys without MPESA_CALLBACK_TOKEN, Africa's Talking keys without AT_CALLBACK_TOKEN, Stripe keys without STRIPE_WEBHOOK_SECRET", () => {
    expect(problems({ ...base, MPESA_CONSUMER_KEY: "key" })).toEqual([
      expect.stringMatching(/^MPESA_CONSUMER_KEY is set but MPESA_CALLBACK_TOKEN is not: set MPESA_CALLBACK_TOKEN/),
    ]);
    expect(problems({ ...base, AT_API_KEY: "key", AT_USERNAME: "soko" })).toEqual([
      expect.stringMatching(/^AT_API_KEY is set but AT_CALLBACK_TOKEN is not: set AT_CALLBACK_TOKEN/),
    ]);
    expect(problems({ ...base, STRIPE_SECRET_KEY: "sk_live_x", STRIPE_PUBLISHABLE_KEY: "pk_live_x" })).toEqual([
      expect.stringMatching(/^STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not/),
    ]);
    // Demo mode is no excuse: real keys move real money.
    expect(problems({ ...base, DEMO_MODE: "true", SOKO_DATA_DIR: path.join(dir, "keys"), MPESA_CONSUMER_KEY: "key" })).toHaveLength(1);
    // Every problem at once, not one per restart.
    expect(problems({ ...base, SESSION_SECRET: undefined, MPESA_CONSUMER_KEY: "k", AT_API_KEY: "k", STRIPE_SECRET_KEY: "k" })).toHaveLength(
      4,
    );
  });

  it("accepts them with their tokens (at least 16 characters)", () => {
    const ok = {
      ...base,
      MPESA_CONSUMER_KEY: "k",
      MPESA_CALLBACK_TOKEN: "m-pesa-token-0123456",
      AT_API_KEY: "k",
      AT_CALLBACK_TOKEN: "at-token-0123456789",
      STRIPE_SECRET_KEY: "sk",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
    };
    expect(problems(ok)).toEqual([]);
    expect(problems({ ...ok, MPESA_CALLBACK_TOKEN: "short" })).toEqual([
      "MPESA_CALLBACK_TOKEN: MPESA_CALLBACK_TOKEN must be at least 16 characters.",
    ]);
  });

  it("gives demo mode per-install callback tokens, so its USSD, SMS and M-Pesa callbacks are not open either", () => {
    const parsed = parseEnv({ DATABASE_URL: base.DATABASE_URL, DEMO_MODE: "true", SOKO_DATA_DIR: path.join(dir, "tokens", "postgres") });
    expect(parsed.AT_CALLBACK_TOKEN?.length).toBeGreaterThanOrEqual(16);
    expect(parsed.MPESA_CALLBACK_TOKEN?.length).toBeGreaterThanOrEqual(16);
    expect(parsed.AT_CALLBACK_TOKEN).not.toBe(parsed.MPESA_CALLBACK_TOKEN);
    // Outside demo mode nothing is made up: unset stays unset (and those callbacks refuse everything).
    expect(parseEnv(base).AT_CALLBACK_TOKEN).toBeUndefined();
  });
});

describe("npm start's early check", () => {
  it("runs before the embedded database exists (no DATABASE_URL yet) and still refuses what must be refused", () => {
    expect(() => parseEnv({ SESSION_SECRET: SECRET }, { requireDatabase: false })).not.toThrow();
    expect(() => parseEnv({}, { requireDatabase: false })).toThrow(ConfigError);
    expect(() => parseEnv({ SESSION_SECRET: SECRET })).toThrow(/DATABASE_URL/);
  });
});

describe("settings read past env() before: now in its schema", () => {
  it("validates the pool size and the liveness test hooks, with the old defaults", () => {
    const parsed = parseEnv(base);
    expect(parsed).toMatchObject({
      DB_POOL_MAX: 10,
      SOKO_LIVENESS_SWEEP_MS: 15_000,
      SOKO_LIVENESS_GRACE_SECONDS: 10,
      PAYOUT_THRESHOLD_KES: 500,
      UPLOAD_DIR: ".data/uploads",
    });
    expect(parseEnv({ ...base, DB_POOL_MAX: "4", SOKO_LIVENESS_SWEEP_MS: "500", SOKO_LIVENESS_GRACE_SECONDS: "1" })).toMatchObject({
      DB_POOL_MAX: 4,
      SOKO_LIVENESS_SWEEP_MS: 500,
      SOKO_LIVENESS_GRACE_SECONDS: 1,
    });
    expect(problems({ ...base, DB_POOL_MAX: "lots" })).toEqual([expect.stringMatching(/^DB_POOL_MAX: /)]);
  });

  it("envNow reads the keys asked for at each call, through the same schema", () => {
    const saved = { dir: process.env.UPLOAD_DIR, at: process.env.AT_BASE_URL };
    try {
      process.env.UPLOAD_DIR = "/tmp/soko-a";
      expect(envNow("UPLOAD_DIR")).toEqual({ UPLOAD_DIR: "/tmp/soko-a" });
      process.env.UPLOAD_DIR = "";
      expect(envNow("UPLOAD_DIR")).toEqual({ UPLOAD_DIR: ".data/uploads" });
      process.env.UPLOAD_DIR = "/tmp/soko-a";
      expect(envNow("UPLOAD_DIR")).toEqual({ UPLOAD_DIR: "/tmp/soko-a" });
      process.env.AT_BASE_URL = "not a url";
      expect(() => envNow("AT_BASE_URL")).toThrow(ConfigError);
      expect(() => envNow("AT_BASE_URL")).toThrow(ConfigError);
      process.env.AT_BASE_URL = "http://127.0.0.1:9/at";
      expect(envNow("AT_BASE_URL", "UPLOAD_DIR")).toEqual({ AT_BASE_URL: "http://127.0.0.1:9/at", UPLOAD_DIR: "/tmp/soko-a" });
    } finally {
      for (const [key, value] of [
        ["UPLOAD_DIR", saved.dir],
        ["AT_BASE_URL", saved.at],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
