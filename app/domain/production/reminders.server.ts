/**
 * A reminder SMS for work due soon (accepted, started or in rework, due within the next two days in
 * Nairobi). Runs daily (`remind_due_work`); the dedupe key `due-reminder:<request>:<due date>` sends
 * one reminder per request and due date however often the job runs.
 */
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Task } from "graphile-worker";
import { WORK_STATUSES } from "./work-rules";
import { db, schema } from "~/lib/db.server";
import { queueSms } from "~/domain/messaging/index.server";
import { dueReminderSmsText } from "~/domain/messaging";

const { productionRequests: requests, artisans, variants, products } = schema;

export const REMINDER_DAYS_AHEAD = 2;

/** Today's date in Nairobi, YYYY-MM-DD, plus `days`. */
export function nairobiDate(now: Date, days = 0): string {
  const nairobi = new Date(now.getTime() + 3 * 3_600_000 + days * 86_400_000); // EAT is UTC+3 all year.
  return nairobi.toISOString().slice(0, 10);
}

export async function remindDueWork(now = new Date()): Promise<number> {
  const due = await db
    .select({
      id: requests.id,
      number: requests.number,
      quantity: requests.quantity,
      dueDate: requests.dueDate,
      phone: artisans.phone,
      language: artisans.language,
      product: products.title,
    })
    .from(requests)
    .innerJoin(artisans, eq(artisans.id, requests.artisanId))
    .innerJoin(variants, eq(variants.id, requests.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(
      and(
        inArray(requests.status, [...WORK_STATUSES]),
        eq(artisans.active, true),
        gte(requests.dueDate, nairobiDate(now)),
        lte(requests.dueDate, nairobiDate(now, REMINDER_DAYS_AHEAD)),
      ),
    );
  if (!due.length) return 0;
  return db.transaction(async (tx) => {
    let queued = 0;
    for (const work of due) {
      const id = await queueSms(tx, {
        to: work.phone,
        template: "due-reminder",
        text: dueReminderSmsText(work),
        dedupeKey: `due-reminder:${work.id}:${work.dueDate}`,
      });
      if (id !== null) queued += 1;
    }
    return queued;
  });
}

export const remindDueWorkTask: Task = async () => {
  await remindDueWork();
};
