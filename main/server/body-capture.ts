/**
 * Keeps the first bytes of one body as they pass and counts the rest, for the desktop
 * inspector (docs/architecture.md § Engine: body capture). Bounded whatever the body's size:
 * at most `limit` bytes are copied, every later byte only counted. Chunks are copied at
 * once, because file streaming hands the socket two buffers it reuses (stream-file.ts).
 */
import { BODY_VIEW_BYTES } from '../../shared/body-view.js';
import type { CapturedBody } from '../../shared/log.js';

export class BodyCapture {
  readonly #parts: Buffer[] = [];
  #kept = 0;
  /** Bytes that went by, kept or not. */
  seen = 0;

  /** `expected`: bytes that belong to this body at most (a request's Content-Length). */
  constructor(
    private readonly expected = Infinity,
    private readonly limit = BODY_VIEW_BYTES,
  ) {}

  /** True once every expected byte went by (a request body read to its end). */
  get complete(): boolean {
    return this.seen >= this.expected;
  }

  add(chunk: Uint8Array): void {
    const own = Math.min(chunk.length, this.expected - this.seen);
    if (own <= 0) return;
    this.seen += own;
    const room = this.limit - this.#kept;
    if (room <= 0) return;
    const copy = Buffer.from(chunk.subarray(0, Math.min(own, room)));
    this.#parts.push(copy);
    this.#kept += copy.length;
  }

  /**
   * The kept bytes and the body's length: `expected` when given (a request's Content-Length,
   * of which fewer bytes may have arrived), else what went by. `skip` leaves out a prefix
   * that is not body to the reader (a CGI script's header block, shown with the head).
   */
  result(skip = 0): CapturedBody {
    const total = Number.isFinite(this.expected) ? this.expected : this.seen;
    // A fresh, exact-size copy: a slice of a pooled or larger buffer would hold more memory
    // than the kept bytes while the app keeps them.
    const bytes = new Uint8Array(Math.max(0, this.#kept - skip));
    let at = -skip;
    for (const part of this.#parts) {
      if (at + part.length > 0) bytes.set(part.subarray(Math.max(0, -at)), Math.max(0, at));
      at += part.length;
    }
    return { bytes, total: Math.max(0, total - skip) };
  }
}
