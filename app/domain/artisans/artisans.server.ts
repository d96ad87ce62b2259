/**
 * Artisans as /ops/artisans manages them: search, onboarding (the artisan, their skills and weekly
 * capacity, their workshop as a stock location, and a welcome SMS with the PIN link), edits,
 * performance, and deactivation (their open offers go back to dispatch). Every write is audited in
 * its own transaction; a phone number already taken is a field message, not a 500.
 */
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { Refusal } from "~/lib/refusal";
import { audit } from "~/domain/audit/index.server";
import { THROTTLES, counterState } from "~/domain/accounts/index.server";
import { advanceRequest } from "~/domain/production/index.server";
import { makerPortraitUrl } from "~/domain/images";
import { enqueueJob } from "~/lib/jobs/enqueue.server";
import { queueSms } from "~/domain/messaging/index.server";
import { db, schema, type Executor } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { FieldErrors } from "~/lib/validation";
import { placeOf, type ArtisanInput, type ArtisanNumbers } from "./forms";
import { summarizePerformance } from "./performance";
import { welcomeSmsText } from "./sms";
import { escapeLike, uniqueViolation } from "~/lib/sql";
import { displayKenyanPhone, nationalDigits } from "~/lib/phone";
import { randomUUID } from "node:crypto";
import { t } from "./i18n";

const { artisans, artisanSkills, skills, locations, productionRequests: requests, qcInspections } = schema;

export type SaveResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

export type ArtisanFilter = { q?: string; county?: string; skill?: number; status?: "active" | "inactive"; page: number; perPage?: number };

/** By last name; `q` matches names, phone (any format typed) and settlement. */
export async function listArtisans({ q, county, skill, status, page, perPage = 25 }: ArtisanFilter) {
  const conditions: SQL[] = [];
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    const digits = nationalDigits(q);
    conditions.push(
      or(
        sql`(${artisans.firstName} || ' ' || ${artisans.lastName}) ilike ${pattern}`,
        ilike(artisans.settlement, pattern),
        ilike(artisans.handle, pattern),
        digits.length >= 4 ? sql`replace(${artisans.phone}, '+', '') like ${`%${digits}%`}` : undefined,
      )!,
    );
  }
  if (county) conditions.push(eq(artisans.county, county));
  if (skill) conditions.push(sql`exists (select 1 from artisan_skills s where s.artisan_id = ${artisans.id} and s.skill_id = ${skill})`);
  if (status) conditions.push(eq(artisans.active, status === "active"));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: artisans.id,
        firstName: artisans.firstName,
        lastName: artisans.lastName,
        phone: artisans.phone,
        county: artisans.county,
        settlement: artisans.settlement,
        active: artisans.active,
        available: artisans.available,
        qualityScore: artisans.qualityScore,
        skills: sql<
          string[]
        >`coalesce((select array_agg(k.name order by k.name) from artisan_skills s join skills k on k.id = s.skill_id where s.artisan_id = ${artisans.id}), '{}')`,
      })
      .from(artisans)
      .where(where)
      .orderBy(asc(artisans.lastName), asc(artisans.firstName), asc(artisans.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ total: count() }).from(artisans).where(where),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / perPage)) };
}

export function listSkills() {
  return db.select({ id: skills.id, name: skills.name }).from(skills).orderBy(asc(skills.name));
}

