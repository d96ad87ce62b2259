import { MarketLink } from "~/components/commerce/market";
import { Image } from "~/components/commerce/Image";
import { PORTRAIT_SIZE } from "~/domain/images";
import type { MakerCardData } from "~/domain/catalog";

/** A maker who chose a public profile: portrait, first name, where they work, and a link to their story. */
export function MakerCard({
  maker,
  showCounty = true,
  children,
}: {
  maker: MakerCardData;
  showCounty?: boolean;
  children?: React.ReactNode;
}) {
  return (
    <MarketLink to={`/makers/${maker.handle}`} className="maker-card">
      <Image
        src={maker.portraitUrl}
        alt={`Portrait of ${maker.firstName}`}
        width={PORTRAIT_SIZE}
        height={PORTRAIT_SIZE}
        sizes="96px"
        className="maker-card__portrait"
      />
      <span className="maker-card__text">
        <span className="maker-card__name">{maker.firstName}</span>
        <span className="maker-card__place">{showCounty ? `${maker.settlement}, ${maker.county}` : maker.settlement}</span>
        {children}
      </span>
    </MarketLink>
  );
}
