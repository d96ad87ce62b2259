import { describe, expect, it } from "vitest";
import {
  MISSING_PAGE_KEYS,
  collectionPageKeys,
  homePageKeys,
  makerListKeys,
  makerProfileKeys,
  productListKeys,
  productPageKeys,
} from "./purge-keys";

describe("which keys a page carries", () => {
  it("a product page: itself, its related pieces, its makers, and the lists on it", () => {
    expect(productPageKeys({ id: 5, relatedIds: [6, 7, 6], makerIds: [3] })).toEqual([
      "product:5",
      "product:6",
      "product:7",
      "maker:3",
      "catalog",
    ]);
  });

  it("a collection page: the collection, the cards shown, and the list", () => {
    expect(collectionPageKeys("earrings", [1, 2])).toEqual(["collection:earrings", "product:1", "product:2", "catalog"]);
    expect(collectionPageKeys("empty", [])).toEqual(["collection:empty", "catalog"]);
  });

  it("the home page: collection tiles, new arrivals and maker stories", () => {
    expect(homePageKeys({ collectionHandles: ["rings"], productIds: [9], makerIds: [4] })).toEqual([
      "collection:rings",
      "product:9",
      "maker:4",
      "catalog",
    ]);
  });

  it("search results, the makers directory and a maker's profile", () => {
    expect(productListKeys([3])).toEqual(["product:3", "catalog"]);
    expect(makerListKeys([1, 2])).toEqual(["maker:1", "maker:2", "catalog"]);
    expect(makerProfileKeys(8, [3, 4])).toEqual(["maker:8", "product:3", "product:4", "catalog"]);
  });

  it("a page that is not there yet waits for a publish", () => {
    expect(MISSING_PAGE_KEYS).toEqual(["catalog"]);
  });
});
