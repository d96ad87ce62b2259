import { Link } from "@remix-run/react";
import { Image } from "~/components/commerce/Image";
import type { MakerCredit, ReviewStatus } from "~/domain/reviews";
import { Stars } from "./Stars";

export type ReviewLineView = {
  id: number;
  title: string;
  productTitle: string;
  handle: string;
  image: { url: string; alt: string } | null;
  maker: MakerCredit | null;
  writePath: string;
  blocked: string | null;
  review: {
    status: ReviewStatus;
    rating: number;
    title: string;
    body: string;
    authorName: string;
    rejectionReason: string | null;
    photos: Array<{ id: number; url: string; width: number; height: number }>;
  } | null;
};

const STATUS_WORDS: Record<ReviewStatus, { text: string; badge: string }> = {
  pending: { text: "With our team: not published yet", badge: "badge--warn" },
  approved: { text: "Published", badge: "badge--ok" },
  rejected: { text: "Not published", badge: "badge--bad" },
};

/** Each piece of the order: its review as written (and where it stands), or the way to write one. */
export function ReviewLines({ lines, delivered, editingId }: { lines: ReviewLineView[]; delivered: boolean; editingId?: number }) {
  return (
    <ol className="review-lines">
      {lines.map((line) => (
        <li key={line.id} id={`line-${line.id}`} className="review-line">
          <div className="review-line__piece">
            {line.image ? <Image src={line.image.url} alt={line.image.alt} width={88} height={88} sizes="88px" /> : null}
            <div>
              <h2>
                <Link to={`/products/${line.handle}`}>{line.productTitle}</Link>
              </h2>
              {line.title !== line.productTitle ? <p className="muted">{line.title}</p> : null}
              {line.maker ? (
                <p className="review-maker">{line.maker.href ? <Link to={line.maker.href}>{line.maker.text}</Link> : line.maker.text}</p>
              ) : null}
            </div>
          </div>
          {line.review ? (
            <div className="review-line__review">
              <p>
                <span className={`badge ${STATUS_WORDS[line.review.status].badge}`}>{STATUS_WORDS[line.review.status].text}</span>
              </p>
              <p className="review-line__title">
                <Stars rating={line.review.rating} /> <strong>{line.review.title}</strong>
              </p>
              <p className="review-body">{line.review.body}</p>
              <p className="muted">By {line.review.authorName}</p>
              {line.review.photos.length ? (
                <ul className="review-photos">
                  {line.review.photos.map((photo, i) => (
                    <li key={photo.id}>
                      <Image
                        src={photo.url}
                        alt={`Your photo ${i + 1} of ${line.title}`}
                        width={120}
                        height={120}
                        sizes="120px"
                        className="review-photo"
                      />
                    </li>
                  ))}
                </ul>
              ) : null}
              {line.review.status === "rejected" && line.review.rejectionReason ? (
                <p className="notice">
                  <strong>Why it wasn't published:</strong> {line.review.rejectionReason}
                </p>
              ) : null}
              {line.review.status === "pending" && !line.blocked && line.id !== editingId ? (
                <p>
                  <Link to={`${line.writePath}#review-form`} className="button button--ghost button--small">
                    Change your review<span className="visually-hidden"> of {line.title}</span>
                  </Link>
                </p>
              ) : null}
            </div>
          ) : line.id === editingId && !line.blocked ? (
            <p className="muted review-line__blocked">
              <a href="#review-form">Your review of this piece</a> is above.
            </p>
          ) : line.blocked ? (
            <p className="muted review-line__blocked">
              {delivered ? line.blocked : "You can review this piece once it has been delivered."}
            </p>
          ) : (
            <p>
              <Link to={`${line.writePath}#review-form`} className="button button--small">
                Write a review<span className="visually-hidden"> of {line.title}</span>
              </Link>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
