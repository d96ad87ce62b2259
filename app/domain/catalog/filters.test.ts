import { describe, expect, it } from "vitest";
import {
  MAX_PAGE,
  filtersToSearchParams,
  hasActiveFilters,
  pageCountFor,
  parseCollectionFilters,
  priceBandLabel,
  priceBands,
  priceRange,
} from "./filters";

const parse = (qs: string) => parseCollectionFilters(new URLSearchParams(qs));

describe("parseCollectionFilters", () => {
  it("defaults to featured, page 1, no filters", () => {
    expect(parse("")).toEqual({ materials: [], price: null, minPrice: null, maxPrice: null, sort: "featured", page: 1 });
  });

  it("reads repeated materials, normalised, de-duplicated and sorted", () => {
    expect(parse("material=Horn&material=brass&material=horn&material=").materials).toEqual(["brass", "horn"]);
  });

  it("reads a known price band, sort and page", () => {
    expect(parse("price=50-100&sort=price-desc&page=3")).toMatchObject({ price: "50-100", sort: "price-desc", page: 3 });
  });

  it.each([
    ["page=-1", 1],
    ["page=abc", 1],
    ["page=0", 1],
    ["page=2.5", 1],
    ["page=99999999999", 1],
    [`page=${MAX_PAGE + 5}`, MAX_PAGE],
  ])("clamps or ignores a bad page (%s)", (qs, page) => {
    expect(parse(qs).page).toBe(page);
  });

  it("ignores unknown sorts and bands and non-numeric bounds", () => {
    expect(parse("sort=evil&price=xyz&min=abc&max=-5")).toMatchObject({ sort: "featured", price: null, minPrice: null, maxPrice: null });
  });

  it("caps the number and length of materials", () => {
    const many = Array.from({ length: 30 }, (_, i) => `material=m${String(i).padStart(2, "0")}`).join("&");
    expect(parse(many).materials).toHaveLength(20);
    expect(parse(`material=${"x".repeat(41)}`).materials).toEqual([]);
  });
});

describe("priceRange", () => {
  it("maps bands to minor-unit bounds", () => {
    expect(priceRange(parse("price=under-50"))).toEqual({ min: null, max: 4999 });
    expect(priceRange(parse("price=100-200"))).toEqual({ min: 10000, max: 19999 });
    expect(priceRange(parse("price=over-200"))).toEqual({ min: 20000, max: null });
  });

  it("lets typed bounds override the band, in cents, swapping reversed bounds", () => {
    expect(priceRange(parse("price=under-50&min=60&max=80.5"))).toEqual({ min: 6000, max: 8050 });
    expect(priceRange(parse("min=120&max=40"))).toEqual({ min: 4000, max: 12000 });
    expect(priceRange(parse("max=30"))).toEqual({ min: null, max: 3000 });
  });

  it("is open when nothing is chosen", () => {
    expect(priceRange(parse(""))).toEqual({ min: null, max: null });
  });
});

describe("filtersToSearchParams", () => {
  it("round-trips through the parser", () => {
    const filters = parse("material=horn&material=brass&price=50-100&sort=newest&page=2");
    expect(parse(filtersToSearchParams(filters).toString())).toEqual(filters);
  });

  it("omits defaults and applies overrides", () => {
    expect(filtersToSearchParams(parse("sort=featured&page=1")).toString()).toBe("");
    expect(filtersToSearchParams(parse("material=brass&page=4"), { page: 1 }).toString()).toBe("material=brass");
  });
});

describe("helpers", () => {
  it("knows when filters are active", () => {
    expect(hasActiveFilters(parse("sort=newest&page=2"))).toBe(false);
    expect(hasActiveFilters(parse("material=bone"))).toBe(true);
    expect(hasActiveFilters(parse("max=10"))).toBe(true);
  });

  it("counts pages, never fewer than one", () => {
    expect(pageCountFor(0)).toBe(1);
    expect(pageCountFor(24)).toBe(1);
    expect(pageCountFor(25)).toBe(2);
  });
});

describe("price bands per market currency", () => {
  it("gives each currency its own bands, written the market's way, and filters in its minor units", () => {
    expect(priceBands("GBP").map((b) => priceBandLabel(b, "GBP", "en-GB"))).toEqual(["Under £50", "£50 – £100", "Over £100"]);
    expect(priceBands("USD").map((b) => priceBandLabel(b, "USD", "en-US"))).toEqual([
      "Under $50",
      "$50 – $100",
      "$100 – $200",
      "Over $200",
    ]);
    expect(priceBands("EUR").map((b) => priceBandLabel(b, "EUR", "en-IE"))[0]).toBe("Under €50");
    expect(priceBands("AUD").map((b) => b.key)).toEqual(["under-75", "75-150", "150-300", "over-300"]);
    const gb = new URLSearchParams("price=over-100");
    expect(priceRange(parseCollectionFilters(gb, "GBP"), "GBP")).toEqual({ min: 10000, max: null });
    // A band of another currency is dropped, never guessed.
    expect(parseCollectionFilters(new URLSearchParams("price=over-200"), "GBP").price).toBeNull();
    expect(parseCollectionFilters(new URLSearchParams("price=over-200")).price).toBe("over-200");
  });
});
