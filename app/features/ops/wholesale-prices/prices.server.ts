/**
 * Ops → Wholesale prices on the server: the lists, a list's page (search, pages, the hand-set price
 * form, the preview of a new rate and rounding step — GETs that write nothing) and its forms (set,
 * reset, apply), which post and redirect with a flash message, so all of it works with JavaScript
 * off. A refused form answers with its status and the message beside the form; nothing is written.
 */
import { data } from "@remix-run/node";
import { z } from "zod";
import { mayAct } from "~/domain/accounts";
import { WHOLESALE_CURRENCIES } from "~/domain/wholesale";
import type { Staff } from "~/domain/accounts/index.server";
import {
  MAX_ROUNDING_STEP,
  applyWholesaleRegeneration,
  listCurrencyOf,
  previewWholesaleRegeneration,
  resetWholesalePrice,
  setWholesaleMinimums,
  setWholesalePriceByHand,
  wholesaleListsOverview,
  wholesalePricePage,
} from "~/domain/wholesale/index.server";
import { parseRate, rateText } from "~/features/ops/markets/price-form";
import { actorsFor } from "~/features/ops/shared/actors.server";
import { listPageUrl } from "~/features/ops/shared/list-page-url";
import { listPageOf } from "~/lib/fields";
import { readFlash, redirectWithFlash, withFlash } from "~/lib/flash.server";
import { formatMoney, minorToInput, parseMoneyInput } from "~/lib/money";
import { isRefusal } from "~/lib/refusal";
import { parseWith, readForm } from "~/lib/validation";

export async function wholesaleListsIndex(request: Request, staff: Staff) {
  const lists = await wholesaleListsOverview();
  const actors = await actorsFor(
    lists.map((l) => l.generatedBy),
    staff.roles,
  );
  return withFlash(request, { lists, actors, canEdit: mayAct("ops.wholesale.prices._index", staff.roles) });
}

/** The largest order minimum the form takes (10 million units: past any real order, inside the column). */
const MAX_WHOLESALE_MINIMUM = 1_000_000_000;

/** A minimum typed in `currency` ("400", "£400.00", "1,250"): zero means none. */
const minimumIn = (currency: string, what: string) =>
  z
    .string()
    .trim()
    .max(40, `Enter the ${what} in ${currency}, like 400 or 400.00.`)
    .transform((text, ctx) => {
      const amount = text ? parseMoneyInput(text, currency) : null;
      if (amount === null || amount > MAX_WHOLESALE_MINIMUM) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: !text
            ? `Enter the ${what} in ${currency} (0 for none).`
            : `Enter the ${what} as an amount in ${currency}, from 0 to ${formatMoney({ amount: MAX_WHOLESALE_MINIMUM, currency })}, like 400 or 400.00.`,
        });
        return z.NEVER;
      }
      return amount;
    });

const minimumsSchema = (currency: string) =>
  z.object({
    openingMinimum: minimumIn(currency, "opening order minimum"),
    reorderMinimum: minimumIn(currency, "reorder minimum"),
  });

export type MinimumsFailure = { currency: string; error: string; fieldErrors: Record<string, string>; values: Record<string, string> };

/**
 * The lists page's one form: a currency's opening and reorder minimums. A refusal answers 4xx with
 * the message beside that currency's form and writes nothing; a change redirects with a flash.
 */
