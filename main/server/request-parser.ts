/**
 * The request head parser: a pure function over a Buffer that answers *partial*, *complete*
 * or an error from a closed set (docs/architecture.md § Engine: parsing and errors). It
 * never sees a socket, so every split point can be tested as data.
 *
 * Request-line rules are server.py's `parse_request` (three words, `GET /path` as HTTP/0.9,
 * RFC 2145 version numbers, 2.0+ → 505). Header rules are stricter than Python's email
 * parser where Python is unsafe (RFC 9112 §5: no whitespace before ':', no obs-fold,
 * no bare CR, no controls), and message framing is checked (RFC 9112 §6.3).
 */
import { TOKEN } from '../../shared/http-token.js';
import type { ParserOptions, ServerLimits } from './limits.js';
import type { ProtocolErrorCode } from './protocol-errors.js';

const LF = 0x0a;
const CR = 0x0d;

export interface RequestLine {
  /** The request line as Python keeps it: latin-1 decoded, trailing CR/LF stripped. */
  raw: string;
  method: string;
  /** The request-target as sent (Python's `path` before its `//` reduction). */
  target: string;
  /** 'HTTP/1.1', … or 'HTTP/0.9' for a two-word `GET /path`. */
  version: string;
  /** [major, minor] per RFC 2145 (leading zeros ignored). */
  versionNumber: [number, number];
}

export interface RequestHead extends RequestLine {
  /** Field lines in order, names as sent, values with OWS trimmed. */
  headers: Array<[string, string]>;
  /** The body length from Content-Length, 0 when absent. */
  contentLength: number;
}

export type ParseResult =
  | { kind: 'partial' }
  | { kind: 'complete'; head: RequestHead; consumed: number }
  | {
      kind: 'error';
      error: ProtocolErrorCode;
      /** The offending text, for the error message. */
      detail: string;
      /** What was understood of the request line before the error (raw '' if none). */
      line: Partial<RequestLine> & { raw: string };
    };

type Limits = Pick<
  ServerLimits,
  'maxRequestLineBytes' | 'maxHeaderLineBytes' | 'maxHeaders' | 'maxHeadBytes'
>;

// Field values: VCHAR, SP, HTAB and obs-text; any other control (NUL, CR, DEL…) is rejected.
const FIELD_VALUE_FORBIDDEN = /[\x00-\x08\x0a-\x1f\x7f]/; // eslint-disable-line no-control-regex
// Request-target: no controls at all (RFC 9112 §3.2; NUL would also reach the file system).
const TARGET_FORBIDDEN = /[\x00-\x1f\x7f]/; // eslint-disable-line no-control-regex
// RFC 3986 §2.1: '%' must start a pct-encoded triplet. A malformed escape in the path (the part
// translate_path decodes) is a 400 rather than Python's literal '%': one decoding, no guessing.
const BAD_PATH_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
// A NUL in the decoded path names no file anywhere (POSIX and Windows forbid it), and each
// consumer would treat it its own way (dropped segment, ValueError in Python): refuse it.
const NUL_PATH_ESCAPE = /%00/;
const VERSION_COMPONENT = /^[0-9]{1,10}$/;

function error(
  code: ProtocolErrorCode,
  detail: string,
  line: Partial<RequestLine> & { raw: string },
): ParseResult {
  return { kind: 'error', error: code, detail, line };
}

/** Where the line that starts at `start` ends: index of its LF, or -1. */
function findLineEnd(buf: Buffer, start: number): number {
  return buf.indexOf(LF, start);
}

/** Latin-1 text of a line without its LF and any CRs right before it (Python's rstrip('\r\n')). */
function lineText(buf: Buffer, start: number, lf: number): string {
  let end = lf;
  while (end > start && buf[end - 1] === CR) end--;
  return buf.toString('latin1', start, end);
}

function endsWithCrLf(buf: Buffer, lf: number, start: number): boolean {
  return lf > start && buf[lf - 1] === CR;
}

/** server.py's version rules; returns [major, minor] or null for a bad version. */
function parseVersion(version: string): [number, number] | null {
  if (!version.startsWith('HTTP/')) return null;
  const parts = version.slice(5).split('.');
  if (parts.length !== 2) return null;
  const [major, minor] = parts as [string, string];
  if (!VERSION_COMPONENT.test(major) || !VERSION_COMPONENT.test(minor)) return null;
  return [Number(major), Number(minor)];
}

type LineOutcome = { ok: true; line: RequestLine } | { ok: false; result: ParseResult };

