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
import { isUtf8 } from 'node:buffer';
import type { ParserOptions, ServerLimits } from './limits.js';
import type { ProtocolErrorCode } from './protocol-errors.js';

const LF = 0x0a;
const CR = 0x0d;
/** RFC 8446 §5.1: a TLS record's content type (22, handshake) and legacy version major (3). */
const TLS_HANDSHAKE = 0x16;
const TLS_MAJOR = 0x03;

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

/**
 * How far an earlier call got through a head that is still arriving. Handing it back with the
 * same bytes plus more resumes there: each byte is scanned once and each line parsed once,
 * however the head is split (a trickled 192 KB head costs 192 KB of work, not 192 KB per
 * read). Valid only for a buffer that starts with the bytes it was computed from.
 */
export interface HeadProgress {
  /** Where the request line starts (after skipped empty lines). */
  readonly start: number;
  /** The request line, once its line end arrived. */
  readonly line: RequestLine | null;
  /** Where the first line not parsed yet starts. */
  readonly pos: number;
  /** The field lines parsed so far (never mutated: a later call copies before adding). */
  readonly headers: ReadonlyArray<[string, string]>;
  /** The current line was searched up to here: no line end and no bare CR before it. */
  readonly scannedTo: number;
  /** Bytes scanned or parsed by every call so far: the work done, linear in the head. */
  readonly bytesExamined: number;
}

export const NO_PROGRESS: HeadProgress = {
  start: 0,
  line: null,
  pos: 0,
  headers: [],
  scannedTo: 0,
  bytesExamined: 0,
};

export type ParseResult =
  | { kind: 'partial'; progress: HeadProgress }
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

/** What the bytes of the line at `lineStart`, searched from `from`, decide. */
type LineScan =
  | { kind: 'end'; lf: number }
  | { kind: 'bare-cr'; decidedAt: number }
  | { kind: 'limit' }
  | { kind: 'more'; scannedTo: number };

/**
 * Searches one line for the first decisive byte, looking only at bytes not searched before:
 * its LF; a bare CR (RFC 9112 §2.2: a CR not followed by LF is invalid — decided by the byte
 * after it, so `GET / HTTP/1.1\rHost: x\r\r` is refused at once instead of waiting for an LF
 * that never comes); or the byte at `limitAt`, which makes the line or head too long.
 * Whichever comes first in byte order wins, so every split of the input decides alike.
 */
