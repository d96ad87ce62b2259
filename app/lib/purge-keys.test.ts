import { describe, expect, it } from "vitest";
import { collectionKey, isPurgedBy, makerKey, parsePurgePayload, productKey, surrogateKeyHeader } from "./purge-keys";

describe("purge keys", () => {
  it("names products, makers and collections", () => {
    expect([productKey(12), makerKey(7), collectionKey("earrings")]).toEqual(["product:12", "maker:7", "collection:earrings"]);
  });

  it("reads a NOTIFY payload: space-separated, deduplicated, anything malformed ignored", () => {
    expect(parsePurgePayload("product:1  maker:2 catalog product:1")).toEqual(["product:1", "maker:2", "catalog"]);
    expect(parsePurgePayload("")).toEqual([]);
    expect(parsePurgePayload("Product:1 product: x:y:z product:1;drop collection:brass-cuffs")).toEqual(["collection:brass-cuffs"]);
  });

  it("writes Surrogate-Key sorted and without duplicates", () => {
    expect(surrogateKeyHeader(["product:2", "catalog", "maker:1", "product:2"])).toBe("catalog maker:1 product:2");
    expect(surrogateKeyHeader([])).toBe("");
  });

  it("matches a purge against an entry's tags", () => {
    expect(isPurgedBy(["product:1", "catalog"], new Set(["catalog"]))).toBe(true);
    expect(isPurgedBy(["product:1"], new Set(["product:10"]))).toBe(false);
    expect(isPurgedBy([], "all")).toBe(true);
    expect(isPurgedBy([], new Set(["catalog"]))).toBe(false);
  });
});
