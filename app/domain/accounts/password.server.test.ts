import { describe, expect, it } from "vitest";
import { hashSecret, needsRehash, verifyAgainstNothing, verifySecret } from "./password.server";

describe("hashSecret / verifySecret", () => {
  it("verifies the right secret and rejects a wrong one", async () => {
    const hash = await hashSecret("soko-demo");
    expect(hash).toMatch(/^scrypt\$16384\$[\w-]+\$[\w-]+$/);
    expect(await verifySecret("soko-demo", hash)).toBe(true);
    expect(await verifySecret("soko-demo ", hash)).toBe(false);
    expect(await verifySecret("Soko-demo", hash)).toBe(false);
    expect(await verifySecret("", hash)).toBe(false);
  });

  it("salts: the same secret hashes differently each time, and both verify", async () => {
    const a = await hashSecret("1234");
    const b = await hashSecret("1234");
    expect(a).not.toBe(b);
    expect(a.split("$")[2]).not.toBe(b.split("$")[2]);
    expect(await verifySecret("1234", a)).toBe(true);
    expect(await verifySecret("1234", b)).toBe(true);
    expect(await verifySecret("1235", a)).toBe(false);
  });

  it("reads the cost from the stored string", async () => {
    const cheap = await hashSecret("pin", { cost: 1024 });
    expect(cheap.split("$")[1]).toBe("1024");
    expect(await verifySecret("pin", cheap)).toBe(true);
    expect(needsRehash(cheap)).toBe(true);
    expect(needsRehash(await hashSecret("pin"))).toBe(false);
  });

  it("returns false (never throws) for missing, malformed or tampered hashes", async () => {
    const good = await hashSecret("secret", { cost: 1024 });
    const [prefix, cost, salt, key] = good.split("$");
    const flipped = (key[0] === "A" ? "B" : "A") + key.slice(1);
    const bad = [
      null,
      undefined,
      "",
      "plain-text",
      `bcrypt$${cost}$${salt}$${key}`,
      `${prefix}$1000$${salt}$${key}`, // not a power of two
      `${prefix}$1073741824$${salt}$${key}`, // absurd cost
      `${prefix}$${cost}$$${key}`,
      `${prefix}$${cost}$${salt}$${key.slice(4)}`,
      `${prefix}$${cost}$${salt}$${flipped}`,
      `${good}$extra`,
    ];
    for (const hash of bad) expect(await verifySecret("secret", hash)).toBe(false);
  });

  it("rejects an invalid cost when hashing", async () => {
    await expect(hashSecret("x", { cost: 1000 })).rejects.toThrow(/power of two/);
  });

  it("verifyAgainstNothing always says no", async () => {
    expect(await verifyAgainstNothing("not-a-real-secret")).toBe(false);
  });

  it("normalises unicode so the same password typed differently still matches", async () => {
    const hash = await hashSecret("caf\u00e9", { cost: 1024 });
    expect(await verifySecret("cafe\u0301", hash)).toBe(true);
  });
});
