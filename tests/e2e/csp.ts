/**
 * `test` with every page watched for Content-Security-Policy violations: a script, frame or request
 * the policy blocked (Chromium logs "Refused to … because it violates the following Content
 * Security Policy directive") fails the test that caused it. Specs that drive the storefront,
 * checkout, the register and the artisan app import `test` from here instead of @playwright/test.
 */
import { expect, test as base } from "@playwright/test";

export { expect };
export type { Page } from "@playwright/test";

export const CSP_VIOLATION = /Content Security Policy|Content-Security-Policy/i;

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: import("@playwright/test").Page) =>
        page.on("console", (message) => {
          if (CSP_VIOLATION.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
        });
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(violations);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});
