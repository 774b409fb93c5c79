/**
 * Every limit and timeout of the engine, named with its unit and where it comes from.
 * A server takes `Partial<ServerLimits>` in its options; README "Security" lists the defaults.
 */

/** server.py: `rfile.readline(65537)`; a longer request line → 414. Bytes, CRLF included. */
export const MAX_REQUEST_LINE = 65_536;
/** http.client `_MAXLINE`: a longer header line → 431 "Line too long". Bytes. */
export const MAX_HEADER_LINE = 65_536;
/** http.client `_MAXHEADERS`: more header fields → 431 "Too many headers". */
export const MAX_HEADERS = 100;

export interface ServerLimits {
  /** Request line, CRLF included (→ 414). */
  maxRequestLineBytes: number;
  /** One header field line (→ 431). */
  maxHeaderLineBytes: number;
  /** Header field count (→ 431). */
  maxHeaders: number;
  /**
   * The whole request head (→ 431). Python has none beyond 100 × 64 KiB; we cap it so one
   * connection cannot make the server buffer 6.5 MB.
   */
  maxHeadBytes: number;
  /** From a connection's first byte (or its acceptance) to a complete head (slowloris → 408). */
  requestHeadTimeoutMs: number;
  /** A kept-alive connection may wait this long for its next request, then is closed. */
  keepAliveTimeoutMs: number;
  /** A client that reads nothing for this long while we have bytes queued is dropped. */
  writeStallTimeoutMs: number;
  /**
   * Open connections at once. At the cap the connection idle longest (waiting for a first byte
   * or its next keep-alive request) is closed to admit the new one; a new connection is
   * refused only when every open one is mid-request.
   */
  maxConnections: number;
  /** A request body no handler read (e.g. on GET) is drained up to this, else the connection closes. */
  maxDrainBodyBytes: number;
  /** `shutdown()` lets in-flight responses finish for this long, then closes the rest. */
  shutdownGraceMs: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = {
  maxRequestLineBytes: MAX_REQUEST_LINE,
  maxHeaderLineBytes: MAX_HEADER_LINE,
  maxHeaders: MAX_HEADERS,
  maxHeadBytes: 256 * 1024,
  requestHeadTimeoutMs: 20_000,
  keepAliveTimeoutMs: 15_000,
  writeStallTimeoutMs: 30_000,
  maxConnections: 1_024,
  maxDrainBodyBytes: 1024 * 1024,
  shutdownGraceMs: 5_000,
};

/** Leniencies of Python's parser the port keeps, each a named option with its risk. */
export interface ParserOptions {
  /**
   * Accept `GET /path` (HTTP/0.9, no headers, no status line in the reply) as server.py does.
   * Risk: a 0.9 reply has no framing, so a client cannot tell an error page from content.
   */
  acceptHttp09: boolean;
  /**
   * Accept a bare LF as a line end (RFC 9112 §2.2 allows it). Risk: a proxy in front that
   * only splits on CRLF could see a different message (request smuggling).
   */
  acceptBareLf: boolean;
}

export const DEFAULT_PARSER_OPTIONS: Readonly<ParserOptions> = {
  acceptHttp09: true,
  acceptBareLf: true,
};
