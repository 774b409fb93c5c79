/**
 * Collects what one request/response exchange did (status line and headers as sent, bytes,
 * timing) and turns it into the structured `RequestRecord` the log sink receives. Every
 * client-controlled string is scrubbed and capped here, once, before it leaves the engine:
 * a record holds about `LOG_RECORD_MAX_CHARS` of text however big the head was, so a
 * hostile client cannot make the desktop log eat memory or CPU (docs/security.md).
 */
import {
  headerCutKey,
  type ExchangeBodies,
  type RecordCutKey,
  type RequestRecord,
  type ScriptOutcome,
} from '../../shared/log.js';
import {
  LOG_FIELD_MAX_CHARS,
  LOG_FIELD_MIN_CHARS,
  LOG_MAX_HEADERS,
  LOG_RECORD_MAX_CHARS,
  LOG_SHORT_FIELD_MAX_CHARS,
  scrubWithin,
} from '../../shared/scrub.js';
import { BodyCapture } from './body-capture.js';

/** What the handler knows of the exchange: the record's own fields, plus the bytes written. */
export interface RecordContext extends Pick<
  RequestRecord,
  | 'client'
  | 'clientPort'
  | 'connectionId'
  | 'requestIndex'
  | 'requestLine'
  | 'method'
  | 'path'
  | 'requestVersion'
  | 'keptAlive'
> {
  /** Bytes written on the connection since this request began (head included). */
  bytesWritten: number;
}

/**
 * Shares one record's text allowance between its fields, in the order they are taken, and
 * notes what each field lost under `RecordCutKey` (the window adds the "… (N bytes cut)"
 * marker; kept out of the text, the record's strings stay one byte per character).
 */
class RecordBudget {
  #left = LOG_RECORD_MAX_CHARS;
  readonly cuts: Record<string, number> = {};

  take(text: string, key: RecordCutKey, fieldMax = LOG_FIELD_MAX_CHARS): string {
    const max = Math.min(fieldMax, Math.max(LOG_FIELD_MIN_CHARS, this.#left));
    const { text: kept, cut } = scrubWithin(text, max);
    this.#left = Math.max(0, this.#left - kept.length);
    if (cut > 0) this.cuts[key] = cut;
    return kept;
  }

  headers(
    side: 'request' | 'response',
    fields: ReadonlyArray<readonly [string, string]>,
  ): { kept: Array<[string, string]>; cut: number } {
    const kept = fields
      .slice(0, LOG_MAX_HEADERS)
      .map(([name, value], i): [string, string] => [
        this.take(name, headerCutKey(side, i, 'name')),
        this.take(value, headerCutKey(side, i, 'value')),
      ]);
    return { kept, cut: Math.max(0, fields.length - LOG_MAX_HEADERS) };
  }
}

export class RequestRecorder {
  #time = 0;
  #started = 0;
  #status: number | null = null;
  #statusLine = '';
  #responseHeaders: Array<[string, string]> = [];
  requestHeaders: ReadonlyArray<readonly [string, string]> = [];
  /** Set by the CGI handler once its script has ended. */
  script: ScriptOutcome | null = null;
  headSent = false;
  headBytes = 0;
  /** Only while the sink captures bodies (docs/architecture.md § Engine: body capture). */
  #responseBody: BodyCapture | null = null;
  #requestBody: BodyCapture | null = null;
  /** Response body bytes that were a CGI script's header block (shown with the head). */
  scriptHeadBytes = 0;

  /** Starts keeping the response body; the tap goes on `wfile` (the head is not fed to it). */
  captureResponse(): (chunk: Buffer) => void {
    const capture = new BodyCapture();
    this.#responseBody = capture;
    return (chunk) => capture.add(chunk);
  }

  /** Starts keeping a request body of `length` bytes if the response is kept; the tap goes on `rfile`. */
  captureRequest(length: number): ((bytes: Buffer) => void) | null {
    if (this.#responseBody === null) return null;
    const capture = new BodyCapture(length);
    this.#requestBody = capture;
    return (bytes) => capture.add(bytes);
  }

  /** True while the sink asked for this exchange's bodies. */
  get capturing(): boolean {
    return this.#responseBody !== null;
  }

  /**
   * The captured bodies (only while `capturing`). `unread`: request body bytes that arrived
   * but no one read (a POST to a file is answered 501 without reading it).
   */
  bodies(unread: Uint8Array): ExchangeBodies {
    this.#requestBody?.add(unread);
    return {
      request: this.#requestBody?.result() ?? null,
      response: (this.#responseBody ?? new BodyCapture()).result(this.scriptHeadBytes),
    };
  }

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
    const budget = new RecordBudget();
    const requestLine = budget.take(ctx.requestLine, 'requestLine');
    const method = budget.take(ctx.method, 'method', LOG_SHORT_FIELD_MAX_CHARS);
    const path = budget.take(ctx.path, 'path', LOG_SHORT_FIELD_MAX_CHARS);
    const requestVersion = budget.take(
      ctx.requestVersion,
      'requestVersion',
      LOG_SHORT_FIELD_MAX_CHARS,
    );
    const responseStatusLine = budget.take(this.#statusLine, 'responseStatusLine');
    // The response head is the server's own and short: it goes before the client's headers,
    // so a huge request head cannot crowd it out of the record.
    const response = budget.headers('response', this.#responseHeaders);
    const request = budget.headers('request', this.requestHeaders);
    const record: RequestRecord = {
      time: this.#time,
      client: ctx.client,
      clientPort: ctx.clientPort,
      connectionId: ctx.connectionId,
      requestIndex: ctx.requestIndex,
      requestLine,
      method,
      path,
      requestVersion,
      status: this.#status,
      size: Math.max(0, ctx.bytesWritten - this.headBytes),
      durationMs: Math.round((performance.now() - this.#started) * 1000) / 1000,
      requestHeaders: request.kept,
      responseStatusLine,
      responseHeaders: response.kept,
      keptAlive: ctx.keptAlive,
    };
    if (request.cut > 0) record.requestHeadersCut = request.cut;
    if (response.cut > 0) record.responseHeadersCut = response.cut;
    if (this.script !== null) {
      const head = this.script.head
        .slice(0, LOG_MAX_HEADERS)
        .map((line, i) => budget.take(line, `scriptHead.${i}`));
      record.script = { ...this.script, head };
    }
    if (Object.keys(budget.cuts).length > 0) record.cutBytes = budget.cuts;
    return record;
  }
}
