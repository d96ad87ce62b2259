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
