import { describe, expect, it } from "vitest";
import { isCrossSiteAction } from "./cross-site";

describe("isCrossSiteAction", () => {
  const host = "shop.soko.test";

  it("lets a form from this site through, and any request without an Origin", () => {
    expect(isCrossSiteAction("POST", "/cart", { origin: "https://shop.soko.test", host })).toBe(false);
    expect(isCrossSiteAction("POST", "/cart", { host })).toBe(false);
    expect(isCrossSiteAction("GET", "/cart", { origin: "https://evil.example", host })).toBe(false);
    expect(
      isCrossSiteAction("POST", "/cart", { origin: "https://shop.soko.test", host: "10.0.0.5:3000", forwardedHost: "shop.soko.test" }),
    ).toBe(false);
  });

  it("flags another site's form, an opaque origin and a malformed one", () => {
    expect(isCrossSiteAction("POST", "/cart", { origin: "https://evil.example", host })).toBe(true);
    expect(isCrossSiteAction("DELETE", "/ops/orders/SK-1", { origin: "null", host })).toBe(true);
    expect(isCrossSiteAction("POST", "/cart", { origin: "::::", host })).toBe(true);
    expect(isCrossSiteAction("POST", "/cart", { origin: "https://shop.soko.test" })).toBe(true);
  });

  it("flags a post without an Origin that the browser says came from another site", () => {
    expect(isCrossSiteAction("POST", "/account/login", { host, fetchSite: "cross-site" })).toBe(true);
    expect(isCrossSiteAction("POST", "/cart", { host, fetchSite: "same-origin" })).toBe(false);
    expect(isCrossSiteAction("POST", "/cart", { host, fetchSite: "none" })).toBe(false);
    expect(isCrossSiteAction("GET", "/cart", { host, fetchSite: "cross-site" })).toBe(false);
    expect(isCrossSiteAction("POST", "/webhooks/stripe", { host, fetchSite: "cross-site" })).toBe(false);
  });

  it("leaves other services' callbacks to their own checks", () => {
    expect(isCrossSiteAction("POST", "/webhooks/stripe", { origin: "https://stripe.example", host })).toBe(false);
    expect(isCrossSiteAction("POST", "/api/ussd", { origin: "null", host })).toBe(false);
  });
});