/** A handle for the public maker page: their name, made unique with a number when needed. */
async function freeHandle(tx: Executor, firstName: string, lastName: string) {
  const base =
    `${firstName} ${lastName}`
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "artisan";
  const taken = new Set(
    (
      await tx
        .select({ handle: artisans.handle })
        .from(artisans)
        .where(or(eq(artisans.handle, base), ilike(artisans.handle, `${escapeLike(base)}-%`)))
    ).map((r) => r.handle),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function setSkills(tx: Executor, artisanId: number, input: ArtisanInput["skills"]) {
  const known = new Set(
    (
      await tx
        .select({ id: skills.id })
        .from(skills)
        .where(
          inArray(
            skills.id,
            input.map((s) => s.skillId),
          ),
        )
    ).map((s) => s.id),
  );
  const rows = input.filter((s) => known.has(s.skillId));
  await tx.delete(artisanSkills).where(eq(artisanSkills.artisanId, artisanId));
  if (rows.length)
    await tx.insert(artisanSkills).values(rows.map((s) => ({ artisanId, skillId: s.skillId, weeklyCapacity: s.weeklyCapacity })));
  return rows;
}

/** Creates the artisan, their skills, their workshop location and the welcome SMS, in one transaction. */
export async function onboardArtisan(input: ArtisanInput, actor: string): Promise<SaveResult> {
  const place = placeOf(input.county, input.settlement)!;
  try {
    return await db.transaction(async (tx) => {
      const handle = await freeHandle(tx, input.firstName, input.lastName);
      const [artisan] = await tx
        .insert(artisans)
        .values({
          handle,
          firstName: input.firstName,
          lastName: input.lastName,
          phone: input.phone,
          payoutPhone: input.payoutPhone,
          county: input.county,
          settlement: input.settlement,
          latitude: place.latitude,
          longitude: place.longitude,
          hubDistanceKm: place.hubDistanceKm,
          bio: input.bio,
          portraitUrl: makerPortraitUrl(handle),
          language: input.language,
          publicProfile: input.publicProfile,
          baselineMonthlyEarnings: input.baseline,
        })
        .returning({ id: artisans.id });
      const skillRows = await setSkills(tx, artisan.id, input.skills);
      if (!skillRows.length) throw new Refusal(422, "Those skills no longer exist. Reload the page and tick them again.", "skills");
      await tx.insert(locations).values({
        code: `WS-${artisan.id}`,
        name: `${input.firstName} ${input.lastName}'s workshop, ${input.settlement}`,
        kind: "workshop",
        shipDays: 7,
        artisanId: artisan.id,
      });
      await queueSms(tx, {
        to: input.phone,
        template: "artisan_welcome",
        text: welcomeSmsText({ language: input.language, firstName: input.firstName, publicUrl: env().PUBLIC_URL }),
        dedupeKey: `artisan-welcome:${artisan.id}`,
      });
      await audit(tx, {
        actor,
        action: "artisan.onboard",
        subject: `artisan:${artisan.id}`,
        data: {
          handle,
          county: input.county,
          settlement: input.settlement,
          skills: skillRows,
          baselineMonthlyEarnings: input.baseline,
          placeKnown: place.known,
        },
      });
      return { ok: true as const, id: artisan.id };
    });
  } catch (error) {
    if (error instanceof Refusal && error.field === "skills") return { ok: false, errors: { skills: error.message } };
    if (uniqueViolation(error) === "artisans_phone_key")
      return { ok: false, errors: { phone: "Another artisan already has this phone number." } };
    throw error;
  }
}

export async function updateArtisan(id: number, input: ArtisanInput, actor: string): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(artisans).where(eq(artisans.id, id)).for("update");
    if (!before) throw new Refusal(404, "There is no artisan with this id.");
    // Her numbers decide where her pay goes: they change only on their own form (decision 0026).
    if (before.phone !== input.phone || before.payoutPhone !== input.payoutPhone) throw new Refusal(403, NUMBERS_ARE_FINANCE);
    const moved = before.county !== input.county || before.settlement !== input.settlement;
    const place = moved ? placeOf(input.county, input.settlement)! : null;
    await tx
      .update(artisans)
      .set({
        firstName: input.firstName,
        lastName: input.lastName,
        county: input.county,
        settlement: input.settlement,
        bio: input.bio,
        language: input.language,
        publicProfile: input.publicProfile,
        baselineMonthlyEarnings: input.baseline,
        ...(place ? { latitude: place.latitude, longitude: place.longitude, hubDistanceKm: place.hubDistanceKm } : {}),
      })
      .where(eq(artisans.id, id));
    const skillRows = await setSkills(tx, id, input.skills);
    const fields = ["firstName", "lastName", "county", "settlement", "bio", "language", "publicProfile"] as const;
    const changed: string[] = fields.filter((k) => before[k] !== input[k]);
    if (before.baselineMonthlyEarnings !== input.baseline) changed.push("baselineMonthlyEarnings");
    await audit(tx, { actor, action: "artisan.update", subject: `artisan:${id}`, data: { changed, skills: skillRows } });
    return { ok: true as const, id };
  });
}

/** Why the profile form cannot change an artisan's numbers, and who can. */
export const NUMBERS_ARE_FINANCE =
  "Only finance or an admin can change an artisan's sign-in and payout numbers, on their own form: they decide where her pay goes.";

