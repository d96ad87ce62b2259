import { describe, expect, it } from "vitest";
import { SEARCH_QUERY_MAX, parseSearchParams, prefixTsQuery, searchTokens } from "./query";

describe("parseSearchParams", () => {
  it("reads q and page", () => {
    expect(parseSearchParams(new URLSearchParams("q=brass+earrings&page=2"))).toEqual({ q: "brass earrings", page: 2 });
  });
  it("treats a missing or blank q as empty", () => {
    expect(parseSearchParams(new URLSearchParams("")).q).toBe("");
    expect(parseSearchParams(new URLSearchParams("q=%20%20%09")).q).toBe("");
  });
  it("truncates very long queries to 200 characters", () => {
    expect(parseSearchParams(new URLSearchParams({ q: "brass ".repeat(100) })).q.length).toBeLessThanOrEqual(SEARCH_QUERY_MAX);
  });
  it("never fails on a bad page", () => {
    expect(parseSearchParams(new URLSearchParams("q=x&page=abc")).page).toBe(1);
    expect(parseSearchParams(new URLSearchParams("q=x&page=-1")).page).toBe(1);
  });
  it("drops NUL and control characters", () => {
    expect(parseSearchParams(new URLSearchParams({ q: "bra\u0000ss\u0007" })).q).toBe("bra ss");
  });
});

describe("prefixTsQuery", () => {
  it("turns each word into a prefix term", () => {
    expect(prefixTsQuery("Bras ear")).toBe("bras:* & ear:*");
  });

  it.each([
    ["brass & | ! :* ()", "brass:*"],
    ["'; drop table products; --", "drop:* & table:* & products:*"],
    ['"horn" <-> bone', "horn:* & bone:*"],
    ["Ñandú ring", "ñandú:* & ring:*"],
  ])("keeps only letters and numbers from %j", (input, expected) => {
    expect(prefixTsQuery(input)).toBe(expected);
  });

  it("keeps words written with a leading minus excluded", () => {
    expect(prefixTsQuery("brass -horn")).toBe("brass:* & !horn");
    expect(prefixTsQuery("brass - horn")).toBe("brass:* & horn:*");
    expect(prefixTsQuery("-horn")).toBeNull();
  });

  it("is null when nothing searchable is left", () => {
    expect(prefixTsQuery("💍 & | !")).toBeNull();
    expect(prefixTsQuery("")).toBeNull();
  });

  it("bounds the number and length of tokens", () => {
    const tokens = searchTokens(`${"a".repeat(100)} ${"w ".repeat(20)}`);
    expect(tokens.length).toBe(8);
    expect(tokens[0].length).toBe(40);
  });

  it("never produces tsquery operators inside a token (property)", () => {
    const samples = ["a&b", "x:*y", "(c)", "!d", "e|f", "g<->h", "i\\j", "k'l", 'm"n', "o -p&!q:*", "r --s"];
    for (const s of samples) {
      const q = prefixTsQuery(s)!;
      for (const term of q.split(" & ")) expect(term).toMatch(/^(?:[\p{L}\p{N}]+:\*|![\p{L}\p{N}]+)$/u);
    }
  });
});
