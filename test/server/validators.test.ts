/**
 * Preconditions in RFC 9110 §13.2.2 order, table-driven: If-Match, If-Unmodified-Since,
 * If-None-Match, If-Modified-Since (server.py's rule), and If-Range (§13.1.5), with the
 * comparison functions of §8.8.3.2.
 */
import type { BigIntStats, Stats } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evaluatePreconditions,
  ifRangeHolds,
  strongETag,
  type ConditionalFields,
  type PreconditionVerdict,
} from '../../main/server/validators.js';

const ETAG = '"abc-10-1"';
// Last-Modified: Tue, 14 Nov 2023 22:13:20 GMT (plus 250 ms the header cannot show).
const MTIME_MS = 1_700_000_000_250;
const LAST_MODIFIED = 'Tue, 14 Nov 2023 22:13:20 GMT';
const EARLIER = 'Tue, 14 Nov 2023 22:13:19 GMT';
const LATER = 'Tue, 14 Nov 2023 22:13:21 GMT';
const current = { etag: ETAG, mtimeMs: MTIME_MS };

describe('evaluatePreconditions (§13.2.2 steps 1–4)', () => {
  const cases: Array<[string, ConditionalFields, PreconditionVerdict]> = [
    ['no conditions', {}, 'proceed'],
    // If-Match: strong comparison.
    ['If-Match: the current tag', { ifMatch: ETAG }, 'proceed'],
    ['If-Match: *', { ifMatch: '*' }, 'proceed'],
    ['If-Match: one of a list', { ifMatch: `"x", ${ETAG}` }, 'proceed'],
    ['If-Match: another tag → 412', { ifMatch: '"x"' }, 'precondition-failed'],
    [
      'If-Match: the weak form never matches → 412',
      { ifMatch: `W/${ETAG}` },
      'precondition-failed',
    ],
    ['If-Match: not a tag → 412', { ifMatch: 'abc' }, 'precondition-failed'],
    // If-Unmodified-Since, only without If-Match.
    ['If-Unmodified-Since: Last-Modified itself', { ifUnmodifiedSince: LAST_MODIFIED }, 'proceed'],
    ['If-Unmodified-Since: later', { ifUnmodifiedSince: LATER }, 'proceed'],
    ['If-Unmodified-Since: earlier → 412', { ifUnmodifiedSince: EARLIER }, 'precondition-failed'],
    ['If-Unmodified-Since: not a date, ignored', { ifUnmodifiedSince: 'soon' }, 'proceed'],
    [
      'If-Match true wins over a failing If-Unmodified-Since',
      { ifMatch: ETAG, ifUnmodifiedSince: EARLIER },
      'proceed',
    ],
    // If-None-Match: weak comparison.
    ['If-None-Match: the current tag → 304', { ifNoneMatch: ETAG }, 'not-modified'],
    ['If-None-Match: its weak form → 304', { ifNoneMatch: `W/${ETAG}` }, 'not-modified'],
    ['If-None-Match: in a list → 304', { ifNoneMatch: `"a", ${ETAG}` }, 'not-modified'],
    ['If-None-Match: * → 304', { ifNoneMatch: '*' }, 'not-modified'],
    ['If-None-Match: another tag', { ifNoneMatch: '"x"' }, 'proceed'],
    ['If-None-Match: not a tag list', { ifNoneMatch: 'x' }, 'proceed'],
    // If-Modified-Since exactly as server.py.
    ['If-Modified-Since: Last-Modified → 304', { ifModifiedSince: LAST_MODIFIED }, 'not-modified'],
    ['If-Modified-Since: later → 304', { ifModifiedSince: LATER }, 'not-modified'],
    ['If-Modified-Since: earlier', { ifModifiedSince: EARLIER }, 'proceed'],
    [
      'If-Modified-Since: not UTC, ignored',
      { ifModifiedSince: `${LATER.slice(0, -4)} +0100` },
      'proceed',
    ],
    ['If-Modified-Since: not a date', { ifModifiedSince: 'yesterday' }, 'proceed'],
    [
      'If-None-Match takes precedence over If-Modified-Since (no match: 200)',
      { ifNoneMatch: '"x"', ifModifiedSince: LATER },
      'proceed',
    ],
    [
      'If-None-Match takes precedence over If-Modified-Since (match: 304)',
      { ifNoneMatch: ETAG, ifModifiedSince: EARLIER },
      'not-modified',
    ],
    // Order: a failed If-Match is 412 even when If-None-Match would say 304.
    ['412 before 304', { ifMatch: '"x"', ifNoneMatch: ETAG }, 'precondition-failed'],
    [
      'If-Unmodified-Since failing before If-Modified-Since',
      { ifUnmodifiedSince: EARLIER, ifModifiedSince: LATER },
      'precondition-failed',
    ],
    [
      'If-Match and If-None-Match both true → 304',
      { ifMatch: ETAG, ifNoneMatch: ETAG },
      'not-modified',
    ],
  ];
  for (const [name, fields, verdict] of cases) {
    it(name, () => expect(evaluatePreconditions(fields, current)).toBe(verdict));
  }

  it('without an ETag only * matches', () => {
    const untagged = { etag: null, mtimeMs: MTIME_MS };
    expect(evaluatePreconditions({ ifMatch: '*' }, untagged)).toBe('proceed');
    expect(evaluatePreconditions({ ifMatch: ETAG }, untagged)).toBe('precondition-failed');
    expect(evaluatePreconditions({ ifNoneMatch: ETAG }, untagged)).toBe('proceed');
  });
});

