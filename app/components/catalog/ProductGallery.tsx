import { useEffect, useRef, useState, type MouseEvent } from "react";
import { Image } from "~/components/commerce/Image";
import { gallerySets, productPhotoPath } from "~/domain/catalog";
import type { ProductImageView } from "~/domain/catalog";

/**
 * The product's pictures, without JavaScript:
 * - one set per finish (`data-finish-slot`); the set shown follows the finish radio checked in the
 *   buy box (CSS `:has()`), so "Natural Horn" shows the natural horn pictures;
 * - thumbnails are radios (keyboard: Tab, then arrows) that choose the large picture (CSS `:has()`);
 * - the large picture links to its enlarged view, a page of its own (`/products/:handle/photos/:n`,
 *   on a phone twice the screen's width, to pan and pinch); its "Close" returns to the gallery.
 * With JavaScript the same link opens the enlarged picture in a modal `<dialog>` over the page (focus
 * on Close, Escape closes, focus back on the picture), rendered only while it is open: the page's
 * markup carries each picture twice (large and thumbnail), not three times.
 */
export function ProductGallery({
  images,
  title,
  finishes,
  handle,
}: {
  images: ProductImageView[];
  title: string;
  finishes: string[];
  handle: string;
}) {
  const [zoom, setZoom] = useState<ProductImageView | null>(null);
  if (images.length === 0) return <div className="gallery gallery--empty" aria-hidden="true" />;
  const sets = gallerySets(images, finishes);
  const open = (image: ProductImageView) => (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    setZoom(image);
  };
  return (
    <div className="gallery" id="gallery">
      {sets.map((set, s) => (
        <div
          key={set.finish ?? "all"}
          className="gallery-set"
          data-finish-slot={sets.length > 1 ? s : undefined}
          data-finish={set.finish ?? undefined}
        >
          <div className="gallery__stage">
            {set.images.map((image, j) => (
              <a
                key={image.url}
                href={productPhotoPath(handle, images.indexOf(image) + 1)}
                onClick={open(image)}
                className="gallery__slide"
                data-view={j}
                aria-label={`Enlarge: ${image.alt || title}`}
              >
                <Image
                  src={image.url}
                  alt={image.alt || title}
                  width={image.width}
                  height={image.height}
                  loading={s === 0 && j === 0 ? "eager" : "lazy"}
                  sizes="(min-width: 900px) 55vw, 100vw"
                  className="gallery__main"
                />
              </a>
            ))}
          </div>
          {set.images.length > 1 ? (
            <fieldset className="gallery__thumbs">
              <legend className="visually-hidden">{set.finish ? `Views of ${set.finish}` : "Views"}</legend>
              {set.images.map((image, j) => (
                <label key={image.url} className="gallery__thumb">
                  <input type="radio" name={`view-${s}`} className="gallery__pick" data-view={j} defaultChecked={j === 0} />
                  <Image
                    src={image.url}
                    alt={`View ${j + 1}: ${image.alt || title}`}
                    width={image.width}
                    height={image.height}
                    sizes="96px"
                  />
                </label>
              ))}
            </fieldset>
          ) : null}
        </div>
      ))}
      {zoom ? <ZoomDialog image={zoom} title={title} onClose={() => setZoom(null)} /> : null}
    </div>
  );
}

/** The enlarged picture over the page (JavaScript only): opened modal and centred, gone once closed. */
function ZoomDialog({ image, title, onClose }: { image: ProductImageView; title: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    const frame = element.querySelector<HTMLElement>(".zoom__frame");
    if (frame) {
      frame.scrollLeft = (frame.scrollWidth - frame.clientWidth) / 2;
      frame.scrollTop = (frame.scrollHeight - frame.clientHeight) / 2;
    }
  }, []);
  return (
    <dialog ref={dialog} className="zoom" aria-label={`${image.alt || title}, enlarged`} onClose={onClose}>
      <form method="dialog">
        {/* showModal() focuses it: the dialog's first control */}
        <button type="submit" className="zoom__close">
          Close
        </button>
      </form>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the enlarged picture scrolls by keyboard (arrows) when focused */}
      <div className="zoom__frame" tabIndex={0}>
        <img src={image.url} alt={image.alt || title} width={image.width} height={image.height} decoding="async" />
      </div>
    </dialog>
  );
}
