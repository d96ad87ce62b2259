import { Image as HydrogenImage } from "@shopify/hydrogen-react";

type Props = {
  src: string;
  alt: string;
  width: number;
  height: number;
  sizes?: string;
  className?: string;
  loading?: "lazy" | "eager";
};

/**
 * Our images are generated SVG served by our own routes, so the loader returns the URL as is instead
 * of Shopify's CDN parameters. One function for every image: the patched server Image keeps what it
 * worked out per loader (app/patches, docs/decisions/0009).
 */
const urlAsIs = ({ src }: { src?: string }) => src ?? "";

/** Our one wrapper around hydrogen-react's Image. */
export function Image({ src, alt, width, height, sizes, className, loading = "lazy" }: Props) {
  return (
    <HydrogenImage
      src={src}
      alt={alt}
      width={width}
      height={height}
      sizes={sizes ?? "(min-width: 1024px) 25vw, 50vw"}
      loader={urlAsIs}
      srcSetOptions={{ intervals: 1, startingWidth: width, incrementSize: width, placeholderWidth: width }}
      className={className}
      loading={loading}
      decoding="async"
    />
  );
}
