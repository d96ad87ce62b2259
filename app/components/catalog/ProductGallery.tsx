import { Image } from "~/components/commerce/Image";
import type { ImageData } from "~/domain/catalog";

/** The product's images: the first large, the rest as a scrollable strip. No JavaScript needed. */
export function ProductGallery({ images, title }: { images: ImageData[]; title: string }) {
  if (images.length === 0) return <div className="gallery gallery--empty" aria-hidden="true" />;
  const [first, ...rest] = images;
  return (
    <div className="gallery">
      <Image
        src={first.url}
        alt={first.alt || title}
        width={first.width}
        height={first.height}
        loading="eager"
        sizes="(min-width: 900px) 55vw, 100vw"
        className="gallery__main"
      />
      {rest.length ? (
        <ul className="gallery__more" aria-label="More views">
          {rest.map((image) => (
            <li key={image.url}>
              <Image
                src={image.url}
                alt={image.alt || title}
                width={image.width}
                height={image.height}
                sizes="(min-width: 900px) 27vw, 50vw"
              />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
