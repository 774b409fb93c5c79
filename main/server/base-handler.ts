/**
 * `BaseHTTPRequestHandler`: server.py's request handler on a raw `net.Socket`.
 *
 * Method and attribute names are Python's, camelCased (docs/architecture.md § Engine: Python
 * names), and request methods dispatch to `do_GET`, `do_POST`, `do_SPAM` … exactly as in
 * Python. A handler is
 * constructed first and `run()` after, so subclass field overrides (`protocolVersion =
 * 'HTTP/1.1'`) are in place before the first request is read.
 *
 * Departures from Python 3.11, each on purpose (README "Differences from Python"):
 * a malformed request line gets a real status line (3.11 answers as if to HTTP/0.9);
 * headers are parsed strictly (request-parser.ts); timeouts bound idle and slow clients;
 * an unread request body is drained or the connection closed, never parsed as a request.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { LogSink, MessageRecord, ScriptOutcome } from '../../shared/log.js';
import { scrubAndCap } from '../../shared/scrub.js';
import {
  DEFAULT_ERROR_CONTENT_TYPE,
  DEFAULT_ERROR_MESSAGE,
  escapeHtml,
  formatNamed,
} from './error-page.js';
import { formatHttpDate } from './http-date.js';
import { MONTH_NAMES, formatLogDate } from '../../shared/log-line.js';
import { TOKEN } from '../../shared/http-token.js';
import { HTTPMessage } from './http-message.js';
import { ConnectionTiming, type HeadParse } from './connection-timing.js';
import { BASIC_CHALLENGE, redactCredentialFields, type BasicAuth } from './basic-auth.js';
import { preflightHeaders } from './cors-preflight.js';
import type { HeaderPair } from '../../shared/response-headers.js';
import { isHostAllowed, refusedHostName, type HostPolicy } from './host-check.js';
import type { ParserOptions, ServerLimits } from './limits.js';
import { protocolErrorResponse } from './protocol-errors.js';
import { percentFormat } from './py-format.js';
import { RequestRecorder } from './request-recorder.js';
import {
  NO_PROGRESS,
  parseRequestHead,
  type ParseResult,
  type RequestHead,
} from './request-parser.js';
import { RESPONSES } from './responses.js';
import { SocketReader } from './socket-reader.js';
import { ConnectionClosedError, SocketWriter } from './socket-writer.js';
import { errorMessage } from '../../shared/values.js';

/** `client_address`: (host, port). */
export type ClientAddress = [host: string, port: number];

/** What a handler needs of the server that created it (`self.server`). */
export interface HandlerServer {
  readonly serverName: string;
  readonly serverPort: number;
  readonly logSink: LogSink;
  readonly limits: ServerLimits;
  readonly parserOptions: ParserOptions;
  /** True once `shutdown()` began: finish the current request, then close. */
  readonly shuttingDown: boolean;
  /** Which `Host` values are served (host-check.ts); absent: every one, as in Python. */
  readonly hostPolicy?: HostPolicy;
  /**
   * The handler began (true) or ended (false) waiting for a request with no byte of it yet:
   * at its connection cap the server closes the longest-idle connection to admit a new one.
   */
  connectionIdle?(handler: BaseHTTPRequestHandler, idle: boolean): void;
}

export type RequestHandlerClass<H extends BaseHTTPRequestHandler = BaseHTTPRequestHandler> = new (
  request: Socket,
  clientAddress: ClientAddress,
  server: HandlerServer,
  connectionId: number,
) => H;

// Header values we send: no CR, LF or NUL (header injection), and latin-1 only like Python.
const UNSAFE_VALUE = /[\r\n\0]|[^\x00-\xff]/; // eslint-disable-line no-control-regex

