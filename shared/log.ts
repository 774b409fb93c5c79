/**
 * The structured log records the engine emits (docs/architecture.md § Engine: logging).
 * Plain JSON values only: they cross the IPC boundary unchanged.
 *
 * Every string a client controls (request line, path, header names and values) is already
 * scrubbed with `scrubControlChars` by the engine before it lands in a record, and capped
 * (shared/scrub.ts): each field to `LOG_FIELD_MAX_CHARS`, each head to `LOG_MAX_HEADERS`
 * fields, the record to about `LOG_RECORD_MAX_CHARS`. What a field lost is in `cutBytes`,
 * and the window shows it as "… (N bytes cut)" after the field (`withCutMarker`).
 */
import { cutMarker } from './scrub.js';

/** One finished request/response exchange. Emitted once per request, when it ends. */
export interface RequestRecord {
  /** Milliseconds since the epoch when the request head was complete. */
  time: number;
  /** `address_string()`: the client's IP address. */
  client: string;
  clientPort: number;
  /** Counts from 1 in each server (a restart starts again at 1); all requests on one TCP connection share it. */
  connectionId: number;
  /** 1 for the first request on a connection, 2 for the second (keep-alive), … */
  requestIndex: number;
  /** The request line as received (CRLF stripped), '' when none could be read. */
  requestLine: string;
  method: string;
  path: string;
  requestVersion: string;
  /** The status code sent, or null if the connection ended before one was sent. */
  status: number | null;
  /** Bytes of response body written (after the head). */
  size: number;
  /** From the first byte of the request to the last byte of the response. */
  durationMs: number;
  requestHeaders: Array<[string, string]>;
  /** e.g. 'HTTP/1.1 200 OK'; '' when no status line went out (HTTP/0.9, aborted). */
  responseStatusLine: string;
  responseHeaders: Array<[string, string]>;
  /** Whether the connection stayed open for another request afterwards. */
  keptAlive: boolean;
  /** The TLS version ('TLSv1.3') when the request came over HTTPS; absent over plain HTTP. */
  tlsVersion?: string;
  /** Request header fields left out of `requestHeaders` by the caps (absent: none). */
  requestHeadersCut?: number;
  /** Response header fields left out of `responseHeaders` by the caps (absent: none). */
  responseHeadersCut?: number;
  /** Bytes each capped field lost, by `RecordCutKey` (absent: nothing was cut). */
  cutBytes?: Record<string, number>;
  /** For a CGI exchange: what the script itself wrote and how it ended. */
  script?: ScriptOutcome;
}

/**
 * A CGI script's part of the response. Its header block follows the server's status line
 * and headers on the wire (RFC 3875 §6), so the head as sent is both together.
 */
export interface ScriptOutcome {
  /** The lines of the script's header block as it wrote them (latin-1, scrubbed, capped), without the empty line. */
  head: string[];
  /** The exit status (negative: killed by that signal number). */
  exitCode: number;
  /** Ended by the server: a time limit, the client going away. */
  killedBecause: string | null;
}

/** A script failed when it exited non-zero or the server had to end it. */
export function scriptFailed(outcome: ScriptOutcome | undefined): boolean {
  return outcome !== undefined && (outcome.exitCode !== 0 || outcome.killedBecause !== null);
}

/** Names a field in `RequestRecord.cutBytes`. */
export type RecordCutKey =
  | 'requestLine'
  | 'method'
  | 'path'
  | 'requestVersion'
  | 'responseStatusLine'
  | `scriptHead.${number}`
  | `${'request' | 'response'}Headers.${number}.${'name' | 'value'}`;

export function headerCutKey(
  side: 'request' | 'response',
  index: number,
  part: 'name' | 'value',
): RecordCutKey {
  return `${side}Headers.${index}.${part}`;
}

/** A record's field as the window shows it: its text, then the cut marker if it was cut. */
export function withCutMarker(record: RequestRecord, key: RecordCutKey, text: string): string {
  const cut = record.cutBytes?.[key];
  return cut === undefined ? text : text + cutMarker(cut);
}

/** A line from `log_message` / `log_error` (Python's stderr line, without the prefix). */
export interface MessageRecord {
  time: number;
  client: string;
  clientPort: number;
  connectionId: number;
  level: 'info' | 'error';
  /** The user whose Basic credentials were checked (`--auth`), scrubbed; never a password. */
  user?: string;
  /** The formatted, scrubbed message, e.g. `"GET / HTTP/1.1" 200 -` or `code 404, message File not found`. */
  text: string;
}

/**
 * The first bytes of a body (at most `BODY_VIEW_BYTES`, shared/body-view.ts) and its whole
 * length (docs/architecture.md § Engine: body capture).
 */
export interface CapturedBody {
  bytes: Uint8Array;
  /** The body's length: bytes sent (a response), or its Content-Length (a request). */
  total: number;
}

/** One exchange's bodies, captured only while a sink asks for them (`captureBodies`). */
export interface ExchangeBodies {
  /** Null when the request announced no body. */
  request: CapturedBody | null;
  response: CapturedBody;
}

/** Where a server's records go. The CLI's sink prints Python's lines; the app's batches them. */
export interface LogSink {
  message(record: MessageRecord): void;
  /**
   * Most characters of scrubbed text a message keeps (the rest become a cut marker). The
   * CLI's sink leaves it out: its stderr line is Python's, whole.
   */
  maxMessageChars?: number;
  /** Optional: a sink without it (the CLI's) saves the engine building records. */
  request?(record: RequestRecord, bodies?: ExchangeBodies): void;
  /**
   * Read when each request starts: while true (and `request` is present), the engine keeps
   * the first bytes of the request and response bodies and passes them with the record.
   * Absent or false (the CLI, the library's default), no byte is copied.
   */
  readonly captureBodies?: boolean;
}

/** Status class for colouring and filtering: 1xx … 5xx, or 'none' for no status. */
export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'none';

export function statusClass(status: number | null): StatusClass {
  if (status === null || status < 100 || status > 599) return 'none';
  return `${Math.floor(status / 100)}xx` as StatusClass;
}
