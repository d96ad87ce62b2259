/**
 * The USSD menu for feature-phone artisans, in Africa's Talking's callback model: every request
 * carries the whole conversation in `text`, so the state is re-derived from it each time by walking
 * the answers from the first screen. Nothing is kept between requests; the same request twice gets
 * the same answer, and actions are idempotent per session (see work.server.ts).
 *
 *   PIN → main: 1 Offers → offer → 1 Accept | 2 Decline → reason
 *               2 My work → item → 1 All N made, ready for pickup
 *               3 Balance, 4 Language, 0 Exit
 * "0" goes back one screen (exits from the main menu). A wrong option shows the same screen again
 * with a note, so the next answer still means what the artisan sees.
 */
import { z } from "zod";
import { PIN_PATTERN } from "~/domain/accounts";
import { THROTTLES, counterState } from "~/domain/accounts/index.server";
import { callbackAllowed, plainText, readCallbackForm } from "./callback.server";
import { normalizeKenyanPhone } from "~/lib/phone";
import { checkUssdPin } from "./pin.server";
import { con, detailScreen, end, listScreen, parseChoice, parseInputs, renderReply, USSD_MAX_INPUT, type UssdReply } from "./screens";
import { DECLINE_REASONS, texts, type Language } from "~/domain/messaging";
import {
  acceptOffer,
  balanceSummary,
  declineOffer,
  findArtisanByPhone,
  listOffers,
  listWork,
  markReady,
  setLanguage,
  type FeaturePhoneArtisan,
  type RequestItem,
} from "./work.server";

/** Africa's Talking's USSD callback body (form-encoded). */
export const ussdRequestSchema = z.object({
  sessionId: z.string({ required_error: "sessionId is required" }).trim().min(1, "sessionId is required").max(128, "sessionId is too long"),
  serviceCode: z
    .string({ required_error: "serviceCode is required" })
    .trim()
    .min(1, "serviceCode is required")
    .max(32, "serviceCode is too long"),
  phoneNumber: z
    .string({ required_error: "phoneNumber is required" })
    .trim()
    .min(1, "phoneNumber is required")
    .max(32, "phoneNumber is too long"),
  // AT sends text= (empty) on the first request; a missing field is read the same way.
  text: z.string().max(2000, "text is too long").default(""),
});
export type UssdRequest = z.infer<typeof ussdRequestSchema>;

type Screen =
  | { name: "main" }
  | { name: "offers" }
  | { name: "offer"; item: RequestItem }
  | { name: "decline"; item: RequestItem }
  | { name: "work" }
  | { name: "workItem"; item: RequestItem }
  | { name: "language" };

type Conversation = {
  artisan: FeaturePhoneArtisan;
  language: Language;
  actor: string;
  offers?: RequestItem[];
  work?: RequestItem[];
};

export async function handleUssd(request: UssdRequest, now = new Date()): Promise<UssdReply> {
  const phone = normalizeKenyanPhone(request.phoneNumber);
  const artisan = phone ? await findArtisanByPhone(phone) : null;
  if (!artisan?.active) return end(texts("sw").unknownPhone);
  const t = texts(artisan.language);
  if (request.text.length > USSD_MAX_INPUT) return end(t.tooLong);
  // Locked (in the app or here: one counter): said at once, before any PIN is asked.
  const { lockedUntil } = await counterState(THROTTLES.artisanPin, artisan.phone, now);
  if (lockedUntil) return end(t.locked(lockedUntil));
  if (!artisan.pinHash) return end(t.noPin);

  const inputs = parseInputs(request.text);
  // The PIN: asked once, at the start of each session. Malformed answers are asked again, uncounted.
  let pinIndex = 0;
  while (pinIndex < inputs.length && !PIN_PATTERN.test(inputs[pinIndex])) pinIndex += 1;
  if (pinIndex >= inputs.length) {
    return con(inputs.length ? `${t.pinFormat}\n${t.pinPrompt(artisan.firstName)}` : t.pinPrompt(artisan.firstName));
  }
  const pin = await checkUssdPin({ artisanId: artisan.id, pin: inputs[pinIndex], sessionId: request.sessionId, now });
  if (!pin.ok) {
    if (pin.reason === "locked") return end(t.locked(pin.lockedUntil));
    if (pin.reason === "no_pin") return end(t.noPin);
    return end(t.wrongPin(pin.triesLeft));
  }

  const conversation: Conversation = { artisan, language: artisan.language, actor: `artisan:${artisan.id}:ussd:${request.sessionId}` };
  let screen: Screen = { name: "main" };
  let note = "";
  for (const input of inputs.slice(pinIndex + 1)) {
    const step = await answer(conversation, screen, input, now);
    if ("end" in step) return step.end;
    note = step.valid ? (step.note ?? "") : texts(conversation.language).invalid;
    screen = step.screen;
  }
  return show(conversation, screen, note);
}

type Step = { screen: Screen; valid: boolean; note?: string } | { end: UssdReply };

const stay = (screen: Screen): Step => ({ screen, valid: false });
const go = (screen: Screen, note?: string): Step => ({ screen, valid: true, note });

async function offers(c: Conversation) {
  c.offers ??= await listOffers(c.artisan.id, c.actor);
  return c.offers;
}

async function work(c: Conversation) {
  c.work ??= await listWork(c.artisan.id, c.actor);
  return c.work;
}

