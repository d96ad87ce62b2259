/** Names for the actors a console page shows, with links only to pages this staff member may open. */
import type { StaffRole } from "#db/schema";
import { mayOpen } from "~/domain/accounts";
import type { ActorView } from "~/domain/audit";
import { resolveActors } from "~/domain/audit/index.server";

export type Actors = Record<string, ActorView>;

export async function actorsFor(actors: Iterable<string | null>, roles: readonly StaffRole[]): Promise<Actors> {
  const resolved = await resolveActors(actors);
  for (const view of Object.values(resolved)) {
    if (view.route && !mayOpen(view.route, roles)) {
      view.href = null;
      view.route = null;
    }
  }
  return resolved;
}
