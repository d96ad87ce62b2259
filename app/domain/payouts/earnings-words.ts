/**
 * The earnings page's own words, beside the artisan app's shared dictionary
 * (app/features/artisan-app/i18n.ts holds the title, balance, statement and payout status words).
 */
import type { Lang } from "~/domain/artisans";

const words = {
  en: {
    balanceHint: "Paid to your M-Pesa every Monday when it is KES {threshold} or more.",
    payoutTo: "To {phone}",
    latestPayout: "Latest payout",
    credit: "Quality check passed",
    units: "{units} × {rate}",
    payout: "M-Pesa payout",
    reason: "Reason",
    checking:
      "M-Pesa reported a problem. We are checking with M-Pesa before anything changes; if it did not go through, the money comes back to your balance.",
    page: "Statement pages",
  },
  sw: {
    balanceHint: "Hulipwa kwa M-Pesa yako kila Jumatatu ikifika KES {threshold} au zaidi.",
    payoutTo: "Kwa {phone}",
    latestPayout: "Malipo ya mwisho",
    credit: "Imepita ukaguzi",
    units: "{units} × {rate}",
    payout: "Malipo ya M-Pesa",
    reason: "Sababu",
    checking:
      "M-Pesa imeripoti tatizo. Tunahakikisha na M-Pesa kabla ya kubadilisha chochote; kama hayakufaulu, pesa itarudi kwenye salio lako.",
    page: "Kurasa za taarifa",
  },
} satisfies Record<Lang, Record<string, string>>;

export type EarningsWord = keyof (typeof words)["en"];

export function earningsWord(lang: Lang, key: EarningsWord, vars: Record<string, string | number> = {}) {
  return words[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Payout status → the shared dictionary's status key. */
export const PAYOUT_STATUS_KEY = {
  pending: "earnings.status.pending",
  submitted: "earnings.status.sent",
  reconciling: "earnings.status.checking",
  succeeded: "earnings.status.paid",
  failed: "earnings.status.failed",
} as const;
