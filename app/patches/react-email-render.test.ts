/**
 * The patched @react-email/render (app/patches, docs/decisions/0009) imports react-dom/server once
 * instead of on every render: every dynamic import() goes through the module loader again, and under
 * a loader hook (tsx's, as `npm start` runs) each is a round trip to the hook's thread, ~40% of the
 * CPU of an order confirmation in the job worker (docs/performance.md, session 14). Emails render as
 * before, the first and every later one alike.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { render } from "@react-email/render";
import { createElement } from "react";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

describe("@react-email/render's import of react-dom/server (patched)", () => {
  it("is installed in both of its node builds", () => {
    const dist = path.dirname(require.resolve("@react-email/render"));
    for (const file of ["index.cjs", "index.mjs"]) {
      const source = readFileSync(path.join(dist, file), "utf8");
      expect(source).toContain('reactDOMServerOnce ??= import("react-dom/server")');
      expect(source).not.toMatch(/await import\("react-dom\/server"\)/);
    }
  });

  it("renders every email alike, the first and the ones after", async () => {
    const email = (name: string) => createElement("html", null, createElement("body", null, createElement("p", null, `Thank you, ${name}`)));
    const [first, second] = [await render(email("Wanjiru")), await render(email("Wanjiru"))];
    expect(first).toContain("<p>Thank you, Wanjiru</p>");
    expect(second).toBe(first);
    const [a, b] = await Promise.all([render(email("Ann")), render(email("Harriet"))]);
    expect(a).toContain("Thank you, Ann");
    expect(b).toContain("Thank you, Harriet");
    expect(await render(email("Ann"), { plainText: true })).toContain("Thank you, Ann");
  });
});
