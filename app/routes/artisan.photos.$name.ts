import type { LoaderFunctionArgs } from "@remix-run/node";
import { getArtisan } from "~/features/artisan-app/auth.server";
import { readWorkPhoto } from "~/features/artisan-app/photos.server";
import { getStaff, hasRole } from "~/domain/accounts/index.server";
import { db, schema } from "~/lib/db.server";
import { and, eq } from "drizzle-orm";

/** Staff whose work needs artisans' work photos: the hub (QC) and operations (production); admin holds every role. */
const WORK_PHOTO_ROLES = ["hub", "ops"] as const;

/**
 * A work photo: for the hub and operations (they check it) and for the artisan whose request it
 * shows. Other staff (finance, a cashier, a manager) get a 403; anyone else a 404, as if it didn't exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = params.name ?? "";
  const url = `/artisan/photos/${name}`;
  const staff = await getStaff(request);
  if (staff && !hasRole(staff, WORK_PHOTO_ROLES)) throw new Response("Work photos are for the hub and operations.", { status: 403 });
  if (!staff) {
    const artisan = await getArtisan(request);
    if (!artisan) throw new Response("Not found", { status: 404 });
    const [mine] = await db
      .select({ id: schema.productionEvents.id })
      .from(schema.productionEvents)
      .innerJoin(schema.productionRequests, eq(schema.productionRequests.id, schema.productionEvents.requestId))
      .where(and(eq(schema.productionEvents.photoUrl, url), eq(schema.productionRequests.artisanId, artisan.id)))
      .limit(1);
    if (!mine) throw new Response("Not found", { status: 404 });
  }
  const photo = await readWorkPhoto(name);
  if (!photo) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(photo.body), {
    headers: { "Content-Type": photo.contentType, "Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff" },
  });
}
