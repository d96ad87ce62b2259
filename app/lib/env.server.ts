import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Cookies and links are signed with these; shorter ones could be guessed offline from one cookie. */
export const MIN_SESSION_SECRET_LENGTH = 32;
/** Callback tokens travel in URLs the vendors call; long enough not to be guessed online. */
export const MIN_CALLBACK_TOKEN_LENGTH = 16;

/**
 * Every setting the app reads. Absent vendor keys select the local-mode adapters, so a fresh clone
 * needs none of them. No secret has a default in the code: outside demo mode SESSION_SECRET must be
 * set; demo mode makes one per install and keeps it beside the embedded database's data.
 */
const fields = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url(),
  /** One secret, or several comma-separated while rotating ("new,old"): the first signs, every one verifies. */
  SESSION_SECRET: z.string().optional(),
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  // Demo mode is never assumed: `npm start` sets it on the embedded database (app/start.ts).
  DEMO_MODE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Where the embedded database keeps its files; demo mode's secrets file sits beside it. */
  SOKO_DATA_DIR: z.string().default(".data/postgres"),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Test hook: point the stripe SDK at a local fake ("http://127.0.0.1:12111"). */
  STRIPE_API_BASE: z.string().url().optional(),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().default("Soko <orders@soko.test>"),
  /** Stripe Terminal for the flagship's card reader; without it (or without Stripe keys) a simulated reader. */
  STRIPE_TERMINAL_READER_ID: z.string().optional(),
  STRIPE_TERMINAL_SIMULATED: z.enum(["true", "false"]).optional(),
  /** M-Pesa B2C payouts (domain/payouts); without MPESA_CONSUMER_KEY a simulator pays (phones ending in 9 fail). */
  PAYOUT_THRESHOLD_KES: z.coerce.number().int().min(1).default(500),
  MPESA_CONSUMER_KEY: z.string().optional(),
  MPESA_CONSUMER_SECRET: z.string().optional(),
  MPESA_INITIATOR_NAME: z.string().optional(),
  MPESA_SECURITY_CREDENTIAL: z.string().optional(),
  MPESA_SHORTCODE: z.string().optional(),
  MPESA_CALLBACK_BASE_URL: z.string().url().optional(),
  MPESA_BASE_URL: z.string().url().optional(),
  MPESA_CALLBACK_TOKEN: z
    .string()
    .min(MIN_CALLBACK_TOKEN_LENGTH, `MPESA_CALLBACK_TOKEN must be at least ${MIN_CALLBACK_TOKEN_LENGTH} characters.`)
    .optional(),
  MPESA_SIMULATOR_DELAY_MS: z.coerce.number().int().min(0).default(1500),
  /** S3-compatible storage for uploaded product images (domain/images); without S3_BUCKET, UPLOAD_DIR. */
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_REGION: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_PUBLIC_URL: z.string().url().optional(),
  /** Where uploaded files (work photos, product images) are kept in local mode. */
  UPLOAD_DIR: z.string().default(".data/uploads"),
  /** EDI folders (domain/edi): `inbox/<partner folder>/` is watched, `outbox/<partner folder>/` receives our documents. */
  EDI_DIR: z.string().optional(),
  /** The GS1 company prefix in our cartons' SSCC-18 (domain/edi); the default is GS1's own example prefix, for the demo only. */
  GS1_COMPANY_PREFIX: z
    .string()
    .regex(/^\d{6,12}$/, "GS1_COMPANY_PREFIX is the 6 to 12 digits GS1 issued.")
    .default("0614141"),
  /** Africa's Talking SMS and USSD (domain/sms, features/ussd); without them SMS stay in the outbox. */
  AT_API_KEY: z.string().optional(),
  AT_USERNAME: z.string().optional(),
  AT_SENDER_ID: z.string().optional(),
  AT_BASE_URL: z.string().url().optional(),
  AT_CALLBACK_TOKEN: z
    .string()
    .min(MIN_CALLBACK_TOKEN_LENGTH, `AT_CALLBACK_TOKEN must be at least ${MIN_CALLBACK_TOKEN_LENGTH} characters.`)
    .optional(),
  /** Basis points by destination, e.g. "US-CA=725,US=0,GB=2000,*=0" (see domain/pricing). */
  TAX_RATES: z.string().optional(),
  /** The safety-net expiry of cached catalog queries; purges (docs/decisions/0015) drop them at once. */
  CATALOG_CACHE_SECONDS: z.coerce.number().int().min(0).default(600),
  /** PostgreSQL connections per app process (~/lib/db.server). */
  DB_POOL_MAX: z.coerce.number().int().min(1).default(10),
  /** Test hooks for the job-liveness sweep (lib/jobs/liveness.server): how often, and a lock's grace. */
  SOKO_LIVENESS_SWEEP_MS: z.coerce.number().int().min(1).default(15_000),
  SOKO_LIVENESS_GRACE_SECONDS: z.coerce.number().int().min(0).default(10),
});

