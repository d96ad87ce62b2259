import { describe, expect, it } from "vitest";
import { handedBody, handedBytes, wholeBody, wholeResponse } from "./whole-response";

const page = "<!DOCTYPE html><p>Brass earrings — £48</p>";
const init = { status: 404, headers: { "Content-Type": "text/html; charset=utf-8" } };

describe("wholeResponse", () => {
  it("hands the edge its bytes themselves, without making a body stream", async () => {
    const bytes = Buffer.from(page);
    const response = wholeResponse(bytes, init);
    expect(handedBytes(response)).toBe(bytes);
    expect(await wholeBody(response)).toBe(bytes);
    expect(response.bodyUsed).toBe(false);
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
  });

  it("hands over a page's string as it is, and as its UTF-8 bytes to a reader of bytes", async () => {
    const response = wholeResponse(page, init);
    expect(handedBody(response)).toBe(page);
    expect(handedBytes(response)?.equals(Buffer.from(page))).toBe(true);
    expect((await wholeBody(response)).toString()).toBe(page);
    expect(response.bodyUsed).toBe(false);
    expect(await wholeResponse(page, init).text()).toBe(page);
    expect(Buffer.from(await wholeResponse(page, init).arrayBuffer()).equals(Buffer.from(page))).toBe(true);
    expect(handedBody(wholeResponse(page, init).clone())).toBe(page);
    const read = wholeResponse(page, init);
    await read.text();
    expect(handedBody(read)).toBeNull();
  });

  it("reads like any Response for a reader that does not know it, once", async () => {
    expect(await wholeResponse(Buffer.from(page), init).text()).toBe(page);
    expect(Buffer.from(await wholeResponse(Buffer.from(page), init).arrayBuffer()).toString()).toBe(page);
    expect(await new Response(wholeResponse(Buffer.from(page), init).body).text()).toBe(page);
    const read = wholeResponse(Buffer.from(page), init);
    await read.text();
    expect(read.bodyUsed).toBe(true);
    expect(handedBytes(read)).toBeNull();
    await expect(read.text()).rejects.toThrow(TypeError);
    expect(() => read.clone()).toThrow(TypeError);
  });

  it("clones with its bytes, status and headers", async () => {
    const clone = wholeResponse(Buffer.from(page), init).clone();
    expect(clone.status).toBe(404);
    expect(clone.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(handedBytes(clone)?.toString()).toBe(page);
  });

  it("leaves any other Response to be read as usual", async () => {
    const other = new Response(page);
    expect(handedBytes(other)).toBeNull();
    expect((await wholeBody(other)).toString()).toBe(page);
  });
});
