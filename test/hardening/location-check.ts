/**
 * Whether a `Location` could take a browser (or anything that decodes it again) to another
 * host: it starts with `//` or `/\` as sent, or after one to three percent-decodings, once the
 * tabs and line breaks that WHATWG URL parsing drops are removed; or it names a scheme.
 */

function decodeOnce(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

export function leavesSite(location: string): boolean {
  let s = location;
  for (let round = 0; round <= 3; round++) {
    const seen = s.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+/, ''); // eslint-disable-line no-control-regex
    if (/^[/\\]{2}/.test(seen) || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(seen)) return true;
    s = decodeOnce(s);
  }
  return false;
}
