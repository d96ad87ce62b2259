import { useEffect } from "react";
import { Image } from "~/components/commerce/Image";
import { gallerySets } from "~/domain/catalog";
import type { ProductImageView } from "~/domain/catalog";

const ZOOM_PREFIX = "zoom-";

/**
 * The product's pictures, without JavaScript:
 * - one set per finish (`data-finish-slot`); the set shown follows the finish radio checked in the
 *   buy box (CSS `:has()`), so "Natural Horn" shows the natural horn pictures;
 * - thumbnails are radios (keyboard: Tab, then arrows) that choose the large picture (CSS `:has()`);
 * - the large picture is a link to its enlarged view, an overlay shown by `:target` (tap, click or
 *   Enter; on a phone it is twice the screen's width, to pan and pinch). "Close" returns to the gallery.
 * With JavaScript the overlay also takes focus, closes on Escape and opens centred.
 */
export function ProductGallery({ images, title, finishes }: { images: ProductImageView[]; title: string; finishes: string[] }) {
  useZoomKeyboard();
  if (images.length === 0) return <div className="gallery gallery--empty" aria-hidden="true" />;
  const sets = gallerySets(images, finishes);
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
                href={`#${ZOOM_PREFIX}${s}-${j}`}
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
                <span className="gallery__zoom-hint" aria-hidden="true">
                  Zoom
                </span>
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
          {set.images.map((image, j) => (
            <div
              key={image.url}
              id={`${ZOOM_PREFIX}${s}-${j}`}
              className="zoom"
              role="dialog"
              aria-label={`${image.alt || title}, enlarged`}
            >
              <a href="#gallery" className="zoom__close">
                Close
              </a>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the enlarged picture scrolls by keyboard (arrows) when focused */}
              <div className="zoom__frame" tabIndex={0}>
                <img src={image.url} alt={image.alt || title} width={image.width} height={image.height} loading="lazy" decoding="async" />
              </div>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}

/** With JavaScript: an opened zoom takes focus and starts centred; Escape closes it. */
function useZoomKeyboard() {
  useEffect(() => {
    function openedZoom() {
      const id = decodeURIComponent(window.location.hash.slice(1));
      return id.startsWith(ZOOM_PREFIX) ? document.getElementById(id) : null;
    }
    function onHash() {
      const zoom = openedZoom();
      if (!zoom) return;
      const frame = zoom.querySelector<HTMLElement>(".zoom__frame");
      zoom.querySelector<HTMLElement>(".zoom__close")?.focus();
      if (frame) {
        frame.scrollLeft = (frame.scrollWidth - frame.clientWidth) / 2;
        frame.scrollTop = (frame.scrollHeight - frame.clientHeight) / 2;
      }
    }
    function onKey(event: KeyboardEvent) {
      if (event.key !== "Escape" || !openedZoom()) return;
      const slide = document.querySelector<HTMLElement>(`a[href="${window.location.hash}"]`);
      window.location.hash = "gallery";
      slide?.focus();
    }
    onHash();
    window.addEventListener("hashchange", onHash);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("hashchange", onHash);
      window.removeEventListener("keydown", onKey);
    };
  }, []);
}
