/**
 * The whole product in one story, the way its users meet it:
 *   a guest buys a made-to-order piece with the 4242 card and keeps the order's status page open →
 *   the dispatch job (the app's own worker) offers the work to an artisan, who signs in on her phone,
 *   accepts, starts and marks it ready → the status page follows by itself (SSE, no reload) →
 *   the Nairobi hub receives it, passes QC, packs and ships it → the page shows the tracking and the
 *   shipped email is in the outbox → the artisan's earnings and /ops/payouts show her credit.
 *
 * Racing the other suites on the one shared demo database: the piece is new (made for this run) and
 * needs a craft of its own that only one artisan, also new, has. So the dispatch is deterministic
 * (she is the only one who can make it, and nobody else's order can be offered to her), no other
 * suite's QC credit or payout run touches her books, and every check reads her balance before and
 * after. Her credit stays under the KES 500 payout threshold, so payouts.spec's run never pays her;
 * this journey only previews payouts and never runs a batch.
 */
import { expect, test, type Locator } from "@playwright/test";
import { hashSecret } from "~/domain/accounts/password.server";
import { ean13 } from "../../db/seed/codes";
import { buyThroughStorefront, e2eSql, signInAsOpsAdmin, signInToArtisanApp } from "./support";

const PIN = "4826";
/** KES 385 a piece, in minor units: under the KES 500 payout threshold. */
const PIECE_RATE = 38_500;

type Arranged = {
  variantId: number;
  handle: string;
  title: string;
  artisan: { id: number; firstName: string; lastName: string; settlement: string; phone: string; typedPhone: string };
};

/**
 * What operations would have set up before the shopper came: a published piece (no stock anywhere,
 * so it is made to order) needing a craft nobody else has, and the one artisan who has it. Her PIN
 * is hashed with the app's own hashSecret, as if she had set it by SMS code.
 */
async function arrangePieceOnlyOneArtisanMakes(): Promise<Arranged> {
  // Unique per run, even for two workers starting in the same millisecond.
  const stamp = Date.now();
  const nonce = Math.floor(Math.random() * 1000);
  const tag = `${stamp.toString(36)}${nonce.toString(36)}`;
  // A Safaricom 011x number of its own (the seed uses 07xx numbers).
  const local = `011${String(stamp % 10_000).padStart(4, "0")}${String(nonce).padStart(3, "0")}`;
  const phone = `+254${local.slice(1)}`;
  const sql = e2eSql();
  try {
    return await sql.begin(async (tx) => {
      const [skill] = await tx<{ id: number }[]>`
        insert into skills (slug, name) values (${`e2e-journey-${tag}`}, ${`Journey craft ${tag}`}) returning id`;
      const title = `Journey Bone Stud ${tag.toUpperCase()}`;
      const handle = `journey-bone-stud-${tag}`;
      const [product] = await tx<{ id: number }[]>`
        insert into products (handle, title, story, category, materials, care, status, published_at)
        values (${handle}, ${title}, 'Carved and polished by hand, one pair at a time.', 'earrings', ${["bone"]}, 'Keep dry.', 'active', now())
        returning id`;
      const [variant] = await tx<{ id: number }[]>`
        insert into variants (product_id, sku, barcode, title, price, wholesale_price, lead_time_days, piece_rate)
        values (${product.id}, ${`E2E-JOURNEY-${tag.toUpperCase()}`}, ${ean13("28", (stamp % 10_000_000) * 1000 + nonce)}, 'Default', 4800, 2400, 14, ${PIECE_RATE})
        returning id`;
      await tx`insert into product_skills (product_id, skill_id) values (${product.id}, ${skill.id})`;
      // A demo picture (images are generated per name; any existing one renders).
      await tx`
        insert into product_images (product_id, url, alt, width, height)
        select ${product.id}, url, ${`${title} on a warm sand background`}, width, height from product_images order by id limit 1`;
      const [artisan] = await tx<{ id: number }[]>`
        insert into artisans (handle, first_name, last_name, phone, county, settlement, latitude, longitude, hub_distance_km, payout_phone, pin_hash, language)
        values (${`e2e-journey-${tag}`}, 'Wanjiku', ${`Journey${tag.toUpperCase()}`}, ${phone}, 'Nairobi', 'Mathare', -1.26, 36.86, 7, ${phone}, ${await hashSecret(PIN)}, 'en')
        returning id`;
      await tx`insert into artisan_skills (artisan_id, skill_id, weekly_capacity) values (${artisan.id}, ${skill.id}, 7)`;
      return {
        variantId: variant.id,
        handle,
        title,
        artisan: {
          id: artisan.id,
          firstName: "Wanjiku",
          lastName: `Journey${tag.toUpperCase()}`,
          settlement: "Mathare",
          phone,
          typedPhone: `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`,
        },
      };
    });
  } finally {
    await sql.end();
  }
}

