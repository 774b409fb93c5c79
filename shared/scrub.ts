/**
 * Control-character scrubbing for log text.
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

const CONTROL_CHARS = /[\x00-\x1f\x7f-\x9f\\]/g; // eslint-disable-line no-control-regex

function hex2(code: number): string {
  return code.toString(16).padStart(2, '0');
}

/** Python 3.12 `_control_char_table`: controls → `\xNN`, backslash → `\\`. */
export function scrubControlChars(text: string): string {
  return text.replace(CONTROL_CHARS, (ch) => {
    if (ch === '\\') return '\\\\';
    return `\\x${hex2(ch.charCodeAt(0))}`;
  });
}

// Bidi embeddings/overrides/isolates, zero-width and other invisible format characters
// (Unicode general category Cf) plus the line/paragraph separators, which some renderers
// treat as line breaks.
const INVISIBLE_OR_BIDI =
  /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** Python's scrub plus bidi / invisible characters → `\u{XXXX}`: what the window shows. */
export function scrubForDisplay(text: string): string {
  return scrubControlChars(text).replace(
    INVISIBLE_OR_BIDI,
    (ch) => `\\u{${ch.charCodeAt(0).toString(16).padStart(4, '0')}}`,
  );
}
