import { expect, test } from "@playwright/test";
import { postChunked, residentMb, serverPid } from "./support";

/**
 * Wrong and hostile input from outside, against the production server: every answer is a clear
 * 4xx (never a 500), nothing is written, and the server keeps serving.
 */
test.describe("hostile input", () => {
  test("a form action sent JSON, text or a broken upload says what to send; an empty POST is an empty form", async ({ request }) => {
    const json = await request.post("/cart", { data: { intent: "add", variantId: 1 } });
    expect(json.status()).toBe(415);
    expect(await json.text()).toContain("application/x-www-form-urlencoded");
    expect((await request.post("/ops/login", { headers: { "Content-Type": "text/plain" }, data: "email=a&password=b" })).status()).toBe(
      415,
    );
    expect(
      (
        await request.post("/cart", { headers: { "Content-Type": "multipart/form-data; boundary=x" }, data: "not a multipart body" })
      ).status(),
    ).toBe(400);
    // No body at all: the cart's own validation answers.
    const empty = await request.post("/cart", { maxRedirects: 0 });
    expect(empty.status()).toBe(400);
    expect(await empty.text()).not.toContain("Application Error");
  });

  test("a form posted from another site is refused with 403, and nothing is added", async ({ request }) => {
    for (const origin of ["https://evil.example", "null"]) {
      const response = await request.post("/cart", {
        headers: { Origin: origin },
        form: { intent: "add", variantId: "1", quantity: "1" },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(403);
      expect(response.headers()["set-cookie"]).toBeUndefined();
      expect(await response.text()).toContain("sent from another site");
    }
    // No Origin, but the browser says the form came from another site: a sign-in planted from elsewhere.
    const planted = await request.post("/account/login", {
      headers: { "Sec-Fetch-Site": "cross-site" },
      form: { email: "harriet.uk@soko.test", password: "soko-demo" },
      maxRedirects: 0,
    });
    expect(planted.status()).toBe(403);
    expect(planted.headers()["set-cookie"]).toBeUndefined();
  });

  test("broken paths and parameters are 4xx or an honest page, never a 500", async ({ request }) => {
    const answers: Record<string, number[]> = {
      "/products/%E0%A4%A": [400, 404],
      "/orders/%ZZ": [400, 404],
      "/makers/%": [400, 404],
      [`/products/${"x".repeat(5000)}`]: [404, 414],
      "/products/..%2f..%2fpackage.json": [404],
      "/uploads/..%2f..%2fpackage.json": [404],
      "/images/products/..%2f..%2fpackage.json": [400, 404],
      "/orders/SK-100001?t=forged": [404],
      "/collections/earrings?page=-1": [200, 400, 404],
      "/collections/earrings?page=99999999999999999999": [200, 400, 404],
      "/search?q=%00%00": [400],
      [`/search?q=${"a".repeat(4000)}`]: [200, 400],
      "/checkout?edit=%3Cscript%3E": [200, 302, 303],
    };
    for (const [path, allowed] of Object.entries(answers)) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(allowed, `${path.slice(0, 60)} answered ${response.status()}`).toContain(response.status());
    }
    expect((await request.get("/healthz")).status()).toBe(200);
  });

  test("a NUL byte anywhere in the address is a 400 that says so, before any page runs", async ({ request }) => {
    for (const path of [
      "/collections/earrings?material=%00",
      "/search?q=a%00",
      "/products/%00",
      "/ops/login?redirectTo=%00",
      "/collections/earrings.data?material=%00",
      "/wholesale/quick-order?rows=%00",
    ]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(400);
      expect(await response.text()).toContain("NUL byte");
    }
    expect((await request.post("/webhooks/mpesa/result?token=%00", { data: {} })).status()).toBe(400);
  });

  test("a NUL or another control character in any form field is a 400 naming the field; nothing is added", async ({ request }) => {
    const bag = await request.post("/cart", { form: { intent: "add", variantId: "1\u0000", quantity: "1" }, maxRedirects: 0 });
    expect(bag.status()).toBe(400);
    expect(await bag.text()).toMatch(/control character.*variantId/);
    expect(bag.headers()["set-cookie"]).toBeUndefined();
    for (const [path, form] of [
      ["/ops/login", { email: "ops@soko.test\u0000", password: "soko-demo" }],
      ["/wholesale/login", { email: "buyer@retailer.test", password: "soko-demo\u001b" }],
      ["/account/forgot", { email: "someone@example.test\u0000" }],
    ] as const) {
      expect((await request.post(path, { form, maxRedirects: 0 })).status(), path).toBe(400);
    }
  });

  test("ids past PostgreSQL's int4 are a 4xx or an honest page for a signed-in admin, never a 500", async ({ request }) => {
    const signIn = await request.post("/ops/login", { form: { email: "ops@soko.test", password: "soko-demo" }, maxRedirects: 0 });
    expect(signIn.status()).toBeLessThan(400);
    for (const path of [
      "/ops/inventory?location=99999999999999999999999",
      "/ops/inventory?location=2147483648",
      "/ops/payouts?run=99999999999999999999999",
      "/ops/payouts?run=2147483648",
      "/ops/artisans/2147483648",
      "/ops/products/99999999999999999999999",
      "/ops/outbox/2147483648",
      "/pos/shift?shift=2147483648",
    ]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBeLessThan(500);
    }
    const cart = JSON.stringify({ lines: [{ variantId: 2147483648, quantity: 1, discountPercent: 0 }] });
    const sale = await request.post("/pos/register", {
      form: { intent: "charge", cart, key: crypto.randomUUID(), mode: "cash", cashGiven: "100" },
      maxRedirects: 0,
    });
    expect(sale.status()).toBeLessThan(500);
  });

  for (const [path, type] of [
    ["/ops/login", "application/x-www-form-urlencoded"],
    ["/webhooks/mpesa/result", "application/json"],
  ] as const) {
    test(`a chunked 300 MB POST to ${path}, signed out, is answered 413 at once without the memory to hold it; the server keeps serving`, async ({
      request,
      baseURL,
    }) => {
      const pid = serverPid();
      const before = residentMb(pid);
      const answer = await postChunked(baseURL!, path, 300 * 1024 * 1024, type);
      expect(answer.status).toBe(413);
      expect(answer.body).toContain("too large");
      expect(answer.ms).toBeLessThan(5_000);
      // Cut off long before the end: at most the cap plus what was in flight.
      expect(answer.sentMb).toBeLessThan(100);
      const grown = residentMb(pid) - before;
      expect(grown, `the server grew by ${grown.toFixed(1)} MB`).toBeLessThan(8);
      expect((await request.get("/healthz")).status()).toBe(200);
    });
  }

  test("a declared 300 MB body is refused from its Content-Length, before any of it is read", async ({ request, baseURL }) => {
    const answer = await postChunked(baseURL!, "/ops/login", 300 * 1024 * 1024, "application/x-www-form-urlencoded", {
      declareLength: true,
    });
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(2_000);
    // Asked first (`Expect: 100-continue`, as curl does), the server refuses without letting a byte be sent.
    const asked = await postChunked(baseURL!, "/webhooks/stripe", 300 * 1024 * 1024, "application/json", {
      declareLength: true,
      expectContinue: true,
    });
    expect(asked).toMatchObject({ status: 413, sentMb: 0 });
    expect((await request.get("/healthz")).status()).toBe(200);
  });

  test("a 5 MB form to the bag is refused as too large and the server keeps serving", async ({ request }) => {
    const response = await request.post("/cart", { form: { intent: "add", variantId: "1", quantity: "1", filler: "a".repeat(5_000_000) } });
    expect(response.status()).toBe(413);
    expect((await request.get("/healthz")).status()).toBe(200);
  });
});
