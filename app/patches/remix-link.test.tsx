/**
 * The patched @remix-run/react (app/patches, docs/decisions/0009) renders a server <Link> as its <a>
 * alone: no prefetch state, no click handler, `to` resolved once; and a server <NavLink> to an
 * absolute path the same way, "active" worked out from the location. Their markup must be what the
 * full ones render (react-router-dom's Link and NavLink with Remix's data-discover), or hydration
 * would differ.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Link, NavLink } from "@remix-run/react";
import { Fragment, useId, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { NavLink as RouterNavLink, Link as RouterLink } from "react-router-dom";
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

describe("the patched server NavLink", () => {
  it("is installed in the server build", () => {
    const built = readFileSync(require.resolve("@remix-run/react/dist/components.js"), "utf8");
    expect(built).toContain("renderingOnServer ? ServerNavLink : FullNavLink");
    expect(String((NavLink as unknown as { render: () => void }).render)).toContain("serverNavPath");
  });

  it("renders what the full NavLink renders, active or not, attribute for attribute", () => {
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ["/collections/earrings", "/collections/earrings", {}],
      ["/collections/earrings/", "/collections/earrings", {}],
      ["/collections/earrings/gold", "/collections/earrings", {}],
      ["/collections/earrings/gold", "/collections/earrings", { end: true }],
      ["/collections/earringsx", "/collections/earrings", {}],
      ["/Collections/Earrings", "/collections/earrings", {}],
      ["/Collections/Earrings", "/collections/earrings", { caseSensitive: true }],
      ["/makers/", "/makers/", {}],
      ["/makers", "/makers/", {}],
      ["/", "/", {}],
      ["/makers", "/", {}],
      ["/makers", "/", { end: true }],
      ["/en-gb/collections/rings", "/en-gb/collections/rings?page=2#grid", { className: "nav" }],
      ["/search", "/search", { className: "nav", "aria-current": "location", "data-testid": "s", target: "_self", rel: "x" }],
      ["/search", "/search", { className: ({ isActive }: { isActive: boolean }) => (isActive ? "on" : "off") }],
      ["/other", "/search", { className: ({ isActive }: { isActive: boolean }) => (isActive ? "on" : "off") }],
      ["/search", "/search", { style: ({ isActive }: { isActive: boolean }) => ({ fontWeight: isActive ? 700 : 400 }) }],
      ["/search", "/search", { style: { color: "red" }, prefetch: "intent" }],
      ["/a b", "/a b", {}],
      ["/", "/account", { reloadDocument: true }],
    ];
    for (const [location, to, props] of cases) {
      const { prefetch: _prefetch, ...routerProps } = props;
      const discover = props.reloadDocument ? undefined : "true";
      for (let twice = 0; twice < 2; twice++) {
        expect(at(location, <NavLink to={to} {...props}>x</NavLink>)).toBe(
          at(location, <RouterNavLink to={to} {...routerProps} data-discover={discover}>x</RouterNavLink>),
        );
      }
    }
    // Children as a function of the state, and a `to` the full NavLink resolves (relative, an object).
    const children = ({ isActive }: { isActive: boolean }) => (isActive ? "here" : "there");
    expect(at("/search", <NavLink to="/search">{children}</NavLink>)).toBe(
      at("/search", <RouterNavLink to="/search" data-discover="true">{children}</RouterNavLink>),
    );
    expect(at("/search", <NavLink to="/search">{children}</NavLink>)).toContain("here");
    expect(at("/products/a", <NavLink to="reviews">R</NavLink>)).toBe(
      at("/products/a", <RouterNavLink to="reviews" data-discover="true">R</RouterNavLink>),
    );
    expect(at("/search", <NavLink to={{ pathname: "/search" }}>S</NavLink>)).toBe(
      at("/search", <RouterNavLink to={{ pathname: "/search" }} data-discover="true">S</RouterNavLink>),
    );
    const shop = (node: ReactNode) => renderToString(<StaticRouter basename="/shop" location="/shop/makers">{node}</StaticRouter>);
    expect(shop(<NavLink to="/makers">M</NavLink>)).toBe(shop(<RouterNavLink to="/makers" data-discover="true">M</RouterNavLink>));
    expect(shop(<NavLink to="/makers">M</NavLink>)).toContain('href="/shop/makers"');
  });

  it("keeps ids made inside a nav link the same as the full NavLink's tree makes them", () => {
    const patched = at("/a", [<NavLink key="a" to="/a"><Labelled /></NavLink>, <Labelled key="b" />]);
    expect(patched).toContain('aria-current="page"');
    const full = at("/a", [
      <Fragment key="a">
        <RouterNavLink to="/a" data-discover="true">
          <Labelled />
        </RouterNavLink>
        {null}
      </Fragment>,
      <Labelled key="b" />,
    ]);
    expect(patched).toBe(full);
  });
});
