import { isRouteErrorResponse } from "@remix-run/react";

export type ErrorWords = { status: number; title: string; detail: string };

type Wording = {
  /** Titles by status, over the defaults (400, 401, 403, 404, 405); `other` for the rest (500…). */
  titles?: Partial<Record<Titled | "other", string>>;
  /** What a 404 says when the thrower said nothing. */
  notFound?: string;
  /** What any other error says when the thrower said nothing. */
  fallback?: string;
};

const TITLES = {
  400: "That request didn't make sense",
  401: "Please sign in",
  403: "You don't have access to this page",
  404: "Not found",
  405: "This page doesn't take a form",
  other: "Something went wrong",
} as const;

type Titled = 400 | 401 | 403 | 404 | 405;
const titled = (status: number): status is Titled => status in TITLES;

/** A form sent to a page that takes none (an old tab, a hand-made post): nothing to try again. */
const NOT_ALLOWED = "Nothing was sent or changed. Go back to the page and use its own buttons and links.";

/** A staff or artisan surface a page outside any route still belongs to, by its address. */
export type Surface = { home: string; label: string; notFound: string };

const SURFACES: Array<[prefix: string, surface: Surface]> = [
  [
    "/ops",
    {
      home: "/ops",
      label: "Back to operations",
      notFound: "There is no such page in operations. Check the address, or start again from the dashboard.",
    },
  ],
  ["/pos", { home: "/pos", label: "Back to the register", notFound: "There is no such page on the register." }],
  ["/wholesale", { home: "/wholesale", label: "Back to wholesale", notFound: "There is no such page in the wholesale portal." }],
  ["/artisan", { home: "/artisan", label: "Back to my work · Rudi kwenye kazi", notFound: "This page is not here. · Ukurasa huu haupo." }],
];

/** The surface `pathname` is on ("/ops/ledger" → operations); null on the storefront. */
export function surfaceOf(pathname: string): Surface | null {
  const hit = SURFACES.find(([prefix]) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  return hit ? hit[1] : null;
}

/**
 * The words of an error page, the same rules on every surface: the status of a thrown response
 * (500 for anything else), a title for it, and the thrower's own message when our code wrote one —
 * never the router's ("Error: No route matches URL …") nor an exception's, which are not for readers.
 */
export function errorWords(error: unknown, wording: Wording = {}): ErrorWords {
  const response = isRouteErrorResponse(error) ? error : null;
  const status = response?.status ?? 500;
  const titles = { ...TITLES, ...wording.titles };
  const title = titled(status) ? titles[status] : titles.other;
  const ours = response && !(response as { internal?: boolean }).internal && typeof response.data === "string" && response.data;
  const detail = ours
    ? (response.data as string)
    : status === 404
      ? (wording.notFound ?? "There is nothing here.")
      : status === 405
        ? NOT_ALLOWED
        : (wording.fallback ?? "Please try again in a moment.");
  return { status, title, detail };
}
