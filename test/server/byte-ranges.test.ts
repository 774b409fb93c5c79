/**
 * The Range parser and the amplification policy, table-driven: every range form of RFC 9110
 * §14.1.1, the examples of §14.1.2 (a 10,000-byte representation), invalid fields that must
 * be ignored (§14.2), unsatisfiable sets (§15.5.17) and the CVE-2011-3192 patterns.
 */
import { describe, expect, it } from 'vitest';
import {
  contentRange,
  parseRangeHeader,
  selectRanges,
  type RangeSelection,
} from '../../main/server/byte-ranges.js';
import { multipartLayout, partOverhead } from '../../main/server/multipart.js';

const policy = (size: number, maxRanges = 100) => ({
  maxRanges,
  partOverhead: partOverhead('application/octet-stream', size),
});

/** What a Range field selects of a file of `size` bytes; null when the field is ignored. */
function select(value: string, size: number, maxRanges = 100): RangeSelection | null {
  const specs = parseRangeHeader(value, maxRanges);
  return specs && selectRanges(specs, size, policy(size, maxRanges));
}

const parts = (...pairs: Array<[number, number]>): RangeSelection => ({
  kind: 'partial',
  ranges: pairs.map(([start, end]) => ({ start, end })),
});
const WHOLE: RangeSelection = { kind: 'whole' };
const UNSATISFIABLE: RangeSelection = { kind: 'unsatisfiable' };

describe('RFC 9110 §14.1.2 examples, 10,000 bytes', () => {
  const cases: Array<[string, string, RangeSelection]> = [
    ['the first 500 bytes', 'bytes=0-499', parts([0, 499])],
    ['the second 500 bytes', 'bytes=500-999', parts([500, 999])],
    ['the final 500 bytes (suffix)', 'bytes=-500', parts([9500, 9999])],
    ['the final 500 bytes (open end)', 'bytes=9500-', parts([9500, 9999])],
    ['the first and last bytes only', 'bytes=0-0,-1', parts([0, 0], [9999, 9999])],
    [
      'the first, middle and last 1000 bytes',
      'bytes= 0-999, 4500-5499, -1000',
      parts([0, 999], [4500, 5499], [9000, 9999]),
    ],
    [
      '500-600,601-999: adjacent parts, kept',
      'bytes=500-600,601-999',
      parts([500, 600], [601, 999]),
    ],
    // Overlapping ranges are valid syntax, and the RFC lets a server ignore them (§14.3).
    ['500-700,601-999: overlapping → the whole file', 'bytes=500-700,601-999', WHOLE],
  ];
  for (const [name, value, expected] of cases) {
    it(`${name}: ${value}`, () => expect(select(value, 10_000)).toEqual(expected));
  }
});

describe('range forms', () => {
  const cases: Array<[string, number, RangeSelection | null]> = [
    ['bytes=0-0', 10, parts([0, 0])],
    ['bytes=9-9', 10, parts([9, 9])],
    ['bytes=0-9', 10, parts([0, 9])],
    ['bytes=0-', 10, parts([0, 9])],
    ['bytes=3-100', 10, parts([3, 9])], // last-pos past the end is clamped (§14.1.2)
    ['bytes=-10', 10, parts([0, 9])],
    ['bytes=-1000', 10, parts([0, 9])], // a suffix longer than the file selects all of it
    ['BYTES=1-2', 10, parts([1, 2])], // units compare case-insensitively (§14.1)
    ['bytes=00001-0002', 10, parts([1, 2])], // leading zeros are digits
    ['bytes=1-2,,', 10, parts([1, 2])], // empty list elements are skipped (§5.6.1.2)
    ['bytes=1-2 ,\t5-6', 2_000, parts([1, 2], [5, 6])],
    ['bytes=5-99999999999999999999999', 10, parts([5, 9])], // beyond any file: clamped
    ['bytes=-99999999999999999999999', 10, parts([0, 9])],
  ];
  for (const [value, size, expected] of cases) {
    it(`${value} of ${size} bytes`, () => expect(select(value, size)).toEqual(expected));
  }
});

describe('invalid fields are ignored (§14.2): null', () => {
  const invalid = [
    'bytes=',
    'bytes=-',
    'bytes=5-4', // last-pos before first-pos (§14.1.1)
    'bytes=99999999999999999999999-99999999999999999999998',
    'bytes=a-b',
    'bytes=1-2-3',
    'bytes=+1-2',
    'bytes=1 - 2',
    'bytes=0x10-20',
    'bytes 0-1',
    'bytes:0-1',
    'items=0-1', // another unit
    '=0-1',
    'bytes=0-1;q=1',
    'bytes=1-2,x',
    '',
  ];
  for (const value of invalid) {
    it(JSON.stringify(value), () => expect(parseRangeHeader(value)).toBeNull());
  }
});

