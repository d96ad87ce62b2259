import { expect, test } from "@playwright/test";

test("the server answers health checks and serves the storefront shell", async ({ page, request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Soko, home" })).toBeVisible();
});