export async function wholesaleMinimumsAction(request: Request, staff: Staff) {
  const form = await readForm(request);
  const currency = String(form.get("currency") ?? "")
    .trim()
    .toUpperCase()
    .slice(0, 8);
  if (form.get("intent") !== "minimums") return data({ currency, error: "Unknown action.", fieldErrors: {}, values: {} }, { status: 400 });
  if (!(WHOLESALE_CURRENCIES as readonly string[]).includes(currency))
    return data({ currency, error: "There is no wholesale price list in that currency.", fieldErrors: {}, values: {} }, { status: 404 });
  const parsed = parseWith(minimumsSchema(currency), form);
  if (!parsed.ok) {
    const values = {
      openingMinimum: String(parsed.values.openingMinimum ?? "").slice(0, 40),
      reorderMinimum: String(parsed.values.reorderMinimum ?? "").slice(0, 40),
    };
    return data(
      {
        currency,
        error: `Check the ${currency} minimums: nothing was changed.`,
        fieldErrors: parsed.errors,
        values,
      } satisfies MinimumsFailure,
      {
        status: 422,
      },
    );
  }
  const done = await setWholesaleMinimums(currency, parsed.data, `staff:${staff.id}`);
  const money = (amount: number) => (amount === 0 ? "no minimum" : formatMoney({ amount, currency }));
  return redirectWithFlash(request, "/ops/wholesale/prices", {
    kind: "success",
    message: `${currency} retailers now order at least ${money(done.openingMinimum)} to open and ${money(done.reorderMinimum)} to reorder. The portal shows it at once; placed orders keep theirs.`,
  });
}

/** A currency from the URL with a list ops runs (not USD, whose prices are the variants' own). */
export function listCurrencyFromUrl(code: string | undefined) {
  const currency = listCurrencyOf(code);
  if (!currency) {
    if ((code ?? "").toUpperCase() === "USD")
      throw new Response("The USD wholesale prices are the products' own: change them on each product's page.", { status: 404 });
    throw new Response("There is no wholesale price list in that currency.", { status: 404 });
  }
  if (code !== currency) throw new Response(null, { status: 301, headers: { Location: `/ops/wholesale/prices/${currency}` } });
  return currency;
}

type RegenerationValues = { rate: string; step: string };

/** The rate and step from a preview (GET) or an apply (POST): null until "Preview" is pressed; errors when they don't read. */
export function regenerationFrom(params: URLSearchParams | FormData, currency: string) {
  if (params.get("preview") !== "1" && params.get("intent") !== "regenerate") return null;
  const values: RegenerationValues = {
    rate: String(params.get("rate") ?? "").slice(0, 40),
    step: String(params.get("step") ?? "").slice(0, 40),
  };
  const ratePpm = parseRate(values.rate);
  const step = parseMoneyInput(values.step, currency);
  const errors: Record<string, string> = {};
  if (ratePpm === null)
    errors.rate = `Enter what 1 USD is in ${currency}, a number more than zero like 0.79 (at most six decimals, at most 1000).`;
  if (step === null || step < 1 || step > MAX_ROUNDING_STEP)
    errors.step = `Enter the rounding step in ${currency}, from ${minorToInput(1, currency)} to ${minorToInput(MAX_ROUNDING_STEP, currency)}, like 0.50.`;
  if (ratePpm === null || step === null || errors.step) return { ok: false as const, values, errors };
  return { ok: true as const, values, settings: { ratePpm, step } };
}

export async function wholesaleListPage(request: Request, staff: Staff, currency: string) {
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, 120);
  const page = listPageOf(params);
  const editId = Number.parseInt(params.get("edit") ?? "", 10);
  const canEdit = mayAct("ops.wholesale.prices.$currency", staff.roles);
  const [overview, list] = await Promise.all([wholesaleListsOverview(), wholesalePricePage(currency, { q, page })]);
  const summary = overview.find((l) => l.currency === currency)!;
  const regeneration = canEdit ? regenerationFrom(params, currency) : null;
  let preview = null;
  let previewError: string | null = null;
  if (regeneration?.ok) {
    try {
      preview = await previewWholesaleRegeneration(currency, regeneration.settings, q);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      previewError = error.message;
    }
  }
  const editing = canEdit && Number.isInteger(editId) ? (list.rows.find((r) => r.variantId === editId) ?? null) : null;
  const actors = await actorsFor([summary.generatedBy], staff.roles);
  // A preview that does not read answers 422 (its messages beside the fields), never a preview.
  const status = regeneration && (!regeneration.ok || previewError) ? 422 : 200;
  const { flash, headers } = await readFlash(request);
  return data(
    {
      flash,
      list: summary,
      prices: list,
      q,
      canEdit,
      editing,
      actors,
      regeneration: regeneration
        ? { values: regeneration.values, errors: regeneration.ok ? (previewError ? { rate: previewError } : {}) : regeneration.errors }
        : { values: { rate: rateText(summary.ratePpm), step: minorToInput(summary.step, currency) }, errors: {} },
      preview,
    },
    { status, headers },
  );
}

