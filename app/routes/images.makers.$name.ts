import type { LoaderFunctionArgs } from "@remix-run/node";
import { makerPortraitSvg, svgResponse } from "~/domain/images/index.server";

/** `/images/makers/<handle>.svg`: a generated, abstract maker portrait (404 for unknown names). */
export async function loader({ params }: LoaderFunctionArgs) {
  return svgResponse(await makerPortraitSvg(params.name ?? ""));
}
