/**
 * Control-character scrubbing for log text, and the size caps a log record obeys.
 *
 * Python 3.12+ `BaseHTTPRequestHandler.log_message` translates C0 controls (0x00–0x1f),
 * DEL and C1 controls (0x7f–0x9f) to `\xNN` and doubles backslashes, so that a client
 * cannot send escape sequences to the operator's terminal. `scrubControlChars` is that
 * exact table.
 *
 * `scrubForDisplay` goes further for the desktop window: bidirectional overrides and
 * invisible format characters (Trojan Source, CVE-2021-42574) become `\u{XXXX}` so a
 * log line always reads as the bytes that arrived.
 */

/** Most characters of scrubbed text one field of a log record keeps (request line, a header value…). */
export const LOG_FIELD_MAX_CHARS = 2 * 1024;
/** Method, path and version: the request line holds them too, so their own copies stay short. */
export const LOG_SHORT_FIELD_MAX_CHARS = 256;
/** Most request (or response) header fields a log record keeps; the rest are counted. */
export const LOG_MAX_HEADERS = 64;
/**
 * Most characters of scrubbed text one log record keeps over all its fields, cut markers
 * aside — except that a field taken after the allowance is spent still keeps its first
 * `LOG_FIELD_MIN_CHARS`, so a short `Connection: close` after three huge headers still shows.
 */
export const LOG_RECORD_MAX_CHARS = 4 * 1024;
export const LOG_FIELD_MIN_CHARS = 128;
/** Most characters of scrubbed text an engine message keeps in the app (it quotes the request line). */
export const LOG_MESSAGE_MAX_CHARS = 512;

/**
 * Appended where a capped field stops. Client text is decoded as Latin-1 (RFC 9110 §5.5), so
 * it can never contain `…` (U+2026): a client cannot forge a cut marker.
 */
export function cutMarker(cutBytes: number): string {
  return `… (${cutBytes} bytes cut)`;
}

function hex2(code: number): string {
  return code.toString(16).padStart(2, '0');
}

function needsEscape(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x5c;
}

/**
 * A lone U+DC80–U+DCFF is a file-name byte that is not UTF-8 (the engine holds such names as
 * Python does, surrogateescape): it is shown as the `\xNN` of that byte, never sent on as U+FFFD.
 */
function isEscapedByte(text: string, i: number, code: number): boolean {
  if (code < 0xdc80 || code > 0xdcff) return false;
  const before = i > 0 ? text.charCodeAt(i - 1) : 0;
  return before < 0xd800 || before > 0xdbff;
}

/**
 * Python 3.12 `_control_char_table` (controls → `\xNN`, backslash → `\\`) and a cap, in one
 * pass that stops at the cap: a 65,000-byte header costs the same as a 2 KiB one. At most
 * `maxChars` characters of scrubbed text are kept (an escape is never split); `cut` counts
 * the characters (Latin-1 bytes) of `text` left out.
 */
export function scrubWithin(text: string, maxChars: number): { text: string; cut: number } {
  const parts: string[] = [];
  let length = 0;
  let runStart = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = isEscapedByte(text, i, code);
    if (!byte && !needsEscape(code)) {
      if (length + (i - runStart) + 1 > maxChars) break;
      continue;
    }
    const escape = code === 0x5c ? '\\\\' : `\\x${hex2(byte ? code - 0xdc00 : code)}`;
    const run = i - runStart;
    if (length + run + escape.length > maxChars) break;
    if (run > 0) parts.push(text.slice(runStart, i));
    parts.push(escape);
    length += run + escape.length;
    runStart = i + 1;
  }
  if (i > runStart) parts.push(text.slice(runStart, i));
  const scrubbed = parts.length === 1 ? (parts[0] as string) : parts.join('');
  return { text: scrubbed, cut: text.length - i };
}

/** `scrubWithin`, with the cut (if any) marked at the end of the text. */
export function scrubAndCap(text: string, maxChars: number): string {
  const { text: kept, cut } = scrubWithin(text, maxChars);
  return cut > 0 ? kept + cutMarker(cut) : kept;
}

/** Python 3.12 `_control_char_table`: controls → `\xNN`, backslash → `\\`; escaped bytes → `\xNN`. */
export function scrubControlChars(text: string): string {
  return scrubAndCap(text, Infinity);
}

// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width and other invisible format
// characters (Unicode general category Cf) plus the line/paragraph separators, which some
// renderers treat as line breaks. Not the backslash: see displayEscapes.
const CONTROL_INVISIBLE_OR_BIDI =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

function displayEscape(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0x9f ? `\\x${hex2(code)}` : `\\u{${code.toString(16).padStart(4, '0')}}`;
}

/**
 * For text already scrubbed by `scrubControlChars` (its backslashes are escapes, so they stay
 * as they are): any raw control and every bidi/invisible character becomes a visible escape,
 * in one pass.
 */
export function displayEscapes(scrubbed: string): string {
  return scrubbed.replace(CONTROL_INVISIBLE_OR_BIDI, displayEscape);
}

/** Python's scrub plus bidi / invisible characters → `\u{XXXX}`: what the window shows. */
export function scrubForDisplay(text: string): string {
  return displayEscapes(scrubControlChars(text));
}
