/** The customer module on its own: redirects, racing sign-up links, rehash on login. Runs against this file's own database. */
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createCustomer } from "#db/seed/factories";
import { hashSecret, needsRehash, verifySecret } from "~/domain/accounts/password.server";
import { db, schema } from "~/lib/db.server";
import { accountRedirect, authenticateCustomer } from "~/domain/accounts/customer.server";
import { confirmSignUp, issueSignUp, recordSignUp } from "~/domain/accounts/signup.server";

describe("accountRedirect", () => {
  it("keeps paths on this site and falls back to /account for anything else", () => {
    expect(accountRedirect("/orders/SK-100001")).toBe("/orders/SK-100001");
    for (const hostile of ["//evil.test", "/\\evil.test", "https://evil.test", "account", "", null, undefined]) {
      expect(accountRedirect(hostile)).toBe("/account");
    }
  });
});

describe("confirmSignUp", () => {
  async function linkFor(email: string, name: string, password: string) {
    const signupId = await db.transaction(async (tx) =>
      recordSignUp(tx, { email, name, passwordHash: await hashSecret(password), source: "signup" }),
    );
    const issued = await issueSignUp(signupId);
    if (issued?.kind !== "link") throw new Error(`no link for ${email}`);
    return issued.token;
  }

  it("makes one account when the same link is followed twice at once; the other is told it was used", async () => {
    const token = await linkFor("race@example.test", "One", "password-one");
    const results = await Promise.all([confirmSignUp(token), confirmSignUp(token)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "used" }]);
    const rows = await db.select().from(schema.customers).where(sql`lower(${schema.customers.email}) = 'race@example.test'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].emailVerifiedAt).not.toBeNull();
  });

  it("gives a guest record the password of the link that reached its inbox, once", async () => {
    const guest = await createCustomer(db, { email: "claim-race@example.test", name: "At the counter" });
    const token = await linkFor("claim-race@example.test", "Two", "password-two");
    const results = await Promise.all([confirmSignUp(token), confirmSignUp(token)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const [row] = await db.select().from(schema.customers).where(eq(schema.customers.id, guest.id));
    expect(row.name).toBe("Two");
    expect(await verifySecret("password-two", row.passwordHash)).toBe(true);
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
