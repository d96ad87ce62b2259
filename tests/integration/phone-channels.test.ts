/**
 * One phone parser (~/lib/phone) behind every channel an artisan reaches Soko through: the app's
 * sign-in, USSD and inbound SMS answer the same numbers, in every accepted form, through their own
 * entry points (they once disagreed: SMS took 00254…, the app did not), and refuse the same ones.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createArtisan } from "#db/seed/factories";
import { ACCEPTED_PHONE_FORMS, REFUSED_PHONE_FORMS } from "~/lib/phone.fixtures";
import { action as loginAction } from "~/routes/artisan._index";
import { action as smsAction } from "~/routes/api.sms.inbound";
import { action as ussdAction } from "~/routes/api.ussd";
import { db, schema } from "~/lib/db.server";
import { call, post } from "./artisan-support";

const PIN = "2468";
const TOKEN = process.env.AT_CALLBACK_TOKEN!;
const firstNames = new Map<string, string>();
let n = 0;

beforeAll(async () => {
  for (const e164 of new Set(ACCEPTED_PHONE_FORMS.map(([, e164]) => e164))) {
    const firstName = `Phone${++n}`;
    await createArtisan(db, { firstName, phone: e164, pin: PIN, language: "en" });
    firstNames.set(e164, firstName);
  }
});

async function callback(handler: typeof smsAction, path: string, fields: Record<string, string>) {
  const request = new Request(`http://localhost${path}?token=${encodeURIComponent(TOKEN)}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const response = (await handler({ request, params: {}, context: {} })) as Response;
  return { status: response.status, body: await response.text() };
}

/** The app: the sign-in form with this phone and the right PIN. */
const appSignIn = (phone: string) => call(loginAction, post("/artisan?lang=en", { phone, pin: PIN }));

/** USSD: a new session, dialled from this number, answering the PIN prompt. */
async function ussd(phone: string) {
  const sessionId = `ATUid_phone_${++n}`;
  const first = await callback(ussdAction, "/api/ussd", { sessionId, serviceCode: "*384*76#", phoneNumber: phone, text: "" });
  const menu = await callback(ussdAction, "/api/ussd", { sessionId, serviceCode: "*384*76#", phoneNumber: phone, text: PIN });
  return { first: first.body, menu: menu.body };
}

/** SMS: BALANCE sent from this number; the reply (if any) and where it goes. */
async function sms(phone: string) {
  const id = `ATXid_phone_${++n}`;
  const answer = await callback(smsAction, "/api/sms/inbound", {
    from: phone,
    to: "22384",
    text: "BALANCE",
    date: "2026-12-01 10:15:00",
    id,
  });
  const [reply] = await db
    .select({ to: schema.outbox.to })
    .from(schema.outbox)
    .where(eq(schema.outbox.dedupeKey, `sms-in:${id}`));
  return { status: answer.status, replyTo: reply?.to ?? null };
}

describe("every channel reads a number the same way", () => {
  it.each(ACCEPTED_PHONE_FORMS)("%j is %s in the app, on USSD and by SMS", async (typed, e164) => {
    const app = await appSignIn(typed);
    expect(app, "the app signs her in").toMatchObject({ status: 302, location: "/artisan/offers" });

    const dialled = await ussd(typed);
    expect(dialled.first, "USSD asks her PIN by name").toMatch(new RegExp(`^CON .*${firstNames.get(e164)}`, "s"));
    expect(dialled.menu, "USSD opens her menu").toMatch(/^CON /);

    expect(await sms(typed), "SMS answers her, at her stored number").toEqual({ status: 200, replyTo: e164 });
  });

  it.each(REFUSED_PHONE_FORMS.filter((form) => form !== ""))("%j is nobody in the app, on USSD and by SMS", async (typed) => {
    const app = await appSignIn(typed);
    expect(app.status).toBe(400);
    expect(app.body?.errors).toMatchObject({ phone: expect.stringMatching(/Kenya/) });

    const dialled = await ussd(typed);
    expect(dialled.first).toMatch(/^END .*not registered/s);

    expect(await sms(typed)).toEqual({ status: 200, replyTo: null });
  });
});