function parseRequestLine(raw: string, options: ParserOptions): LineOutcome {
  const fail = (code: ProtocolErrorCode, detail: string, line: Partial<RequestLine> = {}) => ({
    ok: false as const,
    result: error(code, detail, { raw, ...line }),
  });
  if (raw.includes('\r')) return fail('bad-request-syntax', raw); // a bare CR inside the line
  // RFC 9112 §3: recipients MAY split on whitespace runs, as Python's str.split() does.
  const words = raw.split(/[ \t]+/).filter((w) => w !== '');
  let version = 'HTTP/0.9';
  let versionNumber: [number, number] = [0, 9];
  if (words.length >= 3) {
    version = words[words.length - 1] as string;
    const parsed = parseVersion(version);
    if (!parsed) return fail('bad-request-version', version);
    versionNumber = parsed;
    if (parsed[0] >= 2) {
      return fail('version-not-supported', version.slice(5), { version, versionNumber: parsed });
    }
  }
  if (words.length < 2 || words.length > 3) {
    return fail('bad-request-syntax', raw, { version, versionNumber });
  }
  const [method, target] = words as [string, string];
  if (words.length === 2 && (method !== 'GET' || !options.acceptHttp09)) {
    return fail('bad-http09-method', method, { method });
  }
  const pathEnd = target.search(/[?#]/);
  const pathPart = pathEnd === -1 ? target : target.slice(0, pathEnd);
  if (
    TARGET_FORBIDDEN.test(target) ||
    BAD_PATH_ESCAPE.test(pathPart) ||
    NUL_PATH_ESCAPE.test(pathPart)
  ) {
    return fail('bad-request-target', target, { method, target, version, versionNumber });
  }
  return { ok: true, line: { raw, method, target, version, versionNumber } };
}

/** Validates one field line's text; returns [name, value] or null when malformed. */
function parseFieldLine(text: string): [string, string] | null {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const name = text.slice(0, colon);
  if (!TOKEN.test(name)) return null; // also rejects whitespace before ':' (RFC 9112 §5.1)
  const value = text.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
  if (FIELD_VALUE_FORBIDDEN.test(value)) return null;
  return [name, value];
}

/** RFC 9112 §6.1–6.3 framing: Transfer-Encoding is not implemented; Content-Length must be one clean number. */
function framing(
  headers: Array<[string, string]>,
): { ok: true; contentLength: number } | { ok: false; code: ProtocolErrorCode; detail: string } {
  let contentLength: string | null = null;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'transfer-encoding') {
      return { ok: false, code: 'transfer-encoding-unsupported', detail: value };
    }
    if (lower === 'content-length') {
      if (contentLength !== null) return { ok: false, code: 'bad-content-length', detail: value };
      contentLength = value;
    }
  }
  if (contentLength === null) return { ok: true, contentLength: 0 };
  if (!/^[0-9]{1,15}$/.test(contentLength)) {
    return { ok: false, code: 'bad-content-length', detail: contentLength };
  }
  return { ok: true, contentLength: Number(contentLength) };
}

/**
 * Parses the request head at the start of `buf`. Empty lines before the request line are
 * skipped (RFC 9112 §2.2) and counted in `consumed`.
 */
export function parseRequestHead(buf: Buffer, limits: Limits, options: ParserOptions): ParseResult {
  let start = 0;
  // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line.
  while (
    start < buf.length &&
    (buf[start] === LF || (buf[start] === CR && buf[start + 1] === LF))
  ) {
    start += buf[start] === CR ? 2 : 1;
  }
  const lineEnd = findLineEnd(buf, start);
  // The skipped empty lines count toward the request-line limit: otherwise a client sending
  // endless CRLFs is buffered (and re-scanned) without bound until the head deadline.
  if (lineEnd === -1) {
    if (buf.length > limits.maxRequestLineBytes) {
      return error('request-line-too-long', '', { raw: '' });
    }
    return { kind: 'partial' };
  }
  if (lineEnd + 1 > limits.maxRequestLineBytes) {
    return error('request-line-too-long', '', { raw: '' });
  }
  const raw = lineText(buf, start, lineEnd);
  if (!options.acceptBareLf && !endsWithCrLf(buf, lineEnd, start)) {
    return error('bad-request-syntax', raw, { raw });
  }
  const parsedLine = parseRequestLine(raw, options);
  if (!parsedLine.ok) return parsedLine.result;
  const line = parsedLine.line;
  if (line.version === 'HTTP/0.9') {
    // gh-139492: an HTTP/0.9 request has no header section; answer without waiting for one.
    return {
      kind: 'complete',
      head: { ...line, headers: [], contentLength: 0 },
      consumed: lineEnd + 1,
    };
  }

  const headers: Array<[string, string]> = [];
  let pos = lineEnd + 1;
  for (;;) {
    const end = findLineEnd(buf, pos);
    if (end === -1) {
      if (buf.length - pos > limits.maxHeaderLineBytes)
        return error('header-line-too-long', '', line);
      if (buf.length - start > limits.maxHeadBytes) return error('head-too-large', '', line);
      return { kind: 'partial' };
    }
    if (end - pos + 1 > limits.maxHeaderLineBytes) return error('header-line-too-long', '', line);
    if (end + 1 - start > limits.maxHeadBytes) return error('head-too-large', '', line);
    const crlf = endsWithCrLf(buf, end, pos);
    if (!options.acceptBareLf && !crlf)
      return error('bad-header', buf.toString('latin1', pos, end), line);
    const contentEnd = crlf ? end - 1 : end;
    if (contentEnd === pos) {
      pos = end + 1;
      break; // the empty line that ends the head
    }
    const text = buf.toString('latin1', pos, contentEnd);
    if (text.charCodeAt(0) === 0x20 || text.charCodeAt(0) === 0x09) {
      return error('bad-header', text, line); // obs-fold (RFC 9112 §5.2)
    }
    const field = parseFieldLine(text);
    if (!field) return error('bad-header', text, line);
    headers.push(field);
    if (headers.length > limits.maxHeaders) return error('too-many-headers', '', line);
    pos = end + 1;
  }
  const frame = framing(headers);
  if (!frame.ok) return error(frame.code, frame.detail, line);
  return {
    kind: 'complete',
    head: { ...line, headers, contentLength: frame.contentLength },
    consumed: pos,
  };
}
