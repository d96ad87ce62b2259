/**
 * Ops → Markets on the server: the markets list, a market's price list page (search, pages, the
 * hand-set price form, the regeneration preview — GETs that write nothing) and its forms (set, reset,
 * regenerate, undo), which post and redirect with a flash message, so all of it works with
 * JavaScript off. A refused form answers with its status and the message beside the form.
 */
import { data } from "@remix-run/node";
import { mayAct } from "~/domain/accounts";
import type { Staff } from "~/domain/accounts/index.server";
import { MARKETS, isMarketCode, type MarketCode } from "~/domain/markets";
import {
  PRICE_RUN_UNDO_MINUTES,
  applyRegeneration,
  lastUndoableRun,
  marketsOverview,
  previewRegeneration,
  priceListPage,
  resetPrice,
  setPriceByHand,
  undoRegeneration,
} from "~/domain/markets/index.server";
import { actorsFor } from "~/features/ops/shared/actors.server";
import { listPageUrl } from "~/features/ops/shared/list-page-url";
import { listPageOf } from "~/lib/fields";
import { redirectWithFlash, withFlash } from "~/lib/flash.server";
import { formatMoney, minorToInput } from "~/lib/money";
import { isRefusal } from "~/lib/refusal";
import { readForm } from "~/lib/validation";
import { parseEnding, parsePriceInput, parseRate, rateText, roundingLabel } from "./price-form";

export async function marketsIndex(request: Request, staff: Staff) {
  const list = await marketsOverview();
  const actors = await actorsFor(
    list.map((m) => m.generatedBy),
    staff.roles,
  );
  return withFlash(request, { markets: list, actors });
}

/** A market code from the URL that has a list ops runs (not the US, whose prices are the products'). */
export function listMarketOf(code: string | undefined): MarketCode {
  if (!isMarketCode(code)) throw new Response("There is no such market.", { status: 404 });
  if (!MARKETS[code].prefix)
    throw new Response("The US prices are the products' own: change them on each product's page.", { status: 404 });
  return code;
}

type RegenerationQuery = { rate: string; ending: string; keepManual: boolean };

/** The preview's settings from the query: null until "Preview" is pressed; errors when they don't read. */
function regenerationFrom(params: URLSearchParams | FormData) {
  if (params.get("preview") !== "1" && params.get("intent") !== "regenerate") return null;
  const values: RegenerationQuery = {
    rate: String(params.get("rate") ?? ""),
    ending: String(params.get("ending") ?? ""),
    // A ticked checkbox posts "on"; unticked posts nothing. The form's default is ticked.
    keepManual: params.get("keep") === "on",
  };
  const ratePpm = parseRate(values.rate);
  const ending = parseEnding(values.ending);
  const errors: Record<string, string> = {};
  if (ratePpm === null) errors.rate = "Enter the rate as a number more than zero, like 0.88 (at most six decimals).";
  if (ending === null) errors.ending = "Choose one of the roundings.";
  if (ratePpm === null || ending === null) return { ok: false as const, values, errors };
  return { ok: true as const, values, settings: { ratePpm, rounding: { ending }, replaceManual: !values.keepManual } };
}

export async function marketPage(request: Request, staff: Staff, market: MarketCode) {
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, 120);
  const page = listPageOf(params);
  const editId = Number.parseInt(params.get("edit") ?? "", 10);
  const canEdit = mayAct("ops.markets.$code", staff.roles);
  const [overview, list, lastRun] = await Promise.all([marketsOverview(), priceListPage(market, { q, page }), lastUndoableRun(market)]);
  const summary = overview.find((m) => m.code === market)!;
  const regeneration = canEdit ? regenerationFrom(params) : null;
  let preview = null;
  if (regeneration?.ok) {
    try {
      preview = await previewRegeneration(market, regeneration.settings);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      throw new Response(error.message, { status: error.status });
    }
  }
  const editing = canEdit && Number.isInteger(editId) ? (list.rows.find((r) => r.variantId === editId) ?? null) : null;
  const actors = await actorsFor([summary.generatedBy, lastRun?.actor ?? null], staff.roles);
  return withFlash(request, {
    market: { ...summary, tax: MARKETS[market].tax.note },
    list,
    q,
    canEdit,
    editing,
    lastRun,
    undoMinutes: PRICE_RUN_UNDO_MINUTES,
    actors,
    regeneration: regeneration
      ? { values: regeneration.values, errors: regeneration.ok ? {} : regeneration.errors }
      : {
          values: { rate: rateText(summary.ratePpm ?? 1_000_000), ending: String(summary.rounding?.ending ?? 0), keepManual: true },
          errors: {},
        },
    preview,
  });
}

