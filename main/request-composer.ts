/**
 * "Try a request": sends raw requests the person typed to the selected server, over a real
 * TCP connection from main, and reads each response as it arrived (docs/architecture.md §
 * IPC contract: the renderer asks, main checks). Nothing else can be targeted: the address
 * must be the running server's own port, on loopback or the address it listens on, and
 * request size, response size and time are all bounded.
 */
import net from 'node:net';
import tls from 'node:tls';
import { BODY_VIEW_BYTES, bodyView } from '../shared/body-view.js';
import type { ComposedExchange, ComposerPayload, Result, ServerState } from '../shared/ipc.js';
import { isServerId } from '../shared/settings.js';
import { isRecord } from '../shared/values.js';

/** Requests in one send, and bytes in each. */
export const COMPOSER_MAX_REQUESTS = 8;
export const COMPOSER_MAX_REQUEST_BYTES = 64 * 1024;
/** A response head larger than this is cut off (the server's own limit is far lower). */
const MAX_RESPONSE_HEAD_BYTES = 64 * 1024;
/** Body bytes read per response at most; the rest is not waited for. */
export const COMPOSER_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** Each request gets this long for its whole response. */
export const COMPOSER_TIMEOUT_MS = 10_000;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Checks the payload's shape; a string says why it is not one (a buggy or hijacked renderer). */
export function parsePayload(raw: unknown): ComposerPayload | string {
  if (!isRecord(raw)) return 'The request must be an object.';
  const { serverId, host, port, requests, sameConnection } = raw;
  if (!isServerId(serverId)) return 'Unknown server.';
  if (typeof host !== 'string' || host.length > 255) return 'The address is not valid.';
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return 'The port is not valid.';
  }
  if (typeof sameConnection !== 'boolean') return 'sameConnection must be true or false.';
  if (!Array.isArray(requests) || requests.length === 0) return 'There is no request to send.';
  if (requests.length > COMPOSER_MAX_REQUESTS) {
    return `At most ${COMPOSER_MAX_REQUESTS} requests can be sent at once.`;
  }
  for (const request of requests) {
    if (typeof request !== 'string') return 'Each request must be text.';
    if (Buffer.byteLength(request) > COMPOSER_MAX_REQUEST_BYTES) {
      return `A request is larger than ${COMPOSER_MAX_REQUEST_BYTES / 1024} KiB.`;
    }
  }
  return { serverId, host, port, requests: requests as string[], sameConnection };
}

/**
 * The composer may reach only the selected server: running, on its own port, at a loopback
 * address or the one address it is bound to. Returns why not, or null.
 */
export function refuseTarget(payload: ComposerPayload, servers: ServerState[]): string | null {
  const server = servers.find((s) => s.id === payload.serverId);
  if (server === undefined || server.status !== 'running' || server.boundPort === undefined) {
    return 'That server is not running: start it first.';
  }
  if (payload.port !== server.boundPort) {
    return `Only this server's own port (${server.boundPort}) can be tried here.`;
  }
  const host = payload.host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (LOOPBACK.has(host) || host === server.boundAddress) return null;
  return `Only this server can be tried here: ${payload.host} is not one of its addresses.`;
}

/** Bytes as they arrive on one connection, read by the response parser. */
class Wire {
  #chunks: Buffer[] = [];
  #buffered = 0;
  #waiter: (() => void) | null = null;
  ended = false;
  error: Error | null = null;

  constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
      this.#wake();
    });
    socket.on('end', () => {
      this.ended = true;
      this.#wake();
    });
    socket.on('error', (error) => {
      this.error = error;
      this.ended = true;
      this.#wake();
    });
    socket.on('close', () => {
      this.ended = true;
      this.#wake();
    });
  }

  #wake(): void {
    const waiter = this.#waiter;
    this.#waiter = null;
    waiter?.();
  }

  /** Resolves when new bytes arrived or the connection ended. */
  #more(): Promise<void> {
    return new Promise((resolve) => (this.#waiter = resolve));
  }

  /** Everything buffered, taken off the wire; waits for some if there is none. */
  async take(): Promise<Buffer | null> {
    while (this.#buffered === 0) {
      if (this.ended) return null;
      await this.#more();
    }
    const all = Buffer.concat(this.#chunks);
    this.#chunks = [];
    this.#buffered = 0;
    return all;
  }

  /** Puts bytes that belong to the next response back in front. */
  unshift(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.#chunks.unshift(bytes);
    this.#buffered += bytes.length;
  }
}

interface ParsedHead {
  text: string;
  status: number;
  contentLength: number | null;
}

function parseHead(text: string): ParsedHead {
  const [statusLine = '', ...fields] = text.split('\r\n');
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(statusLine)?.[1] ?? 0);
  let contentLength: number | null = null;
  for (const field of fields) {
    const match = /^content-length:\s*(\d+)\s*$/i.exec(field);
    if (match) contentLength = Number(match[1]);
  }
  return { text, status, contentLength };
}

