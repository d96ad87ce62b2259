import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ESCALATION_MEMORY_MINUTES,
  THROTTLES,
  addressKey,
  afterSuccess,
  attempt,
  lockedUntil,
  release,
  retryAfterSeconds,
  settle,
  tryAgainIn,
  type ThrottleRule,
  type ThrottleState,
} from "./throttle-rules";

const T0 = new Date("2030-03-01T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const staff = THROTTLES.staffPassword;
const pin = THROTTLES.artisanPin;

/** `n` attempts at `now`, each counted on the state the last one left. */
function attempts(rule: ThrottleRule, n: number, now: Date, from: ThrottleState | null = null) {
  let state = from;
  const allowed: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const a = attempt(state, rule, now);
    allowed.push(a.allowed);
    if (a.allowed) state = a.state;
  }
  return { state: state!, allowed };
}

describe("attempt", () => {
  it("allows maxFailures attempts (the last one locks), then refuses without counting", () => {
    const { state, allowed } = attempts(staff, 14, T0);
    expect(allowed).toEqual([...Array(10).fill(true), ...Array(4).fill(false)]);
    expect(state).toEqual({ failures: 10, windowStartedAt: T0, lockedUntil: at(15), lockouts: 1 });
    const refused = attempt(state, staff, at(14.9));
    expect(refused).toEqual({ allowed: false, lockedUntil: at(15) });
  });

  it("says which attempt locks", () => {
    const { state } = attempts(staff, 9, T0);
    expect(attempt(state, staff, T0)).toMatchObject({ allowed: true, locksNow: true });
    expect(attempt(attempts(staff, 8, T0).state, staff, T0)).toMatchObject({ allowed: true, locksNow: false });
  });

  it("starts again when the lock has passed, and when the window has passed", () => {
    const locked = attempts(staff, 10, T0).state;
    expect(attempt(locked, staff, at(15))).toMatchObject({ allowed: true, state: { failures: 1, windowStartedAt: at(15) } });
    const some = attempts(staff, 9, T0).state;
    expect(attempt(some, staff, at(14.99))).toMatchObject({ state: { failures: 10 } });
    expect(attempt(some, staff, at(15))).toMatchObject({ state: { failures: 1, windowStartedAt: at(15) }, locksNow: false });
  });

  it("PINs: no short window to wait out, and locks that double from 15 minutes to 4 hours", () => {
    // Four wrong PINs a few hours apart still count.
    let state = attempts(pin, 4, T0).state;
    expect(attempt(state, pin, at(6 * 60))).toMatchObject({ locksNow: true, state: { lockedUntil: at(6 * 60 + 15) } });
    state = attempts(pin, 5, T0).state;
    const lengths: number[] = [];
    let now = T0;
    for (let lock = 0; lock < 6; lock++) {
      lengths.push((state.lockedUntil!.getTime() - now.getTime()) / 60_000);
      now = state.lockedUntil!;
      state = attempts(pin, 5, now, state).state;
    }
    expect(lengths).toEqual([15, 30, 60, 120, 240, 240]);
  });

  it("forgets earlier locks a day after the last one ended", () => {
    const state = attempts(pin, 5, T0).state;
    const soon = attempts(pin, 5, at(60), state).state;
    expect(soon.lockedUntil).toEqual(at(60 + 30));
    const later = attempts(pin, 5, at(15 + ESCALATION_MEMORY_MINUTES), state).state;
    expect(later.lockedUntil).toEqual(at(15 + ESCALATION_MEMORY_MINUTES + 15));
  });

  it("never lets more than 2 × maxFailures − 1 attempts through in any window's time, whatever the timing (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 * 60_000 }), { maxLength: 200 }), (gaps) => {
        let state: ThrottleState | null = null;
        let now = T0.getTime();
        const allowedAt: number[] = [];
        for (const gap of gaps) {
          now += gap;
          const a = attempt(state, staff, new Date(now));
          if (a.allowed) {
            state = a.state;
            allowedAt.push(now);
          }
        }
        // Fixed windows: at most 9 at the end of one and 10 at the start of the next; a 10th locks for the full 15 minutes.
        for (let i = 0; i < allowedAt.length; i++) {
          const within = allowedAt.filter((t) => t >= allowedAt[i] && t < allowedAt[i] + 15 * 60_000).length;
          expect(within).toBeLessThanOrEqual(2 * staff.maxFailures - 1);
        }
      }),
    );
  });
});

describe("after a right answer", () => {
  it("clears an account's counter, lock and escalation", () => {
    expect(afterSuccess(attempts(pin, 5, T0).state, pin, T0)).toBeNull();
  });

  it("takes back only its own attempt at a client address, lifting the lock it set", () => {
    const address = THROTTLES.passwordAddress;
    const nineteen = attempts(address, 19, T0).state;
    const twenty = attempt(nineteen, address, T0);
    expect(twenty).toMatchObject({ allowed: true, locksNow: true });
    if (!twenty.allowed) throw new Error("unreachable");
    expect(afterSuccess(twenty.state, address, T0)).toEqual({ ...nineteen, lockouts: 0, lockedUntil: null });
    expect(release(nineteen, address, T0)).toMatchObject({ failures: 18 });
    expect(release(attempts(address, 1, T0).state, address, at(20))).toMatchObject({ failures: 0 });
  });
});

describe("reading a counter", () => {
  it("settles a passed window and reports a lock only while it lasts", () => {
    const locked = attempts(staff, 10, T0).state;
    expect(lockedUntil(locked, at(14))).toEqual(at(15));
    expect(lockedUntil(locked, at(15))).toBeNull();
    expect(settle(locked, staff, at(16))).toMatchObject({ failures: 0 });
    expect(settle(null, staff, T0)).toEqual({ failures: 0, windowStartedAt: T0, lockedUntil: null, lockouts: 0 });
  });

  it("says when to come back, rounded up", () => {
    expect(tryAgainIn(at(15), T0)).toBe("Try again in 15 minutes.");
    expect(tryAgainIn(at(0.2), T0)).toBe("Try again in 1 minute.");
    expect(tryAgainIn(at(14.01), T0)).toBe("Try again in 15 minutes.");
    expect(retryAfterSeconds(at(15), T0)).toBe(900);
    expect(retryAfterSeconds(T0, T0)).toBe(1);
  });
});

describe("addressKey", () => {
  it("keeps IPv4 and counts IPv6 by its /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0DB8:0001:0002::9")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
    // Two addresses of one subscriber's /64 are one key.
    expect(addressKey("2001:db8:aa:bb::1")).toBe(addressKey("2001:db8:aa:bb:ffff:1:2:3"));
  });
});
