/**
 * The buyer's review page, /orders/:number/review: each piece of a delivered order, with the form
 * for one of them (`?line=<id>`). Who is asking is settled from the URL (the signed link's token,
 * or the signed-in account) and the line's review checked writable BEFORE the body is read, so a
 * stranger's upload is refused before a byte of it is read, let alone stored.
 */
import { data } from "@remix-run/node";
import { checkImage, type CheckedImage } from "~/domain/images/index.server";
import { MAX_REVIEW_PHOTOS, reviewFormSchema, reviewWritable } from "~/domain/reviews";
import {
  assertLineWritable,
  requireReviewAccess,
  reviewPath,
  reviewableLines,
  saveReview,
  type ReviewOrder,
} from "~/domain/reviews/index.server";
import { readFlash, redirectWithFlash } from "~/lib/flash.server";
import { isRefusal } from "~/lib/refusal";
import { answerRefusals } from "~/lib/refusal.server";
import { idOrNull, parseWith, readForm, type FieldErrors } from "~/lib/validation";

/** Links and forms of the page keep the way it was opened: the token, or the account (no token). */
const pathFor = (order: ReviewOrder, line?: number) => reviewPath(order.number, { token: order.token !== null, line });

export async function reviewPageLoader(request: Request, number: string | undefined) {
  const order = await requireReviewAccess(request, number);
  const lineParam = new URL(request.url).searchParams.get("line");
  const lineId = lineParam === null ? null : idOrNull(lineParam);
  const lines = await reviewableLines(order.id);
  const editing = lineParam === null ? null : (lines.find((line) => line.id === lineId) ?? null);
  if (lineParam !== null && !editing) throw new Response("That piece isn't part of this order.", { status: 404 });
  const now = new Date();
  const blocked = (existing: (typeof lines)[number]["review"]) => {
    const writable = reviewWritable({ orderStatus: order.status, deliveredAt: order.deliveredAt, now, existing: existing?.status ?? null });
    return writable.ok ? null : writable.message;
  };
  const { flash, headers } = await readFlash(request);
  return data(
    {
      order: { number: order.number, delivered: order.status === "delivered", defaultAuthorName: order.defaultAuthorName },
      pagePath: pathFor(order),
      lines: lines.map((line) => ({ ...line, writePath: pathFor(order, line.id), blocked: blocked(line.review) })),
      editing: editing ? { ...editing, formPath: pathFor(order, editing.id), blocked: blocked(editing.review) } : null,
      flash,
    },
    { headers },
  );
}

export type ReviewActionData = { errors: FieldErrors; values: Record<string, string> };

export async function reviewPageAction(request: Request, number: string | undefined) {
  return answerRefusals(async () => {
    const order = await requireReviewAccess(request, number);
    const lineId = idOrNull(new URL(request.url).searchParams.get("line"));
    if (!lineId) throw new Response("That form is missing which piece it reviews.", { status: 400 });
    // Before the body: a piece that is not theirs, or a review already moderated, is refused here.
    await assertLineWritable(order, lineId);

    const form = await readForm(request);
    const parsed = parseWith(reviewFormSchema, form);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const values = parsed.ok ? stringValues(form) : parsed.values;
    const files = form.getAll("photos").filter((f): f is File => f instanceof File && f.size > 0);
    const removePhotoIds = form
      .getAll("removePhoto")
      .map((v) => idOrNull(typeof v === "string" ? v : null))
      .filter((id): id is number => id !== null);
    const photos: CheckedImage[] = [];
    if (files.length > MAX_REVIEW_PHOTOS) errors.photos = `Choose at most ${MAX_REVIEW_PHOTOS} photos.`;
    else
      for (const file of files) {
        const checked = await checkImage(file);
        if (!checked.ok) {
          errors.photos = `${file.name ? `${file.name}: ` : ""}${checked.message}`;
          break;
        }
        photos.push(checked.image);
      }
    if (!parsed.ok || Object.keys(errors).length) return data<ReviewActionData>({ errors, values }, { status: 400 });

    try {
      const saved = await saveReview({ order, lineId, form: parsed.data, photos, removePhotoIds });
      const message = saved.created
        ? "Thank you! Your review is with our team; it appears on the shop once they have read it, usually within a day."
        : "Your changes are saved. Our team reads every review before it appears on the shop.";
      return redirectWithFlash(request, `${pathFor(order)}#line-${lineId}`, { kind: "success", message }, { status: 303 });
    } catch (error) {
      if (isRefusal(error) && (error.status === 409 || error.status === 422))
        return data<ReviewActionData>({ errors: { [error.field ?? "form"]: error.message }, values }, { status: error.status });
      throw error;
    }
  });
}

function stringValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in values)) values[key] = value;
  return values;
}
