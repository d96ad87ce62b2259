/**
 * Getting paid: the demo artisan has a QC-passed request credited to her; operations runs payouts
 * on /ops/payouts (confirming first); the simulated M-Pesa pays her; on a 360 px phone with
 * JavaScript off she sees her balance at zero and the M-Pesa reference on /artisan/earnings.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./support";

const DEMO_PHONE = "+254700000001";
const KES = (minor: number) => new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minor / 100);

/** What the hub's QC pass leaves behind: an inspected request and its ledger credit (qc:<inspection>). */
async function creditGrace(units: number, pieceRate: number) {
  return creditArtisan(DEMO_PHONE, units, pieceRate);
}

/** Another active artisan than the demo one (whose balance the first test checks). */
async function anotherArtisanPhone(offset = 0) {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ phone: string }[]>`
      select phone from artisans where phone <> ${DEMO_PHONE} and active and payout_phone is not null order by id limit 1 offset ${offset}`;
    return row.phone;
  } finally {
    await sql.end();
  }
}

async function runCount() {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ runs: number; payouts: number }[]>`
      select (select count(*)::int from payout_runs) as runs, (select count(*)::int from payouts) as payouts`;
    return row;
  } finally {
    await sql.end();
  }
}

async function creditArtisan(phone: string, units: number, pieceRate: number) {
  const sql = e2eSql();
  try {
    return await sql.begin(async (tx) => {
      const [grace] = await tx<{ id: number }[]>`select id from artisans where phone = ${phone}`;
      const [variant] = await tx<{ id: number; title: string }[]>`
        select v.id, p.title from variants v join products p on p.id = v.product_id where p.status = 'active' order by v.id limit 1`;
      const [request] = await tx<{ id: number; number: string }[]>`
        insert into production_requests (number, variant_id, quantity, units_made, artisan_id, piece_rate, due_date, status)
        values ('PR-' || nextval('production_request_numbers'), ${variant.id}, ${units}, ${units}, ${grace.id}, ${pieceRate}, current_date + 7, 'qc_passed')
        returning id, number`;
      const [inspection] = await tx<{ id: number }[]>`
        insert into qc_inspections (request_id, units_passed, outcome, inspector) values (${request.id}, ${units}, 'passed', 'e2e') returning id`;
      const accounts = [
        { code: "soko:production_cost", kind: "production_cost", name: "Production cost (QC-passed work)", artisan: null },
        { code: `artisan:${grace.id}:payable`, kind: "artisan_payable", name: `Payable to artisan ${grace.id}`, artisan: grace.id },
      ];
      for (const a of accounts) {
        await tx`insert into ledger_accounts (code, name, kind, artisan_id, currency) values (${a.code}, ${a.name}, ${a.kind}, ${a.artisan}, 'KES') on conflict (code) do nothing`;
      }
      const [entry] = await tx<{ id: number }[]>`
        insert into ledger_entries (kind, reference, memo) values ('qc_credit', ${`qc:${inspection.id}`}, ${`${request.number}: e2e`}) returning id`;
      const amount = units * pieceRate;
      await tx`
        insert into ledger_lines (entry_id, account_id, amount, currency)
        select ${entry.id}, id, case when code = 'soko:production_cost' then ${amount}::int else ${-amount}::int end, 'KES'
        from ledger_accounts where code in ('soko:production_cost', ${`artisan:${grace.id}:payable`})`;
      return { artisanId: grace.id, number: request.number, product: variant.title, amount };
    });
  } finally {
    await sql.end();
  }
}

async function payableBalance(artisanId: number, upToEntry?: number) {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ total: string }[]>`
      select coalesce(sum(l.amount), 0)::text as total from ledger_lines l join ledger_accounts a on a.id = l.account_id
      where a.code = ${`artisan:${artisanId}:payable`} and (${upToEntry ?? null}::int is null or l.entry_id <= ${upToEntry ?? null}::int)`;
    return 0 - Number(row.total) || 0;
  } finally {
    await sql.end();
  }
}

