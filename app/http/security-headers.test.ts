import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, policyOptionsFromEnv, protection, staticSecurityHeaders } from "./security-headers";

const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("the Content-Security-Policy", () => {
  it("allows scripts from this site or with the answer's nonce, and no framing anywhere", () => {
    const policy = directives(contentSecurityPolicy("abc123", policyOptionsFromEnv({ PUBLIC_URL: "http://localhost:3000" })));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-abc123'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'none'"]);
    expect(policy["form-action"]).toEqual(["'self'"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
    // No 'unsafe-inline' for scripts: inline handlers (onclick="…") never run.
    expect(policy["script-src"]).not.toContain("'unsafe-inline'");
    expect(policy["upgrade-insecure-requests"]).toBeUndefined();
  });

  it("lets Stripe's script, frames and API in when Stripe's keys are set", () => {
    const policy = directives(
      contentSecurityPolicy("n", policyOptionsFromEnv({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_PUBLISHABLE_KEY: "pk_test_x" })),
    );
    expect(policy["script-src"]).toContain("https://js.stripe.com");
    expect(policy["frame-src"]).toEqual(expect.arrayContaining(["https://js.stripe.com", "https://hooks.stripe.com"]));
    expect(policy["connect-src"]).toContain("https://api.stripe.com");
    expect(policyOptionsFromEnv({ STRIPE_PUBLISHABLE_KEY: "pk_test_x" }).stripe).toBe(false);
  });

  it("takes images from the upload CDN and PUBLIC_URL's origin (emails link there)", () => {
    const options = policyOptionsFromEnv({ S3_PUBLIC_URL: "https://cdn.soko.example/products/", PUBLIC_URL: "https://soko.example" });
    expect(directives(contentSecurityPolicy("n", options))["img-src"]).toEqual([
      "'self'",
      "data:",
      "blob:",
      "https://cdn.soko.example",
      "https://soko.example",
    ]);
  });

  it("upgrades requests and sends HSTS only when PUBLIC_URL is https", () => {
    const https = policyOptionsFromEnv({ PUBLIC_URL: "https://soko.example" });
    expect(contentSecurityPolicy("n", https)).toContain("upgrade-insecure-requests");
    expect(staticSecurityHeaders(https)["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(
      staticSecurityHeaders(policyOptionsFromEnv({ PUBLIC_URL: "http://localhost:3000" }))["Strict-Transport-Security"],
    ).toBeUndefined();
  });

  it("sends nosniff, DENY and a same-origin referrer on every answer", () => {
    expect(staticSecurityHeaders(policyOptionsFromEnv({}))).toEqual({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
    });
  });

  it("makes a new 128-bit nonce each time, across draws of its random pool", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
    // 1,000 nonces span several 4 KB draws: none repeats, each is 16 bytes.
    const many = Array.from({ length: 1000 }, newNonce);
    expect(new Set(many).size).toBe(1000);
    for (const nonce of many) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("protection", () => {
  it("puts each nonce into the same policy contentSecurityPolicy builds, with the fixed headers beside it", () => {
    const options = policyOptionsFromEnv({ PUBLIC_URL: "https://shop.soko.test", STRIPE_SECRET_KEY: "sk", STRIPE_PUBLISHABLE_KEY: "pk" });
    const headers = protection(options);
    for (const nonce of ["abc123", newNonce()]) expect(headers.policy(nonce)).toBe(contentSecurityPolicy(nonce, options));
    expect(headers.fixed).toEqual(Object.entries(staticSecurityHeaders(options)).flat());
    expect(headers.fixed).toContain("Strict-Transport-Security");
  });
});