describe('unsatisfiable (416)', () => {
  const cases: Array<[string, number]> = [
    ['bytes=10-', 10], // first-pos at the length
    ['bytes=10-20', 10],
    ['bytes=-0', 10], // a zero-length suffix
    ['bytes=10-11,20-', 10],
    ['bytes=0-', 0], // an empty file has no first byte
    ['bytes=99999999999999999999999-', 10],
  ];
  for (const [value, size] of cases) {
    it(`${value} of ${size} bytes`, () => expect(select(value, size)).toEqual(UNSATISFIABLE));
  }
  it('unsatisfiable specs among satisfiable ones are dropped', () => {
    expect(select('bytes=50-60,0-1', 10)).toEqual(parts([0, 1]));
  });
  it('a suffix of an empty file: the (empty) whole file, since a 206 cannot be empty', () => {
    expect(select('bytes=-5', 0)).toEqual(WHOLE);
  });
});

describe('amplification (CVE-2011-3192): the whole file instead', () => {
  const MiB = 1024 * 1024;
  it('the same range many times', () => {
    expect(select(`bytes=${Array(50).fill('0-').join(',')}`, MiB)).toEqual(WHOLE);
  });
  it('two overlapping ranges', () => {
    expect(select('bytes=0-99,50-149', MiB)).toEqual(WHOLE);
    expect(select('bytes=-100,0-', MiB)).toEqual(WHOLE);
  });
  it('more ranges than maxRanges, even if small and apart', () => {
    const many = Array.from({ length: 101 }, (_, i) => `${i * 10}-${i * 10}`).join(',');
    expect(select(`bytes=${many}`, MiB)).toEqual(WHOLE);
    const hundred = Array.from({ length: 100 }, (_, i) => `${i * 10}-${i * 10}`).join(',');
    expect(select(`bytes=${hundred}`, MiB)?.kind).toBe('partial');
  });
  it('many tiny ranges whose part headers outweigh the file', () => {
    const tiny = Array.from({ length: 40 }, (_, i) => `${i * 2}-${i * 2}`).join(',');
    expect(select(`bytes=${tiny}`, 1000)).toEqual(WHOLE);
    expect(select(`bytes=${tiny}`, MiB)?.kind).toBe('partial');
  });
  it('parsing stops one spec past the limit', () => {
    const huge = `bytes=${Array(10_000).fill('1-2').join(',')}`;
    expect(parseRangeHeader(huge, 100)).toHaveLength(101);
  });
  it('maxRanges is the policy: 1 refuses two parts', () => {
    expect(select('bytes=0-0,-1', 10_000, 1)).toEqual(WHOLE);
    expect(select('bytes=0-0', 10_000, 1)).toEqual(parts([0, 0]));
  });
});

describe('Content-Range (§14.4) and multipart/byteranges (§14.6)', () => {
  it('formats a part and an unsatisfied length', () => {
    expect(contentRange({ start: 42, end: 1233 }, 1234)).toBe('bytes 42-1233/1234');
    expect(contentRange({ start: 21010, end: 47021 }, 47022)).toBe('bytes 21010-47021/47022');
    expect(contentRange(null, 1234)).toBe('bytes */1234');
  });

  it('lays out the §15.3.7.2 example with an exact length', () => {
    const ranges = [
      { start: 500, end: 999 },
      { start: 7000, end: 7999 },
    ];
    const layout = multipartLayout(ranges, 8000, 'application/pdf', 'THIS_STRING_SEPARATES');
    expect(layout.contentType).toBe('multipart/byteranges; boundary=THIS_STRING_SEPARATES');
    expect(layout.parts.map((p) => p.head.toString())).toEqual([
      '--THIS_STRING_SEPARATES\r\nContent-Type: application/pdf\r\nContent-Range: bytes 500-999/8000\r\n\r\n',
      '\r\n--THIS_STRING_SEPARATES\r\nContent-Type: application/pdf\r\nContent-Range: bytes 7000-7999/8000\r\n\r\n',
    ]);
    expect(layout.tail.toString()).toBe('\r\n--THIS_STRING_SEPARATES--\r\n');
    const heads = layout.parts.reduce((sum, p) => sum + p.head.length, 0);
    expect(layout.length).toBe(heads + 500 + 1000 + layout.tail.length);
  });

  it('each response gets a new random boundary', () => {
    const ranges = [{ start: 0, end: 0 }];
    const a = multipartLayout(ranges, 10, 'text/plain').contentType;
    const b = multipartLayout(ranges, 10, 'text/plain').contentType;
    expect(a).toMatch(/^multipart\/byteranges; boundary=httpdesk-[0-9a-f]{24}$/);
    expect(a).not.toBe(b);
  });

  it('partOverhead bounds every part head', () => {
    const size = 123_456_789;
    const layout = multipartLayout([{ start: size - 2, end: size - 1 }], size, 'video/mp4');
    const secondHead = multipartLayout(
      [
        { start: 0, end: 0 },
        { start: size - 2, end: size - 1 },
      ],
      size,
      'video/mp4',
    ).parts[1]?.head.length;
    expect(partOverhead('video/mp4', size)).toBeGreaterThanOrEqual(secondHead ?? Infinity);
    expect(layout.parts[0]?.head.length).toBeLessThanOrEqual(partOverhead('video/mp4', size));
  });
});
