import { expect, test } from "@playwright/test";

/**
 * Wrong and hostile input from outside, against the production server: every answer is a clear
 * 4xx (never a 500), nothing is written, and the server keeps serving.
 */
test.describe("hostile input", () => {
  test("a form action sent JSON, text or a broken upload says what to send; an empty POST is an empty form", async ({ request }) => {
    const json = await request.post("/cart", { data: { intent: "add", variantId: 1 } });
    expect(json.status()).toBe(415);
    expect(await json.text()).toContain("application/x-www-form-urlencoded");
    expect((await request.post("/ops/login", { headers: { "Content-Type": "text/plain" }, data: "email=a&password=b" })).status()).toBe(415);
    expect((await request.post("/cart", { headers: { "Content-Type": "multipart/form-data; boundary=x" }, data: "not a multipart body" })).status()).toBe(400);
    // No body at all: the cart's own validation answers.
    const empty = await request.post("/cart", { maxRedirects: 0 });
    expect(empty.status()).toBe(400);
    expect(await empty.text()).not.toContain("Application Error");
  });

  test("a form posted from another site is refused with 403, and nothing is added", async ({ request }) => {
    for (const origin of ["https://evil.example", "null"]) {
      const response = await request.post("/cart", { headers: { Origin: origin }, form: { intent: "add", variantId: "1", quantity: "1" }, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(response.headers()["set-cookie"]).toBeUndefined();
      expect(await response.text()).toContain("sent from another site");
    }
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
      "/search?q=%00%00": [200],
      [`/search?q=${"a".repeat(4000)}`]: [200, 400],
      "/checkout?edit=%3Cscript%3E": [200, 302, 303],
    };
    for (const [path, allowed] of Object.entries(answers)) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(allowed, `${path.slice(0, 60)} answered ${response.status()}`).toContain(response.status());
    }
    expect((await request.get("/healthz")).status()).toBe(200);
  });

  test("a 5 MB form to the bag is refused as too large and the server keeps serving", async ({ request }) => {
    const response = await request.post("/cart", { form: { intent: "add", variantId: "1", quantity: "1", filler: "a".repeat(5_000_000) } });
    expect(response.status()).toBe(413);
    expect((await request.get("/healthz")).status()).toBe(200);
  });
});
