/** The SMS an artisan gets when operations moves their accepted work to someone else. Pure. */
import type { Language } from "~/domain/messaging";

export function workMovedSmsText(input: { language: Language; number: string }): string {
  return input.language === "sw"
    ? `Soko: Kazi ${input.number} imepewa fundi mwingine. Usiitengeneze. Maswali? Piga simu kwa ofisi ya Soko.`
    : `Soko: Work ${input.number} has been moved to another artisan. Please don't make it. Questions? Call the Soko office.`;
}
