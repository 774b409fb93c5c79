/**
 * Python's `urllib.parse.unquote(string)` (encoding 'utf-8', errors 'replace'), which
 * server.py's CGI code applies to the URL path (`_url_collapse_path`) and to PATH_INFO.
 *
 * It differs from `decodeURIComponent` in ways that show on the wire, so the port keeps
 * Python's rules exactly:
 *  - a `%` not followed by two hex digits stays as it is (decodeURIComponent throws);
 *  - bytes that are not valid UTF-8 become U+FFFD instead of throwing;
 *  - only runs of ASCII characters are percent-decoded; other characters (the request
 *    line is latin-1 decoded, so raw bytes ≥ 0x80 arrive as U+0080–U+00FF) pass through
 *    unchanged, and a `%XX` run is decoded on its own, never joined with a neighbour
 *    across a non-ASCII character.
 */

import { decodeSurrogateEscape } from '../surrogate-escape.js';

const ASCII_RUN = /[\x00-\x7f]+/g; // eslint-disable-line no-control-regex
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

/** `unquote_to_bytes` for an ASCII-only string. */
function unquoteAsciiToBytes(run: string): Buffer {
  const bytes = Buffer.allocUnsafe(run.length);
  let length = 0;
  for (let i = 0; i < run.length; i++) {
    const pair = run.slice(i + 1, i + 3);
    if (run.charCodeAt(i) === 0x25 && HEX_PAIR.test(pair)) {
      bytes[length++] = parseInt(pair, 16);
      i += 2;
    } else {
      bytes[length++] = run.charCodeAt(i);
    }
  }
  return bytes.subarray(0, length);
}

/**
 * `errors`: 'replace' is Python's default. 'surrogateescape' keeps bytes that are not UTF-8
 * as the escapes of surrogate-escape.ts (and reads the surrogatepass href spelling the same
 * way), so a script whose file name is not UTF-8 is found as server.py's listing links it.
 */
export function pythonUnquote(
  text: string,
  errors: 'replace' | 'surrogateescape' = 'replace',
): string {
  // Python: `if '%' not in string: return string`.
  if (!text.includes('%')) return text;
  // Node's UTF-8 decoder replaces each maximal invalid subpart with one U+FFFD, which is
  // what Python's 'replace' error handler does (checked against python3 in the tests).
  const decode =
    errors === 'replace'
      ? (bytes: Buffer) => bytes.toString('utf8')
      : (bytes: Buffer) => decodeSurrogateEscape(bytes, true);
  return text.replace(ASCII_RUN, (run) => decode(unquoteAsciiToBytes(run)));
}