/** Her numbers as recorded (the profile form, which does not show them as fields, keeps them). Null: no such artisan. */
export async function artisanNumbers(id: number): Promise<{ phone: string; payoutPhone: string } | null> {
  const [row] = await db.select({ phone: artisans.phone, payoutPhone: artisans.payoutPhone }).from(artisans).where(eq(artisans.id, id));
  return row ?? null;
}

/**
 * Changes an artisan's sign-in and/or payout number (finance and admin: the route checks; decision
 * 0026). Audited (`artisan.numbers`, each number from → to) in the same transaction, and told by
 * SMS: a new payout number to the number paid until now and to her sign-in phones, old and new; a
 * new sign-in number to the old one (PIN codes go to it from now on). Nothing changed: nothing written.
 */
export async function changeArtisanNumbers(id: number, input: ArtisanNumbers, actor: string): Promise<SaveResult & { changed?: boolean }> {
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(artisans).where(eq(artisans.id, id)).for("update");
      if (!before) throw new Refusal(404, "There is no artisan with this id.");
      const signInMoved = before.phone !== input.phone;
      const payoutMoved = before.payoutPhone !== input.payoutPhone;
      if (!signInMoved && !payoutMoved) return { ok: true as const, id, changed: false };
      await tx.update(artisans).set({ phone: input.phone, payoutPhone: input.payoutPhone }).where(eq(artisans.id, id));
      await audit(tx, {
        actor,
        action: "artisan.numbers",
        subject: `artisan:${id}`,
        data: {
          ...(signInMoved ? { phone: { from: before.phone, to: input.phone } } : {}),
          ...(payoutMoved ? { payoutPhone: { from: before.payoutPhone, to: input.payoutPhone } } : {}),
        },
      });
      const change = randomUUID();
      if (payoutMoved) {
        const text = t(before.language, "profile.payoutPhoneSms", { name: before.firstName, phone: displayKenyanPhone(input.payoutPhone) });
        for (const to of new Set([before.payoutPhone, before.phone, input.phone])) {
          if (to === input.payoutPhone || !to) continue;
          await queueSms(tx, { to, text, template: "payout_phone_changed", dedupeKey: `payout-phone:${id}:${change}:${to}` });
        }
      }
      if (signInMoved) {
        const text = t(before.language, "profile.signInPhoneSms", { name: before.firstName, phone: displayKenyanPhone(input.phone) });
        await queueSms(tx, { to: before.phone, text, template: "sign_in_phone_changed", dedupeKey: `sign-in-phone:${id}:${change}` });
      }
      return { ok: true as const, id, changed: true };
    });
  } catch (error) {
    if (uniqueViolation(error) === "artisans_phone_key")
      return { ok: false, errors: { phone: "Another artisan already has this phone number." } };
    throw error;
  }
}

/**
 * Stops offering an artisan work: active = false, and every open offer of theirs is withdrawn (expired,
 * by this staff member) and put back in the pool for the dispatch engine. Accepted work stays with them
 * (it may be half made): the answer says how much, to reassign on the production board if needed.
 */
export async function deactivateArtisan(id: number, actor: string) {
  return db.transaction(async (tx) => {
    const [artisan] = await tx.select({ active: artisans.active }).from(artisans).where(eq(artisans.id, id)).for("update");
    if (!artisan) throw new Refusal(404, "There is no artisan with this id.");
    if (!artisan.active) return { changed: false, offersReturned: 0, workInHand: 0 };
    await tx.update(artisans).set({ active: false }).where(eq(artisans.id, id));
    const offers = await tx
      .select({ id: requests.id, number: requests.number })
      .from(requests)
      .where(and(eq(requests.artisanId, id), eq(requests.status, "offered")))
      .for("update");
    for (const offer of offers) {
      await advanceRequest(tx, offer.id, "expired", actor, { note: "Offer withdrawn: artisan deactivated" });
      await advanceRequest(tx, offer.id, "unassigned", actor, {
        artisanId: null,
        offerExpiresAt: null,
        note: "Back to dispatch: artisan deactivated",
      });
    }
    if (offers.length) await enqueueJob(tx, "dispatch_requests", {}, { queueName: "dispatch", jobKey: "dispatch:all" });
    const [{ n: workInHand }] = await tx
      .select({ n: count() })
      .from(requests)
      .where(and(eq(requests.artisanId, id), inArray(requests.status, ["accepted", "in_progress"])));
    await audit(tx, {
      actor,
      action: "artisan.deactivate",
      subject: `artisan:${id}`,
      data: { offersReturned: offers.map((o) => o.number), workInHand },
    });
    return { changed: true, offersReturned: offers.length, workInHand };
  });
}