describe('ifRangeHolds (§13.1.5)', () => {
  const settled = MTIME_MS + 5_000;
  const cases: Array<[string, string, number, boolean]> = [
    ['the current tag', ETAG, settled, true],
    ['another tag', '"x"', settled, false],
    ['the weak form: strong comparison fails', `W/${ETAG}`, settled, false],
    ['a list is not an If-Range value', `${ETAG}, "x"`, settled, false],
    ['Last-Modified exactly', LAST_MODIFIED, settled, true],
    ['a later date', LATER, settled, false],
    ['an earlier date', EARLIER, settled, false],
    ['garbage', 'whenever', settled, false],
    // §8.8.2.2: modified less than a second ago, the date is weak → false.
    [
      'Last-Modified, but the file changed within the last second',
      LAST_MODIFIED,
      MTIME_MS + 500,
      false,
    ],
  ];
  for (const [name, value, now, holds] of cases) {
    it(`${name}: ${value}`, () => expect(ifRangeHolds(value, current, now)).toBe(holds));
  }
});

describe('strongETag', () => {
  const base = { ino: 0x1234, size: 1000, mtimeMs: 1_700_000_000_123.456 } as Stats;
  it('is a strong quoted tag from inode, size and mtime in ns (a double holds ~0.24 µs)', () => {
    const match = /^"1234-3e8-([0-9a-f]+)"$/.exec(strongETag(base));
    const nanos = BigInt(`0x${match?.[1] ?? 0}`);
    const expected = 1_700_000_000n * 1_000_000_000n + 123_456_000n;
    const error = nanos > expected ? nanos - expected : expected - nanos;
    expect(error < 250n).toBe(true);
  });
  it('changes with each of them, including a sub-millisecond mtime change', () => {
    const tag = strongETag(base);
    expect(strongETag({ ...base, ino: 0x1235 } as Stats)).not.toBe(tag);
    expect(strongETag({ ...base, size: 1001 } as Stats)).not.toBe(tag);
    expect(strongETag({ ...base, mtimeMs: base.mtimeMs + 0.001 } as Stats)).not.toBe(tag);
  });
  it('uses exact nanoseconds from a bigint stat', () => {
    const big = { ino: 0x1234n, size: 1000n, mtimeNs: 1_700_000_000_123_456_789n } as BigIntStats;
    expect(strongETag(big)).toBe(`"1234-3e8-${1_700_000_000_123_456_789n.toString(16)}"`);
  });
});
