/** The welcome SMS a new artisan gets: how to set a PIN, in their language. Pure. */
import { USSD_CODE } from "~/domain/messaging";

export function welcomeSmsText(input: { language: "sw" | "en"; firstName: string; publicUrl: string }): string {
  const link = `${input.publicUrl.replace(/\/+$/, "")}/artisan/pin`;
  return input.language === "sw"
    ? `Karibu Soko, ${input.firstName}! Weka PIN yako hapa: ${link} au piga ${USSD_CODE}. Kazi mpya zitakuja kwa SMS.`
    : `Welcome to Soko, ${input.firstName}! Set your PIN here: ${link} or dial ${USSD_CODE}. New work offers come by SMS.`;
}
