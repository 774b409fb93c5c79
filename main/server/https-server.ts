/**
 * `HTTPSServer` and `ThreadingHTTPSServer`, shaped like Python 3.14's (`certfile`, `keyfile`,
 * `password`, `alpn_protocols` defaulting to `['http/1.1']`); handlers do not change
 * (docs/architecture.md § Engine: HTTPS).
 *
 * Each connection's first byte decides: 0x16 (a TLS handshake record, RFC 8446 §5.1) → TLS;
 * anything else is someone who typed http:// for an https:// server, answered at once over
 * plain HTTP with a 400 page that says to use https:// (as nginx's 497 does), never a hang.
 */
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import type { RequestHandlerClass } from './base-handler.js';
import { HTTPServer, type ServerAddress, type ServerOptions } from './http-server.js';

export interface HTTPSOptions extends ServerOptions {
  /** PEM certificate chain; may also hold the private key (then `keyfile` may be omitted). */
  certfile: string;
  /** PEM private key; default: the key in `certfile`. */
  keyfile?: string;
  /** Passphrase of an encrypted key. */
  password?: string;
  /** ALPN protocols offered; default `['http/1.1']` (Python 3.14's default). */
  alpnProtocols?: string[];
}

const TLS_HANDSHAKE = 0x16;

/** Builds the TLS context: TLS 1.2 at least. Throws Node's error for a bad file, key or password. */
export function createTlsContext(options: HTTPSOptions): tls.SecureContext {
  const cert = readFileSync(options.certfile);
  const key = options.keyfile === undefined ? cert : readFileSync(options.keyfile);
  return tls.createSecureContext({
    cert,
    key,
    ...(options.password !== undefined ? { passphrase: options.password } : {}),
    minVersion: 'TLSv1.2',
  });
}

const PLAIN_HTTP_PAGE = Buffer.from(
  '<!DOCTYPE HTML>\n<html lang="en">\n<head><meta charset="utf-8">\n' +
    '<title>Error response</title>\n</head>\n<body>\n<h1>Error response</h1>\n' +
    '<p>Error code: 400</p>\n<p>Message: This port speaks HTTPS.</p>\n' +
    '<p>Error code explanation: The request was sent as plain HTTP to an HTTPS server. ' +
    'Use the same address with https:// instead of http://.</p>\n</body>\n</html>\n',
);

/** `HTTPSServer`: one connection at a time, over TLS. */
export class HTTPSServer extends HTTPServer {
  readonly secureContext: tls.SecureContext;
  readonly alpnProtocols: string[];

  constructor(
    serverAddress: ServerAddress,
    RequestHandlerClass: RequestHandlerClass,
    options: HTTPSOptions,
  ) {
    // Load the certificate before binding, as Python's constructor does: a bad file or
    // password fails here and no port is taken.
    const secureContext = createTlsContext(options);
    super(serverAddress, RequestHandlerClass, options);
    this.secureContext = secureContext;
    this.alpnProtocols = options.alpnProtocols ?? ['http/1.1'];
  }

  protected override async prepareSocket(socket: Socket): Promise<Socket | null> {
    const first = await this.#firstBytes(socket);
    if (first === null) return null;
    socket.unshift(first);
    if (first[0] !== TLS_HANDSHAKE) {
      await this.#answerPlainHttp(socket);
      return null;
    }
    const secure = new tls.TLSSocket(socket, {
      isServer: true,
      secureContext: this.secureContext,
      ALPNProtocols: this.alpnProtocols,
    });
    secure.on('error', () => undefined); // a failed handshake is the client's problem
    const ok = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.limits.requestHeadTimeoutMs);
      secure.once('secure', () => {
        clearTimeout(timer);
        resolve(true);
      });
      secure.once('close', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!ok) {
      secure.destroy();
      return null;
    }
    secure.pause(); // the handler resumes it, as with a plain socket
    return secure;
  }

  /** The first chunk the client sends, within the head deadline; null if it sent none. */
  #firstBytes(socket: Socket): Promise<Buffer | null> {
    return new Promise((resolve) => {
      const done = (chunk: Buffer | null) => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('close', onClose);
        socket.pause();
        resolve(chunk);
      };
      const onData = (chunk: Buffer) => done(chunk);
      const onClose = () => done(null);
      const timer = setTimeout(() => done(null), this.limits.requestHeadTimeoutMs);
      socket.on('data', onData);
      socket.once('close', onClose);
      socket.resume();
    });
  }

  /** nginx's 497 idea with a standard status: a 400 page over plain HTTP, then close. */
  async #answerPlainHttp(socket: Socket): Promise<void> {
    this.logSink.message({
      time: Date.now(),
      client: socket.remoteAddress?.replace(/^::ffff:(?=\d+\.)/, '') ?? '-',
      clientPort: socket.remotePort ?? 0,
      connectionId: 0,
      level: 'error',
      text: 'a client sent plain HTTP to this HTTPS port; answered 400 "use https://"',
    });
    const head =
      'HTTP/1.0 400 This port speaks HTTPS\r\nConnection: close\r\n' +
      'Content-Type: text/html;charset=utf-8\r\n' +
      `Content-Length: ${PLAIN_HTTP_PAGE.length}\r\n\r\n`;
    await new Promise<void>((resolve) => {
      socket.end(Buffer.concat([Buffer.from(head, 'latin1'), PLAIN_HTTP_PAGE]), () => resolve());
      socket.once('close', () => resolve());
    });
  }
}

/** `ThreadingHTTPSServer`: connections served concurrently, over TLS. */
export class ThreadingHTTPSServer extends HTTPSServer {
  protected override readonly concurrent: boolean = true;
  static daemonThreads = true;
}
