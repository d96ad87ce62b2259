import { describe, expect, it } from "vitest";
import { formatShortDate } from "./format";

describe("short forms for SMS and USSD", () => {
  it("writes due dates as day and month in the artisan's language", () => {
    expect(formatShortDate("2026-12-12", "en")).toBe("12 Dec");
    expect(formatShortDate("2026-12-12", "sw")).toBe("12 Des");
    expect(formatShortDate("2026-08-03", "sw")).toBe("3 Ago");
    expect(formatShortDate(new Date("2026-03-05T22:00:00Z"), "sw")).toBe("5 Mac");
  });
});
