import type { LoaderFunctionArgs } from "@remix-run/node";
import { robotsTxt } from "~/domain/catalog";
import { absoluteUrl } from "~/domain/catalog";
import { env } from "~/lib/env.server";

export function loader(_args: LoaderFunctionArgs) {
  return new Response(robotsTxt(absoluteUrl(env().PUBLIC_URL, "/sitemap.xml")), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
