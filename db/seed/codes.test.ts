import { describe, expect, it } from "vitest";
import { ean13, ean13CheckDigit, isValidEan13, pieceRateForPrice, slugify, wholesaleForPrice } from "./codes";
import { Random } from "./random";

describe("codes", () => {
  it("computes EAN-13 check digits (GS1 examples)", () => {
    expect(ean13CheckDigit("400638133393")).toBe(1);
    expect(ean13CheckDigit("501234567890")).toBe(0);
    expect(isValidEan13("4006381333931")).toBe(true);
    expect(isValidEan13("4006381333932")).toBe(false);
    expect(ean13("20", 1)).toBe("2000000000015");
    expect(isValidEan13(ean13("29", 123))).toBe(true);
    expect(() => ean13CheckDigit("123")).toThrow();
  });

  it("slugifies titles into handles", () => {
    expect(slugify("Contrast Sabi Pendant Necklace")).toBe("contrast-sabi-pendant-necklace");
    expect(slugify("Horn & Bone — Nyong'o’s  Café")).toBe("horn-bone-nyongos-cafe");
  });

  it("scales piece rates from KES 150 to KES 1,200 with the retail price", () => {
    expect(pieceRateForPrice(2800)).toBe(15_000);
    expect(pieceRateForPrice(22_000)).toBe(120_000);
    expect(pieceRateForPrice(100)).toBe(15_000);
    expect(pieceRateForPrice(99_999)).toBe(120_000);
    expect(wholesaleForPrice(4801)).toBe(2401);
  });
});

describe("Random", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = new Random("x");
    const b = new Random("x");
    const c = new Random("y");
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    for (const v of seqA) expect(v >= 0 && v < 1).toBe(true);
  });

  it("picks within bounds and by weight", () => {
    const r = new Random("bounds");
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 4000; i++) {
      const v = r.int(3, 5);
      expect(v >= 3 && v <= 5).toBe(true);
      counts[
        r.weighted([
          ["a", 3],
          ["b", 1],
        ] as const)
      ]++;
    }
    expect(counts.a / counts.b).toBeGreaterThan(2.4);
    expect(counts.a / counts.b).toBeLessThan(3.8);
    expect(new Set(r.sample([1, 2, 3, 4, 5], 5))).toEqual(new Set([1, 2, 3, 4, 5]));
  });
});