export class BaseHTTPRequestHandler {
  // ---- class-level attributes of server.py (instance fields so subclasses may override) ----
  serverVersion = 'BaseHTTP/0.6';
  sysVersion = `Node.js/${process.versions.node}`;
  errorMessageFormat = DEFAULT_ERROR_MESSAGE;
  errorContentType = DEFAULT_ERROR_CONTENT_TYPE;
  protocolVersion = 'HTTP/1.0';
  defaultRequestVersion = 'HTTP/0.9';
  MessageClass: new (fields: Array<[string, string]>) => HTTPMessage = HTTPMessage;
  responses: Readonly<Record<number, readonly [string, string]>> = RESPONSES;
  /**
   * Python's tables: `monthname` is read by `logDateTimeString()`; `weekdayname` is read by
   * nothing, as in Python 3 (`date_time_string` is `email.utils.formatdate`).
   */
  weekdayname: readonly string[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  monthname: readonly (string | null)[] = MONTH_NAMES;

  /**
   * Headers added to every final response (`-H`), unless the response already has one of
   * that name (docs/architecture.md § Engine: response options). Empty: Python's bytes.
   */
  responseHeaders: readonly HeaderPair[] = [];
  /** `--auth`: every request needs these Basic credentials (basic-auth.ts); null: none. */
  basicAuth: BasicAuth | null = null;
  /** The user whose credentials were checked for this request (for CGI and the log). */
  authUser: string | undefined = undefined;

  // ---- instance attributes ----
  readonly request: Socket;
  readonly clientAddress: ClientAddress;
  readonly server: HandlerServer;
  readonly connectionId: number;
  readonly rfile: SocketReader;
  readonly wfile: SocketWriter;
  closeConnection = true;
  requestline = '';
  rawRequestline = '';
  command = '';
  path = '';
  requestVersion = '';
  headers: HTTPMessage = new HTTPMessage();

  /** Response head lines waiting for `flushHeaders` (Python's `_headers_buffer`). */
  #headersBuffer: string[] = [];
  #parsed: ParseResult | null = null;
  /** Bytes of the current request's body not yet read by anyone. */
  #bodyStart = 0;
  #bodyLength = 0;
  #logLevel: MessageRecord['level'] = 'info';
  #recorder: RequestRecorder;
  #requestIndex = 0;
  #bytesAtStart = 0;
  readonly #timing: ConnectionTiming;
  /** A final status line is buffered and no Connection header was sent with it. */
  #finalHeadWithoutConnection = false;
  /** The request's Connection header asked for `keep-alive`. */
  #askedKeepAlive = false;
  /** Lower-case names sent since the last final status line (for `responseHeaders`). */
  #headNames = new Set<string>();
  #finalStatusBuffered = false;
  /** Headers for the next final head only (a 401's challenge). */
  #oneOffHeaders: HeaderPair[] = [];

  constructor(
    request: Socket,
    clientAddress: ClientAddress,
    server: HandlerServer,
    connectionId = 0,
  ) {
    this.request = request;
    this.clientAddress = clientAddress;
    this.server = server;
    this.connectionId = connectionId;
    this.rfile = new SocketReader(request);
    this.wfile = new SocketWriter(request, server.limits.writeStallTimeoutMs);
    this.#recorder = new RequestRecorder();
    this.#timing = new ConnectionTiming(
      this.rfile,
      server.limits,
      () => server.shuttingDown,
      (idle) => server.connectionIdle?.(this, idle),
    );
  }

  /** socketserver's `__init__` body: setup(), handle(), finish(). */
  async run(): Promise<void> {
    this.setup();
    try {
      await this.handle();
    } finally {
      await this.finish();
    }
  }

  setup(): void {
    // Small responses leave in one corked write; without Nagle they are not held back.
    this.request.setNoDelay(true);
  }

