/**
 * `HTTPServer` and `ThreadingHTTPServer` (socketserver.TCPServer + http.server) on
 * `node:net`.
 *
 * Construction binds and listens (server_bind + server_activate); `ready` settles when
 * that is done, because Node binds asynchronously. `serveForever()` starts handing
 * connections to handlers. `HTTPServer` serves one connection at a time, as Python's does
 * (a browser's pre-opened idle socket holds it up, which is worth being able to show);
 * `ThreadingHTTPServer` serves connections concurrently.
 */
import net, { type Socket } from 'node:net';
import os from 'node:os';
import type { LogSink } from '../../shared/log.js';
import type {
  BaseHTTPRequestHandler,
  ClientAddress,
  HandlerServer,
  RequestHandlerClass,
} from './base-handler.js';
import {
  DEFAULT_LIMITS,
  DEFAULT_PARSER_OPTIONS,
  type ParserOptions,
  type ServerLimits,
} from './limits.js';
import {
  lookupFullyQualifiedName,
  makeHostPolicy,
  withMachineNames,
  type HostPolicy,
} from './host-check.js';
import { stderrLogSink } from './log-sink.js';

export type ServerAddress = [host: string, port: number];

/** At shutdown, how long an idle connection may still deliver a request already sent. */
const IDLE_REQUEST_GRACE_MS = 250;

/** After shutdown's grace, how long to wait for handlers whose sockets were closed. */
const AFTER_CLOSE_WAIT_MS = 1_000;

export interface ServerOptions {
  logSink?: LogSink;
  limits?: Partial<ServerLimits>;
  parserOptions?: Partial<ParserOptions>;
  /**
   * For host '' (all interfaces): accept IPv4 too on the IPv6 socket, as
   * `python -m http.server`'s DualStackServer does. Default true.
   */
  dualStack?: boolean;
  /**
   * Host names served besides IP literals, `localhost`, `*.localhost` and this machine's
   * names (host-check.ts); `['*']` serves any Host, as Python does. Default: none.
   */
  allowedHosts?: readonly string[];
}

interface Connection {
  socket: Socket;
  handler: BaseHTTPRequestHandler | null;
}

/** socket.getfqdn() without a DNS round trip: the names Python usually ends up with. */
function serverNameFor(host: string): string {
  if (host === '' || host === '0.0.0.0' || host === '::') return os.hostname();
  if (host === '127.0.0.1' || host === '::1' || host === 'localhost') return 'localhost';
  return host;
}

export class HTTPServer implements HandlerServer {
  /** false: one connection at a time. ThreadingHTTPServer sets it. */
  protected readonly concurrent: boolean = false;

  readonly serverAddress: ServerAddress;
  readonly RequestHandlerClass: RequestHandlerClass;
  readonly logSink: LogSink;
  readonly limits: ServerLimits;
  readonly parserOptions: ParserOptions;
  /** Which Host values are answered; the rest get 403 (docs/architecture.md § Engine: Host check). */
  hostPolicy: HostPolicy;
  /** Settles once the socket is bound and listening; rejects with Node's listen error. */
  readonly ready: Promise<void>;
  /** The underlying `net.Server` (Python's `self.socket`). */
  readonly socket: net.Server;
  /**
   * Connections are numbered per server, from 1: a fresh server's first connection is
   * connection 1. A log that outlives a restart tells runs apart by their run number
   * (docs/architecture.md § Desktop app: log pipeline), not by ever-growing ids.
   */
  #nextConnectionId = 1;
  serverName = '';
  serverPort = 0;

  #serving = false;
  #shuttingDown = false;
  #closed = false;
  readonly #connections = new Set<Connection>();
  /** Idle connections, longest idle first (a Set iterates in insertion order). */
  readonly #idle = new Set<Connection>();
  readonly #connectionOf = new WeakMap<BaseHTTPRequestHandler, Connection>();
  /** HTTPServer's queue of accepted connections waiting for their turn. */
  readonly #waiting: Connection[] = [];
  #active = 0;
  /** Every running `#process`, so shutdown can await them rather than poll. */
  readonly #inFlight = new Set<Promise<void>>();
  #stopped: (() => void) | null = null;

