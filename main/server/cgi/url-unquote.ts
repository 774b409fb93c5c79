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

export function pythonUnquote(text: string): string {
  // Python: `if '%' not in string: return string`.
  if (!text.includes('%')) return text;
  // Node's UTF-8 decoder replaces each maximal invalid subpart with one U+FFFD, which is
  // what Python's 'replace' error handler does (checked against python3 in the tests).
  return text.replace(ASCII_RUN, (run) => unquoteAsciiToBytes(run).toString('utf8'));
}
