/**
 * Collects what one request/response exchange did (status line and headers as sent, bytes,
 * timing) and turns it into the structured `RequestRecord` the log sink receives. Every
 * client-controlled string is scrubbed here, once, before it leaves the engine.
 */
import type { RequestRecord } from '../../shared/log.js';
import { scrubControlChars } from '../../shared/scrub.js';

export interface RecordContext {
  client: string;
  clientPort: number;
  connectionId: number;
  requestIndex: number;
  requestLine: string;
  method: string;
  path: string;
  requestVersion: string;
  /** Bytes written on the connection since this request began (head included). */
  bytesWritten: number;
  keptAlive: boolean;
}

export class RequestRecorder {
  #time = 0;
  #started = 0;
  #status: number | null = null;
  #statusLine = '';
  #responseHeaders: Array<[string, string]> = [];
  requestHeaders: ReadonlyArray<readonly [string, string]> = [];
  headSent = false;
  headBytes = 0;

  /** The final status buffered so far, or null while only an interim (1xx) went out. */
  get finalStatus(): number | null {
    return this.#status;
  }

  get began(): boolean {
    return this.#time !== 0;
  }

  begin(now: number): void {
    this.#time = now;
    this.#started = performance.now();
  }

  /** A final (non-1xx) status line went into the head buffer; later ones replace it. */
  status(code: number, statusLine: string): void {
    this.#status = code;
    this.#statusLine = statusLine;
    this.#responseHeaders = [];
  }

  header(name: string, value: string): void {
    this.#responseHeaders.push([name, value]);
  }

  finish(ctx: RecordContext): RequestRecord {
    return {
      time: this.#time,
      client: ctx.client,
      clientPort: ctx.clientPort,
      connectionId: ctx.connectionId,
      requestIndex: ctx.requestIndex,
      requestLine: scrubControlChars(ctx.requestLine),
      method: scrubControlChars(ctx.method),
      path: scrubControlChars(ctx.path),
      requestVersion: scrubControlChars(ctx.requestVersion),
      status: this.#status,
      size: Math.max(0, ctx.bytesWritten - this.headBytes),
      durationMs: Math.round((performance.now() - this.#started) * 1000) / 1000,
      requestHeaders: this.requestHeaders.map(([n, v]) => [
        scrubControlChars(n),
        scrubControlChars(v),
      ]),
      responseStatusLine: this.#statusLine,
      responseHeaders: this.#responseHeaders,
      keptAlive: ctx.keptAlive,
    };
  }
}
