import type { LoaderFunctionArgs } from "@remix-run/node";
import { productImageSvg, svgResponse } from "~/domain/images/index.server";

/** `/images/products/<handle>-<n>.svg`: a generated product shot (404 for unknown names). */
export async function loader({ params }: LoaderFunctionArgs) {
  return svgResponse(await productImageSvg(params.name ?? ""));
}