/** One answer on one screen: the next screen, or the end of the session. */
async function answer(c: Conversation, screen: Screen, input: string, now: Date): Promise<Step> {
  const t = texts(c.language);
  const choice = parseChoice(input);
  if (choice === null) return stay(screen);
  switch (screen.name) {
    case "main":
      if (choice === 1) return go({ name: "offers" });
      if (choice === 2) return go({ name: "work" });
      if (choice === 3) {
        const balance = await balanceSummary(c.artisan.id);
        return { end: end(t.balance(balance.amount, balance.currency, balance.lastPayout, balance.pending)) };
      }
      if (choice === 4) return go({ name: "language" });
      if (choice === 0) return { end: end(t.goodbye) };
      return stay(screen);
    case "offers": {
      if (choice === 0) return go({ name: "main" });
      const item = (await offers(c))[choice - 1];
      return item ? go({ name: "offer", item }) : stay(screen);
    }
    case "offer": {
      if (choice === 0) return go({ name: "offers" });
      if (choice === 2) return go({ name: "decline", item: screen.item });
      if (choice !== 1) return stay(screen);
      const outcome = await acceptOffer(c.artisan.id, screen.item.id, c.actor, now);
      c.offers = c.work = undefined;
      const number = screen.item.number;
      const message = {
        accepted: t.accepted(screen.item),
        already_accepted: t.alreadyAccepted(number),
        expired: t.expired(number),
        unavailable: t.unavailable(number),
      }[outcome];
      return { end: end(message) };
    }
    case "decline": {
      if (choice === 0) return go({ name: "offer", item: screen.item });
      const reason = DECLINE_REASONS[choice - 1];
      if (!reason) return stay(screen);
      const outcome = await declineOffer(c.artisan.id, screen.item.id, c.actor, reason.en);
      c.offers = undefined;
      const number = screen.item.number;
      return {
        end: end(
          { declined: t.declined(number), already_accepted: t.alreadyAccepted(number), unavailable: t.unavailable(number) }[outcome],
        ),
      };
    }
    case "work": {
      if (choice === 0) return go({ name: "main" });
      const item = (await work(c))[choice - 1];
      return item ? go({ name: "workItem", item }) : stay(screen);
    }
    case "workItem": {
      if (choice === 0) return go({ name: "work" });
      if (choice !== 1) return stay(screen);
      const outcome = await markReady(c.artisan.id, screen.item.id, c.actor);
      c.work = undefined;
      const number = screen.item.number;
      return { end: end({ ready: t.ready(number), already_ready: t.alreadyReady(number), unavailable: t.unavailable(number) }[outcome]) };
    }
    case "language": {
      if (choice === 0) return go({ name: "main" });
      const language: Language | undefined = choice === 1 ? "sw" : choice === 2 ? "en" : undefined;
      if (!language) return stay(screen);
      await setLanguage(c.artisan.id, language);
      c.language = language;
      return go({ name: "main" }, texts(language).languageChanged);
    }
  }
}

/** The screen the artisan is on, with a note above it (a wrong option, a language change). */
async function show(c: Conversation, screen: Screen, note: string): Promise<UssdReply> {
  const t = texts(c.language);
  const withNote = (body: string) => (note ? `${note}\n${body}` : body);
  switch (screen.name) {
    case "main":
      return con(withNote(t.main(c.artisan.firstName)));
    case "offers": {
      const items = await offers(c);
      if (!items.length) return con(withNote(`${t.noOffers}\n${t.back}`));
      return con(
        listScreen(
          withNote(t.offersHeader),
          items.map((o) => ({ number: o.number, quantity: o.quantity, title: o.title, tail: t.offerTail(o) })),
          t.back,
        ),
      );
    }
    case "offer":
      return con(
        detailScreen((title) => withNote(`${t.offerDetail({ ...screen.item, title })}\n${t.offerActions}\n${t.back}`), screen.item.title),
      );
    case "decline":
      return con(withNote([t.declineHeader, ...DECLINE_REASONS.map((r, i) => `${i + 1}. ${r[c.language]}`), t.back].join("\n")));
    case "work": {
      const items = await work(c);
      if (!items.length) return con(withNote(`${t.noWork}\n${t.back}`));
      return con(
        listScreen(
          withNote(t.workHeader),
          items.map((w) => ({ number: w.number, quantity: w.quantity, title: w.title, tail: t.workTail(w) })),
          t.back,
        ),
      );
    }
    case "workItem":
      return con(
        detailScreen(
          (title) => withNote(`${t.workDetail({ ...screen.item, title })}\n${t.workActions(screen.item.quantity)}\n${t.back}`),
          screen.item.title,
        ),
      );
    case "language":
      return con(withNote(`${t.languageMenu}\n${t.back}`));
  }
}

/**
 * POST /api/ussd: Africa's Talking's callback → a text/plain "CON …" or "END …". A body without
 * the required fields is a 400 in plain text; everything an artisan can type gets a screen.
 */
export async function answerUssdCallback(request: Request): Promise<Response> {
  if (!callbackAllowed(request)) return plainText("Forbidden", 403);
  const form = await readCallbackForm(request);
  if (!form) return plainText("Expected a form-encoded body (sessionId, serviceCode, phoneNumber, text).", 400);
  const parsed = ussdRequestSchema.safeParse(form);
  if (!parsed.success) return plainText(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"), 400);
  return plainText(renderReply(await handleUssd(parsed.data)));
}
