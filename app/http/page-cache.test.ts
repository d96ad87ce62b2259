import { describe, expect, it } from "vitest";
import { PageCache, type CachedPage } from "./page-cache";

const page = (body: string, maxAgeMs = 1000, staleMs = 5000, storedAt = 0): CachedPage => ({
  status: 200,
  headers: [],
  body: Buffer.from(body),
  storedAt,
  maxAgeMs,
  staleMs,
});

describe("page cache", () => {
  it("only shares 200 responses that say public with s-maxage and set no cookie", () => {
    const h = (cc: string, extra: Record<string, string> = {}) => new Headers({ "cache-control": cc, ...extra });
    expect(PageCache.sharedLifetime(200, h("public, max-age=0, s-maxage=30, stale-while-revalidate=60"))).toEqual({
      maxAgeMs: 30_000,
      staleMs: 60_000,
    });
    expect(PageCache.sharedLifetime(404, h("public, s-maxage=30"))).toBeNull();
    expect(PageCache.sharedLifetime(200, h("private, s-maxage=30"))).toBeNull();
    expect(PageCache.sharedLifetime(200, h("public, max-age=60"))).toBeNull();
    expect(PageCache.sharedLifetime(200, h("public, s-maxage=30", { "set-cookie": "a=b" }))).toBeNull();
  });

  it("renders once for concurrent misses, then serves hits, then stale while refreshing", async () => {
    let clock = 0;
    let renders = 0;
    const cache = new PageCache(
      10,
      () => clock,
      () => 0.5,
    );
    const render = async () => {
      renders += 1;
      await new Promise((r) => setTimeout(r, 5));
      return page(`v${renders}`, 1000, 5000, clock);
    };
    const [a, b] = await Promise.all([cache.get("/p", render), cache.get("/p", render)]);
    expect(renders).toBe(1);
    expect([a?.hit, b?.hit]).toEqual(["MISS", "MISS"]);
    clock = 500;
    expect((await cache.get("/p", render))?.hit).toBe("HIT");
    expect(cache.fresh("/p")?.body.toString()).toBe("v1");
    clock = 2000;
    expect(cache.fresh("/p")).toBeUndefined();
    const stale = await cache.get("/p", render);
    expect(stale?.hit).toBe("STALE");
    expect(stale?.page.body.toString()).toBe("v1");
    await new Promise((r) => setTimeout(r, 20));
    expect((await cache.get("/p", render))?.page.body.toString()).toBe("v2");
    clock = 100_000;
    expect((await cache.get("/p", render))?.hit).toBe("MISS");
  });

  it("does not keep what may not be shared, and stays bounded", async () => {
    const cache = new PageCache(2);
    expect(await cache.get("/private", async () => null)).toBeNull();
    expect(cache.size).toBe(0);
    for (const key of ["/a", "/b", "/c"]) await cache.get(key, async () => page(key, 1000, 0, Date.now()));
    expect(cache.size).toBe(2);
  });
});
