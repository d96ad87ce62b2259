/**
 * Every word the feature-phone channels (USSD menu, SMS keywords) say, in Swahili and English. Pure.
 * Short on purpose: a USSD screen shows at most 182 characters and an SMS costs per 160.
 */
import { OPS_TIME_ZONE } from "~/lib/time";
import { formatShortMoney } from "~/lib/money";
import { formatShortDate, type Language } from "./format";

export type { Language } from "./format";

/** The USSD code printed in SMS. Africa's Talking assigns it per account. */
export const USSD_CODE = "*384*76#";

export type OfferView = { number: string; quantity: number; title: string; pieceRate: number; currency: string; dueDate: string };
export type WorkView = OfferView & { unitsMade: number };
export type PayoutView = { amount: number; currency: string; at: Date; receipt: string | null };
/** Accepted work not yet paid (production's pending pay): piece rate × pieces, and how many requests. */
export type PendingView = { amount: number; currency: string; requests: number };

export const DECLINE_REASONS = [
  { sw: "Sina muda", en: "No time" },
  { sw: "Sina vifaa", en: "No materials" },
  { sw: "Malipo madogo", en: "Pay too low" },
  { sw: "Tarehe iko karibu mno", en: "Due date too soon" },
  { sw: "Sababu nyingine", en: "Other reason" },
] as const;

/** Clock time in Nairobi, "14:35". */
export function nairobiTime(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: OPS_TIME_ZONE }).format(date);
}

const sw = {
  unknownPhone: "Samahani, nambari hii haijasajiliwa na Soko. / Sorry, this number is not registered with Soko.",
  tooLong: "Ujumbe ni mrefu mno. Tafadhali piga tena.",
  noPin: "Bado hujaweka PIN. Weka PIN kwenye programu ya Soko, kisha piga tena.",
  pinPrompt: (name: string) => `Karibu Soko, ${name}.\nWeka PIN yako:`,
  pinFormat: "PIN ni tarakimu 4 hadi 6.",
  wrongPin: (left: number) => `PIN si sahihi. Umebaki na ${left === 1 ? "jaribio" : "majaribio"} ${left}.`,
  locked: (until: Date) =>
    `Umekosea PIN mara nyingi. Jaribu tena baada ya saa ${nairobiTime(until)}, au badilisha PIN kwenye programu ya Soko.`,
  invalid: "Chaguo si sahihi.",
  main: (name: string) => `Soko - ${name}\n1. Kazi mpya\n2. Kazi yangu\n3. Salio\n4. Lugha/Language\n0. Toka`,
  goodbye: "Asante. Kwaheri!",
  back: "0. Rudi",
  offersHeader: "Kazi mpya:",
  noOffers: "Huna kazi mpya kwa sasa.",
  offerTail: (o: OfferView) => `${formatShortMoney(o.pieceRate, o.currency)}/kipande, tarehe ${formatShortDate(o.dueDate, "sw")}`,
  offerDetail: (o: OfferView) =>
    `${o.number}: ${o.quantity}x ${o.title}\n${formatShortMoney(o.pieceRate, o.currency)} kila kipande, jumla ${formatShortMoney(o.pieceRate * o.quantity, o.currency)}\nTarehe: ${formatShortDate(o.dueDate, "sw")}`,
  offerActions: "1. Kubali\n2. Kataa",
  declineHeader: "Sababu ya kukataa:",
  accepted: (o: OfferView) => `Umekubali ${o.number}: ${o.quantity}x ${o.title}, tarehe ${formatShortDate(o.dueDate, "sw")}. Asante!`,
  alreadyAccepted: (number: string) => `Tayari umekubali ${number}.`,
  declined: (number: string) => `Umekataa ${number}. Tutampa fundi mwingine. Asante kwa kutujulisha.`,
  expired: (number: string) => `Muda wa ofa ${number} umekwisha.`,
  unavailable: (number: string) => `${number} haipatikani tena.`,
  workHeader: "Kazi yangu:",
  noWork: "Huna kazi inayoendelea.",
  workTail: (w: WorkView) => `${w.unitsMade}/${w.quantity}, tarehe ${formatShortDate(w.dueDate, "sw")}`,
  workDetail: (w: WorkView) =>
    `${w.number}: ${w.quantity}x ${w.title}\nUmetengeneza ${w.unitsMade} kati ya ${w.quantity}. Tarehe: ${formatShortDate(w.dueDate, "sw")}`,
  // Ready means every piece made (production's readyRefusal): the option says so.
  workActions: (quantity: number) =>
    quantity === 1 ? "1. Kimekamilika, tayari kuchukuliwa" : `1. Vyote ${quantity} vimekamilika, tayari kuchukuliwa`,
  ready: (number: string) => `${number} iko tayari kuchukuliwa. Tutakujulisha wakati wa kuchukua.`,
  alreadyReady: (number: string) => `Tayari ulisema ${number} iko tayari.`,
  languageMenu: "Chagua lugha / Choose language:\n1. Kiswahili\n2. English",
  languageChanged: "Lugha: Kiswahili.",
  balance: (amount: number, currency: string, last: PayoutView | null, pending: PendingView | null = null) =>
    `Salio lako ni ${formatShortMoney(amount, currency)}. ` +
    (pending && pending.amount > 0
      ? `Inasubiri: ${formatShortMoney(pending.amount, pending.currency)} kwa kazi ${pending.requests} ${pending.requests === 1 ? "uliyokubali" : "ulizokubali"}. `
      : "") +
    (last
      ? `Malipo ya mwisho: ${formatShortMoney(last.amount, last.currency)} tarehe ${formatShortDate(last.at, "sw")}${last.receipt ? ` (${last.receipt})` : ""}.`
      : "Bado hujapokea malipo."),
  smsHelp: `Tuma SALIO kuona salio lako, au KUBALI PR-12345 kukubali kazi. Piga ${USSD_CODE} kwa menyu.`,
  smsNotYours: (number: string) => `Hatukupata kazi ${number} kwako.`,
};

