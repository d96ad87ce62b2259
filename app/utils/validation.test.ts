import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseWith, readForm } from "./validation";

const post = (body: BodyInit | null, type?: string) =>
  new Request("http://soko.test/cart", { method: "POST", body, headers: type ? { "Content-Type": type } : {} });

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: await error.text() };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("readForm", () => {
  it("reads urlencoded and multipart forms", async () => {
    expect((await readForm(post("intent=add&quantity=2", "application/x-www-form-urlencoded"))).get("quantity")).toBe("2");
    const multipart = new FormData();
    multipart.set("sku", "SK-1");
    expect((await readForm(new Request("http://soko.test/x", { method: "POST", body: multipart }))).get("sku")).toBe("SK-1");
  });

  it("takes a POST with no body as an empty form", async () => {
    expect([...(await readForm(post(null))).keys()]).toEqual([]);
  });

  it("answers 415 to JSON or text, saying what to send", async () => {
    expect(await refusal(readForm(post('{"intent":"add"}', "application/json")))).toEqual({ status: 415, text: expect.stringContaining("application/x-www-form-urlencoded") });
    expect((await refusal(readForm(post("intent=add", "text/plain")))).status).toBe(415);
    expect((await refusal(readForm(post("intent=add")))).status).toBe(415);
  });

  it("answers 413 to a form larger than any of ours, before reading it", async () => {
    const big = new Request("http://soko.test/cart", { method: "POST", body: "a=1", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(2 * 1024 * 1024) } });
    expect(await refusal(readForm(big))).toEqual({ status: 413, text: "That form is too large." });
  });

  it("answers 400 to a broken multipart body", async () => {
    expect(await refusal(readForm(post("garbage", "multipart/form-data; boundary=x")))).toEqual({ status: 400, text: expect.stringContaining("could not be read") });
  });
});

describe("parseWith", () => {
  const schema = z.object({ email: z.string().email("Enter an email address"), quantity: z.coerce.number().int().min(1, "At least one") });

  it("returns the data when every field is valid", () => {
    expect(parseWith(schema, new URLSearchParams("email=a@b.co&quantity=2"))).toEqual({ ok: true, data: { email: "a@b.co", quantity: 2 } });
  });

  it("returns one message per field and the user's input when not", () => {
    expect(parseWith(schema, new URLSearchParams("email=nope&quantity=0&quantity=5"))).toEqual({
      ok: false,
      errors: { email: "Enter an email address", quantity: "At least one" },
      values: { email: "nope", quantity: "0" },
    });
  });
});
