import { describe, expect, it } from "vitest";
import { z } from "zod";
import { intId, listPage, multilineText, text, wholeNumber } from "./fields";
import {
  HIDDEN_CHARACTER_MESSAGE,
  hasControlCharacter,
  hasHiddenCharacter,
  idOrNull,
  isVisibleText,
  parseWith,
  readForm,
} from "./validation";

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
    expect(await refusal(readForm(post('{"intent":"add"}', "application/json")))).toEqual({
      status: 415,
      text: expect.stringContaining("application/x-www-form-urlencoded"),
    });
    expect((await refusal(readForm(post("intent=add", "text/plain")))).status).toBe(415);
    expect((await refusal(readForm(post("intent=add")))).status).toBe(415);
  });

  it("answers 413 to a form larger than any of ours, before reading it", async () => {
    const big = new Request("http://soko.test/cart", {
      method: "POST",
      body: "a=1",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(2 * 1024 * 1024) },
    });
    expect(await refusal(readForm(big))).toEqual({ status: 413, text: "That form is too large." });
  });

  it("answers 400, naming the field, to a NUL or another control character in any field, before any route sees it", async () => {
    const nul = await refusal(readForm(post("code=WELCOME%00&intent=discount", "application/x-www-form-urlencoded")));
    expect(nul).toEqual({ status: 400, text: expect.stringContaining('"code"') });
    expect(nul.text).toContain("control character");
    expect((await refusal(readForm(post("note=%1B%5B2J", "application/x-www-form-urlencoded")))).status).toBe(400);
    expect((await refusal(readForm(post("a%00b=1", "application/x-www-form-urlencoded")))).text).toContain("a field name");
    const multipart = new FormData();
    multipart.set("alt", "A brass cuff\u0000");
    expect((await refusal(readForm(new Request("http://soko.test/x", { method: "POST", body: multipart })))).status).toBe(400);
  });

  it("keeps tab, CR and LF (a textarea's lines) for the schema to judge", async () => {
    expect((await readForm(post("story=one%0D%0Atwo%09three", "application/x-www-form-urlencoded"))).get("story")).toBe(
      "one\r\ntwo\tthree",
    );
  });

  it("answers 400 to a broken multipart body", async () => {
    expect(await refusal(readForm(post("garbage", "multipart/form-data; boundary=x")))).toEqual({
      status: 400,
      text: expect.stringContaining("could not be read"),
    });
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

describe("control characters and int4 ids", () => {
  it("parseWith refuses a NUL in any value, even one its schema doesn't name", () => {
    const schema = z.object({ q: z.string().optional() });
    const result = parseWith(schema, new URLSearchParams("q=earrings%00&page=1"));
    expect(result).toEqual({ ok: false, errors: { q: expect.stringContaining("control character") }, values: { page: "1" } });
    expect(parseWith(schema, new URLSearchParams("material=%00")).ok).toBe(false);
    expect(parseWith(schema, new URLSearchParams("q=two%0Alines")).ok).toBe(true);
  });

  it("text() is one line; multilineText() takes tab, CR and LF but no other control character", () => {
    expect(text().safeParse("  Mara hoops ").data).toBe("Mara hoops");
    expect(text().safeParse("Mara\nhoops").success).toBe(false);
    expect(text().safeParse("Mara\u0000").success).toBe(false);
    expect(text({ max: 3 }).safeParse("abcd").success).toBe(false);
    expect(multilineText().safeParse("line one\r\n\tline two").success).toBe(true);
    expect(multilineText().safeParse("bell\u0007").success).toBe(false);
    expect(multilineText().safeParse("c1\u0085").success).toBe(false);
    expect(hasControlCharacter("tab\there", { multiline: true })).toBe(false);
    expect(hasControlCharacter("tab\there")).toBe(true);
  });

  it("ids are positive int4s: past 2147483647, or not digits, they are refused with the message", () => {
    const id = intId("No such location.");
    expect(id.safeParse("2147483647").data).toBe(2_147_483_647);
    expect(id.safeParse(" 12 ").data).toBe(12);
    for (const bad of ["2147483648", "99999999999999999999999", "0", "-1", "1.5", "1e3", "0x10", "", "12abc"]) {
      expect(id.safeParse(bad), bad).toMatchObject({ success: false, error: { issues: [{ message: "No such location." }] } });
    }
    expect(idOrNull("2147483648")).toBeNull();
    expect(idOrNull(undefined)).toBeNull();
    expect(idOrNull("7")).toBe(7);
    expect(wholeNumber("", { min: 0, max: 10 }).safeParse("0").data).toBe(0);
    expect(wholeNumber("", { min: 0, max: 10 }).safeParse("11").success).toBe(false);
  });
});

describe("invisible characters in what people outside write", () => {
  it("refuses every bidirectional embedding, override and isolate", () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(hasHiddenCharacter(`Lovely ${String.fromCodePoint(code)}earrings`), code.toString(16)).toBe(true);
    }
    // Trojan Source: reads "Great, 5 stars" in the queue, says something else.
    expect(hasHiddenCharacter("Great\u202e sratS 1 \u2066, 5 stars\u2069")).toBe(true);
  });

  it("refuses the other format characters that hide in text, and the Unicode line separators", () => {
    for (const hidden of ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u{e0041}", "\u180e", "\u2028", "\u2029"]) {
      expect(hasHiddenCharacter(`a${hidden}b`), hidden.codePointAt(0)!.toString(16)).toBe(true);
    }
  });

  it("keeps names and words in right-to-left and joined scripts, their direction marks, and emoji", () => {
    for (const ok of [
      "أمينة وانجيرو",
      "שרה כהן",
      "زهرا\u200cسادات", // Persian: ZWNJ is part of the spelling
      "क्‍ष", // Devanagari with ZWJ
      "Amina \u200fأمينة\u200e (Nairobi)",
      "\u061c١٢٣",
      "👩🏾‍🎨 loved it ❤️",
      "Zoë Ñúñez, 北京",
      "Two lines\nof review\twith a tab",
    ]) {
      expect(hasHiddenCharacter(ok), ok).toBe(false);
      expect(isVisibleText(ok)).toBe(true);
    }
  });

  it("is a field's own message in the forms that take it", () => {
    const schema = z.object({ name: z.string().refine(isVisibleText, HIDDEN_CHARACTER_MESSAGE) });
    const form = new FormData();
    form.set("name", "Amina\u202e");
    expect(parseWith(schema, form)).toMatchObject({ ok: false, errors: { name: HIDDEN_CHARACTER_MESSAGE } });
  });
});

describe("listPage", () => {
  const schema = z.object({ page: listPage({ max: 50 }) });
  it("reads a page number, blank or absent as page 1, and says what is wrong with anything else", () => {
    expect(parseWith(schema, new URLSearchParams(""))).toEqual({ ok: true, data: { page: 1 } });
    expect(parseWith(schema, new URLSearchParams("page=%20"))).toEqual({ ok: true, data: { page: 1 } });
    expect(parseWith(schema, new URLSearchParams("page=7"))).toEqual({ ok: true, data: { page: 7 } });
    const error = (qs: string) => {
      const parsed = parseWith(schema, new URLSearchParams(qs));
      return parsed.ok ? null : parsed.errors.page;
    };
    expect(error("page=x")).toBe("The page must be a number.");
    expect(error("page=2.5")).toBe("The page must be a whole number.");
    expect(error("page=0")).toBe("Pages start at 1.");
    expect(error("page=51")).toBe("That page is out of range.");
  });
});
