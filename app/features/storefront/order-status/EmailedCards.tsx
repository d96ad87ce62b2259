import { LocalTime } from "~/components/ui/LocalTime";
import { type EmailedCard, emailedCardFor } from "~/domain/giftcards";
import { formatLongDay } from "~/lib/intl";

/**
 * The gift cards an order bought, where a parcel's progress would be: each is emailed, sent on a day
 * or waiting for the one chosen. With nothing else in the order there is nothing to ship, and it says so.
 */
export function EmailedCards({ cards, locale, only }: { cards: EmailedCard[]; locale: string; only: boolean }) {
  if (cards.length === 0) return null;
  return (
    <section className="delivery-card emailed-cards" aria-labelledby="emailed-cards-heading">
      <h2 id="emailed-cards-heading">{only ? "Nothing to ship" : cards.length > 1 ? "Gift cards" : "Gift card"}</h2>
      <ul>
        {cards.map((card) => (
          <li key={card.last4}>
            {cards.length > 1 || !only
              ? `Gift card ····${card.last4} for ${emailedCardFor(card)}: `
              : `Gift card for ${emailedCardFor(card)}: `}
            {card.deliveredAt ? (
              <>
                sent by email on <LocalTime iso={card.deliveredAt} options={DAY} />.
              </>
            ) : card.sendOn ? (
              <>to be sent by email on {formatLongDay(`${card.sendOn}T00:00:00Z`, locale)}, the day you chose.</>
            ) : (
              <>to be sent by email shortly.</>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const DAY: Intl.DateTimeFormatOptions = { year: "numeric", month: "long", day: "numeric" };