/** Reads one head (up to the blank line); null if the connection ended first. */
async function readHead(wire: Wire): Promise<ParsedHead | null> {
  let pending: Buffer = Buffer.alloc(0);
  for (;;) {
    const end = pending.indexOf('\r\n\r\n');
    if (end !== -1) {
      wire.unshift(pending.subarray(end + 4));
      return parseHead(pending.toString('latin1', 0, end));
    }
    if (pending.length > MAX_RESPONSE_HEAD_BYTES) return parseHead(pending.toString('latin1'));
    const chunk = await wire.take();
    if (chunk === null) {
      // No status line at all (HTTP/0.9) or a cut head: show what came.
      return pending.length === 0
        ? null
        : { text: pending.toString('latin1'), status: 0, contentLength: null };
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
  }
}

/**
 * Reads a body of `length` bytes (null: until the connection ends), keeping the first
 * 64 KiB. `total` is the body's size: what was read, or the announced length when the read
 * stopped at COMPOSER_MAX_RESPONSE_BYTES.
 */
async function readBody(
  wire: Wire,
  length: number | null,
): Promise<{ shown: Buffer; total: number }> {
  const keep: Buffer[] = [];
  let kept = 0;
  let read = 0;
  const wanted = Math.min(length ?? Infinity, COMPOSER_MAX_RESPONSE_BYTES);
  while (read < wanted) {
    const chunk = await wire.take();
    if (chunk === null) return { shown: Buffer.concat(keep), total: read };
    const use = Math.min(chunk.length, wanted - read);
    wire.unshift(chunk.subarray(use));
    if (kept < BODY_VIEW_BYTES) {
      const part = chunk.subarray(0, Math.min(use, BODY_VIEW_BYTES - kept));
      keep.push(part);
      kept += part.length;
    }
    read += use;
  }
  return { shown: Buffer.concat(keep), total: length ?? read };
}

function methodOf(request: string): string {
  return request.slice(0, request.indexOf(' ')).toUpperCase();
}

/** Sends one request on `wire` and reads its response (interim 1xx heads included). */
async function exchange(wire: Wire, request: string): Promise<ComposedExchange> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  if (wire.ended) {
    return failed(request, 'Not sent: the server had already closed this connection.', 0);
  }
  wire.socket.write(request, 'latin1');
  const heads: string[] = [];
  for (;;) {
    const head = await readHead(wire);
    if (head === null) {
      const why = heads.length
        ? 'The connection ended after an interim response.'
        : 'No response: the server closed the connection without answering.';
      return failed(request, why, elapsed(), heads.join('\r\n\r\n'));
    }
    heads.push(head.text);
    if (head.status >= 100 && head.status < 200) continue;
    const noBody =
      methodOf(request) === 'HEAD' ||
      head.status === 204 ||
      head.status === 304 ||
      head.status === 0;
    const length = noBody && head.status !== 0 ? 0 : head.status === 0 ? null : head.contentLength;
    const body = await readBody(wire, length);
    return {
      sent: request,
      responseHead: heads.join('\r\n\r\n'),
      body: bodyView(body.shown, body.total),
      bodyBytes: body.total,
      ms: elapsed(),
      closedAfter: wire.ended,
    };
  }
}

function failed(sent: string, error: string, ms: number, responseHead = ''): ComposedExchange {
  return {
    sent,
    responseHead,
    body: bodyView(new Uint8Array(0), 0),
    bodyBytes: 0,
    ms,
    closedAfter: true,
    error,
  };
}

/**
 * A plain connection, or over HTTPS a TLS one that accepts exactly the certificate the
 * server presents (its SHA-256 fingerprint): a self-signed certificate for this computer
 * cannot be checked against a CA, and pinning it refuses anything else on that port.
 */
function connect(host: string, port: number, fingerprint: string | undefined): Promise<Wire> {
  const address = host === 'localhost' ? '127.0.0.1' : host;
  return new Promise((resolve, reject) => {
    if (fingerprint === undefined) {
      const socket = net.connect({ host: address, port });
      socket.once('connect', () => resolve(new Wire(socket)));
      socket.once('error', reject);
      return;
    }
    const socket = tls.connect({
      host: address,
      port,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    socket.once('secureConnect', () => {
      if (socket.getPeerCertificate().fingerprint256 === fingerprint) {
        resolve(new Wire(socket));
        return;
      }
      socket.destroy();
      reject(new Error("the certificate on that port is not this server's"));
    });
    socket.once('error', reject);
  });
}

async function withTimeout<T>(work: Promise<T>, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), COMPOSER_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends every request (on one connection, or one each) and answers what came back; over
 * TLS when the server runs HTTPS (`fingerprint` is its certificate's).
 */
export async function sendComposed(
  payload: ComposerPayload,
  fingerprint?: string,
): Promise<ComposedExchange[]> {
  const results: ComposedExchange[] = [];
  let wire: Wire | null = null;
  try {
    for (const request of payload.requests) {
      if (wire === null || !payload.sameConnection) {
        wire?.socket.destroy();
        wire = await connect(payload.host, payload.port, fingerprint);
      }
      const current: Wire = wire;
      results.push(
        await withTimeout(exchange(current, request), () => {
          current.socket.destroy();
          return failed(
            request,
            `No complete response within ${COMPOSER_TIMEOUT_MS / 1000} s.`,
            COMPOSER_TIMEOUT_MS,
          );
        }),
      );
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    results.push(failed(payload.requests[results.length] ?? '', `Could not connect: ${why}`, 0));
  } finally {
    wire?.socket.destroy();
  }
  return results;
}

/** The IPC entry: validate again in main, check the target, send. */
export function createComposer(listServers: () => ServerState[]) {
  return async (raw: unknown): Promise<Result<ComposedExchange[]>> => {
    const payload = parsePayload(raw);
    if (typeof payload === 'string') return { ok: false, error: payload };
    const servers = listServers();
    const refused = refuseTarget(payload, servers);
    if (refused !== null) return { ok: false, error: refused };
    const certificate = servers.find((s) => s.id === payload.serverId)?.certificate;
    return { ok: true, value: await sendComposed(payload, certificate?.fingerprint) };
  };
}
