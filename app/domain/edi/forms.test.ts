import { describe, expect, it } from "vitest";
import { parseCrossReference, partnerSchema } from "./forms";

describe("parseCrossReference", () => {
  it("reads qualifier,value,sku rows with an optional header, BOM, CRLF and quotes", () => {
    expect(parseCrossReference('\uFEFFqualifier,value,sku\r\nUP,012345678905,SK-1\r\n"IN","88812","SK-2"\r\n\r\n')).toEqual({
      ok: true,
      rows: [
        { line: 2, qualifier: "UP", value: "012345678905", sku: "SK-1" },
        { line: 3, qualifier: "IN", value: "88812", sku: "SK-2" },
      ],
    });
  });

  it("refuses the whole file, naming each bad line", () => {
    expect(parseCrossReference("UP,123,SK-1\nup,1,SK-2\nIN,,SK-3\nIN,A*B,SK-4\nIN,77,")).toEqual({
      ok: false,
      errors: [
        'Line 1: a UPC (UP) is 12 digits; "123" is not.',
        'Line 2: "up" is not an X12 product id qualifier (UP, IN, VN, EN…).',
        "Line 3: the item number is empty, longer than 48 or holds a delimiter.",
        "Line 4: the item number is empty, longer than 48 or holds a delimiter.",
        "Line 5: no SKU.",
      ],
    });
    expect(parseCrossReference("\n\n")).toMatchObject({ ok: false });
  });
});

describe("partnerSchema", () => {
  const base = {
    name: "Grand Store",
    buyerId: "3",
    theirQualifier: "ZZ",
    theirId: "GRAND",
    theirGsId: "GRAND",
    ourQualifier: "ZZ",
    ourId: "SOKOEDI",
    ourGsId: "SOKOEDI",
    usage: "T",
    documentsIn: ["850"],
    documentsOut: ["997", "855"],
    elementDelimiter: "*",
    segmentTerminator: "~",
    subElementDelimiter: ">",
    ackDueHours: "24",
    adviceAt: "06:00",
    adviceTimeZone: "America/Chicago",
    active: "on",
  };
  it("takes a profile, and refuses delimiters that clash or are letters", () => {
    expect(partnerSchema.safeParse(base).success).toBe(true);
    expect(partnerSchema.safeParse({ ...base, subElementDelimiter: "*" }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...base, elementDelimiter: "A" }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...base, theirId: "TOO-LONG-FOR-ISA06" }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...base, endpointUrl: "ftp://x" }).success).toBe(false);
  });
  it("reads the allowance as a percent into basis points and the freight as dollars into cents", () => {
    const parsed = partnerSchema.parse({ ...base, allowanceBps: "2.5", freightCharge: "$45" });
    expect([parsed.allowanceBps, parsed.freightCharge]).toEqual([250, 4500]);
    expect(partnerSchema.parse(base)).toMatchObject({ allowanceBps: 0, freightCharge: 0 });
    expect(partnerSchema.safeParse({ ...base, allowanceBps: "51" }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...base, allowanceBps: "-1" }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...base, freightCharge: "45.123" }).success).toBe(false);
  });
  it("takes the 846's time on a 24-hour clock in a zone Intl knows", () => {
    expect(partnerSchema.safeParse({ ...base, adviceAt: "24:00" }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...base, adviceAt: "6:00" }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...base, adviceTimeZone: "Mars/Olympus" }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...base, adviceTimeZone: "../etc" }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...base, adviceAt: "23:59", adviceTimeZone: "Europe/London" }).success).toBe(true);
  });
});