export type MarketActionFailure = { intent: string; error: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

const fail = (failure: MarketActionFailure, status: number) => data(failure, { status });

/** The market page's forms: set a price by hand, reset one, regenerate the list, undo the last regeneration. */
export async function marketAction(request: Request, staff: Staff, market: MarketCode) {
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const actor = `staff:${staff.id}`;
  const back = listPageUrl(`/ops/markets/${market}`, form);
  const { currency } = MARKETS[market];
  try {
    switch (intent) {
      case "set": {
        const variantId = Number(form.get("variant"));
        if (!Number.isInteger(variantId) || variantId <= 0)
          return fail({ intent, error: "That form is missing which variant to price." }, 400);
        const values = { price: String(form.get("price") ?? ""), compareAtPrice: String(form.get("compareAtPrice") ?? "") };
        const parsed = parsePriceInput(values.price, values.compareAtPrice, currency);
        if (!parsed.ok)
          return fail(
            {
              intent,
              error: "Check the price and try again.",
              fieldErrors: parsed.errors,
              values: { ...values, variant: String(variantId) },
            },
            422,
          );
        const done = await setPriceByHand(market, variantId, parsed, actor);
        return redirectWithFlash(request, back, {
          kind: "success",
          message: `${done.sku} is now ${formatMoney({ amount: done.price, currency })} in ${MARKETS[market].name}, set by hand (kept when the list is generated again). The storefront shows it at once.`,
        });
      }
      case "reset": {
        const variantId = Number(form.get("variant"));
        if (!Number.isInteger(variantId) || variantId <= 0)
          return fail({ intent, error: "That form is missing which variant to reset." }, 400);
        const done = await resetPrice(market, variantId, actor);
        return redirectWithFlash(request, back, {
          kind: "success",
          message: `${done.sku} follows the generated list again: ${formatMoney({ amount: done.price, currency })}.`,
        });
      }
      case "regenerate": {
        const parsed = regenerationFrom(form);
        if (!parsed?.ok)
          return fail({ intent, error: Object.values(parsed?.errors ?? { form: "Preview the change first." }).join(" ") }, 422);
        const version = String(form.get("version") ?? "");
        if (!version) return fail({ intent, error: "Preview the change first: applying needs the preview it confirms." }, 400);
        const done = await applyRegeneration(market, parsed.settings, version, actor);
        const kept = parsed.settings.replaceManual
          ? " Hand-set prices were replaced too."
          : ` ${plural(done.keptManual, "hand-set price")} kept.`;
        return redirectWithFlash(request, back, {
          kind: "success",
          message: `Generated at ${rateText(parsed.settings.ratePpm)}, ${roundingLabel(parsed.settings.rounding.ending).toLowerCase()}: ${plural(done.changed, "price")} changed.${kept} It can be undone for ${PRICE_RUN_UNDO_MINUTES} minutes.`,
        });
      }
      case "undo": {
        const runId = Number(form.get("run"));
        if (!Number.isInteger(runId) || runId <= 0) return fail({ intent, error: "That form is missing which regeneration to undo." }, 400);
        const done = await undoRegeneration(market, runId, actor);
        return redirectWithFlash(request, back, {
          kind: "success",
          message: `Undone: ${plural(done.restored, "price")} and the rate and rounding are back as they were.`,
        });
      }
      default:
        return fail({ intent, error: "Unknown action." }, 400);
    }
  } catch (error) {
    if (!isRefusal(error)) throw error;
    if (intent === "undo" || intent === "reset") return redirectWithFlash(request, back, { kind: "error", message: error.message });
    return fail(
      { intent, error: error.message, values: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) },
      error.status,
    );
  }
}

function plural(n: number, word: string) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : `${word}s`}`;
}

export { minorToInput };
