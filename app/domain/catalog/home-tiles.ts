/** The home page's collection tiles: which piece pictures each (pure, so the rule is tested without a database). */

/**
 * One row per collection, in order: each takes its first candidate piece that an earlier tile has
 * not taken (a piece leading two collections would otherwise show twice); with none left, its first.
 */
export function pickTileImages<Row extends { handle: string; lead_id: number | null; url: string | null }>(rows: Row[]): Row[] {
  const byCollection = new Map<string, Row[]>();
  for (const row of rows) byCollection.set(row.handle, [...(byCollection.get(row.handle) ?? []), row]);
  const taken = new Set<number>();
  return [...byCollection.values()].map((candidates) => {
    const pictured = candidates.filter((row) => row.url !== null && row.lead_id !== null);
    const pick = pictured.find((row) => !taken.has(row.lead_id!)) ?? pictured[0] ?? candidates[0];
    if (pick.lead_id !== null) taken.add(pick.lead_id);
    return pick;
  });
}
