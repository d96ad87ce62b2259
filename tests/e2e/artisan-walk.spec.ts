/**
 * What issue 15 found walking the artisan app on a 360 px phone with JavaScript off, in Swahili and
 * English: "ready" with pieces missing, the language lost at sign-in, a second sign-in after setting
 * a PIN, tabs broken mid-word, our words left in English, no pending pay and an endless statement.
 * Each artisan here is a throwaway one, so the demo login stays as other suites expect it.
 * ARTISAN_SHOTS=<dir> also keeps a screenshot of every page in both languages there.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./csp";
import { hashSecret } from "~/domain/accounts/password.server";
import { e2eSql } from "./support";

test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: "sw-KE", isMobile: true, hasTouch: true });

let serial = 0;

/** A new artisan (Swahili unless said), with a PIN unless `pin: null`, and skills by slug. Returns her phone as typed. */
async function newArtisan(input: { language?: "sw" | "en"; pin?: string | null; skills?: string[] } = {}) {
  const phone = `+2547${String(Date.now() + serial++).slice(-8)}`;
  const sql = e2eSql();
  try {
    const pinHash = input.pin === null ? null : await hashSecret(input.pin ?? "2468");
    const [row] = await sql<{ id: number }[]>`
      insert into artisans (handle, first_name, last_name, phone, county, settlement, latitude, longitude, hub_distance_km, payout_phone, pin_hash, language)
      values (${`e2e-walk-${phone.slice(-8)}`}, 'Neema', 'Walk', ${phone}, 'Nairobi', 'Kibera', -1.31, 36.78, 9, ${phone}, ${pinHash}, ${input.language ?? "sw"})
      returning id`;
    for (const slug of input.skills ?? []) {
      await sql`insert into artisan_skills (artisan_id, skill_id, weekly_capacity) select ${row.id}, id, 20 from skills where slug = ${slug}`;
    }
    return { id: row.id, phone, local: `0${phone.slice(4)}` };
  } finally {
    await sql.end();
  }
}

/** A request for her on the first active variant, in `status`, with `made` pieces recorded. */
async function workFor(artisanId: number, input: { quantity: number; status: string; made?: number }) {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ number: string; rate: number }[]>`
      with piece as (select v.id, v.piece_rate from variants v join products p on p.id = v.product_id where p.status = 'active' order by v.id limit 1)
      insert into production_requests (number, variant_id, quantity, units_made, artisan_id, piece_rate, due_date, status)
      select 'PR-' || nextval('production_request_numbers'), piece.id, ${input.quantity}, ${input.made ?? 0}, ${artisanId}, piece.piece_rate, current_date + 14, ${input.status}
      from piece returning number, piece_rate as rate`;
    return row;
  } finally {
    await sql.end();
  }
}

async function signIn(page: Page, local: string, pin = "2468", lang: "sw" | "en" = "sw") {
  await page.goto(`/artisan?lang=${lang}`);
  await page.getByLabel(lang === "sw" ? "Nambari ya simu" : "Phone number").fill(local);
  await page.getByLabel("PIN", { exact: true }).fill(pin);
  await page.getByRole("button", { name: lang === "sw" ? "Ingia" : "Sign in" }).click();
  await expect(page).toHaveURL(/\/artisan\/offers$/);
}

async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
  const dir = process.env.ARTISAN_SHOTS;
  const file = dir ? path.join(dir, `${name}.png`) : testInfo.outputPath(`${name}.png`);
  if (dir) mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: file, fullPage });
}

/** Words of each bottom tab label that the browser split across lines (none is the rule). */
async function brokenTabWords(page: Page): Promise<string[]> {
  return page.locator(".aa-nav .aa-nav__label").evaluateAll((labels) => {
    const broken: string[] = [];
    for (const label of labels) {
      const text = label.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) continue;
      const value = text.textContent ?? "";
      let at = 0;
      for (const word of value.split(" ")) {
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + word.length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(word);
        at += word.length + 1;
      }
      const link = label.closest("a")!;
      if (link.scrollWidth > link.clientWidth + 1) broken.push(`${value} (overflows)`);
    }
    return broken;
  });
}

