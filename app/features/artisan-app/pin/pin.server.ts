/** The PIN page's intents: text a code to the phone ("send"), then set a new PIN with it ("set"). */
import { data } from "@remix-run/node";
import { retryAfter } from "~/domain/accounts/index.server";
import { formatClock, t, type Lang } from "~/domain/artisans";
import { clientAddress } from "~/lib/client-address";
import { parseWith } from "~/lib/validation";
import { sendPinCode, setPinWithCode, signInArtisan } from "../auth.server";
import { shownLanguage } from "../forms";
import { sendSchema, setSchema } from "./schemas";

export type PinActionData = {
  step: "send" | "set";
  phone: string;
  errors: Record<string, string>;
  notice: string | null;
  formError: string | null;
};

export async function pinIntent(request: Request, lang: Lang, form: FormData) {
  const typedPhone = String(form.get("phone") ?? "").slice(0, 40);
  const intent = form.get("intent");

  if (intent === "send") {
    const parsed = parseWith(sendSchema(lang), form);
    if (!parsed.ok)
      return data<PinActionData>(
        { step: "send", phone: typedPhone, errors: parsed.errors, notice: null, formError: null },
        { status: 400 },
      );
    const result = await sendPinCode({ phone: parsed.data.phone, address: clientAddress(request.headers) });
    if (!result.ok) {
      const formError =
        result.reason === "wait" ? t(lang, "pin.wait") : t(lang, "pin.tooManyCodes", { time: formatClock(lang, result.lockedUntil) });
      return data<PinActionData>(
        { step: "set", phone: typedPhone, errors: {}, notice: null, formError },
        { status: 429, headers: result.reason === "wait" ? undefined : retryAfter(result.lockedUntil) },
      );
    }
    return data<PinActionData>({ step: "set", phone: typedPhone, errors: {}, notice: t(lang, "pin.codeSent"), formError: null });
  }

  if (intent === "set") {
    const parsed = parseWith(setSchema(lang), form);
    if (!parsed.ok)
      return data<PinActionData>({ step: "set", phone: typedPhone, errors: parsed.errors, notice: null, formError: null }, { status: 400 });
    const result = await setPinWithCode(parsed.data);
    if (!result.ok) {
      const message = result.reason === "too_many" ? t(lang, "pin.tooManyTries") : t(lang, "pin.badCode");
      return data<PinActionData>({ step: "set", phone: typedPhone, errors: {}, notice: null, formError: message }, { status: 400 });
    }
    // The code proved the phone and she just chose the PIN: she is signed in, in the page's language.
    return signInArtisan(request, result.artisanId, {
      language: shownLanguage(form),
      flash: { kind: "success", message: t(lang, "pin.saved") },
    });
  }

  throw new Response("Unknown action", { status: 400 });
}
