/**
 * The artisan app as Grace (the demo artisan) uses it: a 360 px phone, JavaScript off, Swahili.
 * Log in, switch her language, see an offer, accept it, start it, mark it ready. And five wrong
 * PINs lock an account (a throwaway artisan, so the demo login keeps working for other suites).
 */
import { expect, test } from "./csp";
import { hashSecret } from "~/domain/accounts/password.server";
import { e2eSql } from "./support";

const DEMO_PHONE = "+254700000001";

test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: "sw-KE", isMobile: true, hasTouch: true });

/** Offers Grace a request for a piece she can make (what the dispatch job would have written). */
async function offerToGrace(quantity: number): Promise<string> {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ number: string }[]>`
      with grace as (select id from artisans where phone = ${DEMO_PHONE}),
      piece as (
        select v.id, v.piece_rate from variants v join products p on p.id = v.product_id
        where p.status = 'active'
          and not exists (select 1 from product_skills ps where ps.product_id = p.id
                          and ps.skill_id not in (select skill_id from artisan_skills where artisan_id = (select id from grace)))
        order by v.id limit 1)
      insert into production_requests (number, variant_id, quantity, artisan_id, piece_rate, due_date, status, offer_expires_at)
      select 'PR-' || nextval('production_request_numbers'), piece.id, ${quantity}, grace.id, piece.piece_rate, current_date + 14, 'offered', now() + interval '1 day'
      from grace, piece
      returning number`;
    expect(row, "the demo data has a piece Grace can make").toBeTruthy();
    return row.number;
  } finally {
    await sql.end();
  }
}

async function setGraceLanguage(language: "sw" | "en") {
  const sql = e2eSql();
  try {
    await sql`update artisans set language = ${language} where phone = ${DEMO_PHONE}`;
  } finally {
    await sql.end();
  }
}

