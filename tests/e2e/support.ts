import { readdirSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { expect, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";

/** A connection to the database of the server under test (for arranging and checking state). */
export function e2eSql() {
  const url = readFileSync(process.env.E2E_URL_FILE!, "utf8").trim();
  return postgres(url, { max: 2, onnotice: () => {} });
}

/**
 * Waits until React has hydrated the page (a click that lands mid-hydration can be lost). With
 * JavaScript off there is nothing to wait for: the page parses <noscript> content as markup then.
 */
export async function hydrated(page: Page) {
  const scripting = await page.evaluate(() => {
    const probe = document.createElement("div");
    probe.innerHTML = "<noscript><b></b></noscript>";
    return !probe.querySelector("noscript b");
  });
  if (scripting) await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

type Buyable = { variantId: number; handle: string };

/** Each variant into the bag from its product page, as a shopper would. */
export async function addToBag(page: Page, variants: Buyable[]) {
  for (const variant of variants) {
    await page.goto(`/products/${variant.handle}?variant=${variant.variantId}`);
    await hydrated(page);
    await page.getByRole("button", { name: "Add to bag" }).click();
    await expect(page).toHaveURL(/\/cart/);
  }
}

/** From the bag: address in San Francisco, Standard shipping, then to the payment step. */
export async function checkoutAddressAndShipping(page: Page, email: string) {
  await page.goto("/checkout");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Full name").fill("Imani Njoroge");
  await page.getByLabel("Country").selectOption("US");
  await page.getByLabel("Street address").fill("77 Mission St");
  await page.getByLabel("City").fill("San Francisco");
  await page.getByLabel("State", { exact: true }).fill("CA");
  await page.getByLabel("ZIP code").fill("94105");
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await page.getByText("Standard", { exact: false }).first().click();
  await page.getByRole("button", { name: "Continue to payment" }).click();
}

/** Pays on the local test provider's form. */
export async function payWithCard(page: Page, number: string) {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry").fill("12/30");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
}

/** The whole storefront purchase with the 4242 test card; ends on the order's live status page. Returns the order number. */
export async function buyThroughStorefront(page: Page, email: string, variants: Buyable[]) {
  await addToBag(page, variants);
  await checkoutAddressAndShipping(page, email);
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(page).toHaveURL(/\/orders\/SK-\d+\?t=/);
  return /\/orders\/(SK-\d+)/.exec(page.url())![1];
}

/** A new browser context of `width` px signed in to the console as `email` (password soko-demo), on the dashboard. */
export async function signInAsStaff(browser: Browser, email: string, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto("/ops/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/ops$/);
  return { context, page };
}

/** On the operations sign-in form (where any /ops page sends a stranger): signs in as the demo ops admin. */
export async function signInAsOpsAdmin(page: Page) {
  await expect(page).toHaveURL(/\/ops\/login/);
  await page.getByLabel("Email").fill("ops@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The artisan app's sign-in in English (an artisan whose phone asks for English): phone as typed, PIN. Ends on the offers. */
export async function signInToArtisanApp(page: Page, phone: string, pin: string) {
  await page.goto("/artisan?lang=en");
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await page.getByLabel("Phone number").fill(phone);
  await page.getByLabel("PIN", { exact: true }).fill(pin);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/artisan\/offers$/);
}

/**
 * The process of the server under test (the one Playwright started with PORT=<our port>), found in
 * /proc by its environment: to watch its memory.
 */
export function serverPid(): number {
  const port = process.env.E2E_PORT;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (!cmdline.includes("app/start.ts")) continue;
      if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`PORT=${port}`)) return Number(entry);
    } catch {
      // Gone, or not ours to read.
    }
  }
  throw new Error(`no server process with PORT=${port}`);
}

/** Resident memory of a process, in MB. */
export function residentMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}

/**
 * POSTs a body of `totalBytes`, chunked unless `declareLength` (one 64 KB buffer written again and
 * again, so nothing that size is ever allocated here), stopping as soon as the server answers. Resolves with the status,
 * how long the answer took and how much had been sent by then.
 */
export function postChunked(
  baseURL: string,
  path: string,
  totalBytes: number,
  contentType: string,
  options: { declareLength?: boolean; expectContinue?: boolean } = {},
): Promise<{ status: number; ms: number; sentMb: number; body: string }> {
  const url = new URL(path, baseURL);
  const length: Record<string, string> = options.declareLength
    ? { "Content-Length": String(totalBytes) }
    : { "Transfer-Encoding": "chunked" };
  if (options.expectContinue) length.Expect = "100-continue";
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      method: "POST",
      headers: { "Content-Type": contentType, ...length },
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    req.on("response", (res) => {
      answered = true;
      const ms = Date.now() - started;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, ms, sentMb: Math.round(sent / 1024 / 1024), body });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    // With `Expect: 100-continue` nothing is sent until the server says to.
    if (options.expectContinue) req.once("continue", pump);
    else pump();
  });
}

/**
 * The demo cashier signs in at /pos and is on the register with a shift open: theirs, opened with a
 * $150.00 float, or one another spec's browser opened meanwhile (it is open all the same).
 */
export async function signInToRegister(page: Page) {
  await page.goto("/pos");
  await page.getByLabel("Email").fill("cashier@soko.test");
  await page.getByLabel("Password").fill("soko-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  // The sign-in form is at /pos too: wait for what comes after it, the shift form or the register.
  const openShift = page.getByRole("heading", { name: "Open a shift" });
  await expect(openShift.or(page.getByLabel("Scan or search"))).toBeVisible();
  if (await openShift.isVisible()) {
    await page.getByLabel("Starting cash float (USD)").fill("150.00");
    await page.getByRole("button", { name: "Open shift" }).click();
    const alreadyOpen = page.getByText(/A shift is already open/);
    await expect(alreadyOpen.or(page.getByLabel("Scan or search"))).toBeVisible();
    if (await alreadyOpen.isVisible()) await page.goto("/pos/register");
  }
  await expect(page).toHaveURL(/\/pos\/register$/);
  await hydrated(page);
}

/**
 * A sign-up on /account/signup as a shopper does it (docs/decisions/0029): the "Check your email"
 * page, then the link from the email the worker queued (read from the outbox), its one button, and
 * the account page, signed in.
 */
export async function signUpAndConfirm(page: Page, email: string, name: string, password: string) {
  await submitSignUp(page, email, name, password);
  await page.goto(await signUpLink(email));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** Fills and sends /account/signup (the page must be open); it answers "Check your email to finish". */
export async function submitSignUp(page: Page, email: string, name: string, password: string) {
  if (!new URL(page.url()).pathname.endsWith("/account/signup")) await page.goto("/account/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email to finish" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(email);
}

/** The newest sign-up link emailed to `email` (the worker writes it within a moment). */
export async function signUpLink(email: string): Promise<string> {
  const sql = e2eSql();
  try {
    let link = "";
    await expect(async () => {
      const [mail] = await sql<{ text: string }[]>`
        select text from outbox where template = 'verify-email' and lower("to") = ${email.toLowerCase()} order by id desc limit 1`;
      link = /\/account\/verify\?token=[A-Za-z0-9_-]{43}(?![A-Za-z0-9_.-])/.exec(mail?.text ?? "")?.[0] ?? "";
      expect(link).not.toBe("");
    }).toPass({ timeout: 15_000 });
    return link;
  } finally {
    await sql.end();
  }
}
