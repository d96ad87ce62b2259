import { describe, expect, it } from "vitest";
import { returnLinesOf } from "./forms";

describe("returnLinesOf", () => {
  it("reads return-<line id> fields; a line id past int4 names no line and is skipped", () => {
    const form = new FormData();
    form.set("return-12", "2");
    form.set("return-2147483648", "1");
    form.set("return-99999999999999999999999", "1");
    expect(returnLinesOf(form)).toEqual({ ok: true, lines: [{ orderLineId: 12, quantity: 2 }] });
  });
});
