/**
 * How attempts at a secret are limited, pure: the limits of every credential and the arithmetic of
 * one counter (no I/O; the clock is passed in). app/domain/accounts/throttle.server.ts keeps the state
 * in auth_throttles and applies these under a row lock, BEFORE the secret is checked, so parallel
 * requests can never check more than `maxFailures` secrets per window (docs/decisions/0012-throttles.md).
 */
import { isIPv6 } from "node:net";

export type ThrottleRule = {
  /** auth_throttles.scope: what the key is (an email for one kind of account, a client address…). */
  scope: string;
  /** Attempts allowed per window; the one that reaches it locks the key (it is still checked). */
  maxFailures: number;
  /** Attempts older than this stop counting (the window starts at its first attempt). */
  windowMinutes: number;
  /** The first lock; each further lock within a day of the last lasts twice as long, up to maxLockMinutes. */
  lockMinutes: number;
  maxLockMinutes: number;
  /**
   * What a right answer does: "clear" the whole counter (an account: its owner is back), or
   * "release" only its own attempt (a client address: one good sign-in forgives nobody else's guesses).
   */
  onSuccess: "clear" | "release";
  /** Who is kept out, for messages: the account (or email, phone) or everyone at the client address. */
  per: "account" | "address";
};

const rule = (scope: string, per: ThrottleRule["per"], max: number, minutes: number, extra: Partial<ThrottleRule> = {}): ThrottleRule => ({
  scope,
  per,
  maxFailures: max,
  windowMinutes: minutes,
  lockMinutes: minutes,
  maxLockMinutes: minutes,
  onSuccess: per === "account" ? "clear" : "release",
  ...extra,
});

/**
 * Every credential's limits. Staff passwords are also what the POS manager approval asks for, so
 * approvals and sign-ins share one counter per staff email; the app and USSD share one per artisan.
 */
export const THROTTLES = {
  staffPassword: rule("staff-password", "account", 10, 15),
  customerPassword: rule("customer-password", "account", 10, 15),
  buyerPassword: rule("buyer-password", "account", 10, 15),
  /** Wrong passwords from one client address, across every email and every password form. */
  passwordAddress: rule("password-address", "address", 20, 15),
  /** A 4-6 digit PIN is guessable: no quiet window to hide in (a day) and locks that double, 15 min up to 4 h. */
  artisanPin: rule("artisan-pin", "account", 5, 24 * 60, { lockMinutes: 15, maxLockMinutes: 240 }),
  /** Wrong PINs from one client address (the app; USSD arrives from Africa's Talking, not the artisan). */
  pinAddress: rule("pin-address", "address", 20, 15),
  /** Password reset requests: every request counts, none is "right". */
  resetEmail: rule("reset-email", "account", 5, 15),
  resetAddress: rule("reset-address", "address", 20, 15),
  /** Sign-ups (each sends an email to the address typed): every request counts, none is "right" (docs/decisions/0029). */
  signupEmail: rule("signup-email", "account", 5, 15),
  signupAddress: rule("signup-address", "address", 20, 15),
  /** SMS codes to set a PIN (each is an SMS we pay for and a door to the account). */
  pinCodePhone: rule("pin-code-phone", "account", 5, 60),
  pinCodeAddress: rule("pin-code-address", "address", 10, 60),
  /**
   * Gift card codes looked up (the balance page, checkout, the register): per client address and
   * per bag. A right code takes back only its own attempt, so spending cards never uses the allowance up.
   */
  giftCardAddress: rule("gift-card-address", "address", 10, 15, { onSuccess: "release" }),
  giftCardBag: rule("gift-card-bag", "account", 10, 15, { onSuccess: "release" }),
  /**
   * The register's customer search, per cashier: every search counts (typing a name is a few of them,
   * debounced); a minute's lock stops a signed-in register being used to walk the customer list.
   */
  posCustomerSearch: rule("pos-customer-search", "account", 60, 1),
} as const satisfies Record<string, ThrottleRule>;

