/** /cart against the real database: the route's action and loader, and the module the checkout reuses. */
import { createCookie } from "@remix-run/node";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { addLine, cartIdFrom, loadCart, removeLine, updateLine } from "~/domain/cart/cart.server";
import { action, loader } from "~/routes/cart";
import { db, schema } from "~/lib/db.server";
import { cartCookie, placedOrderCookie } from "~/lib/session.server";

type Created = Awaited<ReturnType<typeof createProduct>>;
let hoops: Created;
let necklace: Created;
let draft: Created;

beforeAll(async () => {
  const hub = await createLocation(db, { code: "TEST-HUB", kind: "hub", shipDays: 5 });
  hoops = await createProduct(db, {
    title: "Maasai Brass Hoops",
    variants: [
      { price: 4800, options: { finish: "Brass", size: "Medium" }, title: "Brass / Medium", leadTimeDays: 14 },
      { price: 5200, options: { finish: "Brass", size: "Large" }, title: "Brass / Large", leadTimeDays: 14 },
    ],
  });
  necklace = await createProduct(db, { title: "Horn Pendant Necklace", variants: [{ price: 6500, leadTimeDays: 21 }] });
  draft = await createProduct(db, { title: "Unreleased Cuff", status: "draft", variants: [{ price: 3000 }] });
  await setStock(db, hoops.variants[0].id, hub.id, 3);
});

/** A POST to /cart as a browser would send it (urlencoded form), with the cookie header if any. */
async function post(fields: Record<string, string>, cookie?: string | null) {
  const request = new Request("http://test/cart", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: cookie ? { Cookie: cookie } : {},
  });
  return action({ request, params: {}, context: {} });
}

function asRedirect(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  const response = result as Response;
  expect(response.status).toBe(303);
  return response;
}

function asRefusal(result: unknown) {
  expect(result).not.toBeInstanceOf(Response);
  const refusal = result as { data: { errors: Record<string, string> }; init: { status: number } };
  return { status: refusal.init.status, message: Object.values(refusal.data.errors)[0] };
}

/** `name=value` for a Cookie header, from a Set-Cookie header. */
function cookieFrom(response: Response) {
  const setCookie = response.headers.get("Set-Cookie");
  expect(setCookie).toMatch(/^__soko_cart=/);
  return setCookie!.split(";")[0];
}

async function linesOf(cartId: string) {
  return db
    .select({ id: schema.cartLines.id, variantId: schema.cartLines.variantId, quantity: schema.cartLines.quantity })
    .from(schema.cartLines)
    .where(eq(schema.cartLines.cartId, cartId))
    .orderBy(asc(schema.cartLines.id));
}

/** A fresh cart holding 2 medium hoops; returns its cookie, id and line. */
async function cartWithHoops() {
  const cookie = cookieFrom(asRedirect(await post({ intent: "add", variantId: String(hoops.variants[0].id), quantity: "2" })));
  const cartId = (await cartIdFrom(new Request("http://test/cart", { headers: { Cookie: cookie } })))!;
  const [line] = await linesOf(cartId);
  return { cookie, cartId, line };
}

