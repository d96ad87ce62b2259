/**
 * The address of a page's CSV export (a resource route such as /ops/audit.csv) with the page's own
 * query minus `format` and `page`: where an older `?format=csv` link is sent. Pure.
 */
export function csvHref(path: string, search: URLSearchParams): string {
  const params = new URLSearchParams(search);
  params.delete("format");
  params.delete("page");
  return params.size ? `${path}?${params}` : path;
}