type Fields = z.infer<typeof fields>;
/** Every setting as the schema reads it (before demo mode's secrets are filled in). */
export type EnvFields = Fields;

export type Env = Omit<Fields, "SESSION_SECRET"> & {
  /** The first signs cookies and links; every one is accepted (rotation). */
  SESSION_SECRETS: [string, ...string[]];
};

/** A configuration the app must not run with; the message says what to set. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Soko can't start with this configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function splitSecrets(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Settings that would leave a door open: each is refused at start, with what to set instead. */
function configurationProblems(e: Fields): string[] {
  const problems: string[] = [];
  if (e.SESSION_SECRET === undefined) {
    if (!e.DEMO_MODE) {
      problems.push(
        `SESSION_SECRET is not set: set it to a random string of at least ${MIN_SESSION_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 48\`); only demo mode makes one up.`,
      );
    }
  } else {
    const secrets = splitSecrets(e.SESSION_SECRET);
    if (secrets.length === 0 || secrets.some((s) => s.length < MIN_SESSION_SECRET_LENGTH)) {
      problems.push(
        `SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} random characters (each of them, when several are given comma-separated for rotation).`,
      );
    }
  }
  if (e.MPESA_CONSUMER_KEY && !e.MPESA_CALLBACK_TOKEN) {
    problems.push(
      `MPESA_CONSUMER_KEY is set but MPESA_CALLBACK_TOKEN is not: set MPESA_CALLBACK_TOKEN to a random string of at least ${MIN_CALLBACK_TOKEN_LENGTH} characters, or anyone could post payout results to /webhooks/mpesa/*.`,
    );
  }
  if (e.AT_API_KEY && !e.AT_CALLBACK_TOKEN) {
    problems.push(
      `AT_API_KEY is set but AT_CALLBACK_TOKEN is not: set AT_CALLBACK_TOKEN to a random string of at least ${MIN_CALLBACK_TOKEN_LENGTH} characters and end the USSD and SMS callback URLs in the Africa's Talking dashboard with ?token=<it>, or anyone could answer offers through /api/ussd and /api/sms/inbound.`,
    );
  }
  if (e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET) {
    problems.push(
      "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: set it to the signing secret (whsec_…) of the /webhooks/stripe endpoint in the Stripe dashboard.",
    );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Demo mode's secrets: made once per install, kept with the data (mode 0600), reused on restart.

const installSecretsSchema = z.object({
  sessionSecret: z.string().min(MIN_SESSION_SECRET_LENGTH),
  atCallbackToken: z.string().min(MIN_CALLBACK_TOKEN_LENGTH),
  mpesaCallbackToken: z.string().min(MIN_CALLBACK_TOKEN_LENGTH),
});
export type InstallSecrets = z.infer<typeof installSecretsSchema>;

/** Beside the data folder, not in it: initdb wants an empty folder, and the server owns it. */
export function installSecretsFile(dataDir: string) {
  return `${path.resolve(dataDir)}.secrets.json`;
}

/** Reads the install's secrets, making them first if the file doesn't exist yet. */
export function installSecrets(file: string): InstallSecrets {
  const fresh = (): InstallSecrets => ({
    sessionSecret: randomBytes(48).toString("base64url"),
    atCallbackToken: randomBytes(24).toString("base64url"),
    mpesaCallbackToken: randomBytes(24).toString("base64url"),
  });
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": two processes starting at once keep whichever file was written first.
    writeFileSync(file, `${JSON.stringify(fresh(), null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    stored = null;
  }
  const parsed = installSecretsSchema.safeParse(stored);
  if (!parsed.success) {
    throw new ConfigError([
      `${file} is not a valid secrets file: delete it and a new one is made at the next start (everyone is signed out and emailed order links stop working).`,
    ]);
  }
  return parsed.data;
}

export type ParseOptions = {
  /** `npm start` checks the configuration before the embedded database (and so DATABASE_URL) exists. */
  requireDatabase?: boolean;
};

/** An empty variable means unset (`SESSION_SECRET= npm start` must not count as a secret). */
function presentIn(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
}

/** Validates `source` (process.env) and applies the rules above; throws ConfigError with every problem at once. */
export function parseEnv(source: Record<string, string | undefined>, options: ParseOptions = {}): Env {
  const present = presentIn(source);
  const shape = options.requireDatabase === false ? fields.extend({ DATABASE_URL: z.string().url().optional() }) : fields;
  const parsed = shape.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  const raw = parsed.data as Fields;
  const problems = configurationProblems(raw);
  if (problems.length) throw new ConfigError(problems);

  const { SESSION_SECRET, ...rest } = raw;
  const needsInstallSecrets = raw.DEMO_MODE && (!SESSION_SECRET || !raw.AT_CALLBACK_TOKEN || !raw.MPESA_CALLBACK_TOKEN);
  const install = needsInstallSecrets ? installSecrets(installSecretsFile(raw.SOKO_DATA_DIR)) : null;
  const secrets = SESSION_SECRET ? splitSecrets(SESSION_SECRET) : [install!.sessionSecret];
  return {
    ...rest,
    SESSION_SECRETS: secrets as [string, ...string[]],
    // Demo mode's callbacks are closed too: a per-install token nobody outside this machine knows.
    AT_CALLBACK_TOKEN: raw.AT_CALLBACK_TOKEN ?? install?.atCallbackToken,
    MPESA_CALLBACK_TOKEN: raw.MPESA_CALLBACK_TOKEN ?? install?.mpesaCallbackToken,
  };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Settings read at each call instead of once: what chooses an adapter per call (Africa's Talking or
 * the outbox, M-Pesa or the simulator, Stripe Terminal or the simulated reader, S3 or the upload
 * folder), so a test, or a worker after the operator changed its environment, switches them without
 * a new process. Validated by the same schema as env(), only the keys asked for: only those are read
 * from process.env (each read of it is a call into the runtime), and the answer is kept until one of
 * their values changes.
 */
export function envNow<K extends keyof Fields>(...keys: K[]): Pick<Fields, K> {
  const id = keys.join(",");
  const values = keys.map((key) => process.env[key] || undefined);
  const kept = keptNow.get(id);
  if (kept?.values.every((value, i) => value === values[i])) return kept.parsed as Pick<Fields, K>;
  const shape = Object.fromEntries(keys.map((key) => [key, fields.shape[key]]));
  const present = Object.fromEntries(keys.flatMap((key, i) => (values[i] === undefined ? [] : [[key, values[i]]])));
  const parsed = z.object(shape).safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  keptNow.set(id, { values, parsed: Object.freeze(parsed.data) });
  return parsed.data as unknown as Pick<Fields, K>;
}

const keptNow = new Map<string, { values: Array<string | undefined>; parsed: unknown }>();

/**
 * The token a vendor's callback must carry (`?token=`), or null when none is configured: then every
 * callback is refused. Read at call time first, so a token set after start (tests do) counts.
 */
export function callbackToken(name: "AT_CALLBACK_TOKEN" | "MPESA_CALLBACK_TOKEN"): string | null {
  return process.env[name] || env()[name] || null;
}

/** Cookies go only over https when the site is served over https. */
export function secureCookies() {
  return new URL(env().PUBLIC_URL).protocol === "https:";
}
