import { describe, expect, it } from "vitest";
import { csvLinkWords } from "./format";

describe("csvLinkWords", () => {
  it("reads as English for one order, several, filtered or not", () => {
    expect(csvLinkWords(1, true)).toBe("Download this order as CSV");
    expect(csvLinkWords(1, false)).toBe("Download the order as CSV");
    expect(csvLinkWords(12, true)).toBe("Download these 12 orders as CSV");
    expect(csvLinkWords(40, false)).toBe("Download all 40 orders as CSV");
  });
});
