import { describe, expect, it } from "vitest";
import { checkTransfer, countFormSchema, countReason, levelsCsv, planCount, transferFormSchema } from "./admin-rules";

const KEY = "0b5c2b6e-8a8e-4f43-9b9a-9d3c3a1e6f10";

describe("inventory rules", () => {
  it("sets a count: delta from on hand, never below reserved", () => {
    expect(planCount({ onHand: 10, reserved: 2 }, 7)).toEqual({ ok: true, delta: -3 });
    expect(planCount({ onHand: 10, reserved: 2 }, 12)).toEqual({ ok: true, delta: 2 });
    expect(planCount({ onHand: 0, reserved: 0 }, 0)).toEqual({ ok: true, delta: 0 });
    const refused = planCount({ onHand: 10, reserved: 4 }, 3);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toContain("can't be below 4");
    expect(planCount({ onHand: 1, reserved: 0 }, -1).ok).toBe(false);
    expect(planCount({ onHand: 1, reserved: 0 }, 1.5).ok).toBe(false);
  });

  it("moves only what is free at the source", () => {
    expect(checkTransfer(5, 5, "Nairobi Hub")).toEqual({ ok: true });
    expect(checkTransfer(5, 6, "Nairobi Hub")).toEqual({ ok: false, message: "Only 5 units are free to move at Nairobi Hub." });
    expect(checkTransfer(1, 2, "Hub")).toEqual({ ok: false, message: "Only 1 unit is free to move at Hub." });
    expect(checkTransfer(0, 1, "Hub")).toEqual({ ok: false, message: "Nothing is free to move at Hub." });
  });

  it("validates the transfer form", () => {
    const ok = transferFormSchema.safeParse({ intent: "transfer", from: "1", to: "2", quantity: "3", note: " ", key: KEY });
    expect(ok.success && ok.data).toEqual({ intent: "transfer", from: 1, to: 2, quantity: 3, note: undefined, key: KEY });
    const same = transferFormSchema.safeParse({ intent: "transfer", from: "1", to: "1", quantity: "3", key: KEY });
    expect(same.success).toBe(false);
    expect(same.error?.issues[0]).toMatchObject({ path: ["to"], message: "Choose two different locations." });
    for (const quantity of ["0", "-2", "1.5", "abc", "100001"]) {
      expect(transferFormSchema.safeParse({ intent: "transfer", from: "1", to: "2", quantity, key: KEY }).success).toBe(false);
    }
    expect(transferFormSchema.safeParse({ intent: "transfer", from: "1", to: "2", quantity: "1", key: "x" }).success).toBe(false);
  });

  it("requires a reason for a count, and words for Other", () => {
    expect(countFormSchema.safeParse({ intent: "count", location: "1", counted: "4", reason: "damaged", key: KEY }).success).toBe(true);
    expect(countFormSchema.safeParse({ intent: "count", location: "1", counted: "4", reason: "", key: KEY }).success).toBe(false);
    const other = countFormSchema.safeParse({ intent: "count", location: "1", counted: "4", reason: "other", key: KEY });
    expect(other.error?.issues[0].path).toEqual(["note"]);
    expect(
      countFormSchema.safeParse({ intent: "count", location: "1", counted: "4", reason: "other", note: "Shelf mislabelled", key: KEY })
        .success,
    ).toBe(true);
    expect(countFormSchema.safeParse({ intent: "count", location: "1", counted: "-1", reason: "found", key: KEY }).success).toBe(false);
  });

  it("writes the movement reason", () => {
    expect(countReason("damaged")).toBe("count: damaged");
    expect(countReason("other", "Shelf mislabelled")).toBe("count: other — Shelf mislabelled");
  });

  it("exports levels as CSV with available and safe cells", () => {
    const csv = levelsCsv([
      {
        sku: "EAR-1",
        productTitle: 'Horn, "Paddle" Stud',
        variantTitle: "Default",
        locationCode: "NBO-HUB",
        locationName: "Nairobi Hub",
        onHand: 9,
        reserved: 2,
      },
      {
        sku: "EAR-2",
        productTitle: "=cmd()",
        variantTitle: "Large",
        locationCode: "SF-FLAGSHIP",
        locationName: "San Francisco Flagship",
        onHand: 0,
        reserved: 0,
      },
    ]);
    expect(csv.split("\r\n")).toEqual([
      "sku,product,variant,location_code,location,on_hand,reserved,available",
      'EAR-1,"Horn, ""Paddle"" Stud",Default,NBO-HUB,Nairobi Hub,9,2,7',
      "EAR-2,'=cmd(),Large,SF-FLAGSHIP,San Francisco Flagship,0,0,0",
      "",
    ]);
  });
});
