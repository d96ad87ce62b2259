/**
 * Public maker profiles: the pure parts (parameter parsing, how a maker is named and pictured).
 * Only artisans who consented (publicProfile) and are active ever reach these helpers' callers;
 * the queries in makers.server.ts enforce that.
 */
import { OPS_TIME_ZONE } from "~/lib/time";
import { z } from "zod";
import { PORTRAIT_SIZE as PORTRAIT_PX, makerPortraitUrl } from "~/domain/images";

export const MAKERS_PAGE_SIZE = 24;
export const MAKER_PRODUCTS_LIMIT = 12;
/** Longest name/settlement search we look at; the rest is dropped, never an error. */
export const MAKER_QUERY_MAX = 80;
/** Generated portraits are square. */
export const PORTRAIT_SIZE = { width: PORTRAIT_PX, height: PORTRAIT_PX } as const;

/** Drops control characters (NUL breaks PostgreSQL text) and collapses whitespace. */
export function cleanText(value: string, max: number): string {
  return value
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cs}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max)
    .trim();
}

/** A page number that never fails: junk, zero, negatives → 1; absurdly large → capped. */
export const pageParam = z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.coerce.number().int().min(1).max(100_000)).catch(1);

export const directoryParamsSchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((v) => cleanText(v, MAKER_QUERY_MAX)),
  county: z
    .string()
    .catch("")
    .transform((v) => cleanText(v, 60)),
  page: pageParam.default(1),
});
export type DirectoryParams = z.infer<typeof directoryParamsSchema>;

/** Reads /makers?q=&county=&page= without ever failing: bad values fall back to "no filter". */
export function parseDirectoryParams(params: URLSearchParams): DirectoryParams {
  const raw: Record<string, string> = {};
  for (const key of ["q", "county", "page"]) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  return directoryParamsSchema.parse(raw);
}

/** Handles are lower-case slugs; anything else is an unknown maker (404), not a query. */
export const makerHandleSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/);

export function isMakerHandle(value: string | undefined): value is string {
  return makerHandleSchema.safeParse(value).success;
}

/** "Wanjiru K.": the directory shows a first name and last initial only. */
export function shortName(firstName: string, lastName: string): string {
  const initial = [...lastName.trim()][0];
  return initial ? `${firstName.trim()} ${initial.toLocaleUpperCase("en")}.` : firstName.trim();
}

export function fullName(firstName: string, lastName: string): string {
  return `${firstName.trim()} ${lastName.trim()}`.trim();
}

/** The stored portrait, or the generated one every maker has. */
export function portraitUrl(handle: string, stored: string | null | undefined): string {
  return stored?.startsWith("/") && !stored.startsWith("//") ? stored : makerPortraitUrl(handle);
}

export { escapeLike } from "~/lib/sql";

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export function memberSince(joinedAt: Date | string): string {
  const date = typeof joinedAt === "string" ? new Date(joinedAt) : joinedAt;
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: OPS_TIME_ZONE }).format(date);
}

/** Meta descriptions stay under ~160 characters and end on a word. */
export function summarize(text: string, max = 155): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:]+$/, "")}…`;
}
