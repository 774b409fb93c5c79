/**
 * Python's `base64.decodebytes` (binascii.a2b_base64, non-strict), which server.py uses to
 * read Basic credentials for REMOTE_USER. Node's `Buffer.from(s, 'base64')` never fails,
 * but Python does — and a failure means "no REMOTE_USER" — so the port follows binascii:
 * characters outside the alphabet are skipped, a complete pad sequence ends the input,
 * and a dangling partial quantum is an error (returns null here).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SEXTET = new Map<number, number>([...ALPHABET].map((ch, i) => [ch.charCodeAt(0), i]));
const PAD = 0x3d; // '='

/** Decodes ASCII base64 text as binascii does; null where Python raises binascii.Error. */
export function pythonDecodeBase64(ascii: string): Buffer | null {
  const out: number[] = [];
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  for (let i = 0; i < ascii.length; i++) {
    const ch = ascii.charCodeAt(i);
    if (ch === PAD) {
      // Pads count only after two or more data characters of a quantum; enough of them end it.
      if (quadPos >= 2 && quadPos + ++pads >= 4) return Buffer.from(out);
      continue;
    }
    const value = SEXTET.get(ch);
    if (value === undefined) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        leftChar = value;
        quadPos = 1;
        break;
      case 1:
        out.push(((leftChar << 2) | (value >> 4)) & 0xff);
        leftChar = value & 0x0f;
        quadPos = 2;
        break;
      case 2:
        out.push(((leftChar << 4) | (value >> 2)) & 0xff);
        leftChar = value & 0x03;
        quadPos = 3;
        break;
      default:
        out.push(((leftChar << 6) | value) & 0xff);
        leftChar = 0;
        quadPos = 0;
    }
  }
  // "Incorrect padding" / "number of data characters cannot be 1 more than a multiple of 4".
  return quadPos === 0 ? Buffer.from(out) : null;
}
