import { describe, expect, it } from "vitest";
import { payeesDigest, payoutsChangedMessage, sameAsApproved } from "./approval";
import type { PayoutCandidate } from "./preview";

const candidate = (artisanId: number, amount: number, phone: string | null, skip: PayoutCandidate["skip"] = null): PayoutCandidate => ({
  artisanId,
  name: `#${artisanId}`,
  phone,
  owed: amount,
  amount,
  skip,
  loginPhone: null,
  settlement: null,
  county: null,
});

describe("the payees' digest", () => {
  const a = candidate(1, 80_000, "+254700000001");
  const b = candidate(2, 75_000, "+254700000002");

  it("is the same whatever order the payees come in, and ignores skipped candidates", () => {
    expect(payeesDigest([a, b])).toBe(payeesDigest([b, a]));
    expect(payeesDigest([a, b, candidate(3, 0, null, "no_phone")])).toBe(payeesDigest([a, b]));
    expect(payeesDigest([a, b])).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with who is paid, how much, and to which number", () => {
    const base = payeesDigest([a, b]);
    expect(payeesDigest([a])).not.toBe(base);
    expect(payeesDigest([a, { ...b, amount: 76_000 }])).not.toBe(base);
    expect(payeesDigest([a, { ...b, phone: "+254700000099" }])).not.toBe(base);
    // Swapping two amounts keeps count and total but not the digest.
    expect(
      payeesDigest([
        { ...a, amount: 75_000 },
        { ...b, amount: 80_000 },
      ]),
    ).not.toBe(base);
  });

  it("compares count, total and digest, and words the refusal with the run as it is now", () => {
    const approved = { count: 2, total: 155_000, digest: payeesDigest([a, b]) };
    expect(sameAsApproved({ ...approved }, approved)).toBe(true);
    expect(sameAsApproved({ ...approved, total: 155_001 }, approved)).toBe(false);
    expect(sameAsApproved({ ...approved, digest: payeesDigest([a]) }, approved)).toBe(false);
    expect(payoutsChangedMessage({ count: 3, total: 215_050 })).toBe(
      "The payouts changed since you looked: now 3 payouts, KES 2,150.50. Check and confirm again.",
    );
    expect(payoutsChangedMessage({ count: 1, total: 60_000 })).toContain("now 1 payout, KES 600.");
  });
});