/** The text of the offer SMS sent to a phone ("" until the notify job has stored it). */
async function offerSmsTo(phone: string): Promise<string> {
  const sql = e2eSql();
  try {
    const rows = await sql<{ text: string }[]>`select text from outbox where channel = 'sms' and template = 'offer' and "to" = ${phone}`;
    return rows.map((r) => r.text).join("\n");
  } finally {
    await sql.end();
  }
}

/** "KES 1,234.50" (however the currency is written) → 123450. */
async function minorUnits(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? "";
  const amount = /(\d[\d,]*)\.(\d{2})/.exec(text);
  expect(amount, `an amount in "${text}"`).toBeTruthy();
  return Number(amount![1].replace(/,/g, "")) * 100 + Number(amount![2]);
}

const kes = (minor: number) => new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100);

test("a made-to-order piece, from the guest's checkout to the artisan's pay", async ({ browser }) => {
  test.setTimeout(120_000);
  const piece = await arrangePieceOnlyOneArtisanMakes();
  const { artisan } = piece;
  const tracking = `JD${Date.now()}${String(Math.floor(Math.random() * 100_000)).padStart(5, "0")}`;

  // Three people, three devices: the guest, the artisan on a small phone with JavaScript off, operations.
  // The guest is in San Francisco: the page's times are hers (Pacific), not the server's UTC.
  const guestContext = await browser.newContext({ timezoneId: "America/Los_Angeles" });
  const phoneContext = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    locale: "en-KE",
  });
  const opsContext = await browser.newContext();
  try {
    // The artisan's balance before any of this (the page every check below compares with).
    const phone = await phoneContext.newPage();
    await signInToArtisanApp(phone, artisan.typedPhone, PIN);
    await phone.getByRole("navigation", { name: "Artisan app" }).getByRole("link", { name: "Earnings" }).click();
    await expect(phone.getByRole("heading", { name: "Earnings", level: 1 })).toBeVisible();
    const balanceBefore = await minorUnits(phone.getByTestId("balance"));

    // 1. A guest buys the piece with the 4242 card and lands on the order's live status page.
    const guest = await guestContext.newPage();
    const orderNumber = await buyThroughStorefront(guest, `journey-${Date.now()}@example.com`, [piece]);
    await expect(guest.getByRole("status")).toContainText("Thank you! Your order is confirmed.");
    await expect(guest.getByText(`Order ${orderNumber}`)).toBeVisible();
    await expect(guest.locator(".live-badge")).toHaveText("Live");
    // Proof, at the end, that the page was never reloaded: this survives only in the same document.
    await guest.evaluate(() => ((window as unknown as { __journey: string }).__journey = "never reloaded"));
    const timeline = guest.getByRole("list", { name: `Progress of ${piece.title}` });
    const nowAt = timeline.locator('[aria-current="step"]');
    await expect(guest.getByRole("heading", { name: "Estimated delivery" })).toBeVisible();
    await expect(timeline.locator("time").first()).toHaveText(/ P[SD]T$/);

    // 2. The dispatch job offers the work to the only artisan who can make it.
    await expect(nowAt).toContainText("Offered to our artisans", { timeout: 15_000 });
    await phone.getByRole("navigation", { name: "Artisan app" }).getByRole("link", { name: "Offers" }).click();
    const offer = phone.getByRole("listitem").filter({ hasText: piece.title });
    await expect(offer.getByRole("definition").first()).toHaveText("1 piece");
    await expect(offer).toContainText(kes(PIECE_RATE));
    const requestNumber = /PR-\d+/.exec((await offer.getByText(/Request PR-\d+/).textContent())!)![0];
    // The offer reached her feature-phone way too: an SMS naming the request (stored by the local SMS adapter).
    await expect.poll(() => offerSmsTo(artisan.phone), { timeout: 10_000 }).toContain(requestNumber);
    await offer.getByRole("button", { name: "Accept", exact: true }).click();
    await expect(phone.getByRole("status")).toHaveText("Accepted. You'll find it under Work.");

    // 3. … and the guest's page, still open, follows without a reload.
    await expect(nowAt).toContainText(`Accepted by ${artisan.firstName}, ${artisan.settlement}`);

    await phone.getByRole("navigation", { name: "Artisan app" }).getByRole("link", { name: "Work" }).click();
    const work = () => phone.getByRole("listitem").filter({ hasText: `Request ${requestNumber}` });
    await expect(work()).toContainText("Accepted — not started");
    await work().getByRole("button", { name: "Start" }).click();
    await expect(phone.getByRole("status")).toHaveText("Started. Good work!");
    await expect(nowAt).toContainText("Being made by hand");

    await expect(work()).toContainText("In progress");
    // Ready means every piece made: nothing recorded yet, so she says they all are.
    await work().getByRole("checkbox", { name: /made$/ }).check();
    await work().getByRole("button", { name: "Ready for pickup" }).click();
    await expect(phone.getByRole("status")).toHaveText("Marked ready. A rider will be booked to collect it.");
    await expect(nowAt).toContainText("Ready for pickup");
    await expect(timeline.locator(".timeline__step--done").filter({ hasText: `Accepted by ${artisan.firstName}` })).toBeVisible();
    await expect(timeline.locator(".timeline__step--done").filter({ hasText: "Being made by hand" })).toBeVisible();

    // 4. The Nairobi hub: receive it by its number, pass QC, pack and ship.
    const hub = await opsContext.newPage();
    await hub.goto("/ops/hub");
    await signInAsOpsAdmin(hub);
    await expect(hub.getByRole("heading", { level: 1, name: "Today at the hub" })).toBeVisible();
    await hub.getByLabel("Request or return number, or scan").fill(requestNumber);
    await hub.getByLabel("Request or return number, or scan").press("Enter");
    await expect(hub.getByRole("heading", { level: 1, name: requestNumber })).toBeVisible();
    await hub.getByRole("button", { name: `Receive ${requestNumber}` }).click();
    await expect(hub.getByRole("status")).toContainText(`${requestNumber} received: 1 ×`);
    await expect(nowAt).toContainText("At our Nairobi hub");

    await expect(hub.getByLabel("Units passed")).toHaveValue("1");
    await hub.getByRole("button", { name: "Record the quality check" }).click();
    await expect(hub.getByRole("status")).toHaveText(`${requestNumber} passed QC: 1 unit credited to the artisan.`);
    await expect(nowAt).toContainText("Quality checked");

    await hub.getByRole("link", { name: "Pack & ship" }).click();
    await hub.getByRole("button", { name: `Pack ${orderNumber}` }).click();
    await expect(hub.getByRole("status")).toHaveText(`Order ${orderNumber} is packed.`);
    await expect(nowAt).toContainText("Packed");
    const shipForm = hub.getByRole("form", { name: `Ship ${orderNumber}` });
    await shipForm.getByLabel("Carrier").selectOption("DHL");
    await shipForm.getByLabel("Tracking number").fill(tracking);
    await shipForm.getByRole("button", { name: `Ship ${orderNumber}` }).click();
    await expect(hub.getByRole("status")).toContainText(`Order ${orderNumber} shipped with DHL (${tracking}).`);

    // 5. The guest's page shows it shipped, with the carrier and tracking, still without a reload …
    await expect(guest.getByRole("heading", { level: 1, name: "Shipped" })).toBeVisible();
    await expect(nowAt).toContainText("Shipped");
    await expect(nowAt).toContainText(`DHL ${tracking}`);
    // The tracking number links DHL's own tracking page; the estimate now counts from the ship day.
    await expect(nowAt.getByRole("link", { name: new RegExp(tracking) })).toHaveAttribute("href", new RegExp(`tracking-id=${tracking}$`));
    await expect(guest.getByRole("heading", { name: "On its way" })).toBeVisible();
    await guest.screenshot({ path: test.info().outputPath("order-shipped-1280.png"), fullPage: true });
    await expect(timeline.locator(".timeline__step--done").filter({ hasText: "Quality checked" })).toBeVisible();
    expect(await guest.evaluate(() => (window as unknown as { __journey?: string }).__journey)).toBe("never reloaded");

    // … and the shipped email, rendered by a job, is in the outbox with the tracking and the page's link.
    const shippedSubject = `Your Soko order ${orderNumber} is on its way`;
    await hub.goto("/ops/outbox?channel=email");
    await expect(async () => {
      await hub.reload();
      await hub.getByRole("link", { name: shippedSubject }).click({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(hub.getByRole("heading", { level: 1, name: shippedSubject })).toBeVisible();
    const email = hub.frameLocator('iframe[title^="Email preview"]');
    await expect(email.getByText(tracking)).toBeVisible();
    await expect(email.getByRole("link", { name: "Track your order" })).toHaveAttribute(
      "href",
      new RegExp(`/orders/${orderNumber}\\?t=[\\w-]+$`),
    );

    // 6. The artisan's earnings: the QC-passed piece credited, her balance up by exactly its pay.
    await phone.getByRole("navigation", { name: "Artisan app" }).getByRole("link", { name: "Earnings" }).click();
    const credit = phone.getByRole("listitem").filter({ hasText: requestNumber });
    await expect(credit).toContainText(piece.title);
    await expect(credit).toContainText(`+`);
    await expect(credit).toContainText(`1 × `);
    await expect(credit).toContainText(kes(PIECE_RATE));
    expect(await minorUnits(phone.getByTestId("balance"))).toBe(balanceBefore + PIECE_RATE);

    // Operations see what she is owed in the payout preview (previewed only: no run is started here).
    await hub.goto("/ops/payouts");
    await expect(hub.getByRole("heading", { name: "Payouts", level: 1 })).toBeVisible();
    await hub.getByLabel("Pay balances of at least (KES)").fill(String(Math.floor((balanceBefore + PIECE_RATE) / 100)));
    await hub.getByRole("button", { name: "Preview" }).click();
    await expect(hub).toHaveURL(/threshold=\d+/);
    // Most owed first, 50 a page: she is found by her phone, at the threshold just previewed.
    await hub.getByLabel("Name, phone or settlement").fill(artisan.phone);
    await hub.getByRole("button", { name: "Search" }).click();
    await expect(hub).toHaveURL(/threshold=\d+.*q=/);
    const owed = hub
      .getByRole("region", { name: "Who the next run pays" })
      .getByRole("row")
      .filter({ hasText: `#${artisan.id}` });
    await expect(owed).toContainText(`${artisan.firstName} ${artisan.lastName}`);
    await expect(owed).toContainText(artisan.phone);
    await expect(owed).toContainText(kes(balanceBefore + PIECE_RATE));
    await expect(hub.getByText("Balanced: every account together sums to zero")).toBeVisible();
  } finally {
    await Promise.all([guestContext.close(), phoneContext.close(), opsContext.close()]);
  }
});
