/** ~/lib/transaction.server: a Refusal inside rolls the transaction back and comes back as a result. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { Refusal } from "~/lib/refusal";
import { refusable } from "~/lib/transaction.server";
import { db, schema } from "~/lib/db.server";

const written = async (subject: string) => db.select().from(schema.auditLog).where(eq(schema.auditLog.subject, subject));

describe("refusable", () => {
  it("commits and returns what the work returns", async () => {
    const result = await refusable(async (tx) => {
      await tx.insert(schema.auditLog).values({ actor: "test", action: "test.kept", subject: "refusable:kept", data: {} });
      return { ok: true as const, n: 1 };
    });
    expect(result).toEqual({ ok: true, n: 1 });
    expect(await written("refusable:kept")).toHaveLength(1);
  });

  it("rolls back on a Refusal and returns it as a Refused result", async () => {
    const result = await refusable(async (tx) => {
      await tx.insert(schema.auditLog).values({ actor: "test", action: "test.rolled_back", subject: "refusable:refused", data: {} });
      throw new Refusal(409, "Someone else got there first.", "quantity");
    });
    expect(result).toEqual({ ok: false, status: 409, message: "Someone else got there first.", field: "quantity" });
    expect(await written("refusable:refused")).toHaveLength(0);
  });

  it("rolls back and rethrows anything else", async () => {
    await expect(
      refusable(async (tx) => {
        await tx.insert(schema.auditLog).values({ actor: "test", action: "test.error", subject: "refusable:error", data: {} });
        throw new Error("a bug");
      }),
    ).rejects.toThrow("a bug");
    expect(await written("refusable:error")).toHaveLength(0);
  });
});
