import { describe, expect, it } from "vitest";
import { auditQuerySchema, staffIdOf } from "./audit-filter";

describe("audit filter", () => {
  it("accepts blanks and trims", () => {
    const parsed = auditQuerySchema.parse({ actor: " staff:3 ", action: "", subject: "", from: "", to: "", page: "" });
    expect(parsed).toEqual({
      actor: "staff:3",
      action: undefined,
      subject: undefined,
      from: undefined,
      to: undefined,
      page: 1,
      format: undefined,
    });
  });

  it("refuses bad dates, reversed ranges and bad pages", () => {
    expect(auditQuerySchema.safeParse({ from: "25/11/2026" }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ from: "2026-13-40" }).success).toBe(false);
    const reversed = auditQuerySchema.safeParse({ from: "2026-11-25", to: "2026-11-01" });
    expect(reversed.error?.issues[0]).toMatchObject({ path: ["to"], message: "The start date is after the end date." });
    expect(auditQuerySchema.safeParse({ page: "0" }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ format: "xlsx" }).success).toBe(false);
  });

  it("reads a staff id from an actor", () => {
    expect(staffIdOf("staff:42")).toBe(42);
    expect(staffIdOf("job:payout_run")).toBeNull();
    expect(staffIdOf("staff:")).toBeNull();
  });
});
