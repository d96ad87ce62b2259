/** Stars as a picture (hidden from screen readers) beside the words they stand for. */
export function Stars({ rating, label }: { rating: number; label?: string }) {
  const rounded = Math.round(rating * 2) / 2;
  return (
    <span className="stars" title={label ?? `${rating} out of 5 stars`}>
      <span className="stars__glyphs" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className={n <= rounded ? "star star--full" : n - 0.5 === rounded ? "star star--half" : "star"}>
            ★
          </span>
        ))}
      </span>
      <span className="visually-hidden">{label ?? `${rating} out of 5 stars`}</span>
    </span>
  );
}

export const RATING_WORDS: Record<number, string> = {
  5: "Love it",
  4: "Like it",
  3: "It's fine",
  2: "Not great",
  1: "Disappointed",
};