function scanLine(buf: Buffer, from: number, limitAt: number): LineScan {
  const lf = buf.indexOf(LF, from);
  const searchEnd = lf === -1 ? buf.length : lf;
  // Bounded to this line's new bytes: a CR search must not run on into later lines.
  const window = buf.subarray(from, searchEnd);
  let scannedTo = searchEnd;
  for (let i = window.indexOf(CR); i !== -1; i = window.indexOf(CR, i + 1)) {
    const cr = from + i;
    if (cr + 1 >= buf.length) {
      scannedTo = cr; // the byte after it decides: look again when it arrives
      break;
    }
    if (buf[cr + 1] !== LF) {
      if (cr + 1 >= limitAt) break;
      return { kind: 'bare-cr', decidedAt: cr + 1 };
    }
  }
  if (lf !== -1 && lf < limitAt) return { kind: 'end', lf };
  if (buf.length > limitAt) return { kind: 'limit' };
  return { kind: 'more', scannedTo };
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
    // Raw bytes in the target are read as UTF-8 (url-path.ts); bytes that are not UTF-8 name
    // nothing a client meant, so they are refused rather than guessed at.
    !isUtf8(Buffer.from(target, 'latin1')) ||
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
 * skipped (RFC 9112 §2.2) and counted in `consumed`. Pass the `progress` of the last
 * `partial` answer for the same bytes plus more, to resume where that call stopped.
 */
export function parseRequestHead(
  buf: Buffer,
  limits: Limits,
  options: ParserOptions,
  progress: HeadProgress = NO_PROGRESS,
): ParseResult {
  let examined = progress.bytesExamined;
  let line = progress.line;
  let start = progress.start;
  // A TLS record starts 0x16 (handshake) 0x03 (version major): someone typed https:// for
  // this plain port. No request line starts so; answering in HTTP would only be garbage to it.
  if (line === null && buf.length >= 2 && buf[0] === TLS_HANDSHAKE && buf[1] === TLS_MAJOR) {
    return error('tls-handshake', '', { raw: '' });
  }
  if (line === null) {
    // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line.
    while (
      start < buf.length &&
      (buf[start] === LF || (buf[start] === CR && buf[start + 1] === LF))
    ) {
      start += buf[start] === CR ? 2 : 1;
    }
    const from = Math.max(progress.scannedTo, start);
    // The skipped empty lines count toward the request-line limit: otherwise a client sending
    // endless CRLFs is buffered without bound until the head deadline.
    const scan = scanLine(buf, from, limits.maxRequestLineBytes);
    examined += Math.max(0, (scan.kind === 'end' ? scan.lf : buf.length) - from);
    if (scan.kind === 'limit') return error('request-line-too-long', '', { raw: '' });
    if (scan.kind === 'bare-cr') {
      const raw = buf.toString('latin1', start, scan.decidedAt + 1);
      return error('bad-request-syntax', raw, { raw });
    }
    if (scan.kind === 'more') {
      return partial({ ...progress, start, pos: start, scannedTo: scan.scannedTo }, examined);
    }
    const lineEnd = scan.lf;
    examined += lineEnd - start;
    const raw = lineText(buf, start, lineEnd);
    if (!options.acceptBareLf && !endsWithCrLf(buf, lineEnd, start)) {
      return error('bad-request-syntax', raw, { raw });
    }
    const parsedLine = parseRequestLine(raw, options);
    if (!parsedLine.ok) return parsedLine.result;
    line = parsedLine.line;
    if (line.version === 'HTTP/0.9') {
      // gh-139492: an HTTP/0.9 request has no header section; answer without waiting for one.
      return {
        kind: 'complete',
        head: { ...line, headers: [], contentLength: 0 },
        consumed: lineEnd + 1,
      };
    }
    progress = { ...progress, start, line, pos: lineEnd + 1, scannedTo: lineEnd + 1 };
  }

  let headers = progress.headers;
  let pos = progress.pos;
  let scannedTo = progress.scannedTo;
  const added: Array<[string, string]> = [];
  const lineLimit = () => Math.min(pos + limits.maxHeaderLineBytes, start + limits.maxHeadBytes);
  const tooLong = () =>
    pos + limits.maxHeaderLineBytes <= start + limits.maxHeadBytes
      ? error('header-line-too-long', '', line)
      : error('head-too-large', '', line);
  for (;;) {
    const from = Math.max(scannedTo, pos);
    const scan = scanLine(buf, from, lineLimit());
    examined += Math.max(0, (scan.kind === 'end' ? scan.lf : buf.length) - from);
    if (scan.kind === 'limit') return tooLong();
    if (scan.kind === 'bare-cr') {
      return error('bad-header', buf.toString('latin1', pos, scan.decidedAt + 1), line);
    }
    if (scan.kind === 'more') {
      if (added.length > 0) headers = [...headers, ...added];
      return partial({ start, line, pos, headers, scannedTo: scan.scannedTo }, examined);
    }
    const end = scan.lf;
    examined += end - pos;
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
    added.push(field);
    if (headers.length + added.length > limits.maxHeaders) {
      return error('too-many-headers', '', line);
    }
    pos = end + 1;
    scannedTo = pos;
  }
  const allHeaders = [...headers, ...added];
  const frame = framing(allHeaders);
  if (!frame.ok) return error(frame.code, frame.detail, line);
  return {
    kind: 'complete',
    head: { ...line, headers: allHeaders, contentLength: frame.contentLength },
    consumed: pos,
  };
}

function partial(
  progress: Omit<HeadProgress, 'bytesExamined'>,
  bytesExamined: number,
): ParseResult {
  return { kind: 'partial', progress: { ...progress, bytesExamined } };
}
