/**
 * A whole body handed from the render to the HTTP edge as the bytes it already is (#14). A fetch
 * `Response` made from bytes wraps them in a web `ReadableStream` (Node makes every one of those
 * transferable: a few percent of a product page's CPU, more of a small page's), which the edge then
 * reads straight back. A `wholeResponse` carries its bytes beside a stream made only if something
 * reads the body the usual way (`body`, `text()`, `arrayBuffer()`…); the edge takes the bytes with
 * `wholeBody`, and reads any other Response as before.
 *
 * The render (app/entry.server.tsx) is bundled into the server build and the edge
 * (app/http/remix-handler.ts) is not: each has its own copy of this module, so the bytes are found
 * under a registered symbol, not by `instanceof`.
 */
const BYTES = Symbol.for("soko.wholeResponse.bytes");

type Whole = Response & { [BYTES]?: Buffer };

class WholeResponse extends Response {
  readonly [BYTES]: Buffer;
  #full: Response | undefined;
  constructor(bytes: Buffer, init: ResponseInit) {
    super(null, init);
    this[BYTES] = bytes;
  }
  /** The same bytes as an ordinary Response, made the first time the body is read the usual way. */
  #reader(): Response {
    this.#full ??= new Response(this[BYTES] as Uint8Array<ArrayBuffer>);
    return this.#full;
  }
  override get body() {
    return this.#reader().body;
  }
  override get bodyUsed() {
    return this.#full?.bodyUsed ?? false;
  }
  override arrayBuffer() {
    return this.#reader().arrayBuffer();
  }
  override text() {
    return this.#reader().text();
  }
  override json() {
    return this.#reader().json();
  }
  override blob() {
    return this.#reader().blob();
  }
  override formData() {
    return this.#reader().formData();
  }
  override clone(): Response {
    if (this.bodyUsed) throw new TypeError("Response.clone: the body has already been read");
    return new WholeResponse(this[BYTES], { status: this.status, statusText: this.statusText, headers: this.headers });
  }
}

/** A Response of `bytes` that the edge can send without a stream in between. */
export function wholeResponse(bytes: Buffer, init: ResponseInit): Response {
  return new WholeResponse(bytes, init);
}

/** The bytes of a `wholeResponse` whose body nothing has read yet (without making its stream), else null. */
export function handedBytes(response: Response): Buffer | null {
  const bytes = (response as Whole)[BYTES];
  return bytes && !response.bodyUsed ? bytes : null;
}

/** The body's bytes: handed over as they are by a `wholeResponse`, else read. */
export async function wholeBody(response: Response): Promise<Buffer> {
  return handedBytes(response) ?? Buffer.from(await response.arrayBuffer());
}
