import { describe, expect, it } from "vitest";
import { checkTestCard, luhnValid } from "./test-cards";

const today = new Date("2026-11-25T00:00:00Z");
const card = (number: string, expiry = "12/30", cvc = "123") => checkTestCard({ number, expiry, cvc }, today);

describe("local test cards", () => {
  it("4242 4242 4242 4242 succeeds", () => {
    expect(card("4242 4242 4242 4242")).toEqual({ ok: true, last4: "4242" });
  });
  it("4000 0000 0000 0002 is declined", () => {
    expect(card("4000 0000 0000 0002")).toMatchObject({ ok: false, code: "card_declined", message: expect.stringContaining("declined") });
  });
  it("4000 0000 0000 9995 has insufficient funds", () => {
    expect(card("4000000000009995")).toMatchObject({
      ok: false,
      code: "insufficient_funds",
      message: expect.stringContaining("insufficient funds"),
    });
  });
  it("rejects malformed numbers, past or malformed expiry, and bad CVC with the field at fault", () => {
    expect(card("4242 4242 4242 4241")).toMatchObject({ ok: false, field: "number" });
    expect(card("abcd")).toMatchObject({ ok: false, field: "number" });
    expect(card("4242424242424242", "10/26")).toMatchObject({ ok: false, field: "expiry", code: "expired_card" });
    expect(card("4242424242424242", "13/30")).toMatchObject({ ok: false, field: "expiry" });
    expect(card("4242424242424242", "1230")).toMatchObject({ ok: false, field: "expiry" });
    expect(card("4242424242424242", "11/26")).toEqual({ ok: true, last4: "4242" });
    expect(card("4242424242424242", "12/30", "12")).toMatchObject({ ok: false, field: "cvc" });
  });
  it("checks the Luhn digit", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(luhnValid("4242424242424243")).toBe(false);
  });
});
