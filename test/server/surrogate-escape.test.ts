/**
 * The surrogateescape mapping for file names that are not UTF-8, checked against CPython:
 * bytes → str as `bytes.decode('utf-8', 'surrogateescape')`, hrefs as
 * `quote(name, errors='surrogatepass')`, and every name survives the href round trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeSurrogateEscape,
  encodeSurrogateEscape,
} from '../../main/server/surrogate-escape.js';
import { percentDecodePath, quote } from '../../main/server/url-path.js';
import { askPython } from '../cgi/python-oracle.js';

// Bytes that make UTF-8 hard: continuations, leads of every length, ED (surrogates), F4/F5.
const hardByte = fc.oneof(
  fc.integer({ min: 0, max: 255 }),
  fc.constantFrom(
    0x80,
    0xbf,
    0xc0,
    0xc2,
    0xdf,
    0xe0,
    0xed,
    0xa0,
    0xb2,
    0xb3,
    0xef,
    0xf0,
    0xf4,
    0xf5,
    0xff,
    0x2f,
    0x61,
  ),
);
const names = fc.sample(fc.array(hardByte, { maxLength: 12 }), { numRuns: 1500, seed: 16 });

describe('surrogateescape, against python3', () => {
  it("decodes bytes as bytes.decode('utf-8', 'surrogateescape')", () => {
    const python = askPython<number[], string>(
      "def answer(x): return bytes(x).decode('utf-8', 'surrogateescape')",
      names,
    );
    expect(names.map((b) => decodeSurrogateEscape(Uint8Array.from(b)))).toEqual(python);
  });

  it('encodes back to the very same bytes', () => {
    for (const b of names)
      expect([...encodeSurrogateEscape(decodeSurrogateEscape(Uint8Array.from(b)))]).toEqual(b);
  });

  it("quotes names as quote(name, errors='surrogatepass'), and the href decodes to the name", () => {
    const python = askPython<number[], string>(
      "from urllib.parse import quote\ndef answer(x): return quote(bytes(x).decode('utf-8', 'surrogateescape'), errors='surrogatepass')",
      names,
    );
    const decoded = names.map((b) => decodeSurrogateEscape(Uint8Array.from(b)));
    expect(decoded.map((name) => quote(name))).toEqual(python);
    for (const name of decoded) expect(percentDecodePath(quote(name))).toBe(name);
  });

  it('reads the plain percent-encoding of the raw bytes as the same name', () => {
    // Except bytes ED B2–B3 xx: that is the href spelling of one escaped byte (as in Python).
    const plain = names.filter((b) => !/\xed[\xb2\xb3]/.test(Buffer.from(b).toString('latin1')));
    expect(plain.length).toBeGreaterThan(1000);
    for (const b of plain) {
      const raw = b.map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
      expect(percentDecodePath(raw)).toBe(decodeSurrogateEscape(Uint8Array.from(b)));
    }
  });
});