  /** Lingering close: half-close, discard what the client still sends, then close. */
  async finish(): Promise<void> {
    const socket = this.request;
    if (socket.destroyed) return;
    // The FIN is queued in the same turn as the last write, right behind its bytes (as
    // Python's close follows its last send): a client that reuses connections sees the end
    // before it writes another request into this one.
    this.wfile.end();
    socket.resume();
    await this.wfile.finished().catch(() => undefined);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => socket.destroy(), 2_000);
      timer.unref();
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (socket.destroyed) resolve();
    });
  }

  /** Wakes a handler waiting for its next request so it can close (server shutdown). */
  interruptIdle(): void {
    this.#timing.interruptIdle();
  }

  /** True while waiting for a request head with no byte of it received yet. */
  get isIdle(): boolean {
    return this.#timing.isIdle;
  }

  async handle(): Promise<void> {
    this.closeConnection = true;
    await this.handleOneRequest();
    while (!this.closeConnection && !this.server.shuttingDown) await this.handleOneRequest();
  }

  async handleOneRequest(): Promise<void> {
    this.#resetRequestState();
    const wait = await this.#timing.waitForHead(this.#requestIndex > 1, this.#headParse());
    if (wait.kind === 'eof' || wait.kind === 'shutdown') {
      this.closeConnection = true;
      return;
    }
    if (wait.kind === 'timeout') {
      this.closeConnection = true;
      if (wait.partial) {
        this.#recorder.begin(Date.now());
        const response = protocolErrorResponse('head-timeout', '', this.server.limits);
        await this.sendError(response.status, response.message, response.explain).catch(
          () => undefined,
        );
        this.#emitRecord();
      }
      return;
    }
    this.#recorder.begin(Date.now());
    this.#parsed = wait;
    try {
      if (!(await this.parseRequest())) return;
      if (!(await this.admitRequest())) return;
      const method = (this as unknown as Record<string, unknown>)[`do_${this.command}`];
      if (typeof method !== 'function') {
        await this.sendError(501, `Unsupported method (${pyReprLite(this.command)})`);
        return;
      }
      await (method as () => unknown).call(this);
      await this.#finishBody();
      // A closing connection ends in finish() without waiting for a drain first.
      if (!this.closeConnection) await this.wfile.flush();
    } catch (err) {
      await this.#handleFailure(err);
    } finally {
      this.#emitRecord();
    }
  }

  /**
   * Parses the request head read by `handleOneRequest` into `requestline`, `command`,
   * `path`, `requestVersion` and `headers`. On failure the error response is already sent.
   */
  async parseRequest(): Promise<boolean> {
    const parsed = this.#parsed;
    if (parsed === null || parsed.kind === 'partial') return false;
    this.command = '';
    this.requestVersion = 'HTTP/1.0'; // a real status line on errors (3.11 sent a bare page)
    this.closeConnection = true;
    if (parsed.kind === 'error') {
      const line = parsed.line;
      this.requestline = this.rawRequestline = line.raw;
      this.command = line.method ?? '';
      this.path = line.target ?? '';
      if (parsed.error === 'request-line-too-long') this.requestVersion = '';
      const response = protocolErrorResponse(parsed.error, parsed.detail, this.server.limits);
      if (response.closeWithLog !== undefined) this.logError('%s', response.closeWithLog);
      else await this.sendError(response.status, response.message, response.explain);
      return false;
    }
    const head: RequestHead = parsed.head;
    this.rfile.skip(parsed.consumed);
    this.requestline = this.rawRequestline = head.raw;
    this.command = head.method;
    // server.py: a two-word request (`GET /path`) keeps `default_request_version`, so a
    // subclass that sets it to 'HTTP/1.1' answers such requests with a status line.
    this.requestVersion = head.version === 'HTTP/0.9' ? this.defaultRequestVersion : head.version;
    this.path = head.target;
    // gh-87389: '//path' would be read by browsers as a network-path reference (open redirect).
    if (this.path.startsWith('//')) this.path = '/' + this.path.replace(/^\/+/, '');
    this.headers = new this.MessageClass(head.headers);
    this.#recorder.requestHeaders = head.headers;
    this.#bodyStart = this.rfile.consumed;
    this.#bodyLength = head.contentLength;
    if (head.contentLength > 0) this.rfile.tap = this.#recorder.captureRequest(head.contentLength);
    if (head.version === 'HTTP/0.9') return true;

    const [major, minor] = head.versionNumber;
    const http11 = major > 1 || (major === 1 && minor >= 1);
    if (http11 && this.protocolVersion >= 'HTTP/1.1') this.closeConnection = false;
    // RFC 9110 §7.6.1: Connection is a list of options ("Keep-Alive, TE").
    const options = connectionOptions(this.headers.getAll('Connection'));
    this.#askedKeepAlive = options.includes('keep-alive');
    if (options.includes('close')) this.closeConnection = true;
    else if (this.#askedKeepAlive && this.protocolVersion >= 'HTTP/1.1') {
      this.closeConnection = false;
    }
    if (this.protocolVersion >= 'HTTP/1.1' && this.requestVersion >= 'HTTP/1.1') {
      const expectations = expectationsOf(this.headers.getAll('Expect'));
      // RFC 9110 §10.1.1: 100-continue is the only expectation defined; a server MAY answer
      // any other with 417 (Python ignores it, and the client waits for a 100 that never comes).
      if (expectations.some((member) => member !== '100-continue')) {
        await this.sendError(417);
        return false;
      }
      if (expectations.length > 0 && !(await this.handleExpect100())) return false;
    }
    return true;
  }

  /**
   * Checks made between parsing and the method handler; on refusal the error is sent and
   * false returned. The Host check guards against DNS rebinding (docs/architecture.md
   * § Engine: Host check); RFC 9112 §3.2: a request with more than one Host field gets 400.
   */
  async admitRequest(): Promise<boolean> {
    const hosts = this.headers.getAll('Host');
    if (hosts.length > 1) {
      await this.sendError(400, 'Bad request', 'A request may carry only one Host field.');
      return false;
    }
    const policy = this.server.hostPolicy;
    if (policy && !isHostAllowed(hosts[0], policy)) {
      const name = refusedHostName(hosts[0] ?? '');
      this.logError(
        'Refused Host %s (DNS rebinding protection); to serve it: --allowed-host %s',
        name,
        name,
      );
      await this.sendError(
        403,
        `Host not allowed: ${name}`,
        `This server does not answer to the name "${name}" (protection against DNS ` +
          `rebinding). To serve it, allow the name: httpdesk --allowed-host ${name}, or ` +
          `add it to "Allowed host names" in HTTP Desk's settings.`,
      );
      return false;
    }
    const preflight = preflightHeaders(this.command, this.headers, this.responseHeaders);
    if (preflight) {
      this.sendResponse(204);
      for (const [name, value] of preflight) this.sendHeader(name, value);
      await this.endHeaders();
      return false;
    }
    return this.basicAuth ? this.#checkCredentials(this.basicAuth) : true;
  }

  /** RFC 7617: 401 with the challenge unless the credentials match; the password is never logged. */
  async #checkCredentials(auth: BasicAuth): Promise<boolean> {
    const client = this.clientAddress[0];
    // The log and the inspector show who asked, never the credentials themselves.
    this.#recorder.requestHeaders = redactCredentialFields(this.#recorder.requestHeaders);
    const wait = auth.answerDelay(client);
    if (wait === null) {
      // Too many answers already waiting: refused unchecked, so a guess here learns nothing.
      this.#oneOffHeaders = [['Retry-After', String(Math.ceil(auth.delayMs / 1000))]];
      await this.sendError(429, 'Too Many Requests', 'Too many failed passwords; wait a minute.');
      return false;
    }
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const authorization = this.headers.get('Authorization');
    const outcome = auth.check(authorization);
    if (outcome.ok) {
      this.authUser = outcome.user;
      return true;
    }
    // A request without credentials is a browser asking for the first time, not a guess.
    if (authorization !== undefined) {
      const failures = auth.recordFailure(client);
      this.logError(
        'Authentication failed for user %r (%d in the last minute)',
        outcome.user ?? '',
        failures,
      );
    }
    this.#oneOffHeaders = [['WWW-Authenticate', BASIC_CHALLENGE]];
    await this.sendError(401, 'Unauthorized', 'This folder needs a user name and password.');
    return false;
  }

  /** Answers `Expect: 100-continue`; override to send 417 and return false instead. */
  async handleExpect100(): Promise<boolean> {
    this.sendResponseOnly(100);
    await this.endHeaders();
    return true;
  }

  /** Sends and logs a complete error reply (server.py `send_error`). */
  async sendError(code: number, message?: string, explain?: string): Promise<void> {
    const [shortmsg, longmsg] = this.responses[code] ?? ['???', '???'];
    const msg = message ?? shortmsg;
    const expl = explain ?? longmsg;
    this.logError('code %d, message %s', code, msg);
    if (this.#recorder.headSent) {
      // An error response is written only if no response byte went out yet (server.py cannot
      // tell; a second status line mid-body would corrupt the response).
      this.closeConnection = true;
      return;
    }
    this.sendResponse(code, msg);
    this.sendHeader('Connection', 'close');
    const body = this.errorPage(code, msg, expl);
    if (body) {
      this.sendHeader('Content-Type', this.errorContentType);
      this.sendHeader('Content-Length', String(body.length));
    }
    const headersWritten = this.endHeaders();
    if (this.command !== 'HEAD' && body) await this.wfile.write(body);
    await headersWritten;
  }

  /**
   * The page `sendError` sends (`errorMessageFormat` filled in), or null for a code without
   * content: RFC 9112 §6.3: none for 1xx, 204, 304; RFC 9110 §15.3.6: none for 205.
   */
  errorPage(code: number, message: string, explain: string): Buffer | null {
    if (code < 200 || code === 204 || code === 205 || code === 304) return null;
    const content = formatNamed(this.errorMessageFormat, {
      code,
      message: escapeHtml(message),
      explain: escapeHtml(explain),
    });
    return Buffer.from(content, 'utf8');
  }

  /** Buffers the status line plus `Server` and `Date`, and logs the request. */
  sendResponse(code: number, message?: string): void {
    this.logRequest(code);
    this.sendResponseOnly(code, message);
    this.sendHeader('Server', this.versionString());
    this.sendHeader('Date', this.dateTimeString());
  }

  /** Buffers the status line only (used for `100 Continue`). */
  sendResponseOnly(code: number, message?: string): void {
    if (this.requestVersion === 'HTTP/0.9') return;
    const text = message ?? this.responses[code]?.[0] ?? '';
    const statusLine = `${this.protocolVersion} ${code} ${text}`;
    if (UNSAFE_VALUE.test(statusLine))
      throw new TypeError('Invalid status message: contains CR, LF or NUL');
    this.#headersBuffer.push(`${statusLine}\r\n`);
    this.#finalHeadWithoutConnection = code >= 200;
    if (code >= 200) {
      this.#finalStatusBuffered = true;
      this.#headNames = new Set();
    }
    if (code >= 200) this.#recorder.status(code, statusLine);
  }

  /** Buffers one header line. Refuses CR/LF/NUL and non-token names (header injection). */
  sendHeader(keyword: string, value: string | number): void {
    const text = String(value);
    if (!TOKEN.test(keyword))
      throw new TypeError(`Invalid header name: ${JSON.stringify(keyword)}`);
    if (UNSAFE_VALUE.test(text)) {
      throw new TypeError(
        `Invalid value for header ${keyword}: contains CR, LF, NUL or non-latin-1`,
      );
    }
    const lower = keyword.toLowerCase();
    if (this.requestVersion !== 'HTTP/0.9') {
      this.#headersBuffer.push(`${keyword}: ${text}\r\n`);
      this.#recorder.header(keyword, text);
      this.#headNames.add(lower);
    }
    if (lower === 'connection') {
      this.#finalHeadWithoutConnection = false;
      const v = text.toLowerCase();
      if (v === 'close') this.closeConnection = true;
      else if (v === 'keep-alive') this.closeConnection = false;
    }
  }

  /** Adds the blank line and writes the head. */
  endHeaders(): Promise<void> {
    if (this.requestVersion === 'HTTP/0.9') return Promise.resolve();
    this.addResponseHeaders();
    const announce = this.#connectionToAnnounce;
    if (announce !== null) {
      this.#headersBuffer.push(`Connection: ${announce}\r\n`);
      this.#recorder.header('Connection', announce);
    }
    this.#finalHeadWithoutConnection = false;
    this.#headersBuffer.push('\r\n');
    return this.flushHeaders();
  }

  /** Buffers the configured `responseHeaders` the final head being built does not have. */
  addResponseHeaders(): void {
    if (!this.#finalStatusBuffered) return;
    this.#finalStatusBuffered = false;
    for (const [name, value] of this.#oneOffHeaders.splice(0)) this.sendHeader(name, value);
    for (const [name, value] of this.responseHeaders) {
      if (!this.#headNames.has(name.toLowerCase())) this.sendHeader(name, value);
    }
  }

  /** Writes the buffered head lines in one write. */
  flushHeaders(): Promise<void> {
    if (this.#headersBuffer.length === 0) return Promise.resolve();
    const head = this.#headersBuffer.join('');
    this.#headersBuffer = [];
    // An interim 100 is not the response: the final status must still follow it (send_error
    // after handle_expect_100 answers, as in Python).
    if (this.#recorder.finalStatus !== null) this.#recorder.headSent = true;
    const before = this.wfile.bytesWritten;
    // The head is in the record already: a body capture sees only what follows it.
    const tap = this.wfile.tap;
    this.wfile.tap = null;
    const written = this.wfile.write(head);
    this.wfile.tap = tap;
    this.#recorder.headBytes += this.wfile.bytesWritten - before;
    return written;
  }

  logRequest(code: number | string = '-', size: number | string = '-'): void {
    this.logMessage('"%s" %s %s', this.requestline, String(code), String(size));
  }

  logError(format: string, ...args: unknown[]): void {
    this.#logLevel = 'error';
    try {
      this.logMessage(format, ...args);
    } finally {
      this.#logLevel = 'info';
    }
  }

  /** Formats like Python's `format % args`, scrubs control characters (capped as the sink asks), hands it to the sink. */
  logMessage(format: string, ...args: unknown[]): void {
    const sink = this.server.logSink;
    sink.message({
      time: Date.now(),
      client: this.addressString(),
      clientPort: this.clientAddress[1],
      connectionId: this.connectionId,
      level: this.#logLevel,
      text: scrubAndCap(percentFormat(format, args), sink.maxMessageChars ?? Infinity),
      ...(this.authUser !== undefined ? { user: scrubAndCap(this.authUser, 256) } : {}),
    });
  }

  versionString(): string {
    return `${this.serverVersion} ${this.sysVersion}`;
  }

  /** `timestamp` in seconds since the epoch, like Python's `time.time()`. */
  dateTimeString(timestamp?: number): string {
    return formatHttpDate(timestamp);
  }

  logDateTimeString(): string {
    return formatLogDate(Date.now(), this.monthname);
  }

  addressString(): string {
    return this.clientAddress[0];
  }

  // ---------------------------------------------------------------- internals

  #resetRequestState(): void {
    this.#headersBuffer = [];
    this.#parsed = null;
    this.#bodyLength = 0;
    this.#bodyStart = this.rfile.consumed;
    this.requestline = '';
    this.rawRequestline = '';
    this.command = '';
    this.path = '';
    this.requestVersion = '';
    this.headers = new HTTPMessage();
    this.#requestIndex++;
    this.#bytesAtStart = this.wfile.bytesWritten;
    this.#finalHeadWithoutConnection = false;
    this.#finalStatusBuffered = false;
    this.#oneOffHeaders = [];
    this.authUser = undefined;
    this.#askedKeepAlive = false;
    this.#recorder = new RequestRecorder();
    // The app's inspector asks for bodies (docs/architecture.md § Engine: body capture).
    const sink = this.server.logSink;
    this.rfile.tap = null;
    this.wfile.tap =
      sink.captureBodies === true && sink.request ? this.#recorder.captureResponse() : null;
  }

  /**
   * The `Connection` header endHeaders adds to a final head that has none, or null:
   * - `close` when the server will close a connection the client expects to persist (an
   *   HTTP/1.1 exchange, or an explicit `Connection: keep-alive`). RFC 9112 §9.6: a server
   *   that closes SHOULD say so; otherwise the client writes its next request into a closing
   *   socket (wget then waits a second to retry; wrk counts an error). Python omits it.
   * - `keep-alive` when an HTTP/1.0 connection stays open: RFC 9112 §9.3, an HTTP/1.0 client
   *   assumes the close unless told (ab -k otherwise waits for the idle timeout).
   */
  get #connectionToAnnounce(): 'close' | 'keep-alive' | null {
    if (!this.#finalHeadWithoutConnection) return null;
    const http11 = this.protocolVersion >= 'HTTP/1.1' && this.requestVersion >= 'HTTP/1.1';
    if (this.closeConnection) return http11 || this.#askedKeepAlive ? 'close' : null;
    return http11 ? null : 'keep-alive';
  }

  /** Bytes of the current request body no one has read yet. */
  get unreadBodyBytes(): number {
    return Math.max(0, this.#bodyLength - (this.rfile.consumed - this.#bodyStart));
  }

  /**
   * The head parser for one wait: each call resumes where the last one stopped, so a client
   * that trickles a big head byte by byte costs each byte once, not a parse per read.
   */
  #headParse(): HeadParse {
    const limits = this.server.limits;
    const options = this.server.parserOptions;
    let progress = NO_PROGRESS;
    return (buffered) => {
      const result = parseRequestHead(buffered, limits, options, progress);
      if (result.kind === 'partial') progress = result.progress;
      return result;
    };
  }

  /**
   * A body no handler read (a GET with Content-Length, a POST to a handler that ignored it)
   * must not be parsed as the next request: drain it up to a bound, else close.
   */
  async #finishBody(): Promise<void> {
    if (this.closeConnection) return;
    if (!(await this.#timing.drainBody(this.unreadBodyBytes))) this.closeConnection = true;
  }

  async #handleFailure(err: unknown): Promise<void> {
    this.closeConnection = true;
    if (err instanceof ConnectionClosedError) {
      this.logError('Connection closed: %s', err.message);
      return;
    }
    const detail = errorMessage(err);
    this.logError('Error handling request: %s', detail);
    if (!this.#recorder.headSent && !this.request.destroyed) {
      // A status line and headers buffered before the failure were never sent: drop them,
      // or the 500 would go out after a stale "200 OK" head.
      this.#headersBuffer = [];
      await this.sendError(500, undefined, undefined).catch(() => undefined);
    }
    // Otherwise the head already went out: what was written is flushed and the connection
    // ends (finish()), so the client sees a short body, as with Python. Destroying here would
    // drop bytes the handler had written.
  }

  /**
   * The CGI handler's script outcome, for this request's log record; `headBytes`: the length
   * of the script's header block, which a captured body leaves out (the head shows it).
   */
  protected recordScript(outcome: ScriptOutcome, headBytes = 0): void {
    this.#recorder.script = outcome;
    this.#recorder.scriptHeadBytes = headBytes;
  }

  #emitRecord(): void {
    const sink = this.server.logSink;
    if (!sink.request || !this.#recorder.began) return;
    const tlsVersion = tlsVersionOf(this.request);
    const recorder = this.#recorder;
    const bodies = recorder.capturing
      ? recorder.bodies(this.rfile.peek().subarray(0, this.unreadBodyBytes))
      : undefined;
    sink.request(
      {
        ...this.#recorder.finish({
          client: this.addressString(),
          clientPort: this.clientAddress[1],
          connectionId: this.connectionId,
          requestIndex: this.#requestIndex,
          requestLine: this.requestline,
          method: this.command,
          path: this.path,
          requestVersion: this.requestVersion,
          bytesWritten: this.wfile.bytesWritten - this.#bytesAtStart,
          keptAlive: !this.closeConnection && !this.server.shuttingDown && !this.request.destroyed,
        }),
        ...(tlsVersion ? { tlsVersion } : {}),
      },
      bodies,
    );
  }
}

/** The options of every `Connection` field, lower-cased (RFC 9110 §7.6.1). */
function connectionOptions(fields: string[]): string[] {
  return fields.flatMap((field) => field.split(',')).map((o) => o.trim().toLowerCase());
}

/** 'TLSv1.3' … for a connection that came over HTTPS (https-server.ts), else null. */
function tlsVersionOf(socket: Socket): string | null {
  return 'getProtocol' in socket && typeof socket.getProtocol === 'function'
    ? ((socket as TLSSocket).getProtocol() ?? null)
    : null;
}

/** The members of every `Expect` field, lower-cased (RFC 9110 §10.1.1, a list). */
function expectationsOf(fields: string[]): string[] {
  return fields
    .flatMap((field) => field.split(','))
    .map((member) => member.trim().toLowerCase())
    .filter((member) => member !== '');
}

/** repr() for the 501 message without importing the whole formatter twice. */
function pyReprLite(text: string): string {
  return percentFormat('%r', [text]);
}
