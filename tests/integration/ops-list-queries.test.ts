/**
 * Ops lists read their address the way /ops/orders does: a filter value or page they can't read is a
 * 400 that says what was wrong, not the whole list shown as if it were filtered (or page 1).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createStaff } from "#db/seed/factories";
import { db } from "~/lib/db.server";
import { loader as giftCardsLoader } from "~/routes/ops.gift-cards._index";
import { loader as boardLoader } from "~/routes/ops.production._index";
import { loader as returnsLoader } from "~/routes/ops.returns._index";
import { loader as reviewsLoader } from "~/routes/ops.reviews._index";
import { staffSessionCookie } from "./session-support";

let cookie: string;

beforeAll(async () => {
  const admin = await createStaff(db, { email: "lists-admin@soko.test", roles: ["admin"] });
  cookie = await staffSessionCookie(admin.id);
});

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>;

/** The loader's answer: its status and, for a refusal, the words it says. */
async function answer(loader: Loader, path: string): Promise<{ status: number; text: string }> {
  try {
    await loader({ request: new Request(`http://soko.test${path}`, { headers: { Cookie: cookie } }), params: {}, context: {} });
    return { status: 200, text: "" };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: await error.text() };
    throw error;
  }
}

describe("a bad filter or page on an ops list is a 400 saying what was wrong", () => {
  it("/ops/production: a filter the board doesn't have, a column it doesn't have, a page that isn't one", async () => {
    expect(await answer(boardLoader as Loader, "/ops/production")).toEqual({ status: 200, text: "" });
    expect(await answer(boardLoader as Loader, "/ops/production?state=offered&late=1&page=2")).toMatchObject({ status: 200 });
    expect(await answer(boardLoader as Loader, "/ops/production?status=zzz")).toEqual({
      status: 400,
      text: 'The board has no "status" filter: it filters by state (its tabs), late, county, product and channel.',
    });
    expect(await answer(boardLoader as Loader, "/ops/production?state=zzz")).toEqual({ status: 400, text: "Unknown board column." });
    expect(await answer(boardLoader as Loader, "/ops/production?page=x")).toEqual({ status: 400, text: "The page must be a number." });
  });

  it("/ops/returns: status, reason, channel and page", async () => {
    expect(await answer(returnsLoader as Loader, "/ops/returns?status=received&reason=&channel=pos&page=1")).toMatchObject({ status: 200 });
    expect(await answer(returnsLoader as Loader, "/ops/returns?page=x")).toEqual({ status: 400, text: "The page must be a number." });
    expect(await answer(returnsLoader as Loader, "/ops/returns?page=0")).toEqual({ status: 400, text: "Pages start at 1." });
    expect(await answer(returnsLoader as Loader, "/ops/returns?status=zzz")).toEqual({ status: 400, text: "Unknown status filter." });
    expect(await answer(returnsLoader as Loader, "/ops/returns?reason=bored&channel=fax")).toEqual({
      status: 400,
      text: "Unknown reason filter. Unknown channel filter.",
    });
  });

  it("/ops/reviews and /ops/gift-cards", async () => {
    expect(await answer(reviewsLoader as Loader, "/ops/reviews?status=approved&page=1")).toMatchObject({ status: 200 });
    expect(await answer(reviewsLoader as Loader, "/ops/reviews?status=zzz")).toEqual({ status: 400, text: "Unknown status filter." });
    expect(await answer(reviewsLoader as Loader, "/ops/reviews?page=x")).toEqual({ status: 400, text: "The page must be a number." });
    expect(await answer(giftCardsLoader as Loader, "/ops/gift-cards?q=&page=1")).toMatchObject({ status: 200 });
    expect(await answer(giftCardsLoader as Loader, "/ops/gift-cards?page=1.5")).toEqual({
      status: 400,
      text: "The page must be a whole number.",
    });
  });
});
