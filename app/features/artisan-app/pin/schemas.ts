/** The PIN page's two forms, with messages in the artisan's language. Pure. */
import { z } from "zod";
import { translator, type Lang } from "~/domain/artisans";
import { OTP_PATTERN, PIN_PATTERN } from "~/domain/accounts";
import { kenyanPhone } from "../forms";

/** "send": the phone a code goes to. */
export function sendSchema(lang: Lang) {
  return z.object({ phone: kenyanPhone(lang) });
}

/** "set": the phone, the code it got, and the new PIN twice. */
export function setSchema(lang: Lang) {
  const tr = translator(lang);
  return z
    .object({
      phone: kenyanPhone(lang),
      code: z.string().trim().regex(OTP_PATTERN, tr("err.code")),
      pin: z.string().regex(PIN_PATTERN, tr("err.pin")),
      confirm: z.string(),
    })
    .refine((v) => v.pin === v.confirm, { path: ["confirm"], message: tr("pin.mismatch") });
}
