/**
 * The patched turbo-stream (app/patches, docs/decisions/0009): the server encodes the loader data
 * with less work per value, and a stream whose data held nothing deferred carries its whole text
 * beside it (app/entry.server.tsx reads that instead of the stream). The text must be the unpatched
 * encoder's, byte for byte, or the browser would hydrate from other data: each value below is encoded
 * through Remix's own `encodeViaTurboStream` (its plugins for errors, error responses, redirects,
 * class instances and functions) twice, once with the patched encoder and once with the unpatched
 * one, rebuilt from the patch file itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
type Encode = (input: unknown, options?: unknown) => ReadableStream<Uint8Array>;
const turboStream = require("turbo-stream") as { encode: Encode };
const patchedEncode = turboStream.encode;
const { encodeViaTurboStream } = require("@remix-run/server-runtime/dist/single-fetch.js") as {
  encodeViaTurboStream: (data: unknown, signal: AbortSignal, timeout: number, mode: string) => ReadableStream<Uint8Array>;
};
const { UNSAFE_ErrorResponseImpl: ErrorResponse } = require("@remix-run/router") as {
  UNSAFE_ErrorResponseImpl: new (status: number, statusText: string, data: unknown) => unknown;
};
const { SingleFetchRedirectSymbol } = require("@remix-run/server-runtime/dist/single-fetch.js") as { SingleFetchRedirectSymbol: symbol };

const DIST = path.join(path.dirname(require.resolve("turbo-stream/package.json")), "dist");
const PATCH = path.join(import.meta.dirname, "turbo-stream+2.4.1.patch");
const WHOLE_TEXT = Symbol.for("turbo-stream.wholeText");

/** A file as it was before the patch: the installed (patched) file with the patch's hunks taken back. */
function unpatched(file: string): string {
  const patch = readFileSync(PATCH, "utf8");
  const start = patch.indexOf(`diff --git a/node_modules/turbo-stream/dist/${file} `);
  if (start < 0) return readFileSync(path.join(DIST, file), "utf8");
  const next = patch.indexOf("\ndiff --git ", start + 1);
  const lines = patch.slice(start, next < 0 ? undefined : next).split("\n");
  const current = readFileSync(path.join(DIST, file), "utf8").split("\n");
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(lines[i]);
    if (!hunk) continue;
    const from = Number(hunk[1]) - 1;
    while (at < from) out.push(current[at++]);
    for (i++; i < lines.length && !lines[i].startsWith("@@"); i++) {
      const line = lines[i];
      if (line.startsWith(" ")) {
        out.push(line.slice(1));
        at++;
      } else if (line.startsWith("-")) out.push(line.slice(1));
      else if (line.startsWith("+")) at++;
      else if (line === "") {
        // a context line that was empty, written without its space
        if (i < lines.length - 1) {
          out.push("");
          at++;
        }
      }
    }
    i--;
  }
  while (at < current.length) out.push(current[at++]);
  return out.join("\n");
}

const originalDir = mkdtempSync(path.join(tmpdir(), "turbo-stream-unpatched-"));
for (const file of ["utils.js", "flatten.js", "unflatten.js", "turbo-stream.js"]) writeFileSync(path.join(originalDir, file), unpatched(file));
const original = require(path.join(originalDir, "turbo-stream.js")) as { encode: Encode };
afterAll(() => rmSync(originalDir, { recursive: true, force: true }));

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** The text Remix's encoder makes of `data` with the patched and the unpatched turbo-stream. */
async function both(data: () => unknown) {
  const signal = new AbortController().signal;
  const patchedStream = encodeViaTurboStream(data(), signal, 5000, "production");
  turboStream.encode = original.encode;
  let unpatchedStream: ReadableStream<Uint8Array>;
  try {
    unpatchedStream = encodeViaTurboStream(data(), signal, 5000, "production");
  } finally {
    turboStream.encode = patchedEncode;
  }
  const whole = (patchedStream as { [WHOLE_TEXT]?: string })[WHOLE_TEXT];
  return { patched: await read(patchedStream), unpatched: await read(unpatchedStream), whole };
}

