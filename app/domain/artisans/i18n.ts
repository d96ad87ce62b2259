import { OPS_TIME_ZONE } from "~/lib/time";
/**
 * The artisan app's words, in Swahili and English. Pure (no I/O), shared by the server and the page.
 *
 * `t(lang, key, vars)` fills `{name}` placeholders. A key missing from one language falls back to
 * English, so a half-translated page still reads; the test beside this file checks both languages
 * hold the same keys.
 *
 * A message that carries a number is a plural message: one form per CLDR plural category
 * (`one`, `other` for both English and Swahili), chosen by Intl.PluralRules from `vars.count`, or
 * from the variable named in `by`. "1 piece" / "2 pieces", "Kipande 1" / "Vipande 2". Such keys
 * must be called with their variables (the type of `t` insists).
 */
export const ARTISAN_LANGUAGES = ["sw", "en"] as const;
export type Lang = (typeof ARTISAN_LANGUAGES)[number];

/** Forms of a message by plural category; `other` is required, `by` names the counting variable (default `count`). */
export type PluralMessage = { readonly by?: string; readonly other: string } & {
  readonly [C in Exclude<Intl.LDMLPluralRule, "other">]?: string;
};
export type Message = string | PluralMessage;

const en = {
  "app.name": "Soko for artisans",
  "app.offline": "You're offline — showing what you saw last.",
  "nav.offers": "Offers",
  "nav.work": "Work",
  "nav.deliveries": "Pickups",
  "nav.stock": "Stock",
  "nav.earnings": "Earnings",
  "nav.profile": "Profile",
  "nav.main": "Artisan app",
  "lang.switch": "Kiswahili",
  "lang.switchLabel": "Badilisha lugha iwe Kiswahili",
  "lang.sw": "Kiswahili",
  "lang.en": "English",

  "login.title": "Sign in",
  "login.intro": "Use the phone number Soko has for you and your PIN.",
  "login.phone": "Phone number",
  "login.phoneHint": "For example 0712 345 678",
  "login.pin": "PIN",
  "login.pinHint": "4 to 6 digits",
  "login.submit": "Sign in",
  "login.wrong": "That phone number and PIN don't match. Check them and try again.",
  "login.attemptsLeft": {
    one: "{count} try left before your account is locked for 15 minutes.",
    other: "{count} tries left before your account is locked for 15 minutes.",
  },
  "login.locked": {
    one: "Too many wrong PINs. Your account is locked for {count} minute — try again after {time}, or reset your PIN with a code by SMS.",
    other:
      "Too many wrong PINs. Your account is locked for {count} minutes — try again after {time}, or reset your PIN with a code by SMS.",
  },
  "login.lockedNetwork": "Too many wrong PINs from this network. Try again after {time}.",
  "login.noPin": "You haven't set a PIN yet. Get a code by SMS to set one.",
  "login.forgot": "Forgot your PIN, or setting it for the first time?",
  "login.getCode": "Get a code by SMS",
  "login.signOut": "Sign out",

  "pin.title": "Set your PIN",
  "pin.intro": "We'll send a 6-digit code by SMS to your phone. Enter it here with your new PIN.",
  "pin.sendCode": "Send me a code",
  "pin.codeSent": "If that number is registered with Soko, a code is on its way by SMS. It works for 10 minutes.",
  "pin.wait": "A code was just sent. Wait a minute before asking for another.",
  "pin.tooManyCodes": "Too many codes asked for this number or from this network. Try again after {time}.",
  "pin.code": "Code from the SMS",
  "pin.newPin": "New PIN (4 to 6 digits)",
  "pin.confirmPin": "New PIN again",
  "pin.save": "Save my PIN",
  "pin.saved": "Your PIN is set and you are signed in. Use it next time you sign in.",
  "pin.badCode": "That code isn't right or has expired. Ask for a new one.",
  "pin.tooManyTries": "Too many wrong codes. Ask for a new one.",
  "pin.mismatch": "The two PINs are different.",
  "pin.sms": "Soko: your code is {code}. It works for 10 minutes. Never share it with anyone.",

  "err.phone": "Enter a Kenyan mobile number, like 0712 345 678.",
  "err.pin": "The PIN is 4 to 6 digits.",
  "err.code": "The code is 6 digits.",
  "err.notFound": "We couldn't find that.",
  "err.generic": "Something went wrong. Please try again.",
  "err.stale": "That has already changed. Here is the latest.",
  "err.title": "Something went wrong",
  "err.page": "There is no such page: a page is a whole number from 1.",
  "err.back": "Back to offers",

  "offers.title": "New offers",
  "offers.empty": "No new offers right now. We'll send you an SMS when there is one.",
  "offers.quantity": "Quantity",
  "offers.pieces": { one: "{count} piece", other: "{count} pieces" },
  "offers.due": "Due",
  "offers.payPerPiece": "Pay per piece",
  "offers.total": "Total",
  "offers.expires": "Answer by {time}",
  // One piece: "Accept"; more: "Accept all 3" (a part can be accepted separately).
  "offers.accept": { one: "Accept", other: "Accept all {count}" },
  "offers.acceptPart": "Accept part",
  "offers.acceptPartHow": "How many can you make?",
  "offers.decline": "Decline",
  "offers.declineReason": "Why?",
  "offers.reason.too_busy": "Too busy",
  "offers.reason.no_materials": "No materials",
  "offers.reason.cant_make": "Can't make this design",
  "offers.reason.other": "Other",
  "offers.accepted": "Accepted. You'll find it under Work.",
  "offers.acceptedPart": {
    one: "You accepted {count} piece. The rest will go to another artisan.",
    other: "You accepted {count} pieces. The rest will go to another artisan.",
  },
  "offers.declined": "Declined. Thank you for telling us.",
  "offers.expired": "That offer has expired and went to another artisan.",
  "offers.badPart": "Choose a number from 1 to {max}.",
  "offers.request": "Request {number}",
  // Product and option names are catalog data (in English): labelled, and marked lang="en".
  "offers.variant": "Option:",

  "work.title": "My work",
  "work.empty": "No work in progress. Accept an offer to start.",
  "work.status.accepted": "Accepted — not started",
  "work.status.in_progress": "In progress",
  "work.status.qc_failed": "Needs rework",
  "work.made": { by: "made", one: "{made} of {total} made", other: "{made} of {total} made" },
  "work.start": "Start",
  "work.started": "Started. Good work!",
  "work.updateMade": "Update",
  "work.howMany": "How many are made?",
  "work.updated": { by: "made", one: "Saved: {made} of {total} made.", other: "Saved: {made} of {total} made." },
  "work.ready": "Ready for pickup",
  "work.allMade": { by: "total", one: "The {total} piece is made", other: "All {total} pieces are made" },
  "work.notAllMade": {
    by: "made",
    one: "Ready means every piece is made ({made} of {total} recorded). Tick the box when all {total} are made.",
    other: "Ready means every piece is made ({made} of {total} recorded). Tick the box when all {total} are made.",
  },
  "work.readyDone": "Marked ready. A rider will be booked to collect it.",
  "work.photo": "Photo (optional)",
  "work.photoHint": "JPEG, PNG or WebP, up to 5 MB",
  "work.photoChoose": "Take or choose a photo",
  "work.photoNone": "No photo chosen.",
  "work.photoChosen": "✓ Photo chosen. It is sent with “Ready for pickup”.",
  "work.photoBad": "The photo must be a JPEG, PNG or WebP picture of at most 5 MB.",
  "work.badMade": "Enter a number from 0 to {max}.",
  "work.defect": "Hub note: {note}",

  "deliveries.title": "Pickups",
  "deliveries.empty": "Nothing waiting to be collected.",
  "deliveries.waiting": "Waiting for a pickup time.",
  "deliveries.scheduled": "Pickup {time}",
  "deliveries.rider": "Rider: {name}",
  "deliveries.handOver": "I handed it over",
  "deliveries.handedOver": "Thank you. The hand-over is recorded.",
  "deliveries.youConfirmed": "You confirmed the hand-over {time}",
  "deliveries.riderConfirmed": "The rider confirmed {time}",
  "deliveries.riderNotYet": "The rider hasn't confirmed yet",
  "deliveries.delivered": "Delivered to the hub {time}",
  "deliveries.recent": "Recently delivered",

  "stock.title": "Stock",
  "stock.finished": "Finished pieces on hand",
  "stock.finishedEmpty": "No finished pieces at your workshop.",
  "stock.onHand": "On hand",
  "stock.reserved": "Set aside for orders",
  "stock.materials": "My materials",
  "stock.materialsEmpty": "No materials recorded yet.",
  "stock.low": "Running low",
  "stock.lowAt": "Warn me at",
  "stock.save": "Save counts",
  "stock.saved": "Counts saved.",
  "stock.add": "Add a material",
  "stock.name": "Material",
  "stock.unit": "Unit",
  "stock.addButton": "Add",
  "stock.added": "Material added.",
  "stock.badCount": "Counts are whole numbers from 0 to 100000.",
  "stock.badName": "Give the material a name (up to 60 letters).",
  "stock.duplicate": "You already have a material with that name.",

  "profile.title": "Profile",
  "profile.skills": "Skills and weekly capacity",
  "profile.capacity": "Pieces a week",
  "profile.noSkills": "No skills recorded. Operations will add them.",
  "profile.availability": "Availability",
  "profile.available": "I'm taking new work",
  "profile.awayFrom": "Away from",
  "profile.awayUntil": "Away until",
  "profile.payoutPhone": "M-Pesa number for payments",
  "profile.publicProfile": "Show my name and story on the Soko website",
  "profile.language": "Language",
  "profile.save": "Save",
  "profile.saved": "Profile saved.",
  "profile.badCapacity": "Capacity is a whole number from 0 to 500.",
  "profile.badDates": "The away-until date must be on or after the away-from date.",
  "profile.badDate": "Enter a date like 2025-03-31.",
  "profile.pinLink": "Change my PIN",
  "profile.pin": "Your PIN (only to change the M-Pesa number)",
  "profile.pinNeeded": "Enter your PIN to change the M-Pesa number for payments. Nothing was saved.",
  "profile.pinWrong": "That PIN isn't right. Nothing was saved, and the M-Pesa number is as it was.",
  "profile.payoutPhoneSms": "Soko: payments to {name} will now go to M-Pesa {phone}. If you did not change this, call Soko at once.",
  "profile.signInPhoneSms":
    "Soko: {name} now signs in to Soko with {phone}; PIN codes go there. If you did not ask for this, call Soko at once.",

  "earnings.title": "Earnings",
  "earnings.balance": "Balance",
  "earnings.pending": "Pending: accepted work not yet paid",
  "earnings.pendingHint": {
    one: "For {count} request you have accepted. It is added to your balance when the hub passes the work.",
    other: "For {count} requests you have accepted. Each is added to your balance when the hub passes the work.",
  },
  "earnings.newer": "Newer",
  "earnings.older": "Older",
  "earnings.pageOf": "Page {page} of {pages}",
  "earnings.statement": "Statement",
  "earnings.payouts": "Payouts",
  "earnings.reference": "M-Pesa reference",
  "earnings.empty": "No earnings yet. You earn when the hub passes your work.",
  "earnings.pastEnd": {
    by: "pages",
    one: "Nothing on this page: your statement has one page. Go back with the link below.",
    other: "Nothing on this page: your statement has {pages} pages. Go back with the link below.",
  },
  "earnings.status.pending": "Pending",
  "earnings.status.sent": "Sent",
  "earnings.status.checking": "Being checked with M-Pesa",
  "earnings.status.paid": "Paid",
  "earnings.status.failed": "Failed — back in your balance",

  "common.save": "Save",
  "common.yes": "Yes",
  "common.no": "No",
  "common.date": "Date",
  "common.amount": "Amount",
  "common.status": "Status",
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof en;
/** Messages a page may answer a 400 with (the response's text), said by her page's error boundary in her language. */
export const ERROR_KEYS = ["err.page"] as const satisfies readonly MessageKey[];
export type ErrorKey = (typeof ERROR_KEYS)[number];
/** Keys whose English message depends on a number: `t` needs their variables. */
export type PluralKey = { [K in MessageKey]: (typeof en)[K] extends string ? never : K }[MessageKey];

const sw: Record<MessageKey, Message> = {
  "app.name": "Soko kwa mafundi",
  "app.offline": "Huna mtandao — unaona ulichoona mara ya mwisho.",
  "nav.offers": "Kazi mpya",
  "nav.work": "Kazi yangu",
  "nav.deliveries": "Uchukuzi",
  "nav.stock": "Bidhaa",
  "nav.earnings": "Mapato",
  "nav.profile": "Wasifu",
  "nav.main": "Programu ya fundi",
  "lang.switch": "English",
  "lang.switchLabel": "Switch the language to English",
  "lang.sw": "Kiswahili",
  "lang.en": "English",

  "login.title": "Ingia",
  "login.intro": "Tumia nambari ya simu ambayo Soko inayo na PIN yako.",
  "login.phone": "Nambari ya simu",
  "login.phoneHint": "Kwa mfano 0712 345 678",
  "login.pin": "PIN",
  "login.pinHint": "Tarakimu 4 hadi 6",
  "login.submit": "Ingia",
  "login.wrong": "Nambari ya simu na PIN hazilingani. Angalia na ujaribu tena.",
  "login.attemptsLeft": {
    one: "Umebaki na jaribio {count} kabla akaunti yako kufungwa kwa dakika 15.",
    other: "Umebaki na majaribio {count} kabla akaunti yako kufungwa kwa dakika 15.",
  },
  "login.locked": {
    one: "Umekosea PIN mara nyingi mno. Akaunti yako imefungwa kwa dakika {count} — jaribu tena baada ya saa {time}, au badilisha PIN kwa nambari ya SMS.",
    other:
      "Umekosea PIN mara nyingi mno. Akaunti yako imefungwa kwa dakika {count} — jaribu tena baada ya saa {time}, au badilisha PIN kwa nambari ya SMS.",
  },
  "login.lockedNetwork": "Kumekuwa na makosa mengi ya PIN kutoka mtandao huu. Jaribu tena baada ya saa {time}.",
  "login.noPin": "Bado hujaweka PIN. Pata nambari kwa SMS ili uweke PIN.",
  "login.forgot": "Umesahau PIN, au unaiweka kwa mara ya kwanza?",
  "login.getCode": "Pata nambari kwa SMS",
  "login.signOut": "Toka",

  "pin.title": "Weka PIN yako",
  "pin.intro": "Tutatuma nambari ya tarakimu 6 kwa SMS kwenye simu yako. Iandike hapa pamoja na PIN yako mpya.",
  "pin.sendCode": "Nitumie nambari",
  "pin.codeSent": "Ikiwa nambari hii imesajiliwa na Soko, nambari ya siri inakuja kwa SMS. Inafanya kazi kwa dakika 10.",
  "pin.wait": "Nambari imetumwa sasa hivi. Subiri dakika moja kabla ya kuomba nyingine.",
  "pin.tooManyCodes": "Nambari nyingi mno zimeombwa kwa simu hii au kutoka mtandao huu. Jaribu tena baada ya saa {time}.",
  "pin.code": "Nambari kutoka kwa SMS",
  "pin.newPin": "PIN mpya (tarakimu 4 hadi 6)",
  "pin.confirmPin": "PIN mpya tena",
  "pin.save": "Hifadhi PIN yangu",
  "pin.saved": "PIN yako imewekwa na umeingia. Itumie utakapoingia tena.",
  "pin.badCode": "Nambari hiyo si sahihi au muda wake umeisha. Omba nyingine.",
  "pin.tooManyTries": "Umekosea nambari mara nyingi mno. Omba nyingine.",
  "pin.mismatch": "PIN hizo mbili hazifanani.",
  "pin.sms": "Soko: nambari yako ni {code}. Inafanya kazi kwa dakika 10. Usimpe mtu yeyote.",

  "err.phone": "Andika nambari ya simu ya Kenya, kama 0712 345 678.",
  "err.pin": "PIN ni tarakimu 4 hadi 6.",
  "err.code": "Nambari ni tarakimu 6.",
  "err.notFound": "Hatukupata hicho.",
  "err.generic": "Kuna tatizo. Tafadhali jaribu tena.",
  "err.stale": "Hilo limeshabadilika. Hii ndiyo hali ya sasa.",
  "err.title": "Kuna tatizo",
  "err.page": "Hakuna ukurasa kama huo: ukurasa ni nambari kamili kuanzia 1.",
  "err.back": "Rudi kwa kazi mpya",

  "offers.title": "Kazi mpya",
  "offers.empty": "Hakuna kazi mpya sasa hivi. Tutakutumia SMS ikipatikana.",
  "offers.quantity": "Idadi",
  "offers.pieces": { one: "Kipande {count}", other: "Vipande {count}" },
  "offers.due": "Tarehe ya mwisho",
  "offers.payPerPiece": "Malipo kwa kipande",
  "offers.total": "Jumla",
  "offers.expires": "Jibu kabla ya {time}",
  "offers.accept": { one: "Kubali", other: "Kubali vyote {count}" },
  "offers.acceptPart": "Kubali sehemu",
  "offers.acceptPartHow": "Unaweza kutengeneza ngapi?",
  "offers.decline": "Kataa",
  "offers.declineReason": "Kwa nini?",
  "offers.reason.too_busy": "Nina kazi nyingi",
  "offers.reason.no_materials": "Sina malighafi",
  "offers.reason.cant_make": "Siwezi kutengeneza muundo huu",
  "offers.reason.other": "Sababu nyingine",
  "offers.accepted": "Umekubali. Utaipata kwenye Kazi yangu.",
  // "Kazi iliyobaki" (the work left) agrees with kazi whether one piece or many is left.
  "offers.acceptedPart": {
    one: "Umekubali kipande {count}. Kazi iliyobaki itapewa fundi mwingine.",
    other: "Umekubali vipande {count}. Kazi iliyobaki itapewa fundi mwingine.",
  },
  "offers.declined": "Umekataa. Asante kwa kutujulisha.",
  "offers.expired": "Muda wa kazi hiyo umeisha na imepewa fundi mwingine.",
  "offers.badPart": "Chagua nambari kati ya 1 na {max}.",
  "offers.request": "Ombi {number}",
  "offers.variant": "Aina:",

  "work.title": "Kazi yangu",
  "work.empty": "Hakuna kazi inayoendelea. Kubali kazi mpya ili uanze.",
  "work.status.accepted": "Imekubaliwa — haijaanza",
  "work.status.in_progress": "Inaendelea",
  "work.status.qc_failed": "Inahitaji kurekebishwa",
  // The verb agrees with what was made: "1 kati ya 3 kimetengenezwa", "2 kati ya 3 vimetengenezwa".
  "work.made": { by: "made", one: "{made} kati ya {total} kimetengenezwa", other: "{made} kati ya {total} vimetengenezwa" },
  "work.start": "Anza",
  "work.started": "Umeanza. Kazi njema!",
  "work.updateMade": "Hifadhi",
  "work.howMany": "Vingapi vimetengenezwa?",
  "work.updated": {
    by: "made",
    one: "Imehifadhiwa: {made} kati ya {total} kimetengenezwa.",
    other: "Imehifadhiwa: {made} kati ya {total} vimetengenezwa.",
  },
  "work.ready": "Tayari kuchukuliwa",
  "work.allMade": { by: "total", one: "Kipande {total} kimetengenezwa", other: "Vipande vyote {total} vimetengenezwa" },
  "work.notAllMade": {
    by: "made",
    one: "Tayari maana yake ni vipande vyote vimetengenezwa ({made} kati ya {total} kimerekodiwa). Weka alama kisandukuni vyote {total} vikikamilika.",
    other:
      "Tayari maana yake ni vipande vyote vimetengenezwa ({made} kati ya {total} vimerekodiwa). Weka alama kisandukuni vyote {total} vikikamilika.",
  },
  "work.readyDone": "Imewekwa tayari. Mpanda pikipiki atapangwa kuichukua.",
  "work.photo": "Picha (si lazima)",
  "work.photoHint": "JPEG, PNG au WebP, hadi MB 5",
  "work.photoChoose": "Piga au chagua picha",
  "work.photoNone": "Hujachagua picha.",
  "work.photoChosen": "✓ Picha imechaguliwa. Itatumwa ukibonyeza “Tayari kuchukuliwa”.",
  "work.photoBad": "Picha lazima iwe JPEG, PNG au WebP isiyozidi MB 5.",
  "work.badMade": "Andika nambari kati ya 0 na {max}.",
  "work.defect": "Ujumbe wa kituo: {note}",

  "deliveries.title": "Uchukuzi",
  "deliveries.empty": "Hakuna kinachosubiri kuchukuliwa.",
  "deliveries.waiting": "Inasubiri muda wa kuchukuliwa.",
  "deliveries.scheduled": "Itachukuliwa {time}",
  "deliveries.rider": "Mpanda pikipiki: {name}",
  "deliveries.handOver": "Nimekabidhi",
  "deliveries.handedOver": "Asante. Makabidhiano yamerekodiwa.",
  "deliveries.youConfirmed": "Ulithibitisha makabidhiano {time}",
  "deliveries.riderConfirmed": "Mpanda pikipiki alithibitisha {time}",
  "deliveries.riderNotYet": "Mpanda pikipiki bado hajathibitisha",
  "deliveries.delivered": "Imefika kituoni {time}",
  "deliveries.recent": "Zilizofika karibuni",

  "stock.title": "Bidhaa",
  "stock.finished": "Vipande vilivyokamilika ulivyonavyo",
  "stock.finishedEmpty": "Hakuna vipande vilivyokamilika karakanani kwako.",
  "stock.onHand": "Ulivyonavyo",
  "stock.reserved": "Vimetengwa kwa maagizo",
  "stock.materials": "Malighafi yangu",
  "stock.materialsEmpty": "Bado hakuna malighafi iliyorekodiwa.",
  "stock.low": "Inakaribia kuisha",
  "stock.lowAt": "Nionye ikifika",
  "stock.save": "Hifadhi idadi",
  "stock.saved": "Idadi zimehifadhiwa.",
  "stock.add": "Ongeza malighafi",
  "stock.name": "Malighafi",
  "stock.unit": "Kipimo",
  "stock.addButton": "Ongeza",
  "stock.added": "Malighafi imeongezwa.",
  "stock.badCount": "Idadi ni nambari kamili kati ya 0 na 100000.",
  "stock.badName": "Ipe malighafi jina (hadi herufi 60).",
  "stock.duplicate": "Tayari una malighafi yenye jina hilo.",

  "profile.title": "Wasifu",
  "profile.skills": "Ujuzi na uwezo kwa wiki",
  "profile.capacity": "Vipande kwa wiki",
  "profile.noSkills": "Hakuna ujuzi uliorekodiwa. Ofisi itauongeza.",
  "profile.availability": "Upatikanaji",
  "profile.available": "Ninapokea kazi mpya",
  "profile.awayFrom": "Sitakuwepo kuanzia",
  "profile.awayUntil": "Sitakuwepo hadi",
  "profile.payoutPhone": "Nambari ya M-Pesa ya malipo",
  "profile.publicProfile": "Onyesha jina na hadithi yangu kwenye tovuti ya Soko",
  "profile.language": "Lugha",
  "profile.save": "Hifadhi",
  "profile.saved": "Wasifu umehifadhiwa.",
  "profile.badCapacity": "Uwezo ni nambari kamili kati ya 0 na 500.",
  "profile.badDates": "Tarehe ya kurudi lazima iwe siku ile au baada ya tarehe ya kuondoka.",
  "profile.badDate": "Andika tarehe kama 2025-03-31.",
  "profile.pinLink": "Badilisha PIN yangu",
  "profile.pin": "PIN yako (kubadilisha nambari ya M-Pesa tu)",
  "profile.pinNeeded": "Andika PIN yako ili kubadilisha nambari ya M-Pesa ya malipo. Hakuna kilichohifadhiwa.",
  "profile.pinWrong": "PIN hiyo si sahihi. Hakuna kilichohifadhiwa, na nambari ya M-Pesa haijabadilika.",
  "profile.payoutPhoneSms": "Soko: malipo ya {name} sasa yataenda M-Pesa {phone}. Kama hukubadilisha hili, piga simu Soko mara moja.",
  "profile.signInPhoneSms":
    "Soko: {name} sasa ataingia Soko kwa {phone}; nambari za PIN zitaenda huko. Kama hukuomba hili, piga simu Soko mara moja.",

  "earnings.title": "Mapato",
  "earnings.balance": "Salio",
  "earnings.pending": "Inasubiri: kazi uliyokubali, bado haijalipwa",
  "earnings.pendingHint": {
    one: "Kwa ombi {count} ulilokubali. Inaongezwa kwenye salio lako kituo kikipitisha kazi.",
    other: "Kwa maombi {count} uliyokubali. Kila moja inaongezwa kwenye salio lako kituo kikipitisha kazi.",
  },
  "earnings.newer": "Mapya zaidi",
  "earnings.older": "Ya zamani",
  "earnings.pageOf": "Ukurasa {page} kati ya {pages}",
  "earnings.statement": "Taarifa",
  "earnings.payouts": "Malipo",
  "earnings.reference": "Nambari ya M-Pesa",
  "earnings.empty": "Bado hakuna mapato. Utapata malipo kituo kikipitisha kazi yako.",
  "earnings.pastEnd": {
    by: "pages",
    one: "Hakuna kitu kwenye ukurasa huu: taarifa yako ina ukurasa mmoja. Rudi kwa kiungo kilicho hapa chini.",
    other: "Hakuna kitu kwenye ukurasa huu: taarifa yako ina kurasa {pages}. Rudi kwa kiungo kilicho hapa chini.",
  },
  "earnings.status.pending": "Inasubiri",
  "earnings.status.sent": "Imetumwa",
  "earnings.status.checking": "Inahakikiwa na M-Pesa",
  "earnings.status.paid": "Imelipwa",
  "earnings.status.failed": "Imeshindikana — imerudi kwenye salio",

  "common.save": "Hifadhi",
  "common.yes": "Ndiyo",
  "common.no": "Hapana",
  "common.date": "Tarehe",
  "common.amount": "Kiasi",
  "common.status": "Hali",
};

export const DICTIONARIES: Record<Lang, Record<MessageKey, Message>> = { en, sw };

export type Vars = Record<string, string | number>;
/** A plural key needs its variables; any other key takes them if it has placeholders. */
export type VarsArg<K extends MessageKey> = K extends PluralKey ? [vars: Vars] : [vars?: Vars];

const pluralRules = new Map<Lang, Intl.PluralRules>();

/** The CLDR plural category of `n` in `lang` ("one" for exactly 1 in English and Swahili, else "other"). */
export function pluralCategory(lang: Lang, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(localeFor(lang));
    pluralRules.set(lang, rules);
  }
  return rules.select(n);
}

