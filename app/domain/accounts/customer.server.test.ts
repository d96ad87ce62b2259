/** The customer module on its own: redirects, racing sign-ups, rehash on login. Runs against this file's own database. */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createCustomer } from "#db/seed/factories";
import { hashSecret, needsRehash, verifySecret } from "./password.server";
import { db, schema } from "~/lib/db.server";
import { accountRedirect, authenticateCustomer, signUpCustomer } from "./customer.server";

describe("accountRedirect", () => {
  it("keeps paths on this site and falls back to /account for anything else", () => {
    expect(accountRedirect("/orders/SK-100001")).toBe("/orders/SK-100001");
    for (const hostile of ["//evil.test", "/\\evil.test", "https://evil.test", "account", "", null, undefined]) {
      expect(accountRedirect(hostile)).toBe("/account");
    }
  });
});

describe("signUpCustomer", () => {
  it("lets exactly one of two simultaneous sign-ups for the same email win", async () => {
    const results = await Promise.all([
      signUpCustomer({ email: "race@example.test", name: "One", password: "password-one" }),
      signUpCustomer({ email: "RACE@example.test", name: "Two", password: "password-two" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "exists" }]);
    const rows = await db.select().from(schema.customers).where(sql`lower(${schema.customers.email}) = 'race@example.test'`);
    expect(rows).toHaveLength(1);
  });

  it("lets exactly one of two simultaneous claims of a guest record win", async () => {
    const guest = await createCustomer(db, { email: "claim-race@example.test" });
    const results = await Promise.all([
      signUpCustomer({ email: "claim-race@example.test", name: "One", password: "password-one" }),
      signUpCustomer({ email: "claim-race@example.test", name: "Two", password: "password-two" }),
    ]);
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const [row] = await db.select().from(schema.customers).where(eq(schema.customers.id, guest.id));
    const winnerPassword = row.name === "One" ? "password-one" : "password-two";
    expect(await verifySecret(winnerPassword, row.passwordHash)).toBe(true);
  });
});

describe("authenticateCustomer", () => {
  it("upgrades a hash made at a weaker cost after a good login", async () => {
    const customer = await createCustomer(db, { email: "old-hash@example.test" });
    await db
      .update(schema.customers)
      .set({ passwordHash: await hashSecret("old-password", { cost: 1024 }) })
      .where(eq(schema.customers.id, customer.id));
    const result = await authenticateCustomer({ email: "old-hash@example.test", password: "old-password" });
    expect(result.ok).toBe(true);
    const [row] = await db.select().from(schema.customers).where(eq(schema.customers.id, customer.id));
    expect(needsRehash(row.passwordHash!)).toBe(false);
    expect(await verifySecret("old-password", row.passwordHash)).toBe(true);
  });
});
