import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { hashSecret } from "~/domain/accounts/password.server";
import { envelope, sample850 } from "../../app/domain/edi/samples";
import { ean13 } from "../../db/seed/codes";
import { e2eSql, hydrated, signInAsOpsAdmin, signInToArtisanApp } from "./support";

/**
 * The whole EDI loop, as the demo department store's EDI team and our people meet it, on the server
 * `npm start` runs (its worker, its folders): Hollis & Vane drops an 850 in its inbox folder → ops
 * reads the inbox → our 997 and 855 are in its outbox folder and the log → the order is in ops → the
 * dispatch job offers the work to the artisan, who accepts, starts and marks it ready on her phone →
 * the hub receives it, passes QC, packs it (one carton, its GS1-128 label) and ships it → our 856
 * and 810 land in the outbox folder and the log → the store's 997 for each, dropped in the inbox,
 * marks them acknowledged.
 *
 * The piece is new for this run and only one artisan (also new) has its craft, so the dispatch is
 * deterministic beside the other suites on the shared demo database. It is sent under our SKU as a
 * vendor number (VN), which matches without a cross-reference row.
 */
test.use({ viewport: { width: 1280, height: 900 } });

const PIN = "5173";
const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
/** The server's EDI folders: beside its database (`SOKO_DATA_DIR` + `-edi`, playwright.config.ts). */
const ediDir = path.join(root, ".data", `e2e-${process.env.E2E_PORT}-edi`);
const HV = { qualifier: "ZZ", id: "HOLLISVANE", gsId: "HOLLISVANE" };
const SOKO = { qualifier: "ZZ", id: "SOKOEDI", gsId: "SOKOEDI" };
const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll("-", "");

async function arrange() {
  const stamp = Date.now();
  const nonce = Math.floor(Math.random() * 1000);
  const tag = `${stamp.toString(36)}${nonce.toString(36)}`;
  const local = `011${String((stamp + 7) % 10_000).padStart(4, "0")}${String(nonce).padStart(3, "0")}`;
  const phone = `+254${local.slice(1)}`;
  const sku = `E2E-EDI-${tag.toUpperCase()}`;
  const sql = e2eSql();
  try {
    await sql.begin(async (tx) => {
      const [skill] = await tx<{ id: number }[]>`
        insert into skills (slug, name) values (${`e2e-edi-${tag}`}, ${`EDI loop craft ${tag}`}) returning id`;
      const [product] = await tx<{ id: number }[]>`
        insert into products (handle, title, story, category, materials, care, status, published_at)
        values (${`edi-loop-collar-${tag}`}, ${`EDI Loop Collar ${tag.toUpperCase()}`}, 'Beaded by hand.', 'necklaces', ${["glass beads"]}, 'Keep dry.', 'active', now())
        returning id`;
      // $300 wholesale: two of them clear the store's order minimum; none in stock, so both are made.
      await tx`
        insert into variants (product_id, sku, barcode, title, price, wholesale_price, lead_time_days, piece_rate)
        values (${product.id}, ${sku}, ${ean13("29", (stamp % 10_000_000) * 1000 + nonce)}, 'Default', 60000, 30000, 14, 40000)`;
      await tx`insert into product_skills (product_id, skill_id) values (${product.id}, ${skill.id})`;
      const [artisan] = await tx<{ id: number }[]>`
        insert into artisans (handle, first_name, last_name, phone, county, settlement, latitude, longitude, hub_distance_km, payout_phone, pin_hash, language)
        values (${`e2e-edi-${tag}`}, 'Nekesa', ${`Loop${tag.toUpperCase()}`}, ${phone}, 'Nairobi', 'Kibera', -1.31, 36.78, 6, ${phone}, ${await hashSecret(PIN)}, 'en')
        returning id`;
      await tx`insert into artisan_skills (artisan_id, skill_id, weekly_capacity) values (${artisan.id}, ${skill.id}, 10)`;
    });
  } finally {
    await sql.end();
  }
  return { sku, typedPhone: `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`, control: 40_000 + (stamp % 50_000) };
}

/** Our documents of a type in the partner's outbox folder that name the PO: their text. */
function outboxFiles(type: string, po: string): string[] {
  const dir = path.join(ediDir, "outbox", "hollisvane");
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(`${type}-`))
    .map((n) => readFileSync(path.join(dir, n), "utf8"))
    .filter((raw) => raw.includes(po));
}

/** The segments of an interchange (segment terminator ~, element separator *). */
const segmentsOf = (raw: string) =>
  raw
    .split("~")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split("*"));

/** A file dropped in the store's inbox folder, then read now from the log (the worker would within a minute). */
async function dropInInbox(page: Page, name: string, raw: string) {
  const dir = path.join(ediDir, "inbox", "hollisvane");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), raw);
  await page.goto("/ops/edi/log");
  await hydrated(page);
  await page.getByRole("button", { name: "Read the inbox folders now" }).click();
  // The worker's own minute may have read it first: then it is simply in the log already.
  await expect(page.getByRole("status")).toContainText(/Read \d+ files?|nothing new to read/);
}

