import type { ReactNode } from "react";
import { Image } from "~/components/commerce/Image";
import { VariantName } from "./CatalogNames";
import { useT } from "./use-t";

type RequestPiece = { product: string; variant: string; number: string; imageUrl: string | null; imageAlt: string | null };

/**
 * The head of a production request's card (an offer, work in hand): the piece's photo, its product
 * name (English, as it is sold), the variant and the request number; `children` adds to it (a status).
 */
export function RequestCardHead({ piece, children }: { piece: RequestPiece; children?: ReactNode }) {
  const t = useT();
  return (
    <div className="aa-card__head">
      {piece.imageUrl ? <Image src={piece.imageUrl} alt={piece.imageAlt ?? piece.product} width={88} height={88} sizes="88px" /> : null}
      <div>
        <h2 className="aa-card__title" lang="en">
          {piece.product}
        </h2>
        <p className="aa-card__meta">
          <VariantName name={piece.variant} /> · {t("offers.request", { number: piece.number })}
        </p>
        {children}
      </div>
    </div>
  );
}
