import { OpsTime } from "~/features/ops/shared/OpsTime";
import type { HubRequestDetail } from "~/domain/hub/index.server";

/**
 * The photo the artisan sent with "ready", beside the quality check: what she says she made, to
 * hold against the pieces on the bench. Opens full size in a new tab.
 */
export function WorkPhoto({ request: r }: { request: HubRequestDetail }) {
  if (!r.workPhoto) {
    return r.status === "received" ? <p className="muted hub-photo__none">The artisan sent no photo of this work.</p> : null;
  }
  const label = `${r.artisanName ?? "The artisan"}'s photo of ${r.number}`;
  return (
    <figure className="hub-photo">
      <a href={r.workPhoto.url} target="_blank" rel="noreferrer">
        <img src={r.workPhoto.url} alt={label} width={320} height={320} loading="lazy" decoding="async" />
      </a>
      <figcaption>
        {label}, sent <OpsTime iso={r.workPhoto.at} weekday year={false} />. Compare it with the pieces as you check them.
      </figcaption>
    </figure>
  );
}
