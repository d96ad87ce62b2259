import { describe, expect, it } from "vitest";
import {
  MAKER_QUERY_MAX,
  cleanText,
  escapeLike,
  fullName,
  isMakerHandle,
  memberSince,
  pageCount,
  parseDirectoryParams,
  portraitUrl,
  shortName,
  summarize,
} from "./makers";

describe("parseDirectoryParams", () => {
  it("reads a normal query", () => {
    expect(parseDirectoryParams(new URLSearchParams("q=Wanjiru&county=Nairobi&page=3"))).toEqual({
      q: "Wanjiru",
      county: "Nairobi",
      page: 3,
    });
  });

  it("defaults everything when absent", () => {
    expect(parseDirectoryParams(new URLSearchParams(""))).toEqual({ q: "", county: "", page: 1 });
  });

  it.each(["abc", "0", "-4", "1.5", "", "1e999", "NaN", " "])("falls back to page 1 for page=%j", (page) => {
    expect(parseDirectoryParams(new URLSearchParams({ page })).page).toBe(1);
  });

  it("caps an absurd page instead of failing", () => {
    expect(parseDirectoryParams(new URLSearchParams({ page: "99999999999" })).page).toBe(1);
    expect(parseDirectoryParams(new URLSearchParams({ page: "500" })).page).toBe(500);
  });

  it("keeps hostile text as text, trimmed and bounded", () => {
    const parsed = parseDirectoryParams(new URLSearchParams({ county: "<script>alert(1)</script>", q: `a\u0000b${"x".repeat(500)}` }));
    expect(parsed.county).toBe("<script>alert(1)</script>");
    expect(parsed.q).not.toContain("\u0000");
    expect(parsed.q.length).toBeLessThanOrEqual(MAKER_QUERY_MAX);
  });
});

describe("cleanText", () => {
  it("removes control characters and collapses whitespace", () => {
    expect(cleanText("  Kibera\t\n\u0000  West ", 50)).toBe("Kibera West");
  });
  it("keeps unicode and emoji", () => {
    expect(cleanText("Nyeri 💍 Ñandú", 50)).toBe("Nyeri 💍 Ñandú");
  });
  it("truncates to the limit", () => {
    expect(cleanText("abcdef", 3)).toBe("abc");
  });
});

describe("names", () => {
  it("shows first name and last initial", () => {
    expect(shortName("Wanjiru", "kamau")).toBe("Wanjiru K.");
    expect(shortName(" Amina ", "")).toBe("Amina");
    expect(fullName("Wanjiru", "Kamau")).toBe("Wanjiru Kamau");
  });
});

describe("handles and portraits", () => {
  it("accepts slugs only", () => {
    expect(isMakerHandle("wanjiru-kamau-12")).toBe(true);
    expect(isMakerHandle("Wanjiru")).toBe(false);
    expect(isMakerHandle("../etc")).toBe(false);
    expect(isMakerHandle("")).toBe(false);
    expect(isMakerHandle(undefined)).toBe(false);
    expect(isMakerHandle("a".repeat(81))).toBe(false);
  });

  it("falls back to the generated portrait", () => {
    expect(portraitUrl("amina-o", null)).toBe("/images/makers/amina-o.svg");
    expect(portraitUrl("amina-o", "/images/makers/custom.svg")).toBe("/images/makers/custom.svg");
    expect(portraitUrl("amina-o", "javascript:alert(1)")).toBe("/images/makers/amina-o.svg");
  });
});

describe("paging", () => {
  it("counts pages", () => {
    expect(pageCount(0, 24)).toBe(1);
    expect(pageCount(24, 24)).toBe(1);
    expect(pageCount(25, 24)).toBe(2);
  });
});

describe("escapeLike", () => {
  it("escapes wildcards and the escape character", () => {
    expect(escapeLike("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });
});

describe("memberSince and summarize", () => {
  it("formats month and year in Nairobi time", () => {
    expect(memberSince("2021-03-31T22:30:00Z")).toBe("April 2021");
  });
  it("keeps short text and cuts long text on a word", () => {
    expect(summarize("Short bio.")).toBe("Short bio.");
    const long = "word ".repeat(60);
    const out = summarize(long, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.endsWith("word…")).toBe(true);
  });
});
