import { describe, expect, it, vi } from "vitest";
import { createTtlCache } from "./cache";

describe("createTtlCache", () => {
  it("serves a value until it expires, then loads again", async () => {
    let clock = 1000;
    const cache = createTtlCache<number>({ ttlMs: () => 50, now: () => clock });
    const load = vi.fn(async () => clock);
    expect(await cache.get("a", load)).toBe(1000);
    clock = 1049;
    expect(await cache.get("a", load)).toBe(1000);
    clock = 1050;
    expect(await cache.get("a", load)).toBe(1050);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("shares one load between concurrent misses", async () => {
    const cache = createTtlCache<string>({ ttlMs: () => 1000 });
    const load = vi.fn(() => new Promise<string>((resolve) => setTimeout(() => resolve("x"), 5)));
    expect(await Promise.all([cache.get("k", load), cache.get("k", load)])).toEqual(["x", "x"]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("does not keep failures", async () => {
    const cache = createTtlCache<string>({ ttlMs: () => 1000 });
    await expect(cache.get("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("k", async () => "up")).toBe("up");
  });

  it("is off when the ttl is zero", async () => {
    const cache = createTtlCache<number>({ ttlMs: () => 0 });
    const load = vi.fn(async () => 1);
    await cache.get("k", load);
    await cache.get("k", load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it("evicts the oldest entries past its size", async () => {
    const cache = createTtlCache<number>({ ttlMs: () => 1000, maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => 1);
    expect(cache.size).toBe(2);
    const load = vi.fn(async () => 2);
    expect(await cache.get("a", load)).toBe(2);
    expect(await cache.get("c", load)).toBe(1);
  });
});