class Maker {
  name = "Wanjiru";
  town = "Kangundo";
}

/** A small seeded generator, so a failure can be run again. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["Kito ring", "petite-horn-paddle-stud", "£54.00", "Ksh 1,200", "naïve", "“quoted”", "</script>", "a\nb", "\u2028", "😀", "", "0", "1", "_1", "__proto__x", "-0"];

function value(next: () => number, depth: number, pool: unknown[]): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 12 : 20));
  switch (pick) {
    case 0:
      return WORDS[Math.floor(next() * WORDS.length)];
    case 1:
      return Math.floor(next() * 2000) - 1000;
    case 2:
      return next() * 100;
    case 3:
      return next() < 0.5;
    case 4:
      return null;
    case 5:
      return undefined;
    case 6:
      return new Date(Math.floor(next() * 2e12));
    case 7:
      return [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0][Math.floor(next() * 5)];
    case 8:
      return pool.length ? pool[Math.floor(next() * pool.length)] : "again";
    case 9:
      return `${WORDS[Math.floor(next() * WORDS.length)]} ${Math.floor(next() * 10)}`;
    case 10:
      return BigInt(Math.floor(next() * 1e6));
    case 11:
      return Symbol.for(`soko.${Math.floor(next() * 3)}`);
    default: {
      let made: unknown;
      if (pick < 15) {
        const o: Record<string, unknown> = {};
        const n = Math.floor(next() * 6);
        for (let i = 0; i < n; i++) o[next() < 0.2 ? String(Math.floor(next() * 20)) : WORDS[Math.floor(next() * WORDS.length)] || "k"] = value(next, depth + 1, pool);
        made = o;
      } else if (pick < 18) {
        const a: unknown[] = [];
        const n = Math.floor(next() * 6);
        for (let i = 0; i < n; i++) a.push(value(next, depth + 1, pool));
        if (next() < 0.2) a.length += 2;
        made = a;
      } else if (pick === 18) {
        made = new Map([[value(next, depth + 1, pool), value(next, depth + 1, pool)]]);
      } else {
        made = new Set([value(next, depth + 1, pool), "x"]);
      }
      pool.push(made);
      return made;
    }
  }
}

describe("the loader data's turbo-stream (patched turbo-stream)", () => {
  it("is installed, and rebuilt unpatched for these tests", () => {
    expect(readFileSync(path.join(DIST, "flatten.js"), "utf8")).toContain("Soko patch");
    expect(readFileSync(path.join(originalDir, "flatten.js"), "utf8")).not.toContain("Soko patch");
    expect(readFileSync(path.join(originalDir, "turbo-stream.js"), "utf8")).not.toContain("Soko patch");
  });

  it("encodes every kind of value Remix sends as the unpatched encoder does", async () => {
    const shared = { amount: "54.00", currencyCode: "USD" };
    const sparse = [1, , 3]; // biome-ignore lint/suspicious/noSparseArray: a hole is one of the values encoded
    const nullObject = Object.assign(Object.create(null), { a: 1, b: shared });
    const cases: Array<[string, () => unknown]> = [
      ["a page's state", () => ({
        loaderData: {
          root: { market: "US", bag: { count: 2, lines: [shared, shared] }, user: null, flash: undefined },
          "routes/products.$handle": {
            product: { title: "Kito ring", handle: "kito-ring", price: shared, compareAt: shared, tags: ["brass", "brass", "horn"] },
            when: new Date(Date.UTC(2026, 11, 7)),
            reviews: [{ stars: 4.5, text: "Lovely </script><script>", helpful: 0 }],
          },
        },
        actionData: null,
        errors: null,
      })],
      ["numbers", () => [0, -0, 1, -1, 1.5, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0]],
      ["strings", () => ["", "a", "a", "\"quoted\" \\ back", "line\nbreak\t\u0000", "\u2028\u2029", "😀", "\ud800", "£ · — ü"]],
      ["undefined, null, booleans", () => ({ a: undefined, b: null, c: true, d: false, e: [undefined, null, true] })],
      ["holes and empties", () => ({ sparse, empty: [], none: {}, nested: [[], [{}], {}] })],
      ["dates, URLs, regexps, bigints, symbols", () => [new Date(0), new Date(1765065600000), new URL("https://soko.example/p?x=1#y"), /ki+to/gi, 12345678901234567890n, Symbol.for("soko")]],
      ["maps and sets", () => ({ m: new Map<unknown, unknown>([["a", 1], [shared, shared]]), e: new Map(), s: new Set(["a", shared, "a"]), es: new Set() })],
      ["null-prototype objects and class instances", () => ({ nullObject, maker: new Maker(), makers: [new Maker(), new Maker()] })],
      ["errors and error responses", () => ({ errors: { root: new Error("It broke"), "routes/x": new TypeError("bad type"), r: new ErrorResponse(404, "Not Found", { why: "gone" }) } })],
      ["a redirect", () => ({ [SingleFetchRedirectSymbol]: { redirect: "/en-gb/products/kito", status: 302, revalidate: false, reload: false, replace: false } })],
      ["functions", () => ({ f: () => 1, g: [function named() {}] })],
      ["keys that are numbers, repeated keys, the root referred to again", () => {
        const root: Record<string, unknown> = { 2: "two", 1: "one", b: "b", a: "a" };
        root["1"] = "again";
        root.self = root;
        root.list = [root, { self: root, 1: "one" }];
        return root;
      }],
      ["a primitive alone", () => "just text"],
      ["undefined alone", () => undefined],
      ["-0 alone", () => -0],
    ];
    for (const [name, data] of cases) {
      const { patched, unpatched: before, whole } = await both(data);
      expect(patched, name).toBe(before);
      expect(whole, name).toBe(patched);
    }
  });

  it("encodes 400 random values as the unpatched encoder does", async () => {
    for (let seed = 1; seed <= 400; seed++) {
      const make = () => {
        const next = random(seed);
        const pool: unknown[] = [];
        return { loaderData: { root: value(next, 0, pool), page: value(next, 0, pool) }, actionData: value(next, 2, pool) };
      };
      const { patched, unpatched: before, whole } = await both(make);
      expect(patched, `seed ${seed}`).toBe(before);
      expect(whole, `seed ${seed}`).toBe(patched);
    }
  });

  it("sends promises as the unpatched encoder does, and gives no whole text while any is pending", async () => {
    const data = () => ({
      now: { title: "Kito ring" },
      later: Promise.resolve({ reviews: [{ stars: 5 }], title: "Kito ring" }),
      failed: Promise.reject(new Error("The reviews are away")),
      nothing: new Promise((resolve) => setTimeout(() => resolve(undefined), 5)),
      same: Promise.resolve("Kito ring"),
    });
    const { patched, unpatched: before, whole } = await both(data);
    expect(patched).toBe(before);
    expect(patched.split("\n").length).toBeGreaterThan(3);
    expect(whole).toBeUndefined();
  });

  it("fails on what nothing can encode, as the unpatched encoder does", async () => {
    const bad = () => ({ symbol: Symbol("not registered") });
    const { patched, unpatched: before } = await both(bad);
    // Remix's last post-plugin answers anything: it encodes as a fallback both ways.
    expect(patched).toBe(before);
    expect(patched).toContain("SingleFetchFallback");
    const plain = (encode: Encode) => read(encode({ f: () => 1 }));
    await expect(plain(patchedEncode)).rejects.toThrow("Cannot encode function or unexpected type");
    await expect(plain(original.encode)).rejects.toThrow("Cannot encode function or unexpected type");
  });
});