test.describe("artisan app walk, 360 px, JavaScript off", () => {
  test("ready means every piece made: 4 of 6 is refused until she says all 6 are made; deliveries then say 6", async ({
    page,
  }, testInfo) => {
    const me = await newArtisan();
    const work = await workFor(me.id, { quantity: 6, status: "in_progress", made: 4 });
    await signIn(page, me.local);
    await page.getByRole("navigation", { name: "Programu ya fundi" }).getByRole("link", { name: "Kazi yangu" }).click();
    const card = page.getByRole("listitem").filter({ hasText: `Ombi ${work.number}` });
    await expect(card).toContainText("4 kati ya 6 vimetengenezwa");
    await expect(card.getByRole("checkbox", { name: "Vipande vyote 6 vimetengenezwa" })).not.toBeChecked();
    await shot(page, testInfo, "work-sw");

    // Not ticked: refused, in her language, nothing moves.
    await card.getByRole("button", { name: "Tayari kuchukuliwa" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "Tayari maana yake ni vipande vyote vimetengenezwa (4 kati ya 6 vimerekodiwa). Weka alama kisandukuni vyote 6 vikikamilika.",
    );
    await shot(page, testInfo, "work-refused-sw");
    const again = page.getByRole("listitem").filter({ hasText: `Ombi ${work.number}` });
    await again.getByRole("checkbox", { name: "Vipande vyote 6 vimetengenezwa" }).check();
    await again.getByRole("button", { name: "Tayari kuchukuliwa" }).click();
    await expect(page.getByRole("status")).toHaveText("Imewekwa tayari. Mpanda pikipiki atapangwa kuichukua.");

    await page.getByRole("link", { name: "Uchukuzi" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: `Ombi ${work.number}` })).toContainText("Vipande 6");
    await shot(page, testInfo, "deliveries-sw");
    const sql = e2eSql();
    try {
      const [row] = await sql<{ status: string; units_made: number; quantity: number }[]>`
        select status, units_made, quantity from production_requests where number = ${work.number}`;
      // What the hub reads: six made of six.
      expect(row).toEqual({ status: "ready", units_made: 6, quantity: 6 });
    } finally {
      await sql.end();
    }
  });

  test("the sign-in page's language carries into the app and her profile", async ({ page }, testInfo) => {
    const me = await newArtisan({ language: "en" });
    await page.goto("/artisan");
    await expect(page.getByRole("heading", { name: "Ingia" })).toBeVisible();
    await shot(page, testInfo, "login-sw");
    await page.getByLabel("Nambari ya simu").fill(me.local);
    await page.getByLabel("PIN", { exact: true }).fill("2468");
    await page.getByRole("button", { name: "Ingia" }).click();
    await expect(page).toHaveURL(/\/artisan\/offers$/);
    // Saved English, signed in on the Swahili page: Swahili, not English.
    await expect(page.locator(".aa")).toHaveAttribute("lang", "sw");
    await expect(page.getByRole("heading", { name: "Kazi mpya", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "Wasifu" }).click();
    await expect(page.getByLabel("Lugha")).toHaveValue("sw");
  });

  test("setting a PIN with the SMS code signs her in; no second sign-in", async ({ page }, testInfo) => {
    const me = await newArtisan({ pin: null, language: "en" });
    await page.goto("/artisan");
    await page.getByRole("link", { name: "Pata nambari kwa SMS" }).click();
    await expect(page.getByRole("heading", { name: "Weka PIN yako" })).toBeVisible();
    await page.getByLabel("Nambari ya simu").fill(me.local);
    await page.getByRole("button", { name: "Nitumie nambari" }).click();
    await expect(page.getByRole("status")).toContainText("nambari ya siri inakuja kwa SMS");
    const sql = e2eSql();
    let code: string;
    try {
      const [sms] = await sql<{ text: string }[]>`select text from outbox where "to" = ${me.phone} order by id desc limit 1`;
      code = /(\d{6})/.exec(sms.text)![1];
    } finally {
      await sql.end();
    }
    await page.getByLabel("Nambari kutoka kwa SMS").fill(code);
    await page.getByLabel("PIN mpya (tarakimu 4 hadi 6)").fill("8642");
    await page.getByLabel("PIN mpya tena").fill("8642");
    await shot(page, testInfo, "pin-sw");
    await page.getByRole("button", { name: "Hifadhi PIN yangu" }).click();
    await expect(page).toHaveURL(/\/artisan\/offers$/);
    await expect(page.getByRole("status")).toHaveText("PIN yako imewekwa na umeingia. Itumie utakapoingia tena.");
    await expect(page.locator(".aa")).toHaveAttribute("lang", "sw");
    await shot(page, testInfo, "offers-after-pin-sw");
  });

  for (const lang of ["sw", "en"] as const) {
    test(`bottom tabs never break a word (${lang}); skills, options and the photo picker in ${lang}`, async ({ page }, testInfo) => {
      const me = await newArtisan({ language: lang, skills: ["horn-carving", "polishing"] });
      await workFor(me.id, { quantity: 2, status: "in_progress", made: 0 });
      await workFor(me.id, { quantity: 3, status: "offered" });
      await signIn(page, me.local, "2468", lang);
      const sw = lang === "sw";
      const nav = page.getByRole("navigation", { name: sw ? "Programu ya fundi" : "Artisan app" });
      const labels = sw
        ? ["Kazi mpya", "Kazi yangu", "Uchukuzi", "Bidhaa", "Mapato", "Wasifu"]
        : ["Offers", "Work", "Pickups", "Stock", "Earnings", "Profile"];
      for (const label of labels) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
      expect(await brokenTabWords(page)).toEqual([]);
      const tab = await nav.getByRole("link", { name: labels[2], exact: true }).boundingBox();
      expect(tab!.height).toBeGreaterThanOrEqual(48);

      // Offers: the option is labelled, the catalog's name kept as data.
      await expect(page.locator(".aa-card__meta").first()).toContainText(sw ? "Aina:" : "Option:");
      await shot(page, testInfo, `offers-${lang}`);

      await nav.getByRole("link", { name: labels[1], exact: true }).click();
      const card = page.locator(".aa-card").first();
      await expect(card.locator(".aa-card__meta")).toContainText(sw ? "Aina:" : "Option:");
      await expect(card.getByText(sw ? "Piga au chagua picha" : "Take or choose a photo")).toBeVisible();
      await expect(card.getByText(sw ? "Hujachagua picha." : "No photo chosen.")).toBeVisible();
      // The browser's own button (in the phone's interface language) is not what she sees.
      const picker = card.locator('input[type="file"]');
      expect((await picker.boundingBox())!.width).toBeLessThanOrEqual(1);
      await picker.setInputFiles({
        name: "done.png",
        mimeType: "image/png",
        buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      });
      await expect(card.getByText(sw ? "✓ Picha imechaguliwa." : "✓ Photo chosen.", { exact: false })).toBeVisible();
      expect(await brokenTabWords(page)).toEqual([]);
      await shot(page, testInfo, `work-${lang}`);
      await card.getByText(sw ? "Piga au chagua picha" : "Take or choose a photo").scrollIntoViewIfNeeded();
      await shot(page, testInfo, `work-photo-${lang}`, false);

      await nav.getByRole("link", { name: labels[2], exact: true }).click();
      await shot(page, testInfo, `deliveries-empty-${lang}`);
      await nav.getByRole("link", { name: labels[3], exact: true }).click();
      await shot(page, testInfo, `stock-${lang}`);

      await nav.getByRole("link", { name: labels[5], exact: true }).click();
      // Skills are ours: in Swahili on a Swahili page.
      await expect(page.getByLabel(sw ? "Kuchonga pembe — Vipande kwa wiki" : "Horn carving — Pieces a week")).toBeVisible();
      await expect(
        page.getByLabel(sw ? "Kung'arisha na kumalizia — Vipande kwa wiki" : "Polishing and finishing — Pieces a week"),
      ).toBeVisible();
      expect(await brokenTabWords(page)).toEqual([]);
      await shot(page, testInfo, `profile-${lang}`);
    });
  }

  test("earnings: pending pay for accepted work, and the statement 20 lines a page with plain links", async ({ page }, testInfo) => {
    const me = await newArtisan();
    const first = await workFor(me.id, { quantity: 2, status: "accepted" });
    const second = await workFor(me.id, { quantity: 3, status: "ready", made: 3 });
    await workFor(me.id, { quantity: 5, status: "offered" }); // not accepted: not pending
    const sql = e2eSql();
    try {
      await sql`
        insert into payouts (artisan_id, amount, phone, status, idempotency_key, receipt, created_at)
        select ${me.id}, 50000 + n, ${me.phone}, 'succeeded', ${`e2e-walk-${me.id}-`} || n, 'SFK' || lpad(n::text, 7, '0'), now() - n * interval '1 day'
        from generate_series(1, 25) n`;
    } finally {
      await sql.end();
    }
    await signIn(page, me.local);
    await page.getByRole("link", { name: "Mapato" }).click();
    const pending = page.getByRole("group", { name: "Inasubiri: kazi uliyokubali, bado haijalipwa" });
    const expected = (first.rate * 2 + second.rate * 3) / 100;
    await expect(pending.getByTestId("pending")).toContainText(expected.toLocaleString("en-US"));
    await expect(pending).toContainText("Kwa maombi 2 uliyokubali.");
    await expect(page.locator(".earnings-line")).toHaveCount(20);
    const pages = page.getByRole("navigation", { name: "Kurasa za taarifa" });
    await expect(pages).toContainText("Ukurasa 1 kati ya 2");
    expect(await brokenTabWords(page)).toEqual([]);
    await shot(page, testInfo, "earnings-sw");
    await shot(page, testInfo, "earnings-top-sw", false);
    await pages.scrollIntoViewIfNeeded();
    await shot(page, testInfo, "earnings-pager-sw", false);
    // Dark on white: readable, not a white label on a white button.
    await expect(pages.getByRole("link", { name: "Ya zamani →" })).toHaveCSS("color", "rgb(17, 17, 17)");
    await pages.getByRole("link", { name: "Ya zamani →" }).click();
    await expect(page).toHaveURL(/\/artisan\/earnings\?page=2$/);
    await expect(page.locator(".earnings-line")).toHaveCount(5);
    await expect(page.getByRole("navigation", { name: "Kurasa za taarifa" })).toContainText("Ukurasa 2 kati ya 2");
    await shot(page, testInfo, "earnings-page2-sw");
    await page.getByRole("link", { name: "← Mapya zaidi" }).scrollIntoViewIfNeeded();
    await shot(page, testInfo, "earnings-page2-pager-sw", false);
  });

  test("earnings in English", async ({ page }, testInfo) => {
    const me = await newArtisan({ language: "en" });
    await workFor(me.id, { quantity: 1, status: "in_progress" });
    await signIn(page, me.local, "2468", "en");
    await page.getByRole("link", { name: "Earnings" }).click();
    const pending = page.getByRole("group", { name: "Pending: accepted work not yet paid" });
    await expect(pending).toContainText("For 1 request you have accepted.");
    expect(await brokenTabWords(page)).toEqual([]);
    await shot(page, testInfo, "earnings-en");
  });
  test("an offer taken away while her page was open: the refusal is in her language, with her name and tabs", async ({
    page,
  }, testInfo) => {
    const me = await newArtisan({ language: "en" });
    const other = await newArtisan({ language: "en" });
    const offer = await workFor(me.id, { quantity: 3, status: "offered" });
    await signIn(page, me.local, "2468", "en");
    const card = page.getByRole("listitem").filter({ hasText: `Request ${offer.number}` });
    await expect(card).toBeVisible();
    // Ops reassigns it to another artisan before she taps Accept.
    const sql = e2eSql();
    try {
      await sql`update production_requests set artisan_id = ${other.id} where number = ${offer.number}`;
      const answer = page.waitForResponse((r) => r.url().endsWith("/artisan/offers") && r.request().method() === "POST");
      await card.getByRole("button", { name: "Accept all 3" }).click();
      expect((await answer).status()).toBe(404);
      await expect(page.locator(".aa")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("heading", { name: "We couldn't find that.", level: 1 })).toBeVisible();
      await expect(page.locator(".aa-header__name")).toHaveText("Neema Walk");
      await expect(page.getByRole("navigation", { name: "Artisan app" }).getByRole("link", { name: "Offers" })).toBeVisible();
      await shot(page, testInfo, "offer-gone-en");
      // Nothing moved: still the other artisan's, still offered.
      const [row] = await sql<
        { artisan_id: number; status: string }[]
      >`select artisan_id, status from production_requests where number = ${offer.number}`;
      expect(row).toEqual({ artisan_id: other.id, status: "offered" });
    } finally {
      await sql.end();
    }
  });
});