async function openLastPage(page: Page, show: "pack" | "ship") {
  const base = show === "pack" ? "/ops/hub/packing" : "/ops/hub/packing?show=ship";
  await page.goto(base);
  const total = Number(/(\d+) in all/.exec((await page.locator("p.muted", { hasText: "in all" }).first().textContent()) ?? "")?.[1] ?? 1);
  const last = Math.max(1, Math.ceil(total / 20));
  if (last > 1) await page.goto(`${base}${show === "pack" ? "?" : "&"}page=${last}`);
}

test("an 850 dropped in the inbox is acknowledged, made by an artisan, shipped with its 856 and 810, and their 997s come back", async ({
  browser,
}, testInfo) => {
  test.setTimeout(150_000);
  const { sku, typedPhone, control } = await arrange();
  const po = `HV-E2E-${control}`;
  const now = new Date();
  const ops = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const phoneContext = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, isMobile: true });
  const phone = await phoneContext.newPage();
  try {
    // 1. The store drops its 850 in its inbox folder; ops reads the inbox.
    const raw850 = sample850({
      from: HV,
      to: SOKO,
      control,
      poNumber: po,
      poDate: ymd(now),
      shipNotBefore: ymd(now),
      cancelAfter: ymd(new Date(now.getTime() + 60 * 86_400_000)),
      shipTo: { code: "0588", name: "Reno DC" },
      lines: [{ qty: 2, price: "300.00", ids: [["VN", sku]] }],
    });
    await ops.goto("/ops/edi/log");
    await signInAsOpsAdmin(ops);
    await expect(ops.getByRole("heading", { level: 1, name: "EDI" })).toBeVisible();
    await dropInInbox(ops, `850-${control}.x12`, raw850);
    const received = ops.getByRole("region", { name: "Interchanges received" });
    await expect(received.getByRole("row").filter({ hasText: String(control) })).toContainText("accepted");

    // 2. Our 997 (accepted) and 855 (the line accepted, with the day it ships) reach its outbox folder.
    await expect.poll(() => outboxFiles("855", po).length, { timeout: 20_000 }).toBe(1);
    const ack = segmentsOf(outboxFiles("855", po)[0]);
    const bak = ack.find((s) => s[0] === "BAK")!;
    expect(bak.slice(0, 4)).toEqual(["BAK", "00", "AC", po]);
    const orderNumber = bak[8];
    expect(ack.find((s) => s[0] === "ACK")!.slice(0, 5)).toEqual(["ACK", expect.stringMatching(/^(IA|DR)$/), "2", "EA", "068"]);
    const our997 = readdirSync(path.join(ediDir, "outbox", "hollisvane"))
      .filter((n) => n.startsWith("997-"))
      .map((n) => segmentsOf(readFileSync(path.join(ediDir, "outbox", "hollisvane", n), "utf8")))
      .find((s) => s.some((x) => x[0] === "AK1" && x[2] === String(control)));
    expect(our997?.find((s) => s[0] === "AK9")?.[1]).toBe("A");

    // 3. The order is in ops with its PO, the partner and the 855 we sent.
    await ops.goto(`/ops/orders/${orderNumber}`);
    await expect(ops.getByRole("heading", { level: 1 })).toContainText(orderNumber);
    const ediSide = ops.getByRole("region", { name: "EDI" });
    await expect(ediSide).toContainText(`PO ${po} from Hollis & Vane`);
    await expect(ediSide.getByRole("list", { name: "EDI documents sent" })).toContainText("855 PO acknowledgement");
    // Its wholesale side: the retailer, the PO, the terms and the invoice issued on terms.
    const wholesaleSide = ops.getByRole("region", { name: "Wholesale" });
    await expect(wholesaleSide.getByRole("link", { name: "Hollis & Vane" })).toBeVisible();
    await expect(wholesaleSide).toContainText(po);
    await expect(wholesaleSide.getByRole("list", { name: "Invoices" })).toContainText(/INV-\d+/);

    // 4. The artisan, on her phone with JavaScript off: the offer, accept, start, ready.
    await signInToArtisanApp(phone, typedPhone, PIN);
    const nav = phone.getByRole("navigation", { name: "Artisan app" });
    const offer = phone.getByRole("listitem").filter({ hasText: "EDI Loop Collar" });
    await expect(async () => {
      await nav.getByRole("link", { name: "Offers" }).click();
      await expect(offer).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(offer.getByRole("definition").first()).toHaveText("2 pieces");
    const requestNumber = /PR-\d+/.exec((await offer.getByText(/Request PR-\d+/).textContent())!)![0];
    await offer.getByRole("button", { name: "Accept all 2", exact: true }).click();
    await expect(phone.getByRole("status")).toHaveText("Accepted. You'll find it under Work.");
    await nav.getByRole("link", { name: "Work" }).click();
    const work = () => phone.getByRole("listitem").filter({ hasText: `Request ${requestNumber}` });
    await work().getByRole("button", { name: "Start" }).click();
    await expect(phone.getByRole("status")).toHaveText("Started. Good work!");
    await work().getByRole("checkbox", { name: /made$/ }).check();
    await work().getByRole("button", { name: "Ready for pickup" }).click();
    await expect(phone.getByRole("status")).toHaveText("Marked ready. A rider will be booked to collect it.");

    // 5. The hub receives both pieces and passes QC.
    await ops.goto("/ops/hub");
    await ops.getByLabel("Request or return number, or scan").fill(requestNumber);
    await ops.getByLabel("Request or return number, or scan").press("Enter");
    await expect(ops.getByRole("heading", { level: 1, name: requestNumber })).toBeVisible();
    await ops.getByRole("button", { name: `Receive ${requestNumber}` }).click();
    await expect(ops.getByRole("status")).toContainText(`${requestNumber} received: 2 ×`);
    await expect(ops.getByLabel("Units passed")).toHaveValue("2");
    await ops.getByRole("button", { name: "Record the quality check" }).click();
    await expect(ops.getByRole("status")).toHaveText(`${requestNumber} passed QC: 2 units credited to the artisan.`);

    // 6. Pack & ship: both pieces in one carton (the form's own suggestion), its GS1-128 label, then shipped.
    await openLastPage(ops, "pack");
    const cartons = ops.getByRole("form", { name: `Cartons for ${orderNumber}` });
    await expect(cartons.getByRole("textbox")).toHaveValue("2");
    await cartons.getByRole("button", { name: "Save cartons" }).click();
    await expect(ops.getByRole("status")).toContainText(`${orderNumber} is in 1 carton`);
    await openLastPage(ops, "pack");
    const region = ops.getByRole("region", { name: `Cartons for ${orderNumber}` });
    await expect(region.getByText(/^Carton 1:/)).toBeVisible();
    const labels = await ops.request.get((await region.getByRole("link", { name: /Carton labels/ }).getAttribute("href"))!);
    expect(labels.headers()["content-type"]).toBe("application/pdf");
    await ops.getByRole("button", { name: `Pack ${orderNumber}` }).click();
    await expect(ops.getByRole("status")).toHaveText(`Order ${orderNumber} is packed.`);
    await openLastPage(ops, "ship");
    const shipForm = ops.getByRole("form", { name: `Ship ${orderNumber}` });
    await shipForm.getByLabel("Carrier").selectOption("UPS");
    const tracking = `1Z999AA1${String(control).padStart(10, "0")}`;
    await shipForm.getByLabel("Tracking number").fill(tracking);
    await shipForm.getByRole("button", { name: `Ship ${orderNumber}` }).click();
    await expect(ops.getByRole("status")).toContainText(`Order ${orderNumber} shipped with UPS`);

    // 7. The 856 (the carton's SSCC, the tracking) and the 810 (the order's invoice) in its outbox folder …
    await expect.poll(() => outboxFiles("856", po).length + outboxFiles("810", po).length, { timeout: 30_000 }).toBe(2);
    const asn = segmentsOf(outboxFiles("856", po)[0]);
    expect(asn.find((s) => s[0] === "MAN")?.slice(0, 2)).toEqual(["MAN", "GM"]);
    expect(asn.find((s) => s[0] === "MAN")?.[2]).toMatch(/^\d{18}$/);
    expect(asn.some((s) => s[0] === "REF" && s[1] === "CN" && s[2] === tracking)).toBe(true);
    const invoice = segmentsOf(outboxFiles("810", po)[0]);
    expect(invoice.find((s) => s[0] === "BIG")?.[4]).toBe(po);

    // … and in the log, sent and waiting for the store's 997.
    await ops.goto("/ops/edi/log?dir=out");
    const sent = ops.getByRole("region", { name: "Documents sent" });
    const asnRow = sent.getByRole("row").filter({ hasText: /856/ }).filter({ hasText: po });
    const invoiceRow = sent.getByRole("row").filter({ hasText: /810/ }).filter({ hasText: po });
    await expect(asnRow).toContainText("sent");
    await expect(invoiceRow).toContainText("sent");

    // 8. The store's 997 for each of our groups (AK1 names our GS06), dropped in its inbox.
    const ack997 = (doc: string[][], n: number) => {
      const gs = doc.find((s) => s[0] === "GS")!;
      const st = doc.find((s) => s[0] === "ST")!;
      return envelope({
        from: HV,
        to: SOKO,
        control: control + n,
        date: ymd(now),
        functionalId: "FA",
        sets: [{ type: "997", body: [`AK1*${gs[1]}*${gs[6]}`, `AK2*${st[1]}*${st[2]}`, "AK5*A", "AK9*A*1*1*1"] }],
      });
    };
    await dropInInbox(ops, `997-${control}-856.x12`, ack997(asn, 1));
    await dropInInbox(ops, `997-${control}-810.x12`, ack997(invoice, 2));
    await ops.goto("/ops/edi/log?dir=out");
    await expect(asnRow).toContainText("acknowledged");
    await expect(invoiceRow).toContainText("acknowledged");
    await ops.screenshot({ path: testInfo.outputPath("edi-loop-log-1280.png"), fullPage: false });
  } finally {
    await Promise.all([ops.context().close(), phoneContext.close()]);
  }
});
