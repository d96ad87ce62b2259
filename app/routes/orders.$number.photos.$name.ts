import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOrderAccess } from "~/domain/orders/index.server";
import { readWorkPhoto } from "~/features/artisan-app/photos.server";

/**
 * An artisan's photo of a piece made for this order: for whoever may see the order (its signed
 * link or its owner's account), and only photos of this order's own work. Anything else is a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { order } = await requireOrderAccess(request, params.number);
  const name = params.name ?? "";
  const url = `/artisan/photos/${name}`;
  const mine = order.lines.some((line) => line.tracks.some((track) => track.photoUrl === url));
  const photo = mine ? await readWorkPhoto(name) : null;
  if (!photo) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(photo.body), {
    headers: { "Content-Type": photo.contentType, "Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff" },
  });
}
