import { describe, expect, it } from "vitest";
import { listPageUrl } from "./list-page-url";

describe("listPageUrl", () => {
  it("keeps the search and a page past the first, trimmed", () => {
    const form = new FormData();
    form.set("q", "  hoop ");
    form.set("page", "3");
    form.set("intent", "set");
    expect(listPageUrl("/ops/markets/gb", form)).toBe("/ops/markets/gb?q=hoop&page=3");
  });

  it("leaves out page 1, empty values and caps a long search", () => {
    expect(listPageUrl("/ops/wholesale/prices/GBP", new URLSearchParams("q=%20&page=1"))).toBe("/ops/wholesale/prices/GBP");
    const long = listPageUrl("/ops/markets/gb", new URLSearchParams({ q: "x".repeat(500) }));
    expect(long).toBe(`/ops/markets/gb?q=${"x".repeat(120)}`);
  });
});
