import { describe, expect, it } from "vitest";
import { sniffPhotoType, contentTypeOfName } from "./photo-rules";
import {
  canMarkReady,
  canRecordMade,
  canStart,
  isAllMade,
  isOfferOpen,
  isValidPart,
  offerTotal,
  readyRefusal,
} from "~/domain/production/work-rules";
import { isLowStock, parseMaterialCounts, parseProfileForm } from "./workshop-rules";

const now = new Date("2030-01-01T10:00:00Z");

describe("offers and work", () => {
  it("an offer is open while offered and before its expiry", () => {
    expect(isOfferOpen({ status: "offered", offerExpiresAt: new Date(now.getTime() + 1) }, now)).toBe(true);
    expect(isOfferOpen({ status: "offered", offerExpiresAt: now }, now)).toBe(false);
    expect(isOfferOpen({ status: "accepted", offerExpiresAt: null }, now)).toBe(false);
  });

  it("a part is 1..quantity-1 whole pieces", () => {
    expect([1, 4].every((n) => isValidPart(5, n))).toBe(true);
    expect([0, 5, 6, 2.5, -1].some((n) => isValidPart(5, n))).toBe(false);
    expect(isValidPart(1, 1)).toBe(false);
  });

  it("buttons by status", () => {
    expect([canStart("accepted"), canStart("qc_failed"), canStart("in_progress")]).toEqual([true, true, false]);
    expect([canRecordMade("in_progress"), canRecordMade("accepted")]).toEqual([true, false]);
    expect([canMarkReady("accepted"), canMarkReady("in_progress"), canMarkReady("qc_failed"), canMarkReady("ready")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(offerTotal(35000, 4)).toBe(140000);
  });

  it("ready means every piece made: 4 of 6 is refused, 6 of 6 is ready, a closed request is stale", () => {
    expect(readyRefusal({ status: "in_progress", quantity: 6 }, 4)).toBe("not_all_made");
    expect(readyRefusal({ status: "in_progress", quantity: 6 }, 0)).toBe("not_all_made");
    expect(readyRefusal({ status: "in_progress", quantity: 6 }, 7)).toBe("not_all_made");
    expect(readyRefusal({ status: "in_progress", quantity: 6 }, 6)).toBeNull();
    expect(readyRefusal({ status: "accepted", quantity: 2 }, 2)).toBeNull();
    expect(readyRefusal({ status: "qc_failed", quantity: 2 }, 2)).toBeNull();
    expect(readyRefusal({ status: "ready", quantity: 6 }, 6)).toBe("stale");
    expect(readyRefusal({ status: "offered", quantity: 6 }, 6)).toBe("stale");
    expect([isAllMade(3, 3), isAllMade(3, 2), isAllMade(3, 2.9999)]).toEqual([true, false, false]);
  });
});

describe("photos", () => {
  it("recognises JPEG, PNG and WebP by content, nothing else", () => {
    expect(sniffPhotoType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))?.ext).toBe("jpg");
    expect(sniffPhotoType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))?.ext).toBe("png");
    expect(sniffPhotoType(new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))?.ext).toBe("webp");
    expect(sniffPhotoType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'>"))).toBeNull();
    expect(sniffPhotoType(new TextEncoder().encode("GIF89a......"))).toBeNull();
  });

  it("only our own photo names resolve", () => {
    expect(contentTypeOfName("0f8fad5b-d9cb-469f-a165-70867728950e.webp")).toBe("image/webp");
    expect(contentTypeOfName("../secret.png")).toBeNull();
    expect(contentTypeOfName("0f8fad5b-d9cb-469f-a165-70867728950e.svg")).toBeNull();
  });
});

describe("stock and profile forms", () => {
  it("low stock at or under the warning level; 0 never warns", () => {
    expect(isLowStock({ onHand: 5, lowStockAt: 5 })).toBe(true);
    expect(isLowStock({ onHand: 6, lowStockAt: 5 })).toBe(false);
    expect(isLowStock({ onHand: 0, lowStockAt: 0 })).toBe(false);
  });

  it("material counts: whole numbers 0..100000 per row", () => {
    const form = (pairs: [string, string][]) => {
      const f = new FormData();
      for (const [k, v] of pairs) f.append(k, v);
      return f;
    };
    expect(
      parseMaterialCounts(
        form([
          ["id", "7"],
          ["onHand.7", "12"],
          ["lowStockAt.7", "3"],
        ]),
        "en",
      ),
    ).toEqual({ ok: true, data: [{ id: 7, onHand: 12, lowStockAt: 3 }] });
    expect(
      parseMaterialCounts(
        form([
          ["id", "7"],
          ["onHand.7", "1.5"],
          ["lowStockAt.7", "3"],
        ]),
        "sw",
      ),
    ).toMatchObject({ ok: false, errors: { "material.7": expect.stringMatching(/nambari kamili/) } });
    expect(() => parseMaterialCounts(form([["id", "x"]]), "en")).toThrow();
  });

  it("profile: checkboxes, empty dates and a normalised payout phone", () => {
    const f = new FormData();
    f.set("capacity.3", "12");
    f.set("payoutPhone", "0712 345 678");
    f.set("language", "sw");
    f.set("awayFrom", "");
    expect(parseProfileForm(f, "en")).toEqual({
      ok: true,
      data: {
        capacities: [{ skillId: 3, weeklyCapacity: 12 }],
        available: false,
        publicProfile: false,
        awayFrom: null,
        awayUntil: null,
        payoutPhone: "+254712345678",
        language: "sw",
      },
    });
  });
});
