import { Form } from "@remix-run/react";
import { Image } from "~/components/commerce/Image";
import { Field, FieldError } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import { MAX_REVIEW_PHOTOS } from "~/domain/reviews";
import { RATING_WORDS } from "./Stars";

type Existing = {
  rating: number;
  title: string;
  body: string;
  authorName: string;
  photos: Array<{ id: number; url: string; width: number; height: number }>;
} | null;

/**
 * One piece's review: stars (radio buttons), a title, the words, the name to show and up to two
 * photos. A plain multipart form: it works the same with JavaScript off.
 */
export function ReviewForm({
  action,
  cancelPath,
  pieceTitle,
  existing,
  defaultAuthorName,
  errors = {},
  values,
}: {
  action: string;
  cancelPath: string;
  pieceTitle: string;
  existing: Existing;
  defaultAuthorName: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const value = (name: "rating" | "title" | "body" | "authorName") =>
    values?.[name] ?? (existing ? String(existing[name]) : name === "authorName" ? defaultAuthorName : "");
  const photoRoom = MAX_REVIEW_PHOTOS - (existing?.photos.length ?? 0);
  return (
    <Form
      method="post"
      action={action}
      encType="multipart/form-data"
      className="review-form"
      noValidate
      aria-labelledby="review-form-heading"
    >
      <h2 id="review-form-heading">
        {existing ? "Change your review" : "Your review"} of {pieceTitle}
      </h2>
      {errors.form ? (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      ) : Object.keys(errors).length ? (
        <p className="notice notice--error" role="alert">
          Please check the highlighted fields.
        </p>
      ) : null}
      <fieldset className="rating-input" aria-describedby={errors.rating ? "review-rating-error" : undefined}>
        <legend>Your rating</legend>
        {[5, 4, 3, 2, 1].map((stars) => (
          <label key={stars} className="rating-input__option">
            <input type="radio" name="rating" value={stars} defaultChecked={value("rating") === String(stars)} required />
            <span className="rating-input__stars" aria-hidden="true">
              {"★".repeat(stars)}
              <span className="rating-input__empty">{"★".repeat(5 - stars)}</span>
            </span>
            <span>
              {stars} {stars === 1 ? "star" : "stars"}: {RATING_WORDS[stars]}
            </span>
          </label>
        ))}
        <FieldError id="review-rating-error" message={errors.rating} />
      </fieldset>
      <Field
        name="title"
        label="Title"
        idPrefix="review"
        defaultValue={value("title")}
        error={errors.title}
        maxLength={120}
        required
        hint="Sum it up in a few words."
      />
      <div className="field">
        <label htmlFor="review-body">Your review</label>
        <textarea
          id="review-body"
          name="body"
          rows={6}
          maxLength={4000}
          required
          defaultValue={value("body")}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={`review-body-hint${errors.body ? " review-body-error" : ""}`}
        />
        <p className="field-hint" id="review-body-hint">
          How does it look and feel, how have you worn it? The artisan who made it reads this too.
        </p>
        <FieldError id="review-body-error" message={errors.body} />
      </div>
      <Field
        name="authorName"
        label="Name shown with your review"
        idPrefix="review"
        defaultValue={value("authorName")}
        error={errors.authorName}
        maxLength={60}
        required
        autoComplete="off"
      />
      {existing?.photos.length ? (
        <fieldset className="review-form__photos">
          <legend>Your photos</legend>
          <ul className="review-photos">
            {existing.photos.map((photo, i) => (
              <li key={photo.id}>
                <Image src={photo.url} alt={`Your photo ${i + 1}`} width={120} height={120} sizes="120px" className="review-photo" />
                <label>
                  <input type="checkbox" name="removePhoto" value={photo.id} /> Remove
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor="review-photos">{existing?.photos.length ? "Add photos" : "Photos (optional)"}</label>
        <input
          id="review-photos"
          name="photos"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          aria-invalid={errors.photos ? true : undefined}
          aria-describedby={`review-photos-hint${errors.photos ? " review-photos-error" : ""}`}
        />
        <p className="field-hint" id="review-photos-hint">
          Up to {MAX_REVIEW_PHOTOS} photos in all
          {photoRoom < MAX_REVIEW_PHOTOS ? ` (room for ${Math.max(0, photoRoom)} more, or remove one)` : ""}: JPEG, PNG or WebP, 5 MB each
          at most. Only the piece, please: photos of people are not published.
        </p>
        <FieldError id="review-photos-error" message={errors.photos} />
      </div>
      <div className="review-form__actions">
        <SubmitButton busyLabel="Sending…">{existing ? "Save changes" : "Send review"}</SubmitButton>
        <a href={cancelPath} className="button button--ghost">
          Cancel
        </a>
      </div>
      <p className="muted review-form__note">
        Our team reads every review before it appears on the shop. Until then you can change it here.
      </p>
    </Form>
  );
}
