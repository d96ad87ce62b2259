import { expect, test, type Page } from "@playwright/test";
import { sample850 } from "../../app/domain/edi/samples";
import { e2eSql, hydrated } from "./support";

/**
 * The EDI screens at a phone's 390 px, a tablet's 820 px and a desk's 1280 px: the page never scrolls
 * sideways — wide tables and the raw X12 scroll inside their own region, the raw and readable views
 * stack on a phone. Each screen is screenshotted at each width. An 850 that becomes an order and one
 * held for an unknown item are received first, so the log, the documents and the errors have rows.
 */
const WIDTHS = [390, 820, 1280] as const;
const ymd = (d: Date) => d.toISOString().slice(0, 10).replaceAll("-", "");

let ids: { partner: number; interchange: number; document: number };

async function signIn(page: Page) {
  await page.goto("/ops/edi");
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/ops\/edi$/);
}

test.setTimeout(90_000);

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page);
  const sql = e2eSql();
  try {
    const now = new Date();
    const control = 40000 + Math.floor(Math.random() * 20000);
    for (const [i, item] of ["HV70001", `UNMAPPED-${control}`].entries()) {
      const raw = sample850({
        from: { qualifier: "ZZ", id: "HOLLISVANE", gsId: "HOLLISVANE" },
        to: { qualifier: "ZZ", id: "SOKOEDI", gsId: "SOKOEDI" },
        control: control + i,
        // As long as BEG03 allows (22), to try the tables with it.
        poNumber: `WIDTH-${control + i}-LONG-PO-NO`,
        poDate: ymd(now),
        shipNotBefore: ymd(new Date(now.getTime() + 7 * 86_400_000)),
        shipTo: { code: "0588", name: "Reno DC" },
        lines: [{ qty: 60, ids: [["IN", item]] }],
      });
      await page.goto("/ops/edi/log");
      await hydrated(page);
      await page
        .getByLabel(/Upload an interchange/)
        .setInputFiles({ name: `${control + i}.x12`, mimeType: "application/edi-x12", buffer: Buffer.from(raw) });
      await page.getByRole("button", { name: "Receive" }).click();
      await expect(page.getByRole("status")).toContainText(`850 WIDTH-${control + i}`);
    }
    const [row] = await sql<{ partner: number; interchange: number; document: number }[]>`
      select p.id as partner, max(i.id) as interchange, max(d.id) as document
      from edi_partners p join edi_interchanges i on i.partner_id = p.id join edi_documents d on d.partner_id = p.id
      where p.their_id = 'HOLLISVANE' group by p.id`;
    ids = row;
  } finally {
    await sql.end();
    await page.close();
  }
});

/** Opens `path` at each width, checks nothing pushes the page sideways, and saves a screenshot. */
async function atEveryWidth(page: Page, path: string, name: string, outputPath: (file: string) => string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(path);
    await hydrated(page);
    await page.screenshot({ path: outputPath(`edi-${name}-${width}.png`), fullPage: true });
    const { overflow, culprits } = await page.evaluate(() => {
      const edge = document.documentElement.clientWidth;
      // What sticks out past the edge, outside any region that scrolls on its own.
      const culprits = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > edge + 0.5 && !el.parentElement?.closest("[role=region]"))
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      return { overflow: document.documentElement.scrollWidth - edge, culprits };
    });
    expect(overflow, `${path} at ${width} px scrolls sideways by ${overflow} px (${culprits.join(", ")})`).toBeLessThanOrEqual(0);
  }
}

test("the partners list does not scroll sideways at 390, 820 or 1280 px", async ({ page }, info) => {
  await signIn(page);
  await atEveryWidth(page, "/ops/edi", "partners", (f) => info.outputPath(f));
  await expect(page.getByRole("region", { name: "Trading partners" })).toBeVisible();
});

test("the document log, received and sent, does not scroll sideways", async ({ page }, info) => {
  await signIn(page);
  await atEveryWidth(page, "/ops/edi/log", "log-in", (f) => info.outputPath(f));
  await atEveryWidth(page, "/ops/edi/log?dir=out", "log-out", (f) => info.outputPath(f));
});

test("an interchange, raw beside readable (stacked on a phone), does not scroll sideways", async ({ page }, info) => {
  await signIn(page);
  await atEveryWidth(page, `/ops/edi/interchanges/${ids.interchange}`, "interchange", (f) => info.outputPath(f));
  const raw = page.getByRole("region", { name: "Raw X12" });
  const readable = page.getByRole("region", { name: "Readable X12" });
  // At 1280 px side by side; on a phone one above the other.
  expect((await readable.boundingBox())!.x).toBeGreaterThan((await raw.boundingBox())!.x);
  await page.setViewportSize({ width: 390, height: 900 });
  expect((await readable.boundingBox())!.y).toBeGreaterThan((await raw.boundingBox())!.y);
});

test("a document we sent does not scroll sideways", async ({ page }, info) => {
  await signIn(page);
  await atEveryWidth(page, `/ops/edi/documents/${ids.document}`, "document", (f) => info.outputPath(f));
});

test("the errors queue does not scroll sideways", async ({ page }, info) => {
  await signIn(page);
  await atEveryWidth(page, "/ops/edi/errors", "errors", (f) => info.outputPath(f));
  await expect(page.locator("li.card").first()).toBeVisible();
});

test("a partner's page, its cross-reference and compliance panel, does not scroll sideways", async ({ page }, info) => {
  await signIn(page);
  // A visually hidden label in the cross-reference table's far column once widened the page by
  // ~300 px at 390: it was placed by the page, not by the table's scroll box.
  await atEveryWidth(page, `/ops/edi/partners/${ids.partner}`, "partner", (f) => info.outputPath(f));
  await expect(page.getByRole("heading", { name: /Compliance/ })).toBeVisible();
});
