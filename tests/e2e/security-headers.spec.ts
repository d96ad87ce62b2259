import type { APIResponse } from "@playwright/test";
import { expect, test } from "./csp";
import { hydrated, signInAsOpsAdmin, signInToArtisanApp, signUpAndConfirm } from "./support";

/**
 * The protective headers on every kind of answer, and the pages working under the policy: with
 * JavaScript on (Chromium reports no violation: the `test` from ./csp fails on any) and off.
 */

const nonceOf = (response: APIResponse) => /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];

function expectProtected(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"], what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toMatch(/^(same-origin|no-referrer)$/);
}

test.describe("protective headers", () => {
  test("every kind of answer carries them: pages, data, static files, build assets, refusals, errors", async ({ request }) => {
    const home = await request.get("/");
    expectProtected(home, "/");
    const html = await home.text();
    const asset = /\/build\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    for (const [path, status] of [
      ["/ops/login", 200],
      ["/healthz", 200],
      ["/pos/sw.js", 200],
      ["/artisan/manifest.webmanifest", 200],
      [asset!, 200],
      ["/products/no-such-piece", 404],
      ["/search?q=%00", 400],
      ["/collections/earrings.data", 200],
    ] as const) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(status);
      expectProtected(response, path);
    }
    const tooLarge = await request.post("/cart", { form: { filler: "a".repeat(2_000_000) } });
    expect(tooLarge.status()).toBe(413);
    expectProtected(tooLarge, "413");
    const crossSite = await request.post("/cart", { headers: { Origin: "https://evil.example" }, form: { intent: "add" } });
    expect(crossSite.status()).toBe(403);
    expectProtected(crossSite, "403");
    expect(home.headers()["referrer-policy"]).toBe("same-origin");
    // PUBLIC_URL is http here: no HSTS (it would pin a browser to https for a year).
    expect(home.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("each answer has its own nonce, and the page's inline scripts carry exactly that one", async ({ request }) => {
    const first = await request.get("/ops/login");
    const second = await request.get("/ops/login");
    const [a, b] = [nonceOf(first), nonceOf(second)];
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
    const html = await first.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)]
      .map((m) => m[1])
      .filter((attrs) => !/application\/ld\+json/.test(attrs));
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${a}"`);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  test("a page from the shared page cache comes with the policy for the nonce it was rendered with", async ({ request }) => {
    const path = `/collections/necklaces?sort=newest&csp=${Date.now()}`;
    const miss = await request.get(path);
    const hit = await request.get(path);
    expect(hit.headers()["x-page-cache"]).toMatch(/HIT|STALE/);
    const nonce = nonceOf(hit);
    expect(nonce).toBe(nonceOf(miss));
    const scripts = [...(await hit.text()).matchAll(/<script(?![^>]*\bsrc=)[^>]*\bnonce="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));
  });
});

test.describe("pages under the policy, with JavaScript", () => {
  test("storefront: home, collection, product, bag, search, checkout — hydrated, no violation", async ({ page }) => {
    await page.goto("/");
    await page.goto("/collections/earrings");
    await page.locator("main a[href^='/products/']").first().click();
    await expect(page).toHaveURL(/\/products\//);
    await hydrated(page);
    await page.getByRole("button", { name: "Add to bag" }).click();
    await expect(page).toHaveURL(/\/cart/);
    await page.goto("/search?q=brass");
    await page.goto("/makers");
    await page.goto("/checkout");
    await expect(page.getByLabel("Email")).toBeVisible();
  });

  test("operations console and the outbox's email preview frame", async ({ page }) => {
    // An email to preview: a new shopper asks for a password reset.
    const email = `csp-${Date.now()}@example.com`;
    await signUpAndConfirm(page, email, "Wanjiru Kamau", "csp-check-4242");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.goto("/account/forgot");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account exists");

    await page.goto("/ops");
    await signInAsOpsAdmin(page);
    await expect(page).toHaveURL(/\/ops$/);
    for (const path of ["/ops/orders", "/ops/production", "/ops/inventory", "/ops/payouts", "/ops/impact", "/ops/outbox"]) {
      await page.goto(path);
      await hydrated(page);
    }
    await page.locator("table tr", { hasText: email }).getByRole("link").first().click();
    await expect(page.frameLocator("iframe.ops-email-frame").locator("body")).not.toBeEmpty();
  });

  test("the register: sign-in, register page, its service worker", async ({ page }) => {
    await page.goto("/pos");
    await page.getByLabel("Email").fill("manager@soko.test");
    await page.getByLabel("Password").fill("soko-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await hydrated(page);
    await page.goto("/pos/register");
    await hydrated(page);
    if (new URL(page.url()).pathname === "/pos/register") {
      await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration("/pos/")))).toBe(true);
    }
    await page.goto("/pos/shift");
    await hydrated(page);
  });

  test("the artisan app: its one inline script, the service worker's registration, runs with the nonce", async ({ page }) => {
    await signInToArtisanApp(page, "+254700000001", "1234");
    await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration("/artisan/")))).toBe(true);
    await page.goto("/artisan/work");
    await page.goto("/artisan/earnings");
  });

  test("no other site can frame a page: the browser refuses, the policy says why", async ({ page, cspViolations }) => {
    await page.goto("/");
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/frame-ancestors/.test(message.text())) refused.push(message.text());
    });
    // Even this site may not frame itself: the ops console and the register inside someone's frame are a clickjacking kit.
    await page.evaluate(() => {
      const frame = document.createElement("iframe");
      frame.src = "/ops/login";
      document.body.appendChild(frame);
    });
    await expect.poll(() => refused.length).toBeGreaterThan(0);
    // This test expects its one violation; the fixture checks the rest.
    cspViolations.splice(0, cspViolations.length, ...cspViolations.filter((v) => !/frame-ancestors/.test(v)));
  });
});

test.describe("pages under the policy, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the bag and the sign-in forms post and land where they should", async ({ page }) => {
    await page.goto("/collections/earrings");
    await page.locator("main a[href^='/products/']").first().click();
    await page.getByRole("button", { name: "Add to bag" }).click();
    await expect(page).toHaveURL(/\/cart/);
    await expect(page.locator(".cart-count")).not.toHaveText("0");
    await page.goto("/ops/login");
    await page.getByLabel("Email").fill("ops@soko.test");
    await page.getByLabel("Password").fill("soko-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/ops$/);
  });
});
