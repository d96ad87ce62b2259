import { Link } from "@remix-run/react";
import { type ActorView, describeActor } from "~/domain/audit";

const KIND_LABEL: Record<ActorView["kind"], string | null> = {
  staff: "staff",
  artisan: "artisan",
  customer: "shopper",
  buyer: "retail buyer",
  system: null,
};

/**
 * Who did it, by name: "Nkirote Wambui · artisan" (a link to her page where the viewer may open it).
 * The recorded key ("artisan:360") stays in the tooltip for whoever is matching it to the audit log.
 */
export function Actor({ actor, actors }: { actor: string | null; actors: Record<string, ActorView> }) {
  const view = actors[actor ?? "system"] ?? describeActor(actor);
  const kind = KIND_LABEL[view.kind];
  return (
    <span className="ops-actor" title={view.actor}>
      {view.href ? <Link to={view.href}>{view.name}</Link> : <span className="ops-actor__name">{view.name}</span>}
      {kind ? <span className="ops-actor__kind"> · {kind}</span> : null}
    </span>
  );
}
