import { describe, expect, it } from "vitest";
import { fitSmsAround, fitsOneSms, smsLength, toGsm7, truncateSms } from "./gsm";

describe("smsLength", () => {
  it("counts GSM-7 characters, with the extension table's characters as two", () => {
    expect(smsLength("Soko: Salio lako ni KES 1,250.")).toEqual({ encoding: "gsm7", units: 30, segments: 1 });
    expect(smsLength("Price: 5€ [net]")).toEqual({ encoding: "gsm7", units: 18, segments: 1 });
  });

  it("splits long GSM-7 messages into 153-character parts", () => {
    expect(smsLength("a".repeat(160)).segments).toBe(1);
    expect(smsLength("a".repeat(161)).segments).toBe(2);
    expect(smsLength("a".repeat(306)).segments).toBe(2);
    expect(smsLength("a".repeat(307)).segments).toBe(3);
  });

  it("falls back to UCS-2 (70 a message, 67 a part) for one character outside GSM-7", () => {
    expect(smsLength("Asante 🙏")).toEqual({ encoding: "ucs2", units: 9, segments: 1 });
    expect(smsLength(`’${"a".repeat(69)}`).segments).toBe(1);
    expect(smsLength(`’${"a".repeat(70)}`).segments).toBe(2);
  });
});

describe("toGsm7", () => {
  it("replaces typographic characters with plain ones so the message stays GSM-7", () => {
    const text = toGsm7("Soko: “Mara” hoops — it’s ready…  ×2\u00a0pieces, Côte");
    expect(text).toBe('Soko: "Mara" hoops - it\'s ready... x2 pieces, Cote');
    expect(smsLength(text).encoding).toBe("gsm7");
  });

  it("keeps accents GSM-7 has and characters it cannot replace", () => {
    expect(toGsm7("Café à Zürich")).toBe("Café à Zürich");
    expect(toGsm7("Asante 🙏")).toBe("Asante 🙏");
  });
});

describe("truncateSms", () => {
  it("leaves a message that fits alone", () => {
    expect(truncateSms("short")).toBe("short");
  });

  it("cuts to one SMS with an ellipsis", () => {
    const cut = truncateSms("word ".repeat(50));
    expect(cut.endsWith("...")).toBe(true);
    expect(smsLength(cut).units).toBeLessThanOrEqual(160);
    expect(fitsOneSms(cut)).toBe(true);
  });

  it("cuts to a number of segments, counting UCS-2 correctly and never splitting an emoji", () => {
    const cut = truncateSms("🙏".repeat(100), 2);
    expect(smsLength(cut).segments).toBeLessThanOrEqual(2);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("fitSmsAround", () => {
  const build = (title: string) =>
    `Soko: New offer PR-50012: 6x ${title} at KES 350 each (KES 2,100 in all), due 12 Dec. Dial *384*76# or text ACCEPT PR-50012.`;

  it("keeps the whole message when it fits", () => {
    expect(fitSmsAround(build, "Horn Studs")).toBe(build("Horn Studs"));
  });

  it("shortens only the variable part when the message would run over one SMS", () => {
    const long = "Hand-carved Ankole Horn Statement Earrings with Recycled Brass Wire";
    const text = fitSmsAround(build, long);
    expect(fitsOneSms(text)).toBe(true);
    expect(text.length).toBeGreaterThan(150);
    expect(text).toContain("6x Hand-carved Ankole");
    expect(text).toContain("Dial *384*76# or text ACCEPT PR-50012.");
  });
});
