/**
 * An order of gift cards only ships nothing: each card is emailed. Its status page and the console's
 * order page say when each card was sent, or the day it waits for, where a parcel's progress and
 * "Not shipped yet" would be. A shopper on a 390 px phone without JavaScript; ops at 1280.
 */
import { type Browser, expect, type Page, test } from "@playwright/test";
import { signInAsStaff } from "./support";

const DAY = 86_400_000;

async function buyCard(browser: Browser, recipient: string, sendOn: string | null) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/gift-cards");
  await page.getByLabel("Their name").fill(recipient);
  await page.getByLabel("Their email").fill(`${recipient.toLowerCase()}@example.test`);
  await page.getByLabel("Your name").fill("Amina");
  await page.getByLabel("Your email (for the receipt)").fill("amina@example.test");
  if (sendOn) await page.getByLabel("Send it on").fill(sendOn);
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Buy gift card" }).click();
  const thanks = (await page.getByRole("status").textContent()) ?? "";
  const number = /order (SK-\d+)/.exec(thanks)?.[1];
  expect(number, thanks).toBeTruthy();
  await context.close();
  return number!;
}

async function shot(page: Page, name: string, widths: number[]) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
}

test("a gift-card-only order says when its card is emailed, on the shopper's page and the console's, never 'Not shipped yet'", async ({
  browser,
}) => {
  // The send day is a UTC day (the card goes early that day): twelve days on is ahead at any hour.
  const later = new Date(Date.now() + 12 * DAY).toISOString().slice(0, 10);
  const laterWords = new Date(`${later}T00:00:00Z`).toLocaleDateString("en-US", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const laterWordsGb = new Date(`${later}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const waiting = await buyCard(browser, "Wanjiru", later);
  const now = await buyCard(browser, "Baraka", null);

  const { context, page: ops } = await signInAsStaff(browser, "ops@soko.test");
  await ops.goto(`/ops/orders/${waiting}`);
  const shipments = ops.getByRole("region", { name: "Shipments" });
  await expect(shipments).toContainText(`Nothing to ship: gift card ····`);
  await expect(shipments).toContainText(`for Wanjiru to be sent by email on ${laterWordsGb} (early that day, UTC)`);
  await expect(shipments).not.toContainText("Not shipped yet");
  await shot(ops, "ops-gift-card-order", [1280, 820, 390]);
  const statusPath = await ops.getByRole("link", { name: "Customer's status page" }).getAttribute("href");

  await ops.goto(`/ops/orders/${now}`);
  // Sent at once: the card's email is queued as the order is placed.
  await expect(async () => {
    await ops.reload();
    await expect(ops.getByRole("region", { name: "Shipments" })).toContainText(/for Baraka sent by email \d+ \w+ \d{4}, \d\d:\d\d EAT/, {
      timeout: 1000,
    });
  }).toPass({ timeout: 20_000 });
  await expect(ops.getByRole("region", { name: "Shipments" })).not.toContainText("Not shipped yet");
  const sentPath = await ops.getByRole("link", { name: "Customer's status page" }).getAttribute("href");
  await context.close();

  const shopper = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await shopper.newPage();
  await page.goto(statusPath!);
  const delivery = page.getByRole("region", { name: "Nothing to ship" });
  await expect(delivery).toContainText(`Gift card for Wanjiru: to be sent by email on ${laterWords}, the day you chose.`);
  await expect(page.getByText("Not shipped yet")).toHaveCount(0);
  await shot(page, "shopper-gift-card-order", [390, 820, 1280]);
  // Nothing wider than the phone.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await page.goto(sentPath!);
  await expect(page.getByRole("region", { name: "Nothing to ship" })).toContainText(
    /Gift card for Baraka: sent by email on \w+ \d+, \d{4}\./,
  );
  await shopper.close();
});
