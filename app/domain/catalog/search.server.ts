/**
 * Product search on PostgreSQL full-text search: products.search_vector is a generated tsvector
 * (title A, category and materials B, story C) with a GIN index.
 *
 * A product matches when
 *   - the whole query matches as a web search (websearch_to_tsquery: quotes, "or", "-word"), or
 *   - every word matches as a prefix ("bras" → brass), on the same index, or
 *   - the title contains the text as typed (ILIKE: catches what stemming splits oddly).
 * Full-word matches rank first, then ts_rank (title weighs most), then the title.
 */
import { and, count, eq, sql, type SQL } from "drizzle-orm";
import { escapeLike, pageCount } from "~/domain/artisans";
import { db, schema } from "~/lib/db.server";
import { CATALOG_KEY } from "~/lib/purge-keys";
import { recordPurgeKeys, type PurgeKeyCollector } from "~/lib/purge.server";
import { productCardsByIds, type ProductCardData } from "./product-cards.server";
import { productListKeys } from "./purge-keys";
import { SEARCH_PAGE_SIZE, prefixTsQuery, searchTokens } from "./query";

const p = schema.products;

export type ProductSearchResult = {
  products: ProductCardData[];
  total: number;
  page: number;
  pageCount: number;
};

function searchTerms(q: string) {
  const web = sql`websearch_to_tsquery('english', ${q})`;
  const prefixText = prefixTsQuery(q);
  const prefix = prefixText ? sql`to_tsquery('english', ${prefixText})` : null;
  const matches: SQL[] = [sql`${p.searchVector} @@ ${web}`];
  if (prefix) matches.push(sql`${p.searchVector} @@ ${prefix}`);
  matches.push(sql`${p.title} ilike ${`%${escapeLike(q)}%`}`);
  const where = and(eq(p.status, "active"), sql`(${sql.join(matches, sql` or `)})`)!;
  const rank = prefix ? sql`ts_rank(${p.searchVector}, ${web} || ${prefix})` : sql`ts_rank(${p.searchVector}, ${web})`;
  const exact = sql`(${p.searchVector} @@ ${web})`;
  return { where, rank, exact };
}

/** Active products matching `q` (already cleaned by parseSearchParams), ranked, one page. */
export async function searchProducts(q: string, page = 1, into?: PurgeKeyCollector): Promise<ProductSearchResult> {
  // Results are a list: any product published, edited or withdrawn may change them.
  recordPurgeKeys(into, [CATALOG_KEY]);
  if (!q) return { products: [], total: 0, page: 1, pageCount: 1 };
  const { where, rank, exact } = searchTerms(q);
  const [{ total }] = await db.select({ total: count() }).from(p).where(where);
  if (total === 0) return { products: [], total, page, pageCount: 1 };
  const rows = await db
    .select({ id: p.id })
    .from(p)
    .where(where)
    .orderBy(sql`${exact} desc`, sql`${rank} desc`, p.title, p.id)
    .limit(SEARCH_PAGE_SIZE)
    .offset((page - 1) * SEARCH_PAGE_SIZE);
  recordPurgeKeys(into, productListKeys(rows.map((r) => r.id)));
  return {
    products: await productCardsByIds(rows.map((r) => r.id)),
    total,
    page,
    pageCount: pageCount(total, SEARCH_PAGE_SIZE),
  };
}

/** How alike a typed word and a catalog word must be (pg_trgm similarity, 0–1) to be suggested. */
export const SUGGEST_MIN_SIMILARITY = 0.3;

/**
 * "Did you mean …?" for a query that found nothing: each typed word that is not a word of the
 * catalog (active products' titles, categories and materials) is replaced by the catalog word most
 * like it (pg_trgm trigram similarity), so "neklace" → "necklace" and "bras earings" → "brass
 * earrings". Null when every word is known or nothing is alike. The catalog's words are a few
 * hundred, drawn from the products table in one statement; it runs only when a search found nothing.
 */
export async function suggestSearch(q: string): Promise<string | null> {
  const tokens = searchTokens(q);
  const typed = [...new Set(tokens.filter((w) => /^\p{L}{3,}$/u.test(w)))];
  if (typed.length === 0) return null;
  const rows = await db.execute<{ typed: string; known: boolean; best: string | null }>(sql`
    with vocab as (
      select distinct w
      from ${p},
        lateral regexp_split_to_table(lower(${p.title} || ' ' || ${p.category} || ' ' || array_to_string(${p.materials}, ' ')), '[^[:alpha:]]+') w
      where ${p.status} = 'active' and length(w) >= 3
    )
    select t.typed,
      exists (select 1 from vocab where vocab.w = t.typed) as known,
      (select vocab.w from vocab
        where similarity(vocab.w, t.typed) >= ${SUGGEST_MIN_SIMILARITY}
        order by similarity(vocab.w, t.typed) desc, length(vocab.w), vocab.w
        limit 1) as best
    from unnest(array[${sql.join(
      typed.map((w) => sql`${w}`),
      sql`, `,
    )}]::text[]) as t(typed)
  `);
  const better = new Map(rows.filter((row) => !row.known && row.best && row.best !== row.typed).map((row) => [row.typed, row.best!]));
  if (better.size === 0) return null;
  return tokens.map((w) => better.get(w) ?? w).join(" ");
}
