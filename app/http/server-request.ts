/**
 * The fetch Request Remix gets from the HTTP server (remix-handler.ts's `toFetchRequest`).
 *
 * Its `signal` is the listener's own, the one aborted when the client goes. Given as `init.signal`,
 * undici's Request would make its signal follow ours (a listener on ours, `setMaxListeners`, a
 * FinalizationRegistry entry): ~20 µs of CPU a request in a loop, for a chain nothing needs
 * (docs/performance.md, session 12). Remix reads `request.signal` and hands it on to the copies it
 * makes of a request with a query, so those follow ours as before.
 *
 * A small urlencoded form read whole at the edge (form-body.ts) comes as its bytes, not as a body
 * undici holds: undici would wrap them in a web stream and read them back through its own reader
 * (~15–20% of a checkout POST, docs/performance.md, session 14). `formData()`, `text()`,
 * `arrayBuffer()`, `json()`, `blob()` and `bytes()` answer from the bytes as undici's would, once;
 * `body` (which Remix reads to copy a request: a `.data` submission, an address with `?index`) is an
 * ordinary Request's body over the same bytes, made the first time it is asked for.
 */
const FORM_TYPE = /^\s*application\/x-www-form-urlencoded\s*(;|$)/i;

/** Whether a Content-Type names a urlencoded form (any parameters, such as a charset, aside). */
export function isUrlencoded(type: string | null | undefined): boolean {
  return type != null && FORM_TYPE.test(type);
}

export class ServerRequest extends Request {
  readonly #signal: AbortSignal;
  readonly #bytes: Buffer | null;
  /** The bytes were read through one of the methods below. */
  #used = false;
  /** An ordinary Request over the bytes, once something reads the body as a stream. */
  #full: Request | undefined;

  constructor(url: string, init: RequestInit, signal: AbortSignal, bytes: Buffer | null = null) {
    super(url, init);
    this.#signal = signal;
    this.#bytes = bytes;
  }

  override get signal(): AbortSignal {
    return this.#signal;
  }

  /** The ordinary Request over the bytes; a body already read through the methods below is read there too. */
  #reader(): Request {
    if (!this.#full) {
      const bytes = this.#bytes as Buffer;
      this.#full = new Request(this.url, { method: this.method, headers: this.headers, body: bytes as Uint8Array<ArrayBuffer> });
      if (this.#used) void this.#full.arrayBuffer();
    }
    return this.#full;
  }

  /** The bytes, taken once; null when they must be read through the ordinary Request (its stream was asked for). */
  #take(): Buffer | null {
    if (this.#full) return null;
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    return this.#bytes;
  }

  override get body() {
    return this.#bytes ? this.#reader().body : super.body;
  }

  override get bodyUsed() {
    if (!this.#bytes) return super.bodyUsed;
    return this.#full ? this.#full.bodyUsed : this.#used;
  }

  override async formData(): Promise<FormData> {
    if (!this.#bytes || !isUrlencoded(this.headers.get("Content-Type"))) return this.#bytes ? this.#reader().formData() : super.formData();
    const bytes = this.#take();
    if (!bytes) return this.#reader().formData();
    // undici's own parse of a urlencoded body: URLSearchParams over the bytes as UTF-8.
    const form = new FormData();
    for (const [name, value] of new URLSearchParams(bytes.toString())) form.append(name, value);
    return form;
  }

  override async text(): Promise<string> {
    if (!this.#bytes) return super.text();
    const bytes = this.#take();
    if (!bytes) return this.#reader().text();
    // UTF-8 with a leading byte order mark dropped, as the fetch spec's "UTF-8 decode" (and undici) does.
    return new TextDecoder().decode(bytes);
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    if (!this.#bytes) return super.arrayBuffer();
    const bytes = this.#take();
    if (!bytes) return this.#reader().arrayBuffer();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  override async json(): Promise<unknown> {
    if (!this.#bytes) return super.json();
    return JSON.parse(await this.text());
  }

  override async blob(): Promise<Blob> {
    if (!this.#bytes) return super.blob();
    const type = this.headers.get("Content-Type") ?? "";
    return new Blob([await this.arrayBuffer()], { type });
  }

  override clone(): Request {
    if (!this.#bytes) return super.clone();
    if (this.bodyUsed) throw new TypeError("Request.clone: Body has already been consumed.");
    if (this.#full) return this.#full.clone();
    return new ServerRequest(this.url, { method: this.method, headers: new Headers(this.headers) }, this.#signal, this.#bytes);
  }
}
