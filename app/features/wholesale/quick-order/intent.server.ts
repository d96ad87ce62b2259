/** What every quick-order intent is given, and how it answers a form that needs fixing. */
import { data } from "@remix-run/node";
import type { BuyerContext, Draft } from "~/domain/wholesale/index.server";
import type { QuickOrderActionData } from "./rows";

export type IntentArgs = { request: Request; ctx: BuyerContext; form: FormData; draft: Draft | null };

/** The form again, with what to fix, and the status that says why. */
export function answer(body: QuickOrderActionData, status?: number) {
  return data<QuickOrderActionData>(body, status === undefined ? undefined : { status });
}