/** The form of `message` for the number in `vars` (its `by` variable, else `count`); `other` without one. */
export function selectForm(lang: Lang, message: Message, vars?: Vars): string {
  if (typeof message === "string") return message;
  const raw = vars?.[message.by ?? "count"];
  const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n)) return message.other;
  return message[pluralCategory(lang, n)] ?? message.other;
}

/** The message for `key` in `lang`, in the right plural form, with `{name}` placeholders filled from `vars`. */
export function t<K extends MessageKey>(lang: Lang, key: K, ...[vars]: VarsArg<K>): string {
  const message: Message = DICTIONARIES[lang][key] ?? en[key] ?? key;
  const template = selectForm(lang, message, vars);
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A translator bound to one language: `const tr = translator("sw"); tr("nav.offers")`. */
export function translator(lang: Lang) {
  return <K extends MessageKey>(key: K, ...vars: VarsArg<K>) => t(lang, key, ...vars);
}

/**
 * Skills are ours (a fixed list, seeded with English names): their Swahili names by slug. A skill
 * added later without one shows its English name until it gets one here.
 */
export const SKILL_NAMES_SW: Readonly<Record<string, string>> = {
  "brass-casting": "Kusubu shaba",
  "horn-carving": "Kuchonga pembe",
  "bone-carving": "Kuchonga mifupa",
  beadwork: "Kazi ya shanga",
  "glass-recycling": "Kuchakata vioo",
  "wire-wrapping": "Kusokota waya",
  polishing: "Kung'arisha na kumalizia",
};

/** A skill's name in `lang`: Swahili from SKILL_NAMES_SW, else the stored (English) name. */
export function skillName(lang: Lang, skill: { slug: string; name: string }): string {
  return (lang === "sw" ? SKILL_NAMES_SW[skill.slug] : undefined) ?? skill.name;
}

/** For a one-off phrase that isn't worth a key: `pick(lang, { sw: "…", en: "…" })`. */
export function pick(lang: Lang, words: Record<Lang, string>) {
  return words[lang];
}

export function isLang(value: unknown): value is Lang {
  return value === "sw" || value === "en";
}

/**
 * The language a phone asks for in its Accept-Language header: the highest-weighted of Swahili
 * (sw, sw-KE, sw-TZ…) or English. Nothing we speak (or no header) → Swahili, the artisans' language.
 */
export function languageFromAcceptLanguage(header: string | null | undefined): Lang {
  if (!header) return "sw";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split("-")[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0 && isLang(entry.base))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.length ? (ranked[0].base as Lang) : "sw";
}

/** BCP 47 locale for dates and numbers on the page. */
export function localeFor(lang: Lang) {
  return lang === "sw" ? "sw-KE" : "en-KE";
}

/**
 * The page's language: the signed-in artisan's saved choice; otherwise (login and PIN pages) an
 * explicit `?lang=` from the switch link, else the phone's Accept-Language.
 */
export function languageForRequest(request: Request, saved?: Lang | null): Lang {
  if (saved) return saved;
  const chosen = new URL(request.url).searchParams.get("lang");
  if (isLang(chosen)) return chosen;
  return languageFromAcceptLanguage(request.headers.get("Accept-Language"));
}

const NAIROBI = OPS_TIME_ZONE;

/** "2026-12-03" (a calendar date) → "3 Desemba 2026" / "3 December 2026". */
export function formatDay(lang: Lang, isoDay: string): string {
  const date = new Date(`${isoDay}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDay;
  return new Intl.DateTimeFormat(localeFor(lang), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** A moment in Nairobi time: "3 Des, 14:30". */
export function formatMoment(lang: Lang, at: Date | string): string {
  const date = typeof at === "string" ? new Date(at) : at;
  return new Intl.DateTimeFormat(localeFor(lang), {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: NAIROBI,
  }).format(date);
}

/** Just the time of day in Nairobi: "14:30". */
export function formatClock(lang: Lang, at: Date): string {
  return new Intl.DateTimeFormat(localeFor(lang), { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: NAIROBI }).format(at);
}
