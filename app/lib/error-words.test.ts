import { describe, expect, it } from "vitest";
import { errorWords, surfaceOf } from "./error-words";

/** What Remix hands an error boundary for a thrown Response (the shape `isRouteErrorResponse` checks). */
const thrown = (status: number, data: unknown, internal = false) => ({ status, statusText: "", data, internal });

describe("errorWords", () => {
  it("says what our own thrown response says, under its status's title", () => {
    const words = errorWords(thrown(403, "Only managers may refund."));
    expect(words).toEqual({ status: 403, title: "You don't have access to this page", detail: "Only managers may refund." });
  });

  it("never shows the router's own message for an address that matches nothing", () => {
    const words = errorWords(thrown(404, 'Error: No route matches URL "/x"', true), {
      notFound: "The piece isn't here.",
    });
    expect(words).toEqual({ status: 404, title: "Not found", detail: "The piece isn't here." });
  });

  it("treats an exception as a 500 and keeps its message to the logs", () => {
    const words = errorWords(new Error("relation does not exist"), { fallback: "Try again soon." });
    expect(words).toEqual({ status: 500, title: "Something went wrong", detail: "Try again soon." });
  });

  it("says a form sent to a page that takes none changed nothing, not 'try again in a moment'", () => {
    const routerMessage = 'Error: You made a POST request to "/collections/earrings" but did not provide an `action`';
    const words = errorWords(thrown(405, routerMessage, true), { fallback: "Try again soon." });
    expect(words).toEqual({
      status: 405,
      title: "This page doesn't take a form",
      detail: "Nothing was sent or changed. Go back to the page and use its own buttons and links.",
    });
  });

  it("takes a surface's own titles over the defaults", () => {
    expect(errorWords(thrown(403, null), { titles: { 403: "Not for this account" } }).title).toBe("Not for this account");
    expect(errorWords(thrown(502, null), { titles: { other: "The register hit a problem" } }).title).toBe("The register hit a problem");
    expect(errorWords(thrown(400, "")).detail).toBe("Please try again in a moment.");
  });
});

describe("surfaceOf", () => {
  it("keeps an address no page answers on its own surface, and the storefront's for everything else", () => {
    expect(surfaceOf("/ops/ledger")?.home).toBe("/ops");
    expect(surfaceOf("/ops")?.label).toBe("Back to operations");
    expect(surfaceOf("/pos/nothing")?.home).toBe("/pos");
    expect(surfaceOf("/wholesale/x/y")?.home).toBe("/wholesale");
    expect(surfaceOf("/artisan/zzz")?.home).toBe("/artisan");
    // Only a whole path segment: a product called "opsidian" is the storefront's.
    expect(surfaceOf("/opsidian")).toBeNull();
    expect(surfaceOf("/en-gb/products/nope")).toBeNull();
  });
});
