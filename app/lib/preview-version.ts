/**
 * A price-list preview's version: what the preview covers and nothing else. `settings` is the list's
 * settings row's change time (its rate and rounding); `upTo` the highest variant the list priced
 * then; `rows` a digest of every price row up to it as it stood (its price, source and the dollar
 * price it is made from). A product added after the preview is not part of it (applying prices it
 * at the new settings too); an applied or undone change, or a previewed price edited, reset or
 * removed, is. Written into the preview's form and read back when it is applied; pure.
 */
export type PreviewVersion = { settings: string; upTo: number; rows: string };

export function formatPreviewVersion(v: PreviewVersion): string {
  return `${v.settings}/${v.upTo}/${v.rows}`;
}

/** The version a form carried; null for anything that is not one (a forged or old form). */
export function parsePreviewVersion(text: string): PreviewVersion | null {
  const match = /^([0-9.]+)\/(\d{1,10})\/([0-9a-f]{32})$/.exec(text);
  if (!match) return null;
  return { settings: match[1], upTo: Number(match[2]), rows: match[3] };
}

/**
 * Why a preview no longer says what applying would do, in words for ops ("rate and rounding" or
 * "rate and step"), or null when it still does.
 */
export function stalePreview(seen: PreviewVersion | null, now: PreviewVersion, settingsWords: string): string | null {
  if (!seen || seen.settings !== now.settings)
    return `The list's ${settingsWords} changed since this preview (someone applied a change, or undid one). Nothing was changed: preview again.`;
  if (seen.rows !== now.rows)
    return "A price in this preview changed since it was made (set or reset by hand, or its product's dollar price edited). Nothing was changed: preview again.";
  return null;
}
