import { describe, expect, it } from "vitest";
import { readForm } from "~/lib/validation";
import { isUrlencoded, ServerRequest } from "./server-request";

const URL_ = "http://shop.test/checkout";
const FORM = "application/x-www-form-urlencoded";

/** A ServerRequest holding `body`'s bytes, and undici's Request holding the same bytes as its body. */
function both(body: Buffer | string, type = FORM) {
  const bytes = Buffer.from(body);
  const headers = { "Content-Type": type, "Content-Length": String(bytes.length) };
  return {
    ours: new ServerRequest(URL_, { method: "POST", headers }, new AbortController().signal, bytes),
    undici: new Request(URL_, { method: "POST", headers, body: new Uint8Array(bytes) }),
  };
}

const entries = async (request: Request) => [...(await request.formData()).entries()];

/** Bodies as browsers and clients send them, and ones they should not. */
const BODIES: [string, Buffer | string][] = [
  ["repeated fields, in order", "tag=a&size=m&tag=b&tag=a"],
  ["+ for a space and %2B for a plus", "name=Wanjiru+Kamau&note=1%2B1+%3D+2"],
  ["%-encoded UTF-8 and raw UTF-8", "city=Nairobi%20%C3%89st&street=M%C3%B6venpick&raw=caf\u00e9"],
  ["broken %-escapes kept as they are", "a=%zz&b=%&c=%4&d=100%25"],
  ["invalid UTF-8 bytes", Buffer.concat([Buffer.from("a="), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from("&b=%FF")])],
  ["a byte order mark at the start", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("first=1&second=2")])],
  ["empty names, empty values, no =, stray &", "&&=x&y=&z&&w==1"],
  ["a semicolon is not a separator", "a=1;b=2"],
  ["control characters, escaped and raw", "a=%00&b=\u001b[31m&c=line%0D%0Anext"],
  ["a field name with brackets", "items%5B0%5D=ring&items[1]=hoop"],
];

describe("ServerRequest holding a form's bytes", () => {
  for (const [what, body] of BODIES) {
    it(`reads ${what} exactly as undici's Request does`, async () => {
      const a = both(body);
      expect(await entries(a.ours)).toEqual(await entries(a.undici));
      const b = both(body);
      expect(await b.ours.text()).toBe(await b.undici.text());
      const c = both(body);
      expect(Buffer.from(await c.ours.arrayBuffer())).toEqual(Buffer.from(await c.undici.arrayBuffer()));
    });
  }

  it("reads a charset parameter's form the same way, and a type that is not a form as undici does", async () => {
    const charset = both("a=%C3%A9", `${FORM}; charset=UTF-8`);
    expect(await entries(charset.ours)).toEqual([["a", "é"]]);
    const json = both('{"a":1}', "application/json");
    await expect(json.ours.formData()).rejects.toThrow(TypeError);
    await expect(json.undici.formData()).rejects.toThrow(TypeError);
    expect(await both('{"a":1}', "application/json").ours.json()).toEqual({ a: 1 });
  });

  it("is read once: bodyUsed, a second read refused, a clone before reading keeps its own copy", async () => {
    const { ours } = both("a=1&b=2");
    expect(ours.bodyUsed).toBe(false);
    const copy = ours.clone();
    expect(copy).toBeInstanceOf(Request);
    expect(await entries(ours)).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
    expect(ours.bodyUsed).toBe(true);
    await expect(ours.formData()).rejects.toThrow(TypeError);
    await expect(ours.text()).rejects.toThrow(TypeError);
    expect(() => ours.clone()).toThrow(TypeError);
    expect(copy.bodyUsed).toBe(false);
    expect(await copy.text()).toBe("a=1&b=2");
    expect(copy.signal).toBe(ours.signal);
  });

  it("answers `body` with a stream of the same bytes, as Remix's copy of a `.data` or `?index` submission reads it", async () => {
    const { ours } = both("intent=add&variantId=12&quantity=1");
    expect(ours.body).not.toBeNull();
    // What @remix-run/server-runtime's singleFetchAction and stripIndexParam do.
    const handlerRequest = new Request("http://shop.test/cart", {
      method: ours.method,
      body: ours.body,
      headers: ours.headers,
      signal: ours.signal,
      duplex: "half",
    } as RequestInit);
    expect(await entries(handlerRequest)).toEqual([
      ["intent", "add"],
      ["variantId", "12"],
      ["quantity", "1"],
    ]);
    // The stream was read: the original is used up, as undici's would be.
    expect(ours.bodyUsed).toBe(true);
    await expect(ours.formData()).rejects.toThrow(TypeError);
  });

  it("once read, still answers a non-null `body` and refuses another read", async () => {
    const { ours } = both("a=1");
    await ours.formData();
    expect(ours.body).not.toBeNull();
    expect(ours.bodyUsed).toBe(true);
    await expect(ours.arrayBuffer()).rejects.toThrow(TypeError);
  });

  it("blob and bytes carry the bytes and the type", async () => {
    const blob = await both("a=1").ours.blob();
    expect(blob.type).toBe(FORM);
    expect(await blob.text()).toBe("a=1");
    expect(Buffer.from(await both("a=%FF").ours.bytes()).toString()).toBe("a=%FF");
  });

  it("without bytes is an ordinary Request (a GET, a streamed body)", async () => {
    const signal = new AbortController().signal;
    const get = new ServerRequest(URL_, { method: "GET" }, signal);
    expect(get.body).toBeNull();
    expect(get.signal).toBe(signal);
    const streamed = new ServerRequest(URL_, { method: "POST", headers: { "Content-Type": FORM }, body: "a=1" }, signal);
    expect(await entries(streamed)).toEqual([["a", "1"]]);
    expect(streamed.bodyUsed).toBe(true);
  });
});