const en: typeof sw = {
  unknownPhone: sw.unknownPhone,
  tooLong: "That input is too long. Please dial again.",
  noPin: "You have not set a PIN yet. Set one in the Soko app, then dial again.",
  pinPrompt: (name) => `Welcome to Soko, ${name}.\nEnter your PIN:`,
  pinFormat: "Your PIN is 4 to 6 digits.",
  wrongPin: (left) => `Wrong PIN. ${left} ${left === 1 ? "try" : "tries"} left.`,
  locked: (until) => `Too many wrong PINs. Try again after ${nairobiTime(until)}, or reset your PIN in the Soko app.`,
  invalid: "Invalid choice.",
  main: (name) => `Soko - ${name}\n1. Offers\n2. My work\n3. Balance\n4. Language/Lugha\n0. Exit`,
  goodbye: "Thank you. Goodbye!",
  back: "0. Back",
  offersHeader: "Offers:",
  noOffers: "You have no offers right now.",
  offerTail: (o) => `${formatShortMoney(o.pieceRate, o.currency)}/pc, due ${formatShortDate(o.dueDate, "en")}`,
  offerDetail: (o) =>
    `${o.number}: ${o.quantity}x ${o.title}\n${formatShortMoney(o.pieceRate, o.currency)} a piece, ${formatShortMoney(o.pieceRate * o.quantity, o.currency)} in all\nDue: ${formatShortDate(o.dueDate, "en")}`,
  offerActions: "1. Accept\n2. Decline",
  declineHeader: "Why decline?",
  accepted: (o) => `You accepted ${o.number}: ${o.quantity}x ${o.title}, due ${formatShortDate(o.dueDate, "en")}. Thank you!`,
  alreadyAccepted: (number) => `You have already accepted ${number}.`,
  declined: (number) => `You declined ${number}. We will offer it to another artisan. Thank you for telling us.`,
  expired: (number) => `The offer ${number} has expired.`,
  unavailable: (number) => `${number} is no longer available.`,
  workHeader: "My work:",
  noWork: "You have no work in progress.",
  workTail: (w) => `${w.unitsMade}/${w.quantity}, due ${formatShortDate(w.dueDate, "en")}`,
  workDetail: (w) =>
    `${w.number}: ${w.quantity}x ${w.title}\n${w.unitsMade} of ${w.quantity} made. Due: ${formatShortDate(w.dueDate, "en")}`,
  workActions: (quantity) => (quantity === 1 ? "1. Made, ready for pickup" : `1. All ${quantity} made, ready for pickup`),
  ready: (number) => `${number} is marked ready for pickup. We will tell you the pickup time.`,
  alreadyReady: (number) => `${number} is already marked ready.`,
  languageMenu: sw.languageMenu,
  languageChanged: "Language: English.",
  balance: (amount, currency, last, pending = null) =>
    `Your balance is ${formatShortMoney(amount, currency)}. ` +
    (pending && pending.amount > 0
      ? `Pending: ${formatShortMoney(pending.amount, pending.currency)} for ${pending.requests} accepted ${pending.requests === 1 ? "request" : "requests"}. `
      : "") +
    (last
      ? `Last payment: ${formatShortMoney(last.amount, last.currency)} on ${formatShortDate(last.at, "en")}${last.receipt ? ` (${last.receipt})` : ""}.`
      : "No payments yet."),
  smsHelp: `Send BALANCE for your balance, or ACCEPT PR-12345 to accept an offer. Dial ${USSD_CODE} for the menu.`,
  smsNotYours: (number) => `We found no offer ${number} for you.`,
};

export const TEXTS: Record<Language, typeof sw> = { sw, en };

export function texts(language: Language) {
  return TEXTS[language];
}