/** How long a lock is remembered for the next one to be longer. */
export const ESCALATION_MEMORY_MINUTES = 24 * 60;

export type ThrottleState = { failures: number; windowStartedAt: Date; lockedUntil: Date | null; lockouts: number };

export type Attempt = { allowed: true; state: ThrottleState; locksNow: boolean } | { allowed: false; lockedUntil: Date };

const MINUTE = 60_000;

/** The counter as it stands at `now`: a passed window or lock starts it again. Null: never tried. */
export function settle(state: ThrottleState | null, rule: ThrottleRule, now: Date): ThrottleState {
  if (!state) return { failures: 0, windowStartedAt: now, lockedUntil: null, lockouts: 0 };
  const t = now.getTime();
  const lockEnd = state.lockedUntil?.getTime();
  if (lockEnd !== undefined && lockEnd > t) return state;
  const lockouts = lockEnd !== undefined && t - lockEnd >= ESCALATION_MEMORY_MINUTES * MINUTE ? 0 : state.lockouts;
  const lockPassed = lockEnd !== undefined && state.windowStartedAt.getTime() < lockEnd;
  const windowPassed = t - state.windowStartedAt.getTime() >= rule.windowMinutes * MINUTE;
  if (lockPassed || windowPassed) return { failures: 0, windowStartedAt: now, lockedUntil: state.lockedUntil, lockouts };
  return { ...state, lockouts };
}

/** The end of the lock in force at `now`, or null. */
export function lockedUntil(state: ThrottleState | null, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil.getTime() > now.getTime() ? state.lockedUntil : null;
}

/**
 * One more attempt: refused (and not counted) while locked; otherwise counted, and the attempt that
 * reaches maxFailures locks the key from now on.
 */
export function attempt(state: ThrottleState | null, rule: ThrottleRule, now: Date): Attempt {
  const current = settle(state, rule, now);
  const locked = lockedUntil(current, now);
  if (locked) return { allowed: false, lockedUntil: locked };
  const failures = current.failures + 1;
  if (failures < rule.maxFailures) return { allowed: true, state: { ...current, failures }, locksNow: false };
  const minutes = Math.min(rule.lockMinutes * 2 ** current.lockouts, rule.maxLockMinutes);
  return {
    allowed: true,
    locksNow: true,
    state: { ...current, failures, lockedUntil: new Date(now.getTime() + minutes * MINUTE), lockouts: current.lockouts + 1 },
  };
}

/**
 * Takes one attempt back (it turned out right, or asked nothing): one fewer failure, and the lock that
 * attempt set, if any, is lifted. Null: clear the counter altogether (an account's right answer).
 */
export function afterSuccess(state: ThrottleState, rule: ThrottleRule, now: Date): ThrottleState | null {
  if (rule.onSuccess === "clear") return null;
  return release(state, rule, now);
}

export function release(state: ThrottleState, rule: ThrottleRule, now: Date): ThrottleState {
  const current = settle(state, rule, now);
  const failures = Math.max(0, current.failures - 1);
  if (!lockedUntil(current, now) || failures >= rule.maxFailures) return { ...current, failures };
  return { ...current, failures, lockedUntil: null, lockouts: Math.max(0, current.lockouts - 1) };
}

/** Whole seconds until `until` (at least 1): the Retry-After header. */
export function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** "Try again in 15 minutes." / "in 1 minute." — rounded up, so it is never too early. */
export function tryAgainIn(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE));
  return `Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/**
 * The key a client address is counted by: IPv4 as it is; IPv6 by its /64, since one subscriber is
 * usually handed a whole /64 and could otherwise take a fresh address for every guess.
 */
export function addressKey(address: string): string {
  if (!isIPv6(address)) return address;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) takes two groups; only the first four groups matter here.
  const rightGroups = right.flatMap((g) => (g.includes(".") ? ["0", "0"] : [g]));
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - rightGroups.length).fill("0"), ...rightGroups] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
