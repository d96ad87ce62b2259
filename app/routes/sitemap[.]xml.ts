import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSitemapEntries } from "~/domain/catalog/index.server";
import { sitemapXml } from "~/domain/catalog";
import { env } from "~/lib/env.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const entries = await getSitemapEntries(env().PUBLIC_URL, context.purgeKeys);
  return new Response(sitemapXml(entries), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
