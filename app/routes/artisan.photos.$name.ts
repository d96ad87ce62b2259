import type { LoaderFunctionArgs } from "@remix-run/node";
import { getArtisan } from "~/features/artisan-app/auth.server";
import { readWorkPhoto } from "~/features/artisan-app/photos.server";
import { getStaff } from "~/domain/accounts/index.server";
import { db, schema } from "~/lib/db.server";
import { and, eq } from "drizzle-orm";

/**
 * A work photo: for staff (the hub checks it) and for the artisan whose request it shows.
 * Anyone else gets a 404, as if it didn't exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = params.name ?? "";
  const url = `/artisan/photos/${name}`;
  const staff = await getStaff(request);
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
