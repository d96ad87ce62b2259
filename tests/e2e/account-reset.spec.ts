import { expect, test, type Page } from "@playwright/test";
import { e2eSql, signInAsOpsAdmin, signUpAndConfirm } from "./support";

const OLD_PASSWORD = "first-brass-42";
const NEW_PASSWORD = "second-horn-42";
const SENT = "If an account exists for that address, we've sent a link to reset the password. It works for 1 hour.";

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * A fresh account made in the UI, signed out, a reset asked for from the sign-in page, the email read
 * in /ops/outbox as the demo ops admin, its link followed, a new password set: signed in at /account.
 * Then the old password fails, the new one works, and the used link is refused.
 */
async function forgetAndReset(page: Page, email: string, name: string) {
  await signUpAndConfirm(page, email, name, OLD_PASSWORD);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/account\/login$/);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/account\/forgot$/);
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  // A malformed address is answered on the page.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(SENT);

  // The email, as operations see it in local mode (the worker renders it within a moment).
  await page.goto("/ops/outbox?channel=email");
  await signInAsOpsAdmin(page);
  await expect(page).toHaveURL(/\/ops\/outbox\?channel=email$/);
  // Sign-up also sent a "confirm your email" message: the reset is the other one.
  const row = page.getByRole("row").filter({ hasText: email }).filter({ hasText: "Reset your Soko password" });
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(1, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await row.getByRole("link", { name: "Reset your Soko password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your Soko password" })).toBeVisible();
  await expect(page.getByText(/works once and for 1 hour/).first()).toBeVisible();
  const preview = page.frameLocator('iframe[title^="Email preview"]');
  await expect(preview.getByText(`Hello ${name},`)).toBeVisible();
  // Email links open in a new tab (target=_blank), as in a mail client: carry on there.
  const emailLink = preview.getByRole("link", { name: "Choose a new password" });
  await expect(emailLink).toHaveAttribute("href", /\/account\/reset\?token=[A-Za-z0-9_-]{43}$/);
  const [tab] = await Promise.all([page.context().waitForEvent("page"), emailLink.click()]);
  await shopperResets(tab, email, name);
}

async function shopperResets(page: Page, email: string, name: string) {
  await expect(page).toHaveURL(/\/account\/reset\?token=[A-Za-z0-9_-]{43}$/);
  const link = page.url();
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill("not-the-same-42");
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(page.getByText("The two passwords don't match.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save password and sign in" }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("status").filter({ hasText: "Your password has been changed and you're signed in." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `Hello, ${name}` })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/account\/login$/);
  await signIn(page, email, OLD_PASSWORD);
  await expect(page.getByRole("alert")).toHaveText("That email and password don't match an account.");
  await signIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/account$/);

  const again = await page.goto(link);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1, name: "This reset link doesn't work" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("already been used");
  await page.getByRole("link", { name: "Ask for a new link" }).click();
  await expect(page).toHaveURL(/\/account\/forgot$/);
}

async function cleanUp(email: string) {
  const sql = e2eSql();
  try {
    await sql`delete from outbox where "to" = ${email}`;
    await sql`delete from audit_log where subject in ${sql([`customer-login:${email}`, `password-reset:${email}`])}`;
    await sql`delete from customers where lower(email) = ${email}`; // its reset tokens go with it
  } finally {
    await sql.end();
  }
}

const uniqueEmail = (kind: string) => `e2e-reset-${kind}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;

test.describe("forgotten password", () => {
  test("sign up, sign out, ask for a link, open the email in the outbox, set a new password, signed in", async ({ page }) => {
    const email = uniqueEmail("js");
    try {
      await forgetAndReset(page, email, "Nyokabi");
    } finally {
      await cleanUp(email);
    }
  });

  test("a made-up link is refused with a way to ask for a new one", async ({ page }) => {
    const response = await page.goto("/account/reset?token=not-a-real-token");
    expect(response?.status()).toBe(400);
    await expect(page.getByRole("heading", { level: 1, name: "This reset link doesn't work" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/account/forgot");
  });
});

test.describe("forgotten password with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the same journey works as plain HTML forms and links", async ({ page }) => {
    const email = uniqueEmail("nojs");
    try {
      await forgetAndReset(page, email, "Chebet");
    } finally {
      await cleanUp(email);
    }
  });
});
