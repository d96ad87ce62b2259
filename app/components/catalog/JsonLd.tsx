/** Structured data. `json` must come from serializeJsonLd (which escapes `<`, `>` and `&`). */
export function JsonLd({ json }: { json: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON-LD from serializeJsonLd, which escapes <, > and & so it cannot close the script
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
