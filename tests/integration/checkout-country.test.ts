/**
 * The checkout's country without JavaScript: a British browser's form starts on the United
 * Kingdom, and "Update the form for the country chosen" answers the same form for that country,
 * with what was typed, and saves nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, setStock } from "#db/seed/factories";
import { action as cartAction } from "~/routes/cart";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/checkout";
import { db } from "~/lib/db.server";

let cookie: string;
const args = (request: Request) => ({ request, params: {}, context: {} });
const post = (path: string, fields: Record<string, string>) =>
  new Request(`http://test${path}`, { method: "POST", body: new URLSearchParams(fields), headers: cookie ? { Cookie: cookie } : {} });
const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://test${path}`, { headers: { Cookie: cookie, ...headers } });

beforeAll(async () => {
  const fc = await createLocation(db, { code: "US-FC", kind: "fulfilment", shipDays: 2 });
  const studs = await createProduct(db, { handle: "brass-studs", variants: [{ price: 4800 }] });
  await setStock(db, studs.variants[0].id, fc.id, 10);
  cookie = "";
  const added = (await cartAction(
    args(post("/cart", { intent: "add", variantId: String(studs.variants[0].id), quantity: "1" })),
  )) as Response;
  cookie = added.headers.get("Set-Cookie")!.split(";")[0];
});

describe("checkout country", () => {
  it("starts on the country of the browser's languages, the US without one", async () => {
    expect((await checkoutLoader(args(get("/checkout", { "Accept-Language": "en-GB,en;q=0.9" })))).defaultCountry).toBe("GB");
    expect((await checkoutLoader(args(get("/checkout")))).defaultCountry).toBe("US");
  });

  it("updating the form for a country answers the form again with what was typed, and saves nothing", async () => {
    const reply = (await checkoutAction(
      args(
        post("/checkout", {
          intent: "address",
          refresh: "country",
          email: "amara@example.com",
          name: "Amara Okafor",
          country: "AU",
          region: "",
        }),
      ),
    )) as unknown as { data: { step: string; errors: object; values: Record<string, string> }; init: { status?: number } | null };
    expect(reply.init?.status ?? 200).toBe(200);
    expect(reply.data).toEqual({
      step: "address",
      errors: {},
      values: { email: "amara@example.com", name: "Amara Okafor", country: "AU", region: "" },
    });
    const page = await checkoutLoader(args(get("/checkout")));
    expect(page.state.address).toBeNull();
    expect(page.editAddress).toBe(true);
  });
});
