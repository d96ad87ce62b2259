/** Form schemas shared by the artisan routes, with messages in the artisan's language. Pure. */
import { z } from "zod";
import { isLang, languageForRequest, t, type Lang } from "~/domain/artisans";
import { normalizeKenyanPhone } from "~/lib/phone";
import { Refusal } from "~/lib/refusal";

/** A Kenyan mobile number as typed, normalised to +2547…/+2541…. */
export function kenyanPhone(lang: Lang) {
  return z
    .string()
    .max(40, t(lang, "err.phone"))
    .transform((value, ctx) => {
      const phone = normalizeKenyanPhone(value);
      if (!phone) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: t(lang, "err.phone") });
        return z.NEVER;
      }
      return phone;
    });
}

/** A database id from a form field: a positive integer, or the request is nonsense (400). */
export const idField = z.coerce.number().int().positive().max(2_147_483_647);

/** Reads a positive integer id from a form, or throws a 400. */
export function formId(form: FormData, name: string): number {
  const parsed = idField.safeParse(form.get(name));
  if (!parsed.success) throw new Refusal(400, `Missing or bad ${name}`);
  return parsed.data;
}

/**
 * The language of a signed-out form (sign-in, PIN): the one its page was shown in (a hidden `lang`
 * field, see LangField), else the request's own choice (?lang=, Accept-Language).
 */
export function formLanguage(request: Request, form: FormData): Lang {
  return shownLanguage(form) ?? languageForRequest(request);
}

/** The language the form's page was shown in (its hidden `lang` field), when it says: what signing in saves. */
export function shownLanguage(form: FormData): Lang | undefined {
  const shown = form.get("lang");
  return isLang(shown) ? shown : undefined;
}
