import { describe, expect, it } from "vitest";
import { formatPreviewVersion, parsePreviewVersion, stalePreview } from "./preview-version";

const v = { settings: "1796601600.123456", upTo: 4211, rows: "0123456789abcdef0123456789abcdef" };

describe("a price-list preview's version", () => {
  it("reads back what it wrote, and nothing else", () => {
    expect(parsePreviewVersion(formatPreviewVersion(v))).toEqual(v);
    for (const forged of ["", "x", "1796601600/1/2", `${v.settings}/-1/${v.rows}`, `${v.settings}/1/${v.rows}/extra`]) {
      expect(parsePreviewVersion(forged)).toBeNull();
    }
  });

  it("says which part moved: the settings (or a form with none) before a previewed price", () => {
    expect(stalePreview(v, v, "rate and rounding")).toBeNull();
    expect(stalePreview(null, v, "rate and rounding")).toMatch(/^The list's rate and rounding changed since this preview/);
    expect(stalePreview({ ...v, settings: "1" }, v, "rate and step")).toMatch(/^The list's rate and step changed/);
    expect(stalePreview({ ...v, rows: "f".repeat(32) }, v, "rate and step")).toMatch(/^A price in this preview changed since it was made/);
  });
});
