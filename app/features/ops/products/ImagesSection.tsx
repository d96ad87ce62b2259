import { Form } from "@remix-run/react";
import { Image } from "~/components/commerce/Image";
import { Field } from "~/components/ui/Field";
import { SubmitButton } from "~/components/ui/SubmitButton";
import type { Failure } from "./product";
import type { PageData } from "./product.server";

/** The product's images in order, each with its alt text and move/remove buttons, and the upload form. */
export function ImagesSection({ images, failure }: { images: PageData["images"]; failure: Failure | undefined }) {
  const uploadFailure = failure?.intent === "image-upload" ? failure : undefined;
  return (
    <section className="ops-admin__section" id="images" aria-labelledby="images-title">
      <h2 id="images-title">Images</h2>
      <p className="muted">The first image is the one shown on product cards.</p>
      {images.length === 0 ? <p className="muted">No images yet.</p> : null}
      <ol className="ops-admin__images">
        {images.map((image, index) => {
          const altFailure = failure?.intent === "image-alt" && failure.target === image.id ? failure : undefined;
          return (
            <li key={image.id} className="ops-admin__image">
              <Image src={image.url} alt={image.alt} width={120} height={Math.round((120 * image.height) / image.width)} sizes="120px" />
              <div className="ops-admin__image-forms">
                <Form method="post" className="ops-admin__inline">
                  <input type="hidden" name="intent" value="image-alt" />
                  <input type="hidden" name="imageId" value={image.id} />
                  <Field
                    name="alt"
                    id={`alt-${image.id}`}
                    label={`Alt text, image ${index + 1}`}
                    defaultValue={altFailure?.values.alt ?? image.alt}
                    error={altFailure?.errors.alt}
                    maxLength={300}
                  />
                  <button type="submit" className="button button--small button--ghost">
                    Save alt text
                  </button>
                </Form>
                <Form method="post" className="ops-admin__actions">
                  <input type="hidden" name="imageId" value={image.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="image-up"
                    className="button button--small button--ghost"
                    disabled={index === 0}
                    aria-label={`Move image ${index + 1} earlier`}
                  >
                    Move up
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="image-down"
                    className="button button--small button--ghost"
                    disabled={index === images.length - 1}
                    aria-label={`Move image ${index + 1} later`}
                  >
                    Move down
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="image-remove"
                    className="button button--small button--ghost ops-admin__danger"
                    aria-label={`Remove image ${index + 1}`}
                  >
                    Remove
                  </button>
                </Form>
              </div>
            </li>
          );
        })}
      </ol>
      <Form method="post" encType="multipart/form-data" className="ops-admin__form ops-admin__upload">
        <div className="field">
          <label htmlFor="image">Upload an image</label>
          <input
            id="image"
            name="image"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-describedby="image-hint"
            aria-invalid={uploadFailure?.errors.image ? true : undefined}
          />
          <p id="image-hint" className="field-hint">
            JPEG, PNG or WebP, up to 5 MB.
          </p>
          {uploadFailure?.errors.image ? (
            <p className="field-error" role="alert">
              {uploadFailure.errors.image}
            </p>
          ) : null}
        </div>
        <Field
          name="alt"
          id="upload-alt"
          label="Alt text (required)"
          hint="What the picture shows, for people using a screen reader."
          defaultValue={uploadFailure ? (uploadFailure.values.alt ?? "") : ""}
          error={uploadFailure?.errors.alt}
          maxLength={300}
        />
        <SubmitButton intent="image-upload" className="button button--small" busyLabel="Upload image">
          Upload image
        </SubmitButton>
      </Form>
    </section>
  );
}
