/**
 * A whole body handed from the render to the HTTP edge as what it already is (#14): the page's
 * string, or bytes. A fetch `Response` made from either wraps it in a web `ReadableStream` (Node
 * makes every one of those transferable: a few percent of a product page's CPU, more of a small
 * page's), which the edge then reads straight back. A `wholeResponse` carries its body beside a
 * stream made only if something reads the body the usual way (`body`, `text()`, `arrayBuffer()`…);
 * the edge takes it with `handedBody` (a string goes to the socket as it is: node:http encodes it
 * once, straight into what it sends) or as bytes with `wholeBody`, and reads any other Response as before.
 *
 * The render (app/entry.server.tsx) is bundled into the server build and the edge
 * (app/http/remix-handler.ts) is not: each has its own copy of this module, so the bytes are found
 * under a registered symbol, not by `instanceof`.
 */
const BODY = Symbol.for("soko.wholeResponse.body");

type Body = Buffer | string;
type Whole = Response & { [BODY]?: Body };

class WholeResponse extends Response {
  readonly [BODY]: Body;
  #full: Response | undefined;
  constructor(body: Body, init: ResponseInit) {
    super(null, init);
    this[BODY] = body;
  }
  /** The same body as an ordinary Response, made the first time the body is read the usual way. */
  #reader(): Response {
    this.#full ??= new Response(this[BODY] as string | Uint8Array<ArrayBuffer>);
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
    return new WholeResponse(this[BODY], { status: this.status, statusText: this.statusText, headers: this.headers });
  }
}

/** A Response of `body` (a string is sent as UTF-8) that the edge can send without a stream in between. */
export function wholeResponse(body: Body, init: ResponseInit): Response {
  return new WholeResponse(body, init);
}

/** The body of a `wholeResponse` whose body nothing has read yet, as it was handed over (no stream made), else null. */
export function handedBody(response: Response): Body | null {
  const body = (response as Whole)[BODY];
  return body !== undefined && !response.bodyUsed ? body : null;
}

/** The bytes of a `wholeResponse` whose body nothing has read yet (without making its stream), else null. */
export function handedBytes(response: Response): Buffer | null {
  const body = handedBody(response);
  return typeof body === "string" ? Buffer.from(body) : body;
}

/** The body's bytes: handed over as they are by a `wholeResponse`, else read. */
export async function wholeBody(response: Response): Promise<Buffer> {
  return handedBytes(response) ?? Buffer.from(await response.arrayBuffer());
}
