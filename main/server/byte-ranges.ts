/**
 * Byte ranges (RFC 9110 §14): parsing a `Range: bytes=…` field and deciding what a request
 * for a file of `size` bytes gets — the whole file, some parts of it, or 416.
 *
 * Amplification (CVE-2011-3192, "Apache Killer"): a short request such as
 * `bytes=0-,0-,0-,…` or thousands of one-byte ranges once made servers send many copies of a
 * file, or far more part headers than data. After it, Apache sends the whole file when a
 * request has more than MaxRanges ranges or too many overlaps (MaxRangeOverlaps), and nginx
 * sends the whole file when the parts add up to more than the file (and beyond max_ranges).
 * HTTP Desk does the same — the whole file, 200 — when a request has more than `maxRanges`
 * ranges, when any two ranges overlap, or when the multipart answer would be larger than the
 * file itself. Whole file rather than 416 because ignoring `Range` is always a correct answer
 * (RFC 9110 §14.2: a server MAY ignore it; §14.3 names overlapping and many small ranges as
 * signs of an attack), an honest client still gets its bytes, and the response is then never
 * bigger than a plain GET of the same file. 416 would claim that no range exists.
 */

/** One range of a file, both ends inclusive, always within the file. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A range-spec as written (RFC 9110 §14.1.1), before it is applied to a length. */
export type RangeSpec =
  { kind: 'int'; first: number; last: number | null } | { kind: 'suffix'; length: number };

/** What a request with a `Range` field gets. */
export type RangeSelection =
  { kind: 'whole' } | { kind: 'unsatisfiable' } | { kind: 'partial'; ranges: ByteRange[] };

export interface RangePolicy {
  /** More range-specs than this: the whole file (Apache's MaxRanges, nginx's max_ranges). */
  maxRanges: number;
  /** Bytes each part of a multipart/byteranges answer adds besides its data. */
  partOverhead: number;
}

/** Default for `maxRanges`: far above what players and download managers send (one or two). */
export const DEFAULT_MAX_RANGES = 100;

const RANGE_SPEC = /^(\d*)-(\d*)$/;
/** Digits beyond this many cannot be an offset in a file Node can hold: read as "infinite". */
const MAX_DIGITS = 15;

function toOffset(digits: string): number {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  return trimmed.length > MAX_DIGITS ? Infinity : Number(trimmed);
}

/** a < b for non-negative decimal strings of any length, without losing precision. */
function digitsLess(a: string, b: string): boolean {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length !== y.length ? x.length < y.length : x < y;
}

/**
 * Parses a `Range` field value (RFC 9110 §14.1.1, ranges-specifier for the unit "bytes").
 * Returns null when the value is not a valid bytes range set — another unit, a bad number,
 * last-pos before first-pos — since such a field is ignored (§14.2). At most `maxSpecs + 1`
 * specs are kept: one more than the policy allows is enough to refuse.
 */
export function parseRangeHeader(value: string, maxSpecs = Infinity): RangeSpec[] | null {
  const equals = value.indexOf('=');
  if (equals === -1 || value.slice(0, equals).toLowerCase() !== 'bytes') return null;
  const specs: RangeSpec[] = [];
  // 1#range-spec: elements separated by OWS "," OWS; empty elements are allowed and skipped
  // (RFC 9110 §5.6.1.2).
  for (const element of value.slice(equals + 1).split(',')) {
    const text = element.replace(/^[ \t]+|[ \t]+$/g, '');
    if (text === '') continue;
    const match = RANGE_SPEC.exec(text);
    if (!match) return null;
    const [, first = '', last = ''] = match;
    if (first === '') {
      if (last === '') return null; // "-" alone
      specs.push({ kind: 'suffix', length: toOffset(last) });
    } else {
      if (last !== '' && digitsLess(last, first)) return null; // §14.1.1: an invalid int-range
      specs.push({
        kind: 'int',
        first: toOffset(first),
        last: last === '' ? null : toOffset(last),
      });
    }
    if (specs.length > maxSpecs) return specs;
  }
  return specs.length > 0 ? specs : null;
}

/** The part of a file of `size` bytes a spec selects, or null when it is unsatisfiable. */
export function resolveSpec(spec: RangeSpec, size: number): ByteRange | null {
  if (spec.kind === 'suffix') {
    // §14.1.3: a suffix longer than the file selects the whole file; "-0" selects nothing.
    if (spec.length === 0 || size === 0) return null;
    return { start: Math.max(0, size - spec.length), end: size - 1 };
  }
  if (spec.first >= size) return null;
  const end = spec.last === null ? size - 1 : Math.min(spec.last, size - 1);
  return { start: spec.first, end };
}

export const rangeLength = (range: ByteRange): number => range.end - range.start + 1;

function anyOverlap(ranges: readonly ByteRange[]): boolean {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as ByteRange).start <= (sorted[i - 1] as ByteRange).end) return true;
  }
  return false;
}

/**
 * Applies the specs to a file of `size` bytes under the amplification policy above. Parts
 * keep the order they were asked in (RFC 9110 §15.3.7.2); unsatisfiable specs are dropped.
 */
export function selectRanges(
  specs: readonly RangeSpec[],
  size: number,
  policy: RangePolicy,
): RangeSelection {
  if (specs.length > policy.maxRanges) return { kind: 'whole' };
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    const range = resolveSpec(spec, size);
    if (range) ranges.push(range);
  }
  if (ranges.length === 0) {
    // A zero-length file has no byte to select, and a 206 cannot describe an empty range:
    // a satisfiable suffix (§14.1.1) gets the (empty) whole file instead.
    if (size === 0 && specs.some((s) => s.kind === 'suffix' && s.length > 0))
      return { kind: 'whole' };
    return { kind: 'unsatisfiable' };
  }
  if (ranges.length > 1) {
    if (anyOverlap(ranges)) return { kind: 'whole' };
    const multipartBytes = ranges.reduce((sum, r) => sum + rangeLength(r) + policy.partOverhead, 0);
    if (multipartBytes >= size) return { kind: 'whole' };
  }
  return { kind: 'partial', ranges };
}

/** `Content-Range` of a part (§14.4) or of a 416 answer (`bytes *\/size`). */
export function contentRange(range: ByteRange | null, size: number): string {
  return range ? `bytes ${range.start}-${range.end}/${size}` : `bytes */${size}`;
}
