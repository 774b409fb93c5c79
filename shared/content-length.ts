/**
 * Whether a raw request's Content-Length matches its body, for the composer (RFC 9112 §6.2:
 * the server reads exactly that many bytes as the body). Text as the person typed it: `\n`
 * line ends, sent as CRLF (`toWire`), one byte per character (Latin-1), so a body's bytes are
 * its wire text's length.
 */
import { toWire } from './composer-presets.js';

export interface BodyLength {
  /** The Content-Length value, or null when the head has none (or it is not a number). */
  announced: number | null;
  /** Bytes of body after the empty line, as sent. */
  actual: number;
}

const CONTENT_LENGTH = /^content-length[ \t]*:[ \t]*(\d+)[ \t]*$/im;

/** Splits at the first empty line; null while the head has not ended. */
function split(text: string): { head: string; body: string } | null {
  const end = text.indexOf('\n\n');
  return end === -1 ? null : { head: text.slice(0, end + 1), body: text.slice(end + 2) };
}

export function bodyLength(text: string): BodyLength | null {
  const parts = split(text);
  if (parts === null) return null;
  const match = CONTENT_LENGTH.exec(parts.head);
  return { announced: match ? Number(match[1]) : null, actual: toWire(parts.body).length };
}

/** True when the server would read exactly the body that follows the head. */
export function lengthMatches(length: BodyLength | null): boolean {
  return length === null || (length.announced ?? 0) === length.actual;
}

/** The request with its Content-Length set to `length` (the field added after the others if missing). */
export function withContentLength(text: string, length: number): string {
  const parts = split(text);
  if (parts === null) return text;
  const head = CONTENT_LENGTH.test(parts.head)
    ? parts.head.replace(CONTENT_LENGTH, (line) => line.replace(/\d+/, String(length)))
    : `${parts.head}Content-Length: ${length}\n`;
  return `${head}\n${parts.body}`;
}

/**
 * After an edit: keeps Content-Length following the body when it matched before and the
 * person changed only the body (not the field itself); otherwise leaves the text alone.
 */
export function followBody(before: string, after: string): string {
  const was = bodyLength(before);
  const now = bodyLength(after);
  if (was === null || now === null || was.announced === null || !lengthMatches(was)) return after;
  if (now.announced !== was.announced || lengthMatches(now)) return after;
  return withContentLength(after, now.actual);
}

/** What a mismatch does on the wire, in words (RFC 9112 §6.3). */
export function mismatchEffect(length: BodyLength): string {
  const { announced, actual } = length;
  if (announced === null) {
    return `The body has ${actual} bytes but there is no Content-Length: the server reads no body, and takes these bytes as the start of the next request.`;
  }
  if (announced > actual) {
    return `Content-Length says ${announced} but the body has ${actual} bytes: the server waits for the ${announced - actual} missing bytes until it gives up.`;
  }
  return `Content-Length says ${announced} but the body has ${actual} bytes: the server reads ${announced} and takes the other ${actual - announced} as the start of the next request.`;
}