async function gracePayout(runId: number, artisanId: number) {
  const sql = e2eSql();
  try {
    const [row] = await sql<{ id: number; status: string; receipt: string | null; amount: number; entry_id: number }[]>`
      select p.id, p.status, p.receipt, p.amount, e.id as entry_id from payouts p
      join ledger_entries e on e.reference = 'payout:' || p.id
      where p.run_id = ${runId} and p.artisan_id = ${artisanId}`;
    return row ?? null;
  } finally {
    await sql.end();
  }
}

async function opsSignIn(page: Page) {
  await expect(page).toHaveURL(/\/ops\/login/);
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("operations runs payouts; the artisan sees balance zero and her M-Pesa reference, JavaScript off", async ({ browser }) => {
  test.setTimeout(60_000);
  const credit = await creditGrace(3, 45_000); // KES 1,350

  // Operations (finance is part of the admin's roles), JavaScript off too.
  const ops = await browser.newContext({ javaScriptEnabled: false });
  const opsPage = await ops.newPage();
  await opsPage.goto("/ops/payouts");
  await opsSignIn(opsPage);
  await expect(opsPage).toHaveURL(/\/ops\/payouts$/);
  await expect(opsPage.getByRole("heading", { name: "Payouts", level: 1 })).toBeVisible();
  // The preview lists the most owed first, 50 a page: finance finds her by phone (a GET form, no JS).
  const runCount = async () =>
    Number(/The whole run: (\d+) artisan/.exec((await opsPage.getByTestId("run-totals").textContent()) ?? "")?.[1]);
  const before = await runCount();
  expect(before).toBeGreaterThanOrEqual(1);
  await opsPage
    .getByRole("search", { name: "Find an artisan in the next run" })
    .getByLabel("Name, phone or settlement")
    .fill("0700 000 001");
  await opsPage.getByRole("button", { name: "Search" }).click();
  await expect(opsPage).toHaveURL(/[?&]q=0700\+000\+001/);
  const preview = opsPage.getByRole("region", { name: "Who the next run pays" });
  await expect(preview.getByRole("row").filter({ hasText: DEMO_PHONE })).toBeVisible();
  await expect(preview.locator("tbody").getByRole("row")).toHaveCount(1);
  // The whole run's totals are not the search's (other suites may only add to them meanwhile).
  expect(await runCount()).toBeGreaterThanOrEqual(before);

  await opsPage.getByRole("link", { name: "Run payouts now…" }).click();
  await expect(opsPage.getByRole("heading", { name: "Send these payouts now?" })).toBeVisible();
  await opsPage.getByRole("button", { name: "Yes, pay now" }).click();
  await expect(opsPage).toHaveURL(/\/ops\/payouts\?run=\d+$/);
  const runId = Number(/run=(\d+)/.exec(opsPage.url())![1]);
  await expect(opsPage.getByRole("status")).toContainText(`Run ${runId}:`);

  // The balance moved out with the run itself; M-Pesa's (simulated) result arrives within seconds.
  const payout = await expect
    .poll(async () => (await gracePayout(runId, credit.artisanId))?.status, { timeout: 20_000 })
    .toBe("succeeded")
    .then(() => gracePayout(runId, credit.artisanId));
  expect(payout!.receipt).toMatch(/^[A-Z0-9]{10}$/);
  expect(payout!.amount).toBeGreaterThanOrEqual(credit.amount);
  // Up to and including the payout, her books are at zero (later QC credits from other suites aside).
  expect(await payableBalance(credit.artisanId, payout!.entry_id)).toBeLessThan(100);

  // The run pays everyone owed, so her row may be on any page of it: finance finds it by her phone.
  const filters = opsPage.getByRole("form", { name: "Filter payouts" });
  await expect(filters.getByLabel("Run")).toHaveValue(String(runId));
  await filters.getByLabel("Artisan, phone or receipt").fill("0700 000 001");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(opsPage).toHaveURL(new RegExp(`[?&]run=${runId}&.*find=0700\\+000\\+001`));
  const rows = opsPage.getByRole("region", { name: "Payouts" }).locator("tbody").getByRole("row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(payout!.receipt!);
  await expect(rows.first()).toContainText("Paid");
  await expect(opsPage.getByText("Balanced: every account together sums to zero")).toBeVisible();
  await ops.close();

  // The artisan, on a phone, JavaScript off.
  const phone = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
    locale: "sw-KE",
    isMobile: true,
    hasTouch: true,
  });
  const page = await phone.newPage();
  await page.goto("/artisan");
  await page.getByLabel("Nambari ya simu").fill("0700 000 001");
  await page.getByLabel("PIN", { exact: true }).fill("1234");
  await page.getByRole("button", { name: "Ingia" }).click();
  await expect(page).toHaveURL(/\/artisan\/offers$/);
  await page.getByRole("link", { name: /^(Mapato|Earnings)$/ }).click();
  await expect(page).toHaveURL(/\/artisan\/earnings$/);
  await expect(page.getByRole("heading", { name: /^(Mapato|Earnings)$/, level: 1 })).toBeVisible();

  const balance = await payableBalance(credit.artisanId);
  await expect(page.getByTestId("balance")).toContainText(KES(balance));
  expect(balance, "no other suite credited her in between").toBeLessThan(100);
  await expect(page.getByTestId("latest-receipt")).toHaveText(payout!.receipt!);
  const line = page.getByRole("listitem").filter({ hasText: credit.number });
  await expect(line).toContainText(credit.product);
  await expect(line).toContainText(KES(credit.amount));
  // Nothing wider than the phone.
  for (const box of [await page.locator(".earnings").boundingBox(), await line.boundingBox()]) {
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  }
  await phone.close();
});