export async function reactivateArtisan(id: number, actor: string) {
  await db.transaction(async (tx) => {
    const [artisan] = await tx.update(artisans).set({ active: true }).where(eq(artisans.id, id)).returning({ id: artisans.id });
    if (!artisan) throw new Refusal(404, "There is no artisan with this id.");
    await audit(tx, { actor, action: "artisan.reactivate", subject: `artisan:${id}`, data: {} });
  });
}

/** The artisan page: profile, skills, workshop and performance. */
export async function artisanDetail(id: number, now = new Date()) {
  const [artisan] = await db.select().from(artisans).where(eq(artisans.id, id));
  if (!artisan) return null;
  const thisMonth = nairobiMonth(now);
  const [skillRows, workshop, [timeliness], [qc], earnings, openWork, pin] = await Promise.all([
    db
      .select({ skillId: artisanSkills.skillId, name: skills.name, weeklyCapacity: artisanSkills.weeklyCapacity })
      .from(artisanSkills)
      .innerJoin(skills, eq(skills.id, artisanSkills.skillId))
      .where(eq(artisanSkills.artisanId, id))
      .orderBy(asc(skills.name)),
    db
      .select({ code: locations.code, name: locations.name })
      .from(locations)
      .where(and(eq(locations.artisanId, id), eq(locations.kind, "workshop"))),
    db.execute<{ completed: number; on_time: number }>(sql`
      select count(*)::int as completed,
             count(*) filter (where (qc.at at time zone 'Africa/Nairobi')::date <= pr.due_date)::int as on_time
      from production_requests pr
      join lateral (select min(e.at) as at from production_events e where e.request_id = pr.id and e.to_status = 'qc_passed') qc on true
      where pr.artisan_id = ${id} and pr.status = 'qc_passed'`),
    db
      .select({
        passed: sql<number>`coalesce(sum(${qcInspections.unitsPassed}), 0)::int`,
        failed: sql<number>`coalesce(sum(${qcInspections.unitsFailed}), 0)::int`,
      })
      .from(qcInspections)
      .innerJoin(requests, eq(requests.id, qcInspections.requestId))
      .where(eq(requests.artisanId, id)),
    db.execute<{ month: string; amount: number }>(sql`
      select to_char(e.at at time zone 'Africa/Nairobi', 'YYYY-MM') as month, (-sum(l.amount))::bigint::float8 as amount
      from ledger_lines l
      join ledger_entries e on e.id = l.entry_id
      join ledger_accounts a on a.id = l.account_id
      where a.code = ${`artisan:${id}:payable`} and e.kind = 'qc_credit'
        and e.at >= (date_trunc('month', ${now.toISOString()}::timestamptz at time zone 'Africa/Nairobi') - interval '3 months') at time zone 'Africa/Nairobi'
      group by 1`),
    db
      .select({ status: requests.status, n: count() })
      .from(requests)
      .where(and(eq(requests.artisanId, id), inArray(requests.status, ["offered", "accepted", "in_progress", "ready"])))
      .groupBy(requests.status),
    counterState(THROTTLES.artisanPin, artisan.phone, now),
  ]);
  const performance = summarizePerformance(
    {
      completed: timeliness.completed,
      onTime: timeliness.on_time,
      unitsPassed: qc.passed,
      unitsFailed: qc.failed,
      earningsByMonth: Object.fromEntries(earnings.map((e) => [e.month, Number(e.amount)])),
    },
    thisMonth,
  );
  const { pinHash: _pin, ...profile } = artisan;
  return {
    artisan: {
      ...profile,
      pinSet: Boolean(_pin),
      joinedAt: artisan.joinedAt.toISOString(),
      pinLockedUntil: pin.lockedUntil?.toISOString() ?? null,
    },
    skills: skillRows,
    workshop: workshop[0] ?? null,
    performance,
    openWork: Object.fromEntries(openWork.map((w) => [w.status, w.n])) as Record<string, number>,
  };
}

/** "YYYY-MM" of `now` on a Nairobi calendar (UTC+3, no daylight saving). */
export function nairobiMonth(now: Date) {
  return new Date(now.getTime() + 3 * 3600_000).toISOString().slice(0, 7);
}
