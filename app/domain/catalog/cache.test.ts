import { describe, expect, it, vi } from "vitest";
import { purgeLocally } from "~/lib/purge.server";
import { createTaggedCache } from "./cache";

const tagged = <V>(value: V, keys: string[] = []) => ({ value, keys });

describe("createTaggedCache", () => {
  it("serves a value until it expires, then loads again", async () => {
    let clock = 1000;
    const cache = createTaggedCache<number>({ ttlMs: () => 50, now: () => clock });
    const load = vi.fn(async () => tagged(clock));
    expect(await cache.get("a", load)).toBe(1000);
    clock = 1049;
    expect(await cache.get("a", load)).toBe(1000);
    clock = 1050;
    expect(await cache.get("a", load)).toBe(1050);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("shares one load between concurrent misses", async () => {
    const cache = createTaggedCache<string>({ ttlMs: () => 1000 });
    const load = vi.fn(() => new Promise<{ value: string; keys: string[] }>((resolve) => setTimeout(() => resolve(tagged("x")), 5)));
    expect(await Promise.all([cache.get("k", load), cache.get("k", load)])).toEqual(["x", "x"]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("does not keep failures", async () => {
    const cache = createTaggedCache<string>({ ttlMs: () => 1000 });
    await expect(cache.get("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("k", async () => tagged("up"))).toBe("up");
  });

  it("is off when the ttl is zero", async () => {
    const cache = createTaggedCache<number>({ ttlMs: () => 0 });
    const load = vi.fn(async () => tagged(1));
    await cache.get("k", load);
    await cache.get("k", load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it("evicts the oldest entries past its size", async () => {
    const cache = createTaggedCache<number>({ ttlMs: () => 1000, maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => tagged(1));
    expect(cache.size).toBe(2);
    const load = vi.fn(async () => tagged(2));
    expect(await cache.get("a", load)).toBe(2);
    expect(await cache.get("c", load)).toBe(1);
  });

  it("drops exactly the entries tagged with a purged key", async () => {
    const cache = createTaggedCache<string>({ ttlMs: () => 60_000 });
    await cache.get("ring", async () => tagged("ring v1", ["product:1", "maker:7", "catalog"]));
    await cache.get("cuff", async () => tagged("cuff v1", ["product:2", "catalog"]));
    purgeLocally(new Set(["maker:7"]));
    expect(await cache.get("ring", async () => tagged("ring v2", ["product:1"]))).toBe("ring v2");
    expect(await cache.get("cuff", async () => tagged("cuff v2", ["product:2"]))).toBe("cuff v1");
    purgeLocally("all");
    expect(cache.size).toBe(0);
  });

  it("does not keep a load that a purge of its keys overtook", async () => {
    const cache = createTaggedCache<string>({ ttlMs: () => 60_000 });
    let finish: (v: { value: string; keys: string[] }) => void = () => {};
    const slow = cache.get("ring", () => new Promise((resolve) => (finish = resolve)));
    purgeLocally(new Set(["product:1"])); // the row changed while the old one was being read
    finish(tagged("old", ["product:1"]));
    expect(await slow).toBe("old");
    expect(await cache.get("ring", async () => tagged("new", ["product:1"]))).toBe("new");
  });

  it("records the keys of what it serves, hit or miss, on the page being rendered", async () => {
    const cache = createTaggedCache<string>({ ttlMs: () => 60_000 });
    const first = new Set<string>();
    const second = new Set<string>();
    expect(await cache.get("k", async () => tagged("v", ["product:3", "catalog"]), first)).toBe("v");
    expect(await cache.get("k", async () => tagged("other"), second)).toBe("v");
    expect([...first].sort()).toEqual(["catalog", "product:3"]);
    expect([...second].sort()).toEqual(["catalog", "product:3"]);
  });
});