test("a QC pass landing between the preview and 'Yes, pay now' stops the run: a 409 with the run as it is now, nothing sent, JavaScript off", async ({
  browser,
}) => {
  // Someone is owed whatever earlier tests paid out (a run pays every balance over the threshold).
  await creditArtisan(await anotherArtisanPhone(1), 2, 40_000);
  const ops = await browser.newContext({ javaScriptEnabled: false });
  const opsPage = await ops.newPage();
  await opsPage.goto("/ops/payouts?confirm=1");
  await opsSignIn(opsPage);
  await opsPage.goto("/ops/payouts?confirm=1");
  const dialog = opsPage.getByRole("alertdialog", { name: "Send these payouts now?" });
  await expect(dialog).toBeVisible();
  // Meanwhile the hub passes someone's work: the run finance is looking at is no longer the one that would go out.
  await creditArtisan(await anotherArtisanPhone(), 2, 40_000);
  const before = await runCount();
  const [answer] = await Promise.all([
    opsPage.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/ops/payouts")),
    dialog.getByRole("button", { name: "Yes, pay now" }).click(),
  ]);
  expect(answer.status()).toBe(409);
  await expect(dialog.getByRole("alert")).toContainText(
    /The payouts changed since you looked: now \d+ payouts?, KES [\d,.]+\. Check and confirm again\./,
  );
  expect(await runCount()).toEqual(before);
  // The confirmation now shows the run as it is; finance cancels for now.
  const now = /now (\d+) payout/.exec((await dialog.getByRole("alert").textContent()) ?? "")![1];
  await expect(dialog).toContainText(`M-Pesa will pay ${now} `);
  await opsPage.screenshot({ path: test.info().outputPath("payouts-409.png") });
  await dialog.getByRole("link", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await ops.close();
});

test("a stranger's forged M-Pesa failure changes nothing; a contradicting report waits under 'Needs a look' until finance marks it reviewed, JavaScript off", async ({
  browser,
  request,
}) => {
  // A payout M-Pesa settled (from the seeded history): its key is guessable, its ConversationID is not.
  const sql = e2eSql();
  let payout: { id: number; idempotency_key: string; provider_ref: string; status: string; receipt: string; updated_at: Date };
  try {
    [payout] = await sql<(typeof payout)[]>`
      select p.id, p.idempotency_key, p.provider_ref, p.status, p.receipt, p.updated_at from payouts p
      join artisans a on a.id = p.artisan_id
      where p.status = 'succeeded' and p.provider_ref is not null and a.phone <> ${DEMO_PHONE}
        and not exists (select 1 from payout_callbacks c where c.payout_id = p.id)
      order by p.id desc limit 1`;
  } finally {
    await sql.end();
  }
  // The install's callback token (demo mode keeps it beside the data): this stranger has it, as anyone
  // who saw one callback URL would. Only matching stands between them and the payouts.
  const { mpesaCallbackToken } = JSON.parse(readFileSync(process.env.E2E_URL_FILE!.replace(/\.url$/, ".secrets.json"), "utf8")) as {
    mpesaCallbackToken: string;
  };
  const url = `/webhooks/mpesa/result?token=${encodeURIComponent(mpesaCallbackToken)}`;
  expect((await request.post("/webhooks/mpesa/result", { data: {} })).status()).toBe(401);
  const failure = (conversationId: string) => ({
    Result: {
      ResultType: 0,
      ResultCode: 2001,
      ResultDesc: "The initiator information is invalid.",
      OriginatorConversationID: payout.idempotency_key,
      ConversationID: conversationId,
      TransactionID: "NLJ0000000",
    },
  });
  // From outside, with only the key: the same answer as for anything else, and nothing changes.
  const forged = await request.post(url, { data: failure("AG_20261206_0000guess000000000") });
  expect(forged.status()).toBe(200);
  expect(await forged.json()).toEqual({ ResultCode: 0, ResultDesc: "Accepted" });
  // With its real ConversationID (as if Daraja contradicted itself): recorded as a conflict, the payout untouched.
  expect((await request.post(url, { data: failure(payout.provider_ref) })).status()).toBe(200);
  const after = e2eSql();
  try {
    const [row] = await after<{ status: string; receipt: string }[]>`select status, receipt from payouts where id = ${payout.id}`;
    expect(row).toEqual({ status: "succeeded", receipt: payout.receipt });
  } finally {
    await after.end();
  }

  const ops = await browser.newContext({ javaScriptEnabled: false });
  const page = await ops.newPage();
  await page.goto("/ops/payouts");
  await opsSignIn(page);
  await expect(page.getByRole("heading", { name: "Needs a look", level: 2 })).toBeVisible();
  const card = page.getByRole("article").filter({ has: page.getByRole("heading", { name: new RegExp(`^Payout ${payout.id} ·`) }) });
  const reports = card.getByRole("region", { name: `What M-Pesa reported on payout ${payout.id}` });
  await expect(reports.getByRole("row").filter({ hasText: "Conflict: not applied" })).toHaveCount(1);
  await expect(card).toContainText("1 other post named this payout without the references Daraja gave us");
  await card.getByRole("link", { name: "Mark reviewed…" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Mark these reports on payout ${payout.id} reviewed?` });
  await expect(confirm).toBeVisible();
  await confirm.getByLabel("What you found (optional)").fill("Paid once, per the M-Pesa statement.");
  await confirm.getByRole("button", { name: "Yes, mark reviewed" }).click();
  await expect(page.getByRole("status")).toContainText(`Payout ${payout.id}: 1 conflicting report marked reviewed.`);
  await expect(page.getByRole("heading", { name: new RegExp(`^Payout ${payout.id} ·`) })).toHaveCount(0);
  await ops.close();

  const audit = e2eSql();
  try {
    const rows = await audit<
      { actor: string }[]
    >`select actor from audit_log where action = 'payout.conflict_reviewed' and subject = ${`payout:${payout.id}`}`;
    expect(rows).toHaveLength(1);
  } finally {
    await audit.end();
  }
});
