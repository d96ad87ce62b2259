import { z } from "zod";
import { listPage } from "~/lib/fields";
import { parseWith } from "~/lib/validation";

/**
 * A price list page's own address with its search and page kept (where its forms come back to):
 * `q` and `page` from the posted form or the query, trimmed and capped; page 1 left out. Pure.
 */
export function listPageUrl(path: string, input: URLSearchParams | FormData): string {
  const keep = new URLSearchParams();
  for (const key of ["q", "page"]) {
    const value = input.get(key);
    if (typeof value === "string" && value.trim() !== "" && !(key === "page" && value === "1")) keep.set(key, value.trim().slice(0, 120));
  }
  const query = keep.toString();
  return `${path}${query ? `?${query}` : ""}`;
}

const pageQuery = z.object({ page: listPage() });

/** A price list page's `?page=`: 1 when absent; a 400 saying what is wrong when it isn't a page number. */
export function listPageOf(params: URLSearchParams): number {
  const parsed = parseWith(pageQuery, new URLSearchParams(params.has("page") ? { page: params.get("page")! } : {}));
  if (!parsed.ok) throw new Response(Object.values(parsed.errors).join(" "), { status: 400 });
  return parsed.data.page;
}
