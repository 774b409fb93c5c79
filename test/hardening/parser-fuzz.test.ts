/**
 * Property-based fuzzing of parseRequestHead (fast-check): random bytes and HTTP-shaped bytes,
 * under the default limits and under tiny ones (so every limit is crossed often), with both
 * leniencies on and off. For every input:
 *  - it never throws, and answers partial, complete or an error from the closed set whose
 *    response is one of the table's statuses;
 *  - complete means 0 < consumed <= length, and the same head is found in exactly the consumed
 *    bytes and with more bytes after them (a pipelined request);
 *  - split anywhere: feeding the bytes as TCP might (every prefix, in order) reaches the same
 *    outcome as the whole — the same head, or an error with the same status — or stays partial;
 *  - resumed: feeding the same prefixes with each call resuming from the last one's progress
 *    (as the server does) reaches the same outcome, and the work done (bytes examined) stays
 *    linear in the input. Parse times are recorded as figures, never asserted (a loaded
 *    machine is not a slow parser).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  DEFAULT_PARSER_OPTIONS,
  type ParserOptions,
  type ServerLimits,
} from '../../main/server/limits.js';
import { protocolErrorResponse } from '../../main/server/protocol-errors.js';
import {
  NO_PROGRESS,
  parseRequestHead,
  type ParseResult,
} from '../../main/server/request-parser.js';
import { recordFigure } from './figures.js';
import { httpShapedBytes, noiseBytes, requestHeadBytes, structuredHead } from './fuzz-inputs.js';

const TINY: ServerLimits = {
  ...DEFAULT_LIMITS,
  maxRequestLineBytes: 40,
  maxHeaderLineBytes: 24,
  maxHeaders: 3,
  maxHeadBytes: 96,
};
const STRICT_OPTIONS: ParserOptions = { acceptBareLf: false, acceptHttp09: false };
const STATUSES = new Set([400, 408, 413, 414, 431, 501, 505]);
const RUNS = 4_000;

const tally = { inputs: 0, parses: 0, maxParseMs: 0, complete: 0, error: 0, partial: 0 };
afterAll(() => recordFigure('parser-fuzz', tally));

function parse(buf: Buffer, limits: ServerLimits, options: ParserOptions): ParseResult {
  const started = performance.now();
  const result = parseRequestHead(buf, limits, options);
  tally.parses++;
  tally.maxParseMs = Math.max(tally.maxParseMs, performance.now() - started);
  return result;
}

function status(result: ParseResult, limits: ServerLimits): number | null {
  return result.kind === 'error'
    ? protocolErrorResponse(result.error, result.detail, limits).status
    : null;
}

function checkInput(buf: Buffer, limits: ServerLimits, options: ParserOptions): void {
  tally.inputs++;
  const whole = parse(buf, limits, options);
  expect(['partial', 'complete', 'error']).toContain(whole.kind);
  tally[whole.kind]++;
  if (whole.kind === 'error') expect(STATUSES.has(status(whole, limits) ?? 0)).toBe(true);
  if (whole.kind === 'complete') {
    expect(whole.consumed).toBeGreaterThan(0);
    expect(whole.consumed).toBeLessThanOrEqual(buf.length);
    expect(parse(buf.subarray(0, whole.consumed), limits, options)).toEqual(whole);
    const pipelined = Buffer.concat([buf, Buffer.from('GET / HTTP/1.1\r\n\r\n')]);
    expect(parse(pipelined, limits, options)).toEqual(whole);
  }
  // Every split point, resumed from the last partial answer: the same outcome, linear work.
  let progress = NO_PROGRESS;
  for (let n = 0; n <= buf.length; n++) {
    const step = parseRequestHead(buf.subarray(0, n), limits, options, progress);
    tally.parses++;
    if (step.kind === 'partial') {
      progress = step.progress;
      continue;
    }
    expect(step.kind).toBe(whole.kind);
    if (step.kind === 'complete') expect(step).toEqual(whole);
    else expect(status(step, limits)).toBe(status(whole, limits));
    break;
  }
  expect(progress.bytesExamined).toBeLessThanOrEqual(2 * buf.length);
  // Every split point, in the order TCP would deliver them.
  for (let n = 0; n < buf.length; n++) {
    const prefix = parse(buf.subarray(0, n), limits, options);
    if (prefix.kind === 'partial') continue;
    expect(prefix.kind).toBe(whole.kind);
    if (prefix.kind === 'complete') expect(prefix).toEqual(whole);
    else expect(status(prefix, limits)).toBe(status(whole, limits));
    return;
  }
}

const PROFILES: Array<[string, ServerLimits, ParserOptions]> = [
  ['default limits, Python leniencies', DEFAULT_LIMITS, DEFAULT_PARSER_OPTIONS],
  ['tiny limits, Python leniencies', TINY, DEFAULT_PARSER_OPTIONS],
  ['tiny limits, strict CRLF and no HTTP/0.9', TINY, STRICT_OPTIONS],
];

describe('parseRequestHead under fuzzing', () => {
  for (const [name, limits, options] of PROFILES) {
    it(`HTTP-shaped bytes, ${name}`, () => {
      fc.assert(
        fc.property(httpShapedBytes(), (buf) => checkInput(buf, limits, options)),
        { numRuns: RUNS },
      );
    });
    it(`field-by-field heads, ${name}`, () => {
      fc.assert(
        fc.property(structuredHead(), (buf) => checkInput(buf, limits, options)),
        { numRuns: RUNS },
      );
    });
    it(`random bytes, ${name}`, () => {
      fc.assert(
        fc.property(noiseBytes(), (buf) => checkInput(buf, limits, options)),
        { numRuns: RUNS },
      );
    });
  }

  it('random split points of a head followed by anything give one outcome', () => {
    fc.assert(
      fc.property(requestHeadBytes(), fc.array(fc.nat(), { maxLength: 6 }), (buf, cuts) => {
        tally.inputs++;
        const whole = parse(buf, TINY, DEFAULT_PARSER_OPTIONS);
        // Grow the buffer chunk by chunk as the server does and stop at the first answer.
        const points = [...new Set(cuts.map((c) => (buf.length ? c % buf.length : 0)))].sort(
          (a, b) => a - b,
        );
        for (const point of [...points, buf.length]) {
          const seen = parse(buf.subarray(0, point), TINY, DEFAULT_PARSER_OPTIONS);
          if (seen.kind === 'partial') continue;
          expect(seen.kind).toBe(whole.kind);
          if (seen.kind === 'complete') expect(seen).toEqual(whole);
          else expect(status(seen, TINY)).toBe(status(whole, TINY));
          return;
        }
        expect(whole.kind).toBe('partial');
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('stays linear on a large head: 256 KiB of pieces cost about their own size', () => {
    const big = Buffer.from(
      'GET / HTTP/1.1\r\n' + 'X-A: b\r\n'.repeat(99) + 'Y: ' + 'z'.repeat(200_000),
      'latin1',
    );
    // Arriving in 1 KiB reads, each resuming from the last.
    let progress = NO_PROGRESS;
    let result: ParseResult = { kind: 'partial', progress };
    for (let n = 1024; result.kind === 'partial' && n < big.length + 1024; n += 1024) {
      result = parseRequestHead(
        big.subarray(0, Math.min(n, big.length)),
        DEFAULT_LIMITS,
        DEFAULT_PARSER_OPTIONS,
        progress,
      );
      if (result.kind === 'partial') progress = result.progress;
    }
    expect(result.kind).toBe('error'); // the last line is longer than a header line may be
    expect(progress.bytesExamined).toBeLessThanOrEqual(2 * big.length);
  });

  it('reaches every kind of outcome', () => {
    expect(tally.complete).toBeGreaterThan(500);
    expect(tally.error).toBeGreaterThan(500);
    expect(tally.partial).toBeGreaterThan(500);
  });
});
