/**
 * The bits of Python's string formatting that server.py's messages rely on, so log lines
 * and error pages read exactly as Python's: `%`-formatting and `repr()` of a str.
 */

/** Python's `repr(str)`: single quotes unless the text has ' and no ", escapes as Python does. */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0))
      out += '\\x' + code.toString(16).padStart(2, '0');
    // A lone surrogate is not printable: Python writes '\udcff'. One that stands for a file
    // name's undecodable byte (surrogate-escape.ts) is written as that byte, '\xff'.
    else if (code >= 0xdc80 && code <= 0xdcff) out += '\\x' + (code - 0xdc00).toString(16);
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\u' + code.toString(16);
    else out += ch;
  }
  return out + quote;
}

/** `format % args` for the conversions server.py uses: %s, %d, %r and %%. */
export function percentFormat(format: string, args: readonly unknown[]): string {
  let next = 0;
  return format.replace(/%([sdr%])/g, (_match, conversion: string) => {
    if (conversion === '%') return '%';
    const value = args[next++];
    if (conversion === 'd') return String(Math.trunc(Number(value)));
    if (conversion === 'r') return typeof value === 'string' ? pyRepr(value) : String(value);
    return String(value);
  });
}