  constructor(
    serverAddress: ServerAddress,
    RequestHandlerClass: RequestHandlerClass,
    options: ServerOptions = {},
  ) {
    this.serverAddress = serverAddress;
    this.RequestHandlerClass = RequestHandlerClass;
    this.logSink = options.logSink ?? stderrLogSink;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.parserOptions = { ...DEFAULT_PARSER_OPTIONS, ...options.parserOptions };
    this.hostPolicy = makeHostPolicy(options.allowedHosts);
    if (!this.hostPolicy.any) {
      void lookupFullyQualifiedName().then((fqdn) => {
        if (fqdn) this.hostPolicy = withMachineNames(this.hostPolicy, [fqdn]);
      });
    }
    // allowHalfOpen: a client may send its request and then FIN (`nc -N`, scripts); like
    // Python we still answer. Without it Node ends our side as soon as the FIN is read,
    // before the response is written. finish() ends the socket itself.
    this.socket = net.createServer({ pauseOnConnect: true, allowHalfOpen: true }, (socket) =>
      this.#accept(socket),
    );
    this.ready = this.#bind(options.dualStack ?? true);
    this.ready.catch(() => undefined); // observed by whoever awaits it
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Connections open right now (for status displays and tests). */
  get connectionCount(): number {
    return this.#connections.size;
  }

  async #bind(dualStack: boolean): Promise<void> {
    const [host, port] = this.serverAddress;
    try {
      await this.#listen({
        host: host === '' ? '::' : host,
        port,
        ipv6Only: host === '' ? !dualStack : false,
      });
    } catch (err) {
      // No IPv6 on this machine: '' falls back to IPv4's any-address, as Python's
      // _get_best_family does when getaddrinfo offers only AF_INET.
      const code = (err as NodeJS.ErrnoException).code;
      if (host !== '' || (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL')) throw err;
      await this.#listen({ host: '0.0.0.0', port });
    }
    this.serverPort = (this.socket.address() as net.AddressInfo).port;
    this.serverName = serverNameFor(host);
  }

  /** One `listen()` as a promise: resolves once listening, rejects with Node's listen error. */
  #listen(options: net.ListenOptions): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.listen({ ...options, exclusive: true }, () => {
        this.socket.off('error', reject);
        resolve();
      });
    });
  }

  /** Address the socket is bound to, e.g. ['::', 8000] (Python's `socket.getsockname()`). */
  boundAddress(): ServerAddress {
    const address = this.socket.address() as net.AddressInfo | null;
    return address ? [address.address, address.port] : this.serverAddress;
  }

  /** Handles connections until `shutdown()`; resolves after it completes. */
  async serveForever(): Promise<void> {
    if (this.#serving) throw new Error('serveForever() is already running');
    // Marked as serving before the first await, so a shutdown() called right after
    // serveForever() (same tick) stops this loop instead of racing past it.
    this.#serving = true;
    this.#shuttingDown = false;
    const stopped = new Promise<void>((resolve) => {
      this.#stopped = resolve;
    });
    try {
      await this.ready;
    } catch (err) {
      this.#serving = false;
      this.#stopped = null;
      throw err;
    }
    if (!this.#shuttingDown) {
      for (const conn of this.#connections) if (!conn.handler) this.#schedule(conn);
    }
    await stopped;
  }

  #accept(socket: Socket): void {
    if (
      this.#shuttingDown ||
      this.#closed ||
      (this.#connections.size >= this.limits.maxConnections && !this.#closeLongestIdle())
    ) {
      socket.destroy();
      return;
    }
    const conn: Connection = { socket, handler: null };
    this.#connections.add(conn);
    socket.on('error', () => undefined); // reported through the handler's reads and writes
    socket.once('close', () => {
      this.#connections.delete(conn);
      this.#idle.delete(conn);
      const index = this.#waiting.indexOf(conn);
      if (index !== -1) this.#waiting.splice(index, 1);
    });
    if (this.#serving) this.#schedule(conn);
  }

  /** `HandlerServer.connectionIdle`: keeps `#idle` in order of how long each has been idle. */
  connectionIdle(handler: BaseHTTPRequestHandler, idle: boolean): void {
    const conn = this.#connectionOf.get(handler);
    if (conn === undefined) return;
    this.#idle.delete(conn);
    if (idle && !conn.socket.destroyed) this.#idle.add(conn);
  }

  /**
   * At the connection cap, an idle connection (waiting for its first byte or its next
   * keep-alive request) gives way to the new one, longest idle first, so a flood of silent
   * sockets cannot lock honest clients out (RFC 9112 §9.6 lets a server close an idle
   * connection at any time). False when every connection is mid-request: refuse the new one.
   */
  #closeLongestIdle(): boolean {
    const longest = this.#idle.values().next();
    if (longest.done === true) return false;
    const conn = longest.value;
    this.#idle.delete(conn);
    this.#connections.delete(conn); // its slot is free now, not when 'close' fires
    conn.socket.destroy();
    return true;
  }

  #schedule(conn: Connection): void {
    if (this.concurrent || this.#active === 0) this.#start(conn);
    else this.#waiting.push(conn);
  }

  #start(conn: Connection): void {
    const running = this.#process(conn);
    this.#inFlight.add(running);
    void running.finally(() => this.#inFlight.delete(running));
  }

  async #process(conn: Connection): Promise<void> {
    this.#active++;
    try {
      if (!conn.socket.destroyed) await this.finishRequest(conn);
    } catch (err) {
      this.handleError(err, conn.socket);
    } finally {
      this.#active--;
      conn.socket.destroy();
      this.#connections.delete(conn);
      this.#next();
    }
  }

  #next(): void {
    if (this.concurrent || this.#active > 0) return;
    const next = this.#waiting.shift();
    if (next) this.#start(next);
  }

  /**
   * The socket a handler talks to: the accepted one here; HTTPSServer answers plain HTTP
   * itself and hands over the TLS socket (null: nothing left for a handler to do).
   */
  protected prepareSocket(socket: Socket): Promise<Socket | null> {
    return Promise.resolve(socket);
  }

  /** socketserver's `finish_request`: constructs the handler, then runs it. */
  protected async finishRequest(conn: Connection): Promise<void> {
    const socket = await this.prepareSocket(conn.socket);
    if (socket === null) return;
    const clientAddress: ClientAddress = [
      normalizeClientHost(socket.remoteAddress ?? ''),
      socket.remotePort ?? 0,
    ];
    const handler = new this.RequestHandlerClass(
      socket,
      clientAddress,
      this,
      this.#nextConnectionId++,
    );
    conn.handler = handler;
    this.#connectionOf.set(handler, conn);
    socket.resume();
    if (this.#shuttingDown) handler.interruptIdle();
    await handler.run();
  }

  /** socketserver's `handle_error`: a handler failed outside its own error handling. */
  handleError(err: unknown, socket: Socket): void {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    this.logSink.message({
      time: Date.now(),
      client: socket.remoteAddress ?? '-',
      clientPort: socket.remotePort ?? 0,
      connectionId: 0,
      level: 'error',
      text: `Exception occurred during processing of request: ${detail.split('\n')[0]}`,
    });
  }

  /**
   * Stops `serveForever`: no new connections are handled, idle keep-alive connections close,
   * in-flight requests finish within `limits.shutdownGraceMs`, then the rest are closed.
   */
  async shutdown(): Promise<void> {
    this.#shuttingDown = true;
    for (const conn of this.#waiting.splice(0)) conn.socket.destroy();
    for (const conn of this.#connections) if (!conn.handler) conn.socket.destroy();
    const grace = this.limits.shutdownGraceMs;
    // An idle connection may have a request in flight (sent, not read yet): give it a moment
    // to arrive before idle connections are closed, so no accepted request goes unanswered.
    const graceEnds = Date.now() + grace;
    await this.#handlersDone(Math.min(IDLE_REQUEST_GRACE_MS, grace));
    // After shutdown began no handler starts a new idle wait (it closes instead), so one pass
    // wakes every idle one.
    for (const conn of this.#connections) if (conn.handler?.isIdle) conn.handler.interruptIdle();
    await this.#handlersDone(graceEnds - Date.now());
    for (const conn of this.#connections) conn.socket.destroy();
    // Handlers see their sockets closed and return; one stuck on something else (a promise
    // that never settles) is not waited for forever.
    await this.#handlersDone(AFTER_CLOSE_WAIT_MS);
    this.#serving = false;
    const stopped = this.#stopped;
    this.#stopped = null;
    stopped?.();
  }

  /** Resolves when every running handler has returned, or after `ms`, whichever is first. */
  async #handlersDone(ms: number): Promise<void> {
    if (this.#inFlight.size === 0 || ms <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.#inFlight]),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Closes the listening socket: the port is free once this resolves. */
  async serverClose(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.ready.catch(() => undefined);
    for (const conn of this.#connections) conn.socket.destroy();
    if (!this.socket.listening) return;
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  /** `with HTTPServer(...) as httpd:` — shutdown and close in one call. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#serving) await this.shutdown();
    await this.serverClose();
  }
}

/** An IPv4 client on a dual-stack socket appears as ::ffff:a.b.c.d; Python shows a.b.c.d. */
function normalizeClientHost(host: string): string {
  return host.startsWith('::ffff:') && host.includes('.') ? host.slice(7) : host;
}

/** `ThreadingHTTPServer`: each connection is handled concurrently. */
export class ThreadingHTTPServer extends HTTPServer {
  protected override readonly concurrent: boolean = true;
}
