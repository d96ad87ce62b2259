import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, CODE_LENGTH, checkCharacter, formatCode, generateCode, lastFour, maskedCode, parseCode } from "./codes";

describe("gift card codes", () => {
  it("are 16 characters of the alphabet, and check", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const code = generateCode();
      expect(code).toHaveLength(CODE_LENGTH);
      for (const c of code) expect(CODE_ALPHABET).toContain(c);
      expect(parseCode(code)).toEqual({ ok: true, code });
      seen.add(code);
    }
    expect(seen.size).toBe(200);
  });

  it("take every random byte into account (no constant characters)", () => {
    const ones = generateCode((b) => b.fill(1));
    const twos = generateCode((b) => b.fill(2));
    expect(ones.slice(0, 15)).toBe("1".repeat(15));
    expect(twos.slice(0, 15)).toBe("2".repeat(15));
  });

  it("print in groups of four and read back however typed", () => {
    const code = generateCode();
    const printed = formatCode(code);
    expect(printed).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(parseCode(printed.toLowerCase())).toEqual({ ok: true, code });
    expect(parseCode(` ${printed.replace(/-/g, " ")} `)).toEqual({ ok: true, code });
    expect(lastFour(code)).toBe(printed.slice(-4));
    // Masked the one way everywhere (the balance page once said "•••• P163" while checkout said "····P163").
    expect(maskedCode(lastFour(code))).toBe(`····${printed.slice(-4)}`);
  });

  it("read O as zero and I or L as one", () => {
    const body = "0123456789ABCD1";
    const code = body + checkCharacter(body);
    expect(parseCode(code.replace(/0/g, "O").replace(/1/g, "l"))).toEqual({ ok: true, code });
  });

  it("catch every single wrong character and every swap of two different neighbours", () => {
    const code = generateCode();
    for (let i = 0; i < code.length; i++) {
      for (const c of CODE_ALPHABET) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(parseCode(typo).ok).toBe(false);
      }
    }
    for (let i = 0; i < code.length - 1; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      // Luhn mod N misses one swap only: the first and last characters of the alphabet ("0Z" ↔ "Z0").
      const known = new Set([code[i], code[i + 1]]).has("0") && new Set([code[i], code[i + 1]]).has("Z");
      expect(parseCode(swapped).ok).toBe(known);
    }
  });

  it("refuse wrong lengths and foreign characters with a message", () => {
    expect(parseCode("")).toMatchObject({ ok: false, message: "Enter the gift card's code." });
    expect(parseCode("ABCD-EFGH")).toMatchObject({ ok: false });
    expect(parseCode("ABCD-EFGH-JKMN-PQR$")).toMatchObject({ ok: false });
    expect(parseCode("U".repeat(16))).toMatchObject({ ok: false });
  });
});
