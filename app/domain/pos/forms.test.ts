import { describe, expect, it } from "vitest";
import { exchangeDifferenceSchema, returnLinesOf } from "./forms";

describe("returnLinesOf", () => {
  it("reads return-<line id> fields; a line id past int4 names no line and is skipped", () => {
    const form = new FormData();
    form.set("return-12", "2");
    form.set("return-2147483648", "1");
    form.set("return-99999999999999999999999", "1");
    expect(returnLinesOf(form)).toEqual({ ok: true, lines: [{ orderLineId: 12, quantity: 2 }] });
  });
});

describe("returnLinesOf with exchanges", () => {
  it("reads swap-<line id> as the variant a piece is exchanged for; empty or refund is a refund", () => {
    const form = new FormData();
    form.set("return-12", "1");
    form.set("swap-12", "77");
    form.set("return-13", "2");
    form.set("swap-13", "refund");
    form.set("return-14", "1");
    form.set("swap-14", "");
    expect(returnLinesOf(form)).toEqual({
      ok: true,
      lines: [
        { orderLineId: 12, quantity: 1, exchangeVariantId: 77 },
        { orderLineId: 13, quantity: 2 },
        { orderLineId: 14, quantity: 1 },
      ],
    });
  });

  it("refuses a choice that is not a variant id rather than guessing", () => {
    const form = new FormData();
    form.set("return-12", "1");
    form.set("swap-12", "size 8");
    expect(returnLinesOf(form)).toEqual({ ok: false, message: expect.stringContaining("Choose what each piece is exchanged for") });
    form.set("swap-12", "99999999999");
    expect(returnLinesOf(form).ok).toBe(false);
  });

  it("reads the difference's tender and the cash handed over in minor units", () => {
    expect(exchangeDifferenceSchema.parse({ differenceMode: "cash", cashGiven: "20" })).toEqual({
      differenceMode: "cash",
      cashGiven: 2000,
    });
    expect(exchangeDifferenceSchema.parse({ differenceMode: "card", cashGiven: "" })).toEqual({ differenceMode: "card", cashGiven: null });
    expect(exchangeDifferenceSchema.safeParse({ differenceMode: "cheque" }).success).toBe(false);
  });
});
