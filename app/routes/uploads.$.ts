import type { LoaderFunctionArgs } from "@remix-run/node";
import { UPLOAD_KEY, uploadStore } from "~/domain/images/index.server";

/**
 * Uploaded product photos: public like the product pages that show them. Names are random and never
 * reused, so a response can be cached for good. Any other path is a 404, whatever is on disk.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const key = params["*"] ?? "";
  const file = UPLOAD_KEY.test(key) ? await uploadStore().get(key) : null;
  if (!file)
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return new Response(Buffer.from(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
