import { describe, expect, it } from "vitest";
import { giftCardSendWhen } from "./forms";

describe("giftCardSendWhen", () => {
  it("writes a later day the locale's way, and a day not after today as now", () => {
    expect(giftCardSendWhen("2026-12-24", "en-GB", "2026-12-07")).toBe("on 24 December 2026");
    expect(giftCardSendWhen("2026-12-24", "en-US", "2026-12-07")).toBe("on December 24, 2026");
    expect(giftCardSendWhen("2026-12-07", "en-GB", "2026-12-07")).toBe("now");
    expect(giftCardSendWhen("2026-12-06", "en-US", "2026-12-07")).toBe("now");
  });
});