describe("readForm of a form handed over as bytes", () => {
  it("gives the fields, repeated ones included", async () => {
    const form = await readForm(both("intent=address&name=Amina+Otieno&tag=a&tag=b").ours);
    expect(form.get("name")).toBe("Amina Otieno");
    expect(form.getAll("tag")).toEqual(["a", "b"]);
  });

  it("refuses a control character with a 400, in a value and in a name", async () => {
    for (const body of ["name=Amina%00", "na%1Bme=Amina"]) {
      const refusal = await readForm(both(body).ours).catch((r: Response) => r);
      expect(refusal).toBeInstanceOf(Response);
      expect((refusal as Response).status).toBe(400);
      expect(await (refusal as Response).text()).toMatch(/control character/);
    }
  });

  it("refuses a declared length over the form cap with a 413 and a type that is not a form with a 415", async () => {
    const big = new ServerRequest(
      URL_,
      { method: "POST", headers: { "Content-Type": FORM, "Content-Length": String(2 * 1024 * 1024) } },
      new AbortController().signal,
      Buffer.from("a=1"),
    );
    expect(((await readForm(big).catch((r: Response) => r)) as Response).status).toBe(413);
    expect(((await readForm(both("a=1", "text/plain").ours).catch((r: Response) => r)) as Response).status).toBe(415);
  });

  it("reads the form without asking for a stream", async () => {
    const { ours } = both("a=1");
    let asked = false;
    Object.defineProperty(ours, "body", {
      get() {
        asked = true;
        return null;
      },
    });
    expect((await readForm(ours)).get("a")).toBe("1");
    expect(asked).toBe(false);
  });
});

describe("isUrlencoded", () => {
  it("takes the form type with any parameters and case, nothing else", () => {
    expect(isUrlencoded(FORM)).toBe(true);
    expect(isUrlencoded("Application/X-WWW-Form-Urlencoded;charset=utf-8")).toBe(true);
    expect(isUrlencoded(`${FORM} ; charset=utf-8`)).toBe(true);
    expect(isUrlencoded(`${FORM}x`)).toBe(false);
    expect(isUrlencoded("multipart/form-data; boundary=x")).toBe(false);
    expect(isUrlencoded("application/json")).toBe(false);
    expect(isUrlencoded(undefined)).toBe(false);
  });
});
