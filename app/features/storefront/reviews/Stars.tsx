/**
 * Stars as a picture (hidden from screen readers) beside the words they stand for: the full stars in
 * one run, a half star on its own, the empty ones as the glyphs' own text (#14: a product page shows
 * five of these, and a span per star was a fifth of its reviews' elements).
 */
export function Stars({ rating, label }: { rating: number; label?: string }) {
  const rounded = Math.round(rating * 2) / 2;
  const full = Math.floor(rounded);
  const half = rounded > full;
  const empty = 5 - full - (half ? 1 : 0);
  return (
    <span className="stars" title={label ?? `${rating} out of 5 stars`}>
      <span className="stars__glyphs" aria-hidden="true">
        {full ? <span className="star--full">{STARS[full]}</span> : null}
        {half ? <span className="star--half">★</span> : null}
        {empty ? STARS[empty] : null}
      </span>
      <span className="visually-hidden">{label ?? `${rating} out of 5 stars`}</span>
    </span>
  );
}

const STARS = ["", "★", "★★", "★★★", "★★★★", "★★★★★"];

export const RATING_WORDS: Record<number, string> = {
  5: "Love it",
  4: "Like it",
  3: "It's fine",
  2: "Not great",
  1: "Disappointed",
};
