/**
 * URL path helpers: percent-decoding a request path (as server.py's `translate_path` does
 * with `urllib.parse.unquote`; the Python-exact `unquote` that CGI needs is
 * cgi/url-unquote.ts), `urllib.parse.quote` (safe '/'), and the origin-form of a target.
 */
import { decodeSurrogateEscape, encodeSurrogatePass } from './surrogate-escape.js';

/**
 * Percent-decodes once. The request line was read as latin-1 (server.py), so each char is
 * one byte; the decoded bytes are read as UTF-8. Malformed escapes stay as they are. Bytes
 * that are not UTF-8 (`%FF`) and Python's href spelling of them (`%ED%B3%BF`, surrogatepass)
 * both become the escaped byte of surrogate-escape.ts, so they name the file whose name
 * holds that byte.
 */
export function percentDecodePath(text: string): string {
  if (!text.includes('%') && !/[^\x00-\x7f]/.test(text)) return text; // eslint-disable-line no-control-regex
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (
      code === 0x25 &&
      i + 2 < text.length + 0 &&
      /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))
    ) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (code <= 0xff) {
      bytes.push(code);
    } else {
      for (const b of Buffer.from(text[i] as string, 'utf8')) bytes.push(b);
    }
  }
  return decodeSurrogateEscape(Uint8Array.from(bytes), true);
}

// RFC 3986 unreserved characters are never quoted (Python's `_ALWAYS_SAFE`).
const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

/**
 * `urllib.parse.quote(text, safe='/', errors='surrogatepass')`: UTF-8 bytes, everything else
 * as %XX; an escaped undecodable byte U+DCFF is quoted as %ED%B3%BF, as server.py's listing does.
 */
export function quote(text: string, safe = '/'): string {
  let out = '';
  for (const byte of encodeSurrogatePass(text)) {
    const ch = String.fromCharCode(byte);
    out +=
      byte < 0x80 && (ALWAYS_SAFE.test(ch) || safe.includes(ch))
        ? ch
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * An absolute-form target (`GET http://host/path`, RFC 9112 §3.2.2) reduced to its
 * path and query; an origin-form target is returned unchanged.
 */
export function originForm(target: string): string {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(target);
  if (!match) return target;
  const rest = target.slice(match[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** The path part of a target: no query, no fragment (urlsplit(path).path). */
export function pathPart(target: string): string {
  const cut = target.search(/[?#]/);
  return cut === -1 ? target : target.slice(0, cut);
}

/** Rounds of percent-decoding considered when asking how a Location could be misread. */
const REDIRECT_DECODE_ROUNDS = 4;
/** The first character after 4 decodings depends on at most 3^4 characters. */
const REDIRECT_PREFIX_CHARS = 81;

/**
 * Whether `text` starts with '/' or '\' as sent or after up to four percent-decodings, with
 * the tabs and line breaks that URL parsers drop (WHATWG URL §4.4) removed.
 */
function startsWithSeparator(text: string): boolean {
  let s = text.slice(0, REDIRECT_PREFIX_CHARS);
  for (let round = 0; ; round++) {
    s = s.replace(/^[\t\n\r]+/, '');
    if (s.startsWith('/') || s.startsWith('\\')) return true;
    if (round === REDIRECT_DECODE_ROUNDS) return false;
    const next = s.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    if (next === s) return false;
    s = next;
  }
}

/**
 * A path with its leading slashes and backslashes removed in every spelling (`//`, `/\`,
 * `%2f`, `%5c`, `%252f`, `%25%32%66` …), so `'/' + result` is never a network-path reference
 * (`//evil.com`) — not for a browser, nor for anything that decodes it again. Linear: each
 * step drops one character or one escape and looks at a bounded prefix.
 */
export function withoutLeadingSeparators(pathname: string): string {
  // The usual spellings go whole ('%252f' is one separator, not '%25' then '2f').
  let rest = pathname.replace(/^(?:[/\\]|%(?:25)*(?:2f|5c))+/i, '');
  while (startsWithSeparator(rest)) rest = rest.slice(/^%[0-9A-Fa-f]{2}/.test(rest) ? 3 : 1);
  return rest;
}

/**
 * The Location of server.py's folder redirect (the path plus '/', query and fragment kept),
 * built so it never leaves the site: never `//host` nor `/\host`, in any spelling.
 */
export function folderRedirectLocation(
  pathname: string,
  query: string | null,
  fragment: string | null,
): string {
  // The '/' added at the end is checked too: '/%09' + '/' decodes to '/\t/', read as '//'.
  const rest = withoutLeadingSeparators(`${pathname}/`);
  let location = `/${rest}`;
  if (query !== null) location += `?${query}`;
  if (fragment !== null) location += `#${fragment}`;
  return location;
}