export type WholesalePriceFailure = {
  intent: string;
  error: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

const fail = (failure: WholesalePriceFailure, status: number) => data(failure, { status });

const VARIANT_ID = /^[1-9]\d{0,9}$/;

/** The list page's forms: set a price by hand, reset one, apply a new rate and step. */
export async function wholesaleListAction(request: Request, staff: Staff, currency: string) {
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const actor = `staff:${staff.id}`;
  const back = listPageUrl(`/ops/wholesale/prices/${currency}`, form);
  // A form that names a currency must name this list's (a form copied from another list's page).
  const named = form.get("currency");
  if (named !== null && String(named) !== currency)
    return fail({ intent, error: `This form is for the ${String(named).slice(0, 8)} list, not ${currency}. Nothing was changed.` }, 400);
  try {
    switch (intent) {
      case "set": {
        const variant = String(form.get("variant") ?? "");
        if (!VARIANT_ID.test(variant)) return fail({ intent, error: "That form is missing which variant to price." }, 400);
        const values = { price: String(form.get("price") ?? "").slice(0, 40), variant };
        const price = parseMoneyInput(values.price, currency);
        const problem = !values.price.trim()
          ? "Enter the price."
          : price === null
            ? `Enter an amount in ${currency}, like 12 or 12.50.`
            : price <= 0
              ? "The price must be more than zero."
              : null;
        if (problem || price === null)
          return fail({ intent, error: "Check the price and try again.", fieldErrors: { price: problem ?? "" }, values }, 422);
        const done = await setWholesalePriceByHand(currency, Number(variant), price, actor);
        return redirectWithFlash(request, back, {
          kind: "success",
          message: `${done.sku} is now ${formatMoney({ amount: done.price, currency })} wholesale, set by hand (kept when the list is generated again). New orders are priced at it; placed orders keep their prices.`,
        });
      }
      case "reset": {
        const variant = String(form.get("variant") ?? "");
        if (!VARIANT_ID.test(variant)) return fail({ intent, error: "That form is missing which variant to reset." }, 400);
        const done = await resetWholesalePrice(currency, Number(variant), actor);
        return redirectWithFlash(request, back, {
          kind: "success",
          message: `${done.sku} follows the list's rate again: ${formatMoney({ amount: done.price, currency })}.`,
        });
      }
      case "regenerate": {
        const parsed = regenerationFrom(form, currency);
        if (!parsed?.ok)
          return fail({ intent, error: Object.values(parsed?.errors ?? { form: "Preview the change first." }).join(" ") }, 422);
        const version = String(form.get("version") ?? "");
        if (!version) return fail({ intent, error: "Preview the change first: applying needs the preview it confirms." }, 400);
        const done = await applyWholesaleRegeneration(currency, parsed.settings, version, actor);
        return redirectWithFlash(request, back, {
          kind: "success",
          message: `The ${currency} list is now 1 USD → ${rateText(parsed.settings.ratePpm)} ${currency}, rounded to ${formatMoney({ amount: parsed.settings.step, currency })}: ${plural(done.changed, "price")} changed, ${plural(done.keptManual, "hand-set price")} kept. Placed orders keep their prices.`,
        });
      }
      default:
        return fail({ intent, error: "Unknown action." }, 400);
    }
  } catch (error) {
    if (!isRefusal(error)) throw error;
    if (intent === "reset") return redirectWithFlash(request, back, { kind: "error", message: error.message });
    return fail(
      {
        intent,
        error: error.message,
        values: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v).slice(0, 120)])),
        fieldErrors: error.field ? { [error.field]: error.message } : undefined,
      },
      error.status,
    );
  }
}

function plural(n: number, word: string) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : `${word}s`}`;
}
