/**
 * Which payout provider this process uses, from the environment (read here, not in env.server.ts,
 * so the payouts module owns its settings):
 *
 *   MPESA_CONSUMER_KEY, MPESA_CONSUMER_SECRET   Daraja app credentials → the real B2C adapter
 *   MPESA_INITIATOR_NAME, MPESA_SECURITY_CREDENTIAL   the B2C initiator and its encrypted password
 *   MPESA_SHORTCODE                              PartyA, the paying organisation's short code
 *   MPESA_CALLBACK_BASE_URL                      public https origin of this app (the B2C ResultURL and
 *                                                QueueTimeOutURL, and the transaction status query's pair)
 *   MPESA_BASE_URL                               https://api.safaricom.co.ke in production (default: sandbox)
 *   MPESA_CALLBACK_TOKEN                         required with the keys (env.server refuses to start without): ?token= on /webhooks/mpesa/*
 *   MPESA_SIMULATOR_DELAY_MS                     local mode: delay before the simulated callback (1500)
 *
 * No MPESA_CONSUMER_KEY: the local simulator (phones ending in 9 fail).
 */
import { darajaProvider } from "./daraja-provider.server";
import type { PayoutProvider } from "./provider";
import { simulatedProvider } from "./simulated-provider.server";
import { envNow, type EnvFields } from "~/lib/env.server";

const REQUIRED = [
  "MPESA_CONSUMER_SECRET",
  "MPESA_INITIATOR_NAME",
  "MPESA_SECURITY_CREDENTIAL",
  "MPESA_SHORTCODE",
  "MPESA_CALLBACK_BASE_URL",
] as const;

const cache = globalThis as unknown as { __sokoPayoutProvider?: { key: string; provider: PayoutProvider } };

const SETTINGS = [
  "MPESA_CONSUMER_KEY",
  "MPESA_CONSUMER_SECRET",
  "MPESA_INITIATOR_NAME",
  "MPESA_SECURITY_CREDENTIAL",
  "MPESA_SHORTCODE",
  "MPESA_CALLBACK_BASE_URL",
  "MPESA_BASE_URL",
  "MPESA_CALLBACK_TOKEN",
  "MPESA_SIMULATOR_DELAY_MS",
] as const;
export type PayoutSettings = Partial<Pick<EnvFields, (typeof SETTINGS)[number]>>;

/** Daraja when MPESA_CONSUMER_KEY is set, the simulator otherwise; settings read per call (envNow) unless given. */
export function payoutProvider(env: PayoutSettings = envNow(...SETTINGS)): PayoutProvider {
  const key = JSON.stringify([
    env.MPESA_CONSUMER_KEY,
    env.MPESA_BASE_URL,
    env.MPESA_SHORTCODE,
    env.MPESA_CALLBACK_BASE_URL,
    env.MPESA_CALLBACK_TOKEN,
    env.MPESA_SIMULATOR_DELAY_MS,
  ]);
  if (cache.__sokoPayoutProvider?.key === key) return cache.__sokoPayoutProvider.provider;
  let provider: PayoutProvider;
  if (env.MPESA_CONSUMER_KEY) {
    const missing = REQUIRED.filter((name) => !env[name]);
    if (missing.length)
      throw new Error(
        `MPESA_CONSUMER_KEY is set, so M-Pesa B2C is live, but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing.`,
      );
    const callbackBase = env.MPESA_CALLBACK_BASE_URL!;
    const token = env.MPESA_CALLBACK_TOKEN ? `?token=${encodeURIComponent(env.MPESA_CALLBACK_TOKEN)}` : "";
    provider = darajaProvider({
      consumerKey: env.MPESA_CONSUMER_KEY,
      consumerSecret: env.MPESA_CONSUMER_SECRET!,
      initiatorName: env.MPESA_INITIATOR_NAME!,
      securityCredential: env.MPESA_SECURITY_CREDENTIAL!,
      shortCode: env.MPESA_SHORTCODE!,
      resultUrl: new URL(`/webhooks/mpesa/result${token}`, callbackBase).toString(),
      queueTimeOutUrl: new URL(`/webhooks/mpesa/timeout${token}`, callbackBase).toString(),
      statusResultUrl: new URL(`/webhooks/mpesa/status${token}`, callbackBase).toString(),
      statusQueueTimeOutUrl: new URL(`/webhooks/mpesa/status-timeout${token}`, callbackBase).toString(),
      baseUrl: env.MPESA_BASE_URL || undefined,
    });
  } else {
    provider = simulatedProvider({ delayMs: env.MPESA_SIMULATOR_DELAY_MS ?? 1500 });
  }
  cache.__sokoPayoutProvider = { key, provider };
  return provider;
}