test.describe("artisan app, JavaScript off, Swahili phone", () => {
  test.afterAll(async () => {
    // Leave the demo artisan as the seed made her, for other suites.
    await setGraceLanguage("en");
  });

  test("log in, switch to Swahili, accept an offer, start it and mark it ready", async ({ page }) => {
    const number = await offerToGrace(2);

    await page.goto("/artisan");
    // A sw-KE phone gets the login page in Swahili.
    await expect(page.getByRole("heading", { name: "Ingia" })).toBeVisible();
    await expect(page.locator(".aa")).toHaveAttribute("lang", "sw");
    await page.getByLabel("Nambari ya simu").fill("0700 000 001");
    await page.getByLabel("PIN", { exact: true }).fill("1234");
    await page.getByRole("button", { name: "Ingia" }).click();
    await expect(page).toHaveURL(/\/artisan\/offers$/);

    // Grace saved English, but she signed in on the Swahili page: the app is in Swahili, and so is her profile.
    await expect(page.locator(".aa")).toHaveAttribute("lang", "sw");
    await page.getByRole("navigation", { name: "Programu ya fundi" }).getByRole("link", { name: "Wasifu" }).click();
    await expect(page.getByLabel("Lugha")).toHaveValue("sw");

    await page.getByRole("link", { name: "Kazi mpya" }).click();
    await expect(page.getByRole("heading", { name: "Kazi mpya", level: 1 })).toBeVisible();
    const card = page.getByRole("listitem").filter({ hasText: `Ombi ${number}` });
    await expect(card).toContainText("Vipande 2");
    await expect(card).toContainText("Malipo kwa kipande");
    await expect(card.getByRole("img")).toBeVisible();
    // Touch targets stay large on a 360 px screen.
    const accept = card.getByRole("button", { name: "Kubali vyote 2", exact: true });
    const box = await accept.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await accept.click();
    await expect(page.getByText("Umekubali. Utaipata kwenye Kazi yangu.")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: `Ombi ${number}` })).toHaveCount(0);

    await page.getByRole("link", { name: "Kazi yangu" }).click();
    const work = page.getByRole("listitem").filter({ hasText: `Ombi ${number}` });
    await expect(work).toContainText("Imekubaliwa — haijaanza");
    await work.getByRole("button", { name: "Anza" }).click();
    await expect(page.getByText("Umeanza. Kazi njema!")).toBeVisible();

    const started = page.getByRole("listitem").filter({ hasText: `Ombi ${number}` });
    await started.getByLabel("Vingapi vimetengenezwa?").fill("1");
    await started.getByRole("button", { name: "Hifadhi" }).click();
    // One piece made: the verb agrees with one (kimetengenezwa), not many.
    await expect(page.getByText("Imehifadhiwa: 1 kati ya 2 kimetengenezwa.")).toBeVisible();

    // Ready means every piece made: with 1 of 2 recorded she says both are made.
    const making = page.getByRole("listitem").filter({ hasText: `Ombi ${number}` });
    await making.getByRole("checkbox", { name: "Vipande vyote 2 vimetengenezwa" }).check();
    await making.getByRole("button", { name: "Tayari kuchukuliwa" }).click();
    await expect(page.getByText("Imewekwa tayari.", { exact: false })).toBeVisible();

    await page.getByRole("link", { name: "Uchukuzi" }).click();
    const delivery = page.getByRole("listitem").filter({ hasText: `Ombi ${number}` });
    await expect(delivery).toContainText("Inasubiri muda wa kuchukuliwa.");
    await expect(delivery).toContainText("Vipande 2");

    // The shopper's history has every step the artisan took.
    const sql = e2eSql();
    try {
      const events = await sql<{ to_status: string }[]>`
        select e.to_status from production_events e join production_requests r on r.id = e.request_id where r.number = ${number} order by e.id`;
      expect(events.map((e) => e.to_status)).toEqual(["accepted", "in_progress", "ready"]);
    } finally {
      await sql.end();
    }

    await page.getByRole("link", { name: "Wasifu" }).click();
    await page.getByRole("button", { name: "Toka" }).click();
    await expect(page.getByRole("heading", { name: "Ingia" })).toBeVisible();
    await page.goto("/artisan/offers");
    await expect(page).toHaveURL(/\/artisan\/?$/);
    await expect(page.getByRole("heading", { name: "Ingia" })).toBeVisible();
  });

  test("five wrong PINs lock the account for 15 minutes, with a clear message", async ({ page }) => {
    const phone = `+2547${String(Date.now()).slice(-8)}`;
    const sql = e2eSql();
    try {
      await sql`
        insert into artisans (handle, first_name, last_name, phone, county, settlement, latitude, longitude, hub_distance_km, payout_phone, pin_hash, language)
        values (${`e2e-lock-${Date.now()}`}, 'Amani', 'Test', ${phone}, 'Nairobi', 'Kibera', -1.31, 36.78, 9, ${phone}, ${await hashSecret("2468")}, 'sw')`;
    } finally {
      await sql.end();
    }
    const local = `0${phone.slice(4)}`;
    await page.goto("/artisan");
    for (let i = 0; i < 4; i++) {
      await page.getByLabel("Nambari ya simu").fill(local);
      await page.getByLabel("PIN", { exact: true }).fill("0000");
      await page.getByRole("button", { name: "Ingia" }).click();
      await expect(page.getByRole("alert")).toContainText("Nambari ya simu na PIN hazilingani.");
    }
    await page.getByLabel("Nambari ya simu").fill(local);
    await page.getByLabel("PIN", { exact: true }).fill("0000");
    await page.getByRole("button", { name: "Ingia" }).click();
    await expect(page.getByRole("alert")).toContainText("Akaunti yako imefungwa kwa dakika 15");
    // Even the right PIN waits out the lock.
    await page.getByLabel("Nambari ya simu").fill(local);
    await page.getByLabel("PIN", { exact: true }).fill("2468");
    await page.getByRole("button", { name: "Ingia" }).click();
    await expect(page.getByRole("alert")).toContainText("imefungwa");
    await expect(page).not.toHaveURL(/\/artisan\/offers/);
  });

  test("the login page switches language with a link, and the app is installable", async ({ page, request }) => {
    await page.goto("/artisan");
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/artisan/manifest.webmanifest");
    const manifest = await (await request.get("/artisan/manifest.webmanifest")).json();
    expect(manifest).toMatchObject({ short_name: "Soko", start_url: "/artisan/offers", display: "standalone", scope: "/artisan/" });
    for (const icon of manifest.icons as Array<{ src: string }>) expect((await request.get(icon.src)).ok()).toBe(true);
    const worker = await request.get("/artisan/sw.js");
    expect(worker.headers()["content-type"]).toContain("javascript");
    expect(await worker.text()).toContain("/artisan/offers");
  });
});
