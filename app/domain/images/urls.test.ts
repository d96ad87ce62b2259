import { describe, expect, it } from "vitest";
import { makerPortraitUrl, parseMakerPortraitName, parseProductImageName, productImageUrl } from "./urls";
import { checkXml } from "./xml-check";

describe("image names", () => {
  it("round-trips product image URLs, including handles that end in a number", () => {
    expect(productImageUrl("kuzi-ring-2", 3)).toBe("/images/products/kuzi-ring-2-3.svg");
    expect(parseProductImageName("kuzi-ring-2-3.svg")).toEqual({ handle: "kuzi-ring-2", index: 3, finish: null });
    expect(parseProductImageName("petite-horn-paddle-stud-1.svg")).toEqual({ handle: "petite-horn-paddle-stud", index: 1, finish: null });
  });

  it("round-trips a view in one finish", () => {
    expect(productImageUrl("kuzi-ring-2", 1, "natural-horn")).toBe("/images/products/kuzi-ring-2-1.natural-horn.svg");
    expect(parseProductImageName("kuzi-ring-2-1.natural-horn.svg")).toEqual({ handle: "kuzi-ring-2", index: 1, finish: "natural-horn" });
    for (const bad of [
      "kuzi-ring-1.Natural.svg",
      "kuzi-ring-1..svg",
      "kuzi-ring-1.a--b.svg",
      "kuzi-ring-1.a/b.svg",
      `kuzi-1.${"a".repeat(41)}.svg`,
    ]) {
      expect(parseProductImageName(bad), bad).toBeNull();
    }
  });

  it("rejects malformed product image names", () => {
    for (const bad of [
      "",
      "x.svg",
      "kuzi-ring.svg",
      "kuzi-ring-0.svg",
      "kuzi-ring-7.svg",
      "kuzi-ring-01.svg",
      "Kuzi-1.svg",
      "kuzi--ring-1.svg",
      "../etc-1.svg",
      "kuzi-1.png",
      `${"a".repeat(200)}-1.svg`,
    ]) {
      expect(parseProductImageName(bad), bad).toBeNull();
    }
  });

  it("round-trips maker portrait URLs and rejects bad ones", () => {
    expect(makerPortraitUrl("wanjiru-kamau-2")).toBe("/images/makers/wanjiru-kamau-2.svg");
    expect(parseMakerPortraitName("wanjiru-kamau-2.svg")).toBe("wanjiru-kamau-2");
    for (const bad of ["", ".svg", "Wanjiru.svg", "wanjiru kamau.svg", "wanjiru.png", "-x.svg", "x-.svg"])
      expect(parseMakerPortraitName(bad), bad).toBeNull();
  });
});

describe("checkXml", () => {
  it("accepts well-formed XML and reports the root", () => {
    expect(
      checkXml(`<?xml version="1.0"?><svg viewBox="0 0 1 1"><g a='1'><path d="M0 0"/></g><title>a &amp; b</title></svg>`),
    ).toMatchObject({
      ok: true,
      root: "svg",
      rootAttributes: { viewBox: "0 0 1 1" },
      elements: 4,
    });
  });

  it("rejects broken XML", () => {
    for (const bad of [
      "",
      "<a>",
      "<a></b>",
      "<a/><b/>",
      "<a x=1/>",
      '<a x="1" x="2"/>',
      "<a>&</a>",
      '<a x="&nope;"/>',
      "text<a/>",
      "<a><</a>",
      "<1a/>",
    ]) {
      expect(checkXml(bad).ok, bad).toBe(false);
    }
  });
});
