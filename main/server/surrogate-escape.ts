/**
 * File names are bytes on POSIX; a name that is not valid UTF-8 (`caf\xe9.txt` from an old
 * disk, `\xff-undecodable.bin`) must survive from `readdir` to `open`. As Python does
 * (PEP 383 `surrogateescape`), such a name is held in a string where each undecodable byte
 * 0xXY is the lone surrogate U+DCXY, and turned back into the same bytes at the file system
 * (`fsArg`). Valid UTF-8 never produces a lone surrogate, so the mapping is lossless.
 *
 * Python's listing writes the escaped bytes raw into the page (`encode(..., 'surrogateescape')`)
 * and quotes hrefs with `errors='surrogatepass'` (U+DCFF → %ED%B3%BF); server.py's
 * `translate_path` reads such an href back with `unquote(..., errors='surrogatepass')`.
 */
import { isUtf8 } from 'node:buffer';

const ESCAPE_BASE = 0xdc00;
/** A lone surrogate that stands for one undecodable byte (0x80–0xFF). */
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
/** Any surrogate not part of a pair. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}

/** Length of the valid UTF-8 sequence at `i` (1–4), or 0 when the byte there is undecodable. */
function sequenceLength(bytes: Uint8Array, i: number, surrogatePass: boolean): number {
  const b0 = bytes[i] as number;
  const b1 = bytes[i + 1];
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return isContinuation(b1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (!isContinuation(b1) || !isContinuation(bytes[i + 2])) return 0;
    const second = b1 as number;
    if (b0 === 0xe0 && second < 0xa0) return 0; // overlong
    // ED A0–BF: an encoded surrogate. Only U+DC80–U+DCFF (ED B2 80 – ED B3 BF) stands for
    // a byte; surrogatepass lets exactly those through.
    if (b0 === 0xed && second >= 0xa0)
      return surrogatePass && (second === 0xb2 || second === 0xb3) ? 3 : 0;
    return 3;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (!isContinuation(b1) || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3]))
      return 0;
    const second = b1 as number;
    if (b0 === 0xf0 && second < 0x90) return 0; // overlong
    if (b0 === 0xf4 && second > 0x8f) return 0; // above U+10FFFF
    return 4;
  }
  return 0;
}

/**
 * Bytes → string: UTF-8, each undecodable byte as U+DC80–U+DCFF (`surrogateescape`). With
 * `surrogatePass`, an encoded U+DC80–U+DCFF (what Python's href quoting writes) is read as
 * that escape too, so `%ED%B3%BF` and `%FF` both name the byte 0xFF.
 */
export function decodeSurrogateEscape(bytes: Uint8Array, surrogatePass = false): string {
  if (isUtf8(bytes))
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  let out = '';
  let start = 0;
  let i = 0;
  const flush = (end: number) => {
    if (end > start) out += Buffer.from(bytes.subarray(start, end)).toString('utf8');
  };
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i, surrogatePass);
    if (length === 3 && bytes[i] === 0xed && (bytes[i + 1] as number) >= 0xa0) {
      flush(i);
      const code =
        0xd000 | (((bytes[i + 1] as number) & 0x3f) << 6) | ((bytes[i + 2] as number) & 0x3f);
      out += String.fromCharCode(code);
      i += 3;
      start = i;
    } else if (length === 0) {
      flush(i);
      out += String.fromCharCode(ESCAPE_BASE + (bytes[i] as number));
      i += 1;
      start = i;
    } else {
      i += length;
    }
  }
  flush(i);
  return out;
}

/** UTF-8 of `text`, with each lone surrogate written by `loneSurrogate`. */
function encodeWith(text: string, loneSurrogate: (code: number) => number[]): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  const pattern = new RegExp(LONE_SURROGATE.source, 'g');
  for (const match of text.matchAll(pattern)) {
    const at = match.index;
    parts.push(
      Buffer.from(text.slice(start, at), 'utf8'),
      Buffer.from(loneSurrogate(text.charCodeAt(at))),
    );
    start = at + 1;
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** The replacement character's bytes, for a lone surrogate that stands for no byte. */
const REPLACEMENT = [0xef, 0xbf, 0xbd];

/** String → bytes, each U+DC80–U+DCFF back to its byte (`surrogateescape`). */
export function encodeSurrogateEscape(text: string): Buffer {
  if (!LONE_SURROGATE.test(text)) return Buffer.from(text, 'utf8');
  return encodeWith(text, (code) =>
    code >= 0xdc80 && code <= 0xdcff ? [code - ESCAPE_BASE] : REPLACEMENT,
  );
}

/** String → bytes, a lone surrogate as its own three-byte form (`surrogatepass`). */
export function encodeSurrogatePass(text: string): Buffer {
  if (!LONE_SURROGATE.test(text)) return Buffer.from(text, 'utf8');
  return encodeWith(text, (code) => [
    0xe0 | (code >> 12),
    0x80 | ((code >> 6) & 0x3f),
    0x80 | (code & 0x3f),
  ]);
}

/** True when `text` holds an escaped byte: it only reaches `fs` or `exec` as bytes. */
export function holdsEscapedBytes(text: string): boolean {
  return ESCAPED_BYTE.test(text);
}

/** What to hand to `fs`: the string, or its bytes when it holds an escaped byte. */
export function fsArg(fsPath: string): string | Buffer {
  return holdsEscapedBytes(fsPath) ? encodeSurrogateEscape(fsPath) : fsPath;
}

/** A path the file system returned as bytes, as the engine holds it. */
export function fromFs(bytes: Buffer): string {
  return decodeSurrogateEscape(bytes);
}
