/**
 * The patched @remix-run/react (app/patches, docs/decisions/0009) renders a server <Link> as its <a>
 * alone: no prefetch state, no click handler, `to` resolved once. Its markup must be what the full
 * Link renders (react-router-dom's Link with Remix's data-discover), or hydration would differ.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Link } from "@remix-run/react";
import { Fragment, useId, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { Link as RouterLink } from "react-router-dom";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const at = (location: string, node: ReactNode) => renderToString(<StaticRouter location={location}>{node}</StaticRouter>);

function Labelled() {
  const id = useId();
  return <span id={id}>label</span>;
}

describe("the patched server Link", () => {
  it("is installed in the server build", () => {
    const built = readFileSync(require.resolve("@remix-run/react/dist/components.js"), "utf8");
    expect(built).toContain("renderingOnServer ? ServerLink");
    expect(built).toContain("function useServerHref");
    // This file runs as the server does (no DOM), so the Link below is the server's.
    expect(typeof document).toBe("undefined");
    expect(String((Link as unknown as { render: () => void }).render)).toContain("LINK_OWN_PROPS");
  });

  it("renders what the full Link renders, attribute for attribute", () => {
    const cases: Array<[string, ReactNode, ReactNode]> = [
      ["/", <Link to="/">Home</Link>, <RouterLink to="/" data-discover="true">Home</RouterLink>],
      [
        "/products/a",
        <Link to="/collections/rings?page=2" className="card" aria-label="Rings" prefetch="intent">
          <b>Rings</b>
        </Link>,
        <RouterLink to="/collections/rings?page=2" className="card" aria-label="Rings" data-discover="true">
          <b>Rings</b>
        </RouterLink>,
      ],
      ["/products/a", <Link to="reviews">Reviews</Link>, <RouterLink to="reviews" data-discover="true">Reviews</RouterLink>],
      ["/", <Link to="/policies" target="_blank" rel="noopener">P</Link>, <RouterLink to="/policies" target="_blank" rel="noopener" data-discover="true">P</RouterLink>],
      ["/", <Link to="/account" reloadDocument>A</Link>, <RouterLink to="/account" reloadDocument>A</RouterLink>],
      ["/", <Link to="https://example.com/x">X</Link>, <RouterLink to="https://example.com/x">X</RouterLink>],
      ["/", <Link to={{ pathname: "/search", search: "?q=ring" }}>S</Link>, <RouterLink to={{ pathname: "/search", search: "?q=ring" }} data-discover="true">S</RouterLink>],
    ];
    for (const [location, patched, full] of cases) expect(at(location, patched)).toBe(at(location, full));
  });

  it("works out an absolute path's href as useHref does, once, and leaves a basename to useHref", () => {
    const paths = ["/collections/", "/search?", "/search?q=ring#results", "/a#", "/a/../b", "/a/./b/", "/en-gb", "//example.com/x"];
    for (const to of paths) {
      // Twice: the second render is answered from what the first worked out.
      for (const location of ["/products/a/", "/"]) {
        expect(at(location, <Link to={to}>x</Link>)).toBe(at(location, <RouterLink to={to} data-discover={to.startsWith("//") ? undefined : "true"}>x</RouterLink>));
      }
    }
    const shop = (node: ReactNode) => renderToString(<StaticRouter basename="/shop" location="/shop/products/a">{node}</StaticRouter>);
    for (const to of ["/", "/collections/rings?page=2"]) {
      expect(shop(<Link to={to}>x</Link>)).toBe(shop(<RouterLink to={to} data-discover="true">x</RouterLink>));
    }
    expect(shop(<Link to="/collections/rings">x</Link>)).toContain('href="/shop/collections/rings"');
  });

  it("keeps ids made inside a link the same as the full Link's tree makes them", () => {
    const patched = at("/", [<Link key="a" to="/a"><Labelled /></Link>, <Labelled key="b" />]);
    expect(patched).toContain('href="/a"');
    // The full Link's tree: a fragment of the link and its (absent) prefetch links.
    const full = at("/", [
      <Fragment key="a">
        <RouterLink to="/a" data-discover="true">
          <Labelled />
        </RouterLink>
        {null}
      </Fragment>,
      <Labelled key="b" />,
    ]);
    expect(patched).toBe(full);
  });
});
