/** Structured data. `json` must come from serializeJsonLd (which escapes `<`, `>` and `&`). */
export function JsonLd({ json }: { json: string }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
