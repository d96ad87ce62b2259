/**
 * Search input, made safe. Whatever a shopper types (quotes, `& | ! :*`, SQL, emoji, 10 KB of text)
 * is treated as words: websearch_to_tsquery never raises on any text, and the prefix query is built
 * only from letter/number tokens, so to_tsquery can't see an operator.
 */
import { z } from "zod";
import { cleanText, pageParam } from "~/domain/artisans";

export const SEARCH_QUERY_MAX = 200;
export const SEARCH_PAGE_SIZE = 24;
/** Enough words for any real query; more only makes the prefix query slower. */
const MAX_PREFIX_TOKENS = 8;
const MAX_TOKEN_LENGTH = 40;

export const POPULAR_SEARCHES = [
  "brass earrings",
  "horn",
  "recycled glass",
  "beaded bracelet",
  "bone",
  "cuff",
  "necklace",
  "ring",
] as const;

export const searchParamsSchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((v) => cleanText(v, SEARCH_QUERY_MAX)),
  page: pageParam.default(1),
});
export type SearchParams = z.infer<typeof searchParamsSchema>;

/** Reads /search?q=&page= without ever failing. */
export function parseSearchParams(params: URLSearchParams): SearchParams {
  const raw: Record<string, string> = {};
  const q = params.get("q");
  const page = params.get("page");
  if (q !== null) raw.q = q;
  if (page !== null) raw.page = page;
  return searchParamsSchema.parse(raw);
}

/** Lower-case letter/number runs: "Brass-earrings, 'big'!" → ["brass", "earrings", "big"]. */
export function searchTokens(q: string): string[] {
  return wordsOf(q).slice(0, MAX_PREFIX_TOKENS);
}

function wordsOf(text: string): string[] {
  const tokens =
    text
      .normalize("NFKC")
      .toLocaleLowerCase("en")
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return tokens.map((t) => t.slice(0, MAX_TOKEN_LENGTH));
}

/**
 * A to_tsquery text that matches every word as a prefix ("bras ear" → "bras:* & ear:*"), so a
 * half-typed word still finds things. A word written "-horn" stays excluded, as in the web search
 * syntax ("brass -horn" → "brass:* & !horn"). Null when there is no word to look for.
 */
export function prefixTsQuery(q: string): string | null {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const chunk of q.split(/\s+/)) {
    if (chunk.length > 1 && chunk.startsWith("-")) exclude.push(...wordsOf(chunk));
    else include.push(...wordsOf(chunk));
  }
  if (include.length === 0) return null;
  const terms = [...include.slice(0, MAX_PREFIX_TOKENS).map((t) => `${t}:*`), ...exclude.slice(0, MAX_PREFIX_TOKENS).map((t) => `!${t}`)];
  return terms.join(" & ");
}
