/** One artisan for operations on the server: the profile (or onboarding) form's data, and its actions. */
import { data } from "@remix-run/node";
import type { useLoaderData } from "@remix-run/react";
import { ARTISAN_ACTIONS, opsAllows } from "~/domain/accounts";
import type { Staff } from "~/domain/accounts/index.server";
import { COUNTY_NAMES, artisanNumbersSchema, parseArtisanForm, settlementsOf } from "~/domain/artisans";
import {
  NUMBERS_ARE_FINANCE,
  artisanDetail,
  artisanNumbers,
  changeArtisanNumbers,
  deactivateArtisan,
  listSkills,
  onboardArtisan,
  reactivateArtisan,
  updateArtisan,
} from "~/domain/artisans/index.server";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { displayKenyanPhone } from "~/lib/phone";
import { idOrNull, parseWith, readForm } from "~/lib/validation";
import type { Failure } from "./artisan";

/** The page's data as the component sees it. */
export type PageData = ReturnType<typeof useLoaderData<typeof artisanPage>>;

/** What this staff member may do on an artisan's page, by intent (ARTISAN_ACTIONS). */
function permissions(staff: Staff) {
  return {
    profile: opsAllows(ARTISAN_ACTIONS.profile, staff.roles),
    numbers: opsAllows(ARTISAN_ACTIONS.numbers, staff.roles),
    status: opsAllows(ARTISAN_ACTIONS.deactivate, staff.roles),
  };
}

/** Skills and places for the form; the artisan's detail too, except on /ops/artisans/new. */
export async function artisanPage(request: Request, idParam: string | undefined, staff: Staff) {
  const skills = await listSkills();
  const places = COUNTY_NAMES.map((county) => ({ county, settlements: settlementsOf(county) }));
  const can = permissions(staff);
  if (idParam === "new") {
    if (!can.profile) throw new Response("Onboarding artisans is for operations.", { status: 403 });
    return withFlash(request, { skills, places, detail: null, can });
  }
  const detail = await artisanDetail(artisanId(idParam));
  if (!detail) throw new Response("There is no artisan with this id.", { status: 404 });
  return withFlash(request, { skills, places, detail, can });
}

/** Onboard or save the profile; change her numbers (finance); deactivate or reactivate. Each intent checked against ARTISAN_ACTIONS. */
export async function artisanAction(request: Request, idParam: string | undefined, staff: Staff) {
  const actor = `staff:${staff.id}`;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  if (!(intent in ARTISAN_ACTIONS)) throw new Response("Unknown action", { status: 400 });
  const roles = ARTISAN_ACTIONS[intent as keyof typeof ARTISAN_ACTIONS];
  if (!opsAllows(roles, staff.roles)) {
    const message =
      intent === "numbers" ? NUMBERS_ARE_FINANCE : `Your account can't do this. It needs one of these roles: admin, ${roles.join(", ")}.`;
    throw new Response(message, { status: 403 });
  }
  if (intent === "numbers") return numbersAction(request, idParam, form, actor);
  if (intent === "profile") {
    if (idParam !== "new") {
      // The profile form shows her numbers read-only and does not post them: keep them as recorded.
      // Posted and different (a forged form) is refused inside the save, under the row lock.
      const current = await artisanNumbers(artisanId(idParam));
      if (!current) throw new Response("There is no artisan with this id.", { status: 404 });
      if (!form.has("phone")) form.set("phone", current.phone);
      if (!form.has("payoutPhone")) form.set("payoutPhone", current.payoutPhone);
    }
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
    // Her open offers leave her at once: a tick first (a form without it, a forged or an old one, changes nothing).
    if (form.get("confirm") !== "yes")
      return data<Failure>(
        { intent, errors: { confirm: "Tick the box to confirm: her open offers go back to dispatch at once." }, values: {} },
        { status: 400 },
      );
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

/** Her sign-in and payout numbers, on their own form (finance and admin). */
async function numbersAction(request: Request, idParam: string | undefined, form: FormData, actor: string) {
  const id = artisanId(idParam);
  const parsed = parseWith(artisanNumbersSchema, form);
  if (!parsed.ok) return data<Failure>({ intent: "numbers", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const saved = await changeArtisanNumbers(id, parsed.data, actor);
  if (!saved.ok)
    return data<Failure>(
      {
        intent: "numbers",
        errors: saved.errors,
        values: { phone: String(form.get("phone") ?? ""), payoutPhone: String(form.get("payoutPhone") ?? "") },
      },
      { status: 422 },
    );
  return redirectWithFlash(request, `/ops/artisans/${id}`, {
    kind: "success",
    message: saved.changed
      ? `Numbers changed: she signs in with ${displayKenyanPhone(parsed.data.phone)} and is paid at M-Pesa ${displayKenyanPhone(parsed.data.payoutPhone)}. She has been told by SMS at her old numbers.`
      : "Those are already her numbers: nothing changed.",
  });
}

function artisanId(raw: string | undefined): number {
  const id = idOrNull(raw);
  if (!id) throw new Response("There is no artisan with this id.", { status: 404 });
  return id;
}
