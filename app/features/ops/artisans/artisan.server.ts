/** One artisan for operations on the server: the profile (or onboarding) form's data, and its actions. */
import { data } from "@remix-run/node";
import type { useLoaderData } from "@remix-run/react";
import type { Staff } from "~/domain/accounts/index.server";
import { COUNTY_NAMES, parseArtisanForm, settlementsOf } from "~/domain/artisans";
import {
  artisanDetail,
  deactivateArtisan,
  listSkills,
  onboardArtisan,
  reactivateArtisan,
  updateArtisan,
} from "~/domain/artisans/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { idOrNull, readForm } from "~/lib/validation";
import type { Failure } from "./artisan";

/** The page's data as the component sees it. */
export type PageData = ReturnType<typeof useLoaderData<typeof artisanPage>>;

/** Skills and places for the form; the artisan's detail too, except on /ops/artisans/new. */
export async function artisanPage(request: Request, idParam: string | undefined) {
  const skills = await listSkills();
  const places = COUNTY_NAMES.map((county) => ({ county, settlements: settlementsOf(county) }));
  if (idParam === "new") return withFlash(request, { skills, places, detail: null });
  const detail = await artisanDetail(artisanId(idParam));
  if (!detail) throw new Response("There is no artisan with this id.", { status: 404 });
  return withFlash(request, { skills, places, detail });
}

/** Onboard or save the profile; deactivate or reactivate. */
export async function artisanAction(request: Request, idParam: string | undefined, staff: Staff) {
  const actor = `staff:${staff.id}`;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (intent === "profile") {
    const parsed = parseArtisanForm(form);
    if (!parsed.ok) return data<Failure>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    values.skills = form.getAll("skills").join(",");
    if (idParam === "new") {
      const saved = await onboardArtisan(parsed.data, actor);
      if (!saved.ok) return data<Failure>({ intent, errors: saved.errors, values }, { status: 422 });
      return redirectWithFlash(request, `/ops/artisans/${saved.id}`, {
        kind: "success",
        message: `${parsed.data.firstName} ${parsed.data.lastName} is onboarded, with a workshop location. A welcome SMS with the PIN link is on its way to ${parsed.data.phone}.`,
      });
    }
    const saved = await updateArtisan(artisanId(idParam), parsed.data, actor);
    if (!saved.ok) return data<Failure>({ intent, errors: saved.errors, values }, { status: 422 });
    return redirectWithFlash(request, `/ops/artisans/${saved.id}`, { kind: "success", message: "Saved." });
  }
  if (idParam === "new") throw new Response("Unknown action", { status: 400 });
  const id = artisanId(idParam);
  if (intent === "deactivate") {
    const result = await deactivateArtisan(id, actor);
    const parts = [result.changed ? "Deactivated: no new work will be offered." : "Already inactive."];
    if (result.offersReturned)
      parts.push(`${result.offersReturned} open ${result.offersReturned === 1 ? "offer went" : "offers went"} back to dispatch.`);
    if (result.workInHand)
      parts.push(
        `${result.workInHand} accepted ${result.workInHand === 1 ? "request stays" : "requests stay"} with them: reassign on the production board if needed.`,
      );
    return redirectWithFlash(request, `/ops/artisans/${id}`, { kind: "success", message: parts.join(" ") });
  }
  if (intent === "reactivate") {
    await reactivateArtisan(id, actor);
    return redirectWithFlash(request, `/ops/artisans/${id}`, {
      kind: "success",
      message: "Active again: the dispatch engine can offer them work.",
    });
  }
  throw new Response("Unknown action", { status: 400 });
}

function artisanId(raw: string | undefined): number {
  const id = idOrNull(raw);
  if (!id) throw new Response("There is no artisan with this id.", { status: 404 });
  return id;
}
