/**
 * The patched react/jsx-runtime (app/patches, docs/decisions/0009): on the server an element's props
 * are the object the compiled JSX passed, not a copy of it, when that object holds no key, ref,
 * __self or __source and the type has no defaultProps (React 19's jsx does the same). Everything
 * else is made as before, and in the browser every element is made as before.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
// The production build is the one the server runs and the one patched (tests run React's development build).
const FILE = path.join(path.dirname(require.resolve("react/package.json")), "cjs/react-jsx-runtime.production.min.js");
type Jsx = (type: unknown, config: Record<string, unknown>, key?: string) => ReactElement & { ref: unknown };
const { jsx, jsxs, Fragment } = require(FILE) as { jsx: Jsx; jsxs: Jsx; Fragment: unknown };

describe("the server's JSX elements (patched react/jsx-runtime)", () => {
  it("is installed", () => {
    expect(readFileSync(FILE, "utf8")).toContain('var s="undefined"===typeof window;');
  });

  it("keeps the compiler's props object when it holds nothing React takes out", () => {
    const config = { className: "price", children: "$54.00" };
    const element = jsx("span", config);
    expect(element.props).toBe(config);
    expect(element.key).toBeNull();
    expect(element.ref).toBeNull();
    const listed = jsxs("li", { children: ["a", "b"] }, "kito-ring");
    expect(listed.key).toBe("kito-ring");
    expect(listed.props).toEqual({ children: ["a", "b"] });
  });

  it("copies, as before, a props object with a key or a ref in it, or for a type with defaultProps", () => {
    const ref = { current: null };
    const spread = { key: 7, ref, id: "a" };
    const element = jsx("div", spread);
    expect(element.props).not.toBe(spread);
    expect(element.props).toEqual({ id: "a" });
    expect(element.key).toBe("7");
    expect(element.ref).toBe(ref);
    const Button = ({ kind }: { kind?: string }) => kind;
    Button.defaultProps = { kind: "primary" };
    const config = { children: "Add to bag" };
    const button = jsx(Button, config);
    expect(button.props).not.toBe(config);
    expect(button.props).toEqual({ children: "Add to bag", kind: "primary" });
    expect(config).toEqual({ children: "Add to bag" });
  });

  it("renders the same markup as elements made by createElement", () => {
    const Card = ({ title, price }: { title: string; price: string }) =>
      jsxs("article", { className: "card", children: [jsx("h3", { children: title }), jsx("p", { children: price })] });
    const page = jsxs("main", {
      children: [
        jsx("select", { name: "market", defaultValue: "GB", children: ["US", "GB"].map((c) => jsx("option", { value: c, children: c }, c)) }),
        jsx(Fragment, { children: ["Kito ring", "Horn stud"].map((t) => jsx(Card, { title: t, price: "$54.00" }, t)) }),
        jsx("input", { type: "checkbox", defaultChecked: true, "aria-label": "Gift" }),
      ],
    });
    const same = createElement(
      "main",
      null,
      createElement("select", { name: "market", defaultValue: "GB" }, ...["US", "GB"].map((c) => createElement("option", { key: c, value: c }, c))),
      createElement(
        "article",
        { className: "card", key: "Kito ring" },
        createElement("h3", null, "Kito ring"),
        createElement("p", null, "$54.00"),
      ),
      createElement(
        "article",
        { className: "card", key: "Horn stud" },
        createElement("h3", null, "Horn stud"),
        createElement("p", null, "$54.00"),
      ),
      createElement("input", { type: "checkbox", defaultChecked: true, "aria-label": "Gift" }),
    );
    expect(renderToString(page)).toBe(renderToString(same));
    expect(renderToString(page)).toContain('<option value="GB" selected="">GB</option>');
  });

  it("copies the props as before in the browser", () => {
    delete require.cache[FILE];
    const global = globalThis as { window?: unknown };
    global.window = {};
    try {
      const browser = require(FILE) as { jsx: Jsx };
      const config = { className: "price" };
      const element = browser.jsx("span", config);
      expect(element.props).not.toBe(config);
      expect(element.props).toEqual(config);
    } finally {
      delete global.window;
      delete require.cache[FILE];
    }
  });
});
