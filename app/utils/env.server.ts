import { z } from "zod";

/**
 * Every setting the app reads. Absent vendor keys select the local-mode adapters, so a fresh clone
 * needs none of them.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url(),
  SESSION_SECRET: z.string().min(16).default("soko-local-session-secret-change-me"),
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  DEMO_MODE: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
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
  /** M-Pesa B2C payouts (modules/payouts); without MPESA_CONSUMER_KEY a simulator pays (phones ending in 9 fail). */
  PAYOUT_THRESHOLD_KES: z.coerce.number().int().min(1).default(500),
  MPESA_CONSUMER_KEY: z.string().optional(),
  MPESA_CONSUMER_SECRET: z.string().optional(),
  MPESA_INITIATOR_NAME: z.string().optional(),
  MPESA_SECURITY_CREDENTIAL: z.string().optional(),
  MPESA_SHORTCODE: z.string().optional(),
  MPESA_CALLBACK_BASE_URL: z.string().url().optional(),
  MPESA_BASE_URL: z.string().url().optional(),
  MPESA_CALLBACK_TOKEN: z.string().optional(),
  MPESA_SIMULATOR_DELAY_MS: z.coerce.number().int().min(0).default(1500),
  /** S3-compatible storage for uploaded product images (modules/uploads); without S3_BUCKET, UPLOAD_DIR. */
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_REGION: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_PUBLIC_URL: z.string().url().optional(),
  /** Where uploaded files (work photos, product images) are kept in local mode. */
  UPLOAD_DIR: z.string().default(".data/uploads"),
  /** Africa's Talking SMS and USSD (modules/sms, modules/ussd); without them SMS stay in the outbox. */
  AT_API_KEY: z.string().optional(),
  AT_USERNAME: z.string().optional(),
  AT_SENDER_ID: z.string().optional(),
  AT_BASE_URL: z.string().url().optional(),
  AT_CALLBACK_TOKEN: z.string().min(16).optional(),
  /** Basis points by destination, e.g. "US-CA=725,US=0,GB=2000,*=0" (see modules/pricing). */
  TAX_RATES: z.string().optional(),
  CATALOG_CACHE_SECONDS: z.coerce.number().int().min(0).default(5),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Invalid environment:\n${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