describe("adding to the bag", () => {
  it("creates the cart on the first add, sets the signed cookie and says what was added", async () => {
    const before = await db.$count(schema.carts);
    const response = asRedirect(await post({ intent: "add", variantId: String(hoops.variants[0].id), quantity: "2" }));
    expect(await db.$count(schema.carts)).toBe(before + 1);
    const cookie = cookieFrom(response);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/cart\?notice=added&variant=\d+$/);

    const page = await loader({ request: new Request(`http://test${location}`, { headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(page.notice?.message).toBe("Added Maasai Brass Hoops to your bag.");
    expect(page.cart?.lines).toHaveLength(1);
    expect(page.cart?.lines[0]).toMatchObject({
      quantity: 2,
      options: { finish: "Brass", size: "Medium" },
      unitPrice: { amount: 4800, currency: "USD" },
      lineTotal: { amount: 9600, currency: "USD" },
      product: { handle: hoops.product.handle, title: "Maasai Brass Hoops" },
      purchasable: true,
      availability: { kind: "in_stock", shipDays: 5 },
    });
    expect(page.cart?.lines[0].image?.url).toBe(hoops.images[0].url);
    expect(page.cart?.subtotal).toEqual({ amount: 9600, currency: "USD" });
  });

  it("merges a second add of the same variant into its line, and keeps the cookie's cart", async () => {
    const { cookie, cartId } = await cartWithHoops();
    const response = asRedirect(await post({ intent: "add", variantId: String(hoops.variants[0].id), quantity: "3" }, cookie));
    // The same cart, under a new revision: the browser's Cookie header changes with the bag's contents.
    expect(cookieFrom(response)).not.toBe(cookie);
    expect(await cartIdFrom(new Request("http://test", { headers: { Cookie: cookieFrom(response) } }))).toBe(cartId);
    asRedirect(await post({ intent: "add", variantId: String(necklace.variants[0].id), quantity: "1" }, cookie));
    expect(await linesOf(cartId)).toEqual([
      expect.objectContaining({ variantId: hoops.variants[0].id, quantity: 5 }),
      expect.objectContaining({ variantId: necklace.variants[0].id, quantity: 1 }),
    ]);
    const cart = await loadCart(cartId);
    expect(cart?.subtotal).toEqual({ amount: 5 * 4800 + 6500, currency: "USD" });
    expect(cart?.itemCount).toBe(6);
    // 5 hoops but 3 in stock: an artisan makes them.
    expect(cart?.lines[0].availability).toEqual({ kind: "made_to_order", shipDays: 14 });
  });

  it("defaults the quantity to one", async () => {
    const response = asRedirect(await post({ intent: "add", variantId: String(necklace.variants[0].id) }));
    const cartId = (await cartIdFrom(new Request("http://test", { headers: { Cookie: cookieFrom(response) } })))!;
    expect(await linesOf(cartId)).toEqual([expect.objectContaining({ quantity: 1 })]);
  });

  it("refuses a draft product, an unknown variant and a merge past 99, writing nothing", async () => {
    const { cookie, cartId, line } = await cartWithHoops();
    const carts = await db.$count(schema.carts);

    const drafted = asRefusal(await post({ intent: "add", variantId: String(draft.variants[0].id), quantity: "1" }, cookie));
    expect(drafted).toEqual({ status: 400, message: "Sorry, Unreleased Cuff is no longer available." });
    const unknown = asRefusal(await post({ intent: "add", variantId: "99999999", quantity: "1" }, cookie));
    expect(unknown.status).toBe(404);
    expect(unknown.message).toMatch(/couldn't find that piece/);
    const tooMany = asRefusal(await post({ intent: "add", variantId: String(hoops.variants[0].id), quantity: "98" }, cookie));
    expect(tooMany).toEqual({ status: 400, message: "You already have 2 in your bag; the most you can order of one piece is 99." });

    expect(await linesOf(cartId)).toEqual([line]);
    expect(await db.$count(schema.carts)).toBe(carts);
  });

  it("finds the variant from finish and size chosen apart (the product page's form, JS on or off)", async () => {
    const fields = { intent: "add", productId: String(hoops.product.id), "option.finish": "Brass", "option.size": "Large", quantity: "2" };
    const response = asRedirect(await post(fields));
    expect(response.headers.get("Location")).toBe(`/cart?notice=added&variant=${hoops.variants[1].id}`);
    const cartId = (await cartIdFrom(new Request("http://test", { headers: { Cookie: cookieFrom(response) } })))!;
    expect(await linesOf(cartId)).toEqual([expect.objectContaining({ variantId: hoops.variants[1].id, quantity: 2 })]);
  });

  it("refuses choices no variant has, another product's choices, or a draft's, writing nothing", async () => {
    const carts = await db.$count(schema.carts);
    const unmade = asRefusal(
      await post({ intent: "add", productId: String(hoops.product.id), "option.finish": "Brass", "option.size": "Tiny" }),
    );
    expect(unmade).toEqual({ status: 400, message: "That piece isn't made in that combination. Please choose another finish or size." });
    const partial = asRefusal(await post({ intent: "add", productId: String(hoops.product.id), "option.finish": "Brass" }));
    expect(partial.status).toBe(400);
    const foreign = asRefusal(
      await post({ intent: "add", productId: String(necklace.product.id), "option.finish": "Brass", "option.size": "Large" }),
    );
    expect(foreign.status).toBe(400);
    const drafted = asRefusal(
      await post({ intent: "add", productId: String(draft.product.id), "option.finish": "Brass", "option.size": "Large" }),
    );
    expect(drafted.status).toBe(400);
    expect(await db.$count(schema.carts)).toBe(carts);
  });

  it("creates no cart when the first add is refused", async () => {
    const carts = await db.$count(schema.carts);
    const result = asRefusal(await post({ intent: "add", variantId: String(draft.variants[0].id), quantity: "1" }));
    expect(result.status).toBe(400);
    expect(await db.$count(schema.carts)).toBe(carts);
  });

  it.each([
    ["zero", "0"],
    ["negative", "-1"],
    ["fractional", "1.5"],
    ["not a number", "two"],
    ["too many", "100"],
    ["empty", ""],
  ])("refuses a %s quantity with the quantity message", async (_label, quantity) => {
    const { cookie, cartId, line } = await cartWithHoops();
    const result = asRefusal(await post({ intent: "add", variantId: String(necklace.variants[0].id), quantity }, cookie));
    expect(result).toEqual({ status: 400, message: "Choose a quantity from 1 to 99" });
    expect(await linesOf(cartId)).toEqual([line]);
  });

  it("treats a forged or malformed cookie as no cart", async () => {
    const { cartId, line } = await cartWithHoops();
    const forged = `__soko_cart=${Buffer.from(JSON.stringify(cartId)).toString("base64")}.forged-signature`;
    expect(await cartIdFrom(new Request("http://test", { headers: { Cookie: forged } }))).toBeNull();
    const page = await loader({ request: new Request("http://test/cart", { headers: { Cookie: forged } }), params: {}, context: {} });
    expect(page.cart).toBeNull();

    // Adding with it starts a new cart and leaves the real one alone.
    const response = asRedirect(await post({ intent: "add", variantId: String(necklace.variants[0].id), quantity: "1" }, forged));
    const newId = await cartIdFrom(new Request("http://test", { headers: { Cookie: cookieFrom(response) } }));
    expect(newId).not.toBe(cartId);
    expect(await linesOf(cartId)).toEqual([line]);

    // Garbage and a signed value that isn't a cart id are ignored the same way.
    expect(await cartIdFrom(new Request("http://test", { headers: { Cookie: "__soko_cart=%%%" } }))).toBeNull();
    const signedJunk = (await cartCookie().serialize("not-a-uuid")).split(";")[0];
    expect(await cartIdFrom(new Request("http://test", { headers: { Cookie: signedJunk } }))).toBeNull();
  });

  it("reads its own cookie wherever it sits in the header (the first of its name) and refuses another key's", async () => {
    const { cookie, cartId } = await cartWithHoops();
    const read = (header: string) => cartIdFrom(new Request("http://test", { headers: { Cookie: header } }));
    expect(await read(`theme=dark; ${cookie}; _ga=GA1.2.3`)).toBe(cartId);
    expect(await read(`theme=dark;${cookie}`)).toBe(cartId);
    expect(await read(`x${cookie}`)).toBeNull();
    const otherKey = (await createCookie("__soko_cart", { secrets: ["not-ours"] }).serialize(`${cartId}.abcdefgh`)).split(";")[0];
    expect(await read(otherKey)).toBeNull();
    expect(await read(`${otherKey}; ${cookie}`)).toBeNull();
    expect(await read(`${cookie}; ${otherKey}`)).toBe(cartId);
    // A value this process just signed reads as itself (remembered when signed, never re-checked wrongly).
    const fresh = (await cartCookie().serialize(`${cartId}.freshrev1`)).split(";")[0];
    expect(await read(fresh)).toBe(cartId);
  });

  it("starts a new cart when the cookie's cart no longer exists", async () => {
    const { cookie, cartId } = await cartWithHoops();
    await db.delete(schema.carts).where(eq(schema.carts.id, cartId));
    const response = asRedirect(await post({ intent: "add", variantId: String(necklace.variants[0].id), quantity: "1" }, cookie));
    const newId = await cartIdFrom(new Request("http://test", { headers: { Cookie: cookieFrom(response) } }));
    expect(newId).not.toBe(cartId);
    expect(await linesOf(newId!)).toEqual([expect.objectContaining({ variantId: necklace.variants[0].id, quantity: 1 })]);
  });
});

describe("changing lines", () => {
  it("updates a quantity", async () => {
    const { cookie, cartId, line } = await cartWithHoops();
    const response = asRedirect(await post({ intent: "update", lineId: String(line.id), quantity: "4" }, cookie));
    expect(response.headers.get("Location")).toBe(`/cart?notice=updated&variant=${hoops.variants[0].id}`);
    expect(await linesOf(cartId)).toEqual([{ ...line, quantity: 4 }]);
  });

  it("removes the line when the quantity is 0, and offers to undo", async () => {
    const { cookie, cartId, line } = await cartWithHoops();
    const response = asRedirect(await post({ intent: "update", lineId: String(line.id), quantity: "0" }, cookie));
    expect(await linesOf(cartId)).toEqual([]);
    const location = response.headers.get("Location")!;
    expect(location).toBe(`/cart?notice=removed&variant=${hoops.variants[0].id}&quantity=2`);
    const page = await loader({ request: new Request(`http://test${location}`, { headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(page.notice).toEqual({
      kind: "success",
      message: "Removed Maasai Brass Hoops from your bag.",
      undo: { variantId: hoops.variants[0].id, quantity: 2 },
    });
  });

  it("removes a line, and undo puts it back once with its old quantity", async () => {
    const { cookie, cartId, line } = await cartWithHoops();
    asRedirect(await post({ intent: "remove", lineId: String(line.id) }, cookie));
    expect(await linesOf(cartId)).toEqual([]);

    const undo = { intent: "undo", variantId: String(line.variantId), quantity: String(line.quantity) };
    const response = asRedirect(await post(undo, cookie));
    expect(response.headers.get("Location")).toBe(`/cart?notice=restored&variant=${line.variantId}`);
    asRedirect(await post(undo, cookie)); // a double click changes nothing
    expect(await linesOf(cartId)).toEqual([expect.objectContaining({ variantId: line.variantId, quantity: 2 })]);
  });

  it.each([
    ["negative", "-1"],
    ["fractional", "2.5"],
    ["not a number", "lots"],
    ["over 99", "100"],
    ["empty", ""],
  ])("refuses a %s quantity with 400 and leaves the cart unchanged", async (_label, quantity) => {
    const { cookie, cartId, line } = await cartWithHoops();
    const result = await post({ intent: "update", lineId: String(line.id), quantity }, cookie);
    expect(asRefusal(result)).toEqual({ status: 400, message: "Choose a quantity from 1 to 99" });
    expect((result as unknown as { data: { lineId: number; values: { quantity: string } } }).data).toMatchObject({
      lineId: line.id,
      values: { quantity },
    });
    expect(await linesOf(cartId)).toEqual([line]);
  });

  it("refuses another cart's line: nothing changes in either cart", async () => {
    const mine = await cartWithHoops();
    const theirs = await cartWithHoops();
    const attempts: Record<string, string>[] = [
      { intent: "update", lineId: String(theirs.line.id), quantity: "7" },
      { intent: "update", lineId: String(theirs.line.id), quantity: "0" },
      { intent: "remove", lineId: String(theirs.line.id) },
    ];
    for (const fields of attempts) {
      const result = asRefusal(await post(fields, mine.cookie));
      expect(result.status).toBe(404);
      expect(result.message).toBe("That piece isn't in your bag any more.");
    }
    // Without any cookie, too.
    expect(asRefusal(await post({ intent: "remove", lineId: String(theirs.line.id) })).status).toBe(404);
    expect(await linesOf(theirs.cartId)).toEqual([theirs.line]);
    expect(await linesOf(mine.cartId)).toEqual([mine.line]);
  });

  it.each([
    [{ intent: "remove", lineId: "abc" }],
    [{ intent: "remove" }],
    [{ intent: "update", lineId: "-4", quantity: "1" }],
    [{ intent: "explode", lineId: "1" }],
    [{}],
  ])("answers a malformed form %j with 400", async (fields) => {
    const { cookie, cartId, line } = await cartWithHoops();
    const result = asRefusal(await post(fields as Record<string, string>, cookie));
    expect(result.status).toBe(400);
    expect(result.message).toBeTruthy();
    expect(await linesOf(cartId)).toEqual([line]);
  });
});

describe("the bag page", () => {
  it("flags lines whose product became unavailable and leaves them out of the subtotal", async () => {
    const { cookie, cartId } = await cartWithHoops();
    const cuff = await createProduct(db, { title: "Bone Cuff", variants: [{ price: 3900 }] });
    asRedirect(await post({ intent: "add", variantId: String(cuff.variants[0].id), quantity: "2" }, cookie));
    await db.update(schema.products).set({ status: "archived" }).where(eq(schema.products.id, cuff.product.id));

    const page = await loader({ request: new Request("http://test/cart", { headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(page.cart?.id).toBe(cartId);
    expect(page.cart?.lines.map((l) => [l.product.title, l.purchasable])).toEqual([
      ["Maasai Brass Hoops", true],
      ["Bone Cuff", false],
    ]);
    expect(page.cart?.subtotal).toEqual({ amount: 9600, currency: "USD" });
    expect(page.cart?.unavailableLines).toBe(1);
    expect(page.cart?.lines[1].availability).toEqual({ kind: "made_to_order", shipDays: 14 });
  });

  it("is empty without a cookie, and ignores a forged notice", async () => {
    const page = await loader({ request: new Request("http://test/cart?notice=added&variant=abc"), params: {}, context: {} });
    expect(page).toEqual({ cart: null, notice: null, placedOrder: null });
  });
});

describe("the module, as checkout uses it", () => {
  it("adds, updates and removes by cart id, and only within that cart", async () => {
    const added = await addLine(null, necklace.variants[0].id, 2);
    if (!added.ok) throw new Error(added.message);
    expect(added).toMatchObject({ cartCreated: true, quantity: 2, title: "Horn Pendant Necklace" });
    const [line] = await linesOf(added.cartId);
    expect(await updateLine(added.cartId, line.id, 3)).toEqual({ ok: true, variantId: necklace.variants[0].id, quantity: 3 });

    const other = await addLine(null, hoops.variants[1].id, 1);
    if (!other.ok) throw new Error(other.message);
    expect((await removeLine(other.cartId, line.id)).ok).toBe(false);
    expect((await updateLine(other.cartId, line.id, 1)).ok).toBe(false);

    const cart = await loadCart(added.cartId);
    expect(cart).toMatchObject({ currency: "USD", subtotal: { amount: 3 * 6500, currency: "USD" }, itemCount: 3 });
    expect(await removeLine(added.cartId, line.id)).toEqual({ ok: true, variantId: necklace.variants[0].id, quantity: 3 });
    expect((await loadCart(added.cartId))?.lines).toEqual([]);
    expect(await loadCart("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("sums concurrent adds of one piece into one line, and never lets it pass 99", async () => {
    const first = await addLine(null, necklace.variants[0].id, 4);
    if (!first.ok) throw new Error(first.message);
    const adds = await Promise.all(Array.from({ length: 30 }, () => addLine(first.cartId, necklace.variants[0].id, 5)));
    const accepted = adds.filter((a) => a.ok);
    // 4 + 19 × 5 = 99: the twentieth and later adds would pass the most one line may hold.
    expect(accepted).toHaveLength(19);
    expect(adds.filter((a) => !a.ok)).toEqual(
      Array.from({ length: 11 }, () => ({
        ok: false,
        status: 400,
        message: expect.stringContaining("the most you can order of one piece is 99"),
      })),
    );
    expect(accepted.every((a) => a.ok && a.cartId === first.cartId && !a.cartCreated)).toBe(true);
    const lines = await linesOf(first.cartId);
    expect(lines).toEqual([{ id: expect.any(Number), variantId: necklace.variants[0].id, quantity: 99 }]);
  });

  it("an empty bag names the order this browser's bag became, only from its own signed cookie", async () => {
    const page = async (cookie: string) =>
      loader({ request: new Request("http://test/cart", { headers: { Cookie: cookie } }), params: {}, context: {} });
    const placed = (await placedOrderCookie().serialize("SK-104233")).split(";")[0];
    const shown = await page(placed);
    expect(shown.placedOrder?.number).toBe("SK-104233");
    expect(shown.placedOrder?.href).toMatch(/^\/orders\/SK-104233\?t=[\w-]+$/);
    // Typed by hand, encoded as ours are but unsigned, or signed with another key: nothing (its link would open someone's order).
    const encoded = Buffer.from(JSON.stringify("SK-104234")).toString("base64");
    const otherKey = (await createCookie("__soko_placed", { secrets: ["not-ours"] }).serialize("SK-104234")).split(";")[0];
    for (const forged of ["__soko_placed=SK-104234", `__soko_placed=${encoded}`, otherKey]) {
      expect((await page(forged)).placedOrder, forged).toBeNull();
    }
    // A new bag with something in it is the bag, not the last order.
    const added = asRedirect(await post({ intent: "add", variantId: String(necklace.variants[0].id), quantity: "1" }));
    expect((await page(`${cookieFrom(added)}; ${placed}`)).placedOrder).toBeNull();
  });
});
