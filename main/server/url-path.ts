/**
 * URL path helpers with Python's semantics: `urllib.parse.unquote` (UTF-8, invalid
 * sequences → U+FFFD), `urllib.parse.quote` (safe '/'), and the origin-form of a
 * request-target.
 */

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Percent-decodes once. The request line was read as latin-1 (server.py), so each char is
 * one byte; the decoded bytes are read as UTF-8. Malformed escapes stay as they are.
 */
export function unquote(text: string): string {
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
  return UTF8.decode(Uint8Array.from(bytes));
}

// RFC 3986 unreserved characters are never quoted (Python's `_ALWAYS_SAFE`).
const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

/** `urllib.parse.quote(text, safe='/')`: UTF-8 bytes, everything else as %XX. */
export function quote(text: string, safe = '/'): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
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
