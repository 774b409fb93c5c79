/**
 * The request head parser as data (docs/architecture.md § Testing tiers, tier 1): raw bytes → partial, complete or
 * an error code. Every case is designed so that its result is decided by its last byte, and
 * for EVERY case every proper prefix must answer 'partial' (a head split anywhere by TCP must
 * not change the outcome), the whole input the expected result, and the input followed by
 * more bytes (a pipelined request) the same result with the same `consumed`.
 *
 * Where Python 3.11 differs, the comment says so; the expected values are ours.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  DEFAULT_PARSER_OPTIONS,
  type ParserOptions,
  type ServerLimits,
} from '../../main/server/limits.js';
import type { ProtocolErrorCode } from '../../main/server/protocol-errors.js';
import {
  NO_PROGRESS,
  parseRequestHead,
  type ParseResult,
} from '../../main/server/request-parser.js';

type Expected =
  | {
      kind: 'complete';
      method: string;
      target: string;
      version: string;
      versionNumber: [number, number];
      headers?: Array<[string, string]>;
      contentLength?: number;
      /** Default: the whole input. */
      consumed?: number;
    }
  | { kind: 'error'; error: ProtocolErrorCode; detail?: string };

interface Case {
  name: string;
  input: string | Buffer;
  expected: Expected;
  limits?: Partial<ServerLimits>;
  options?: Partial<ParserOptions>;
}

const MAX = 65_536;
const ok = (
  method: string,
  target: string,
  version: string,
  versionNumber: [number, number],
  headers: Array<[string, string]> = [],
  extra: { contentLength?: number; consumed?: number } = {},
): Expected => ({ kind: 'complete', method, target, version, versionNumber, headers, ...extra });
const err = (error: ProtocolErrorCode, detail?: string): Expected => ({
  kind: 'error',
  error,
  detail,
});

/** A request line of exactly `total` bytes, CRLF included. */
function requestLineOf(total: number): string {
  const fixed = 'GET /'.length + ' HTTP/1.1\r\n'.length;
  return `GET /${'a'.repeat(total - fixed)} HTTP/1.1\r\n`;
}

/** A header line of exactly `total` bytes, CRLF included. */
function headerLineOf(total: number): string {
  return `X-Foo: ${'r'.repeat(total - 'X-Foo: \r\n'.length)}\r\n`;
}

const REQUEST_LINE_CASES: Case[] = [
  {
    name: 'three words, HTTP/1.1, one header',
    input: 'GET / HTTP/1.1\r\nHost: example\r\n\r\n',
    expected: ok('GET', '/', 'HTTP/1.1', [1, 1], [['Host', 'example']]),
  },
  {
    name: 'HTTP/1.0 without headers',
    input: 'GET /index.html HTTP/1.0\r\n\r\n',
    expected: ok('GET', '/index.html', 'HTTP/1.0', [1, 0]),
  },
  {
    name: 'any method token is accepted (dispatch decides 501)',
    input: 'SPAM /x?y=1 HTTP/1.1\r\n\r\n',
    expected: ok('SPAM', '/x?y=1', 'HTTP/1.1', [1, 1]),
  },
  {
    // server.py: two words and GET → HTTP/0.9; gh-139492: answered without reading headers.
    name: 'HTTP/0.9 GET /path is complete at the end of its line',
    input: 'GET /path\r\n',
    expected: ok('GET', '/path', 'HTTP/0.9', [0, 9]),
  },
  {
    name: 'HTTP/0.9 with LF only',
    input: 'GET /path\n',
    expected: ok('GET', '/path', 'HTTP/0.9', [0, 9]),
  },
  {
    // A literal "HTTP/0.9" third word: treated like a two-word 0.9 request (no headers read).
    // Python 3.11 reads headers first; either way no status line is sent.
    name: 'explicit HTTP/0.9 version',
    input: 'GET / HTTP/0.9\r\n',
    expected: ok('GET', '/', 'HTTP/0.9', [0, 9]),
  },
  {
    name: 'HTTP/0.9 with a method other than GET',
    input: 'POST /path\r\n',
    expected: err('bad-http09-method', 'POST'),
  },
  {
    name: 'HTTP/0.9 refused when the leniency is off',
    input: 'GET /path\r\n',
    options: { acceptHttp09: false },
    expected: err('bad-http09-method', 'GET'),
  },
  {
    name: 'one word',
    input: 'GET\r\n',
    expected: err('bad-request-syntax', 'GET'),
  },
  {
    // server.py: version = words[-1] is checked first, then the word count.
    name: 'four words ending in a good version',
    input: 'GET /spaced out HTTP/1.1\r\n',
    expected: err('bad-request-syntax', 'GET /spaced out HTTP/1.1'),
  },
  {
    name: 'four words ending in a bad version',
    input: 'GET / HTTP/1.1 extra\r\n',
    expected: err('bad-request-version', 'extra'),
  },
  {
    // Python 3.11 closes silently on a blank request line; we answer 400.
    name: 'a request line of spaces only',
    input: '   \r\n',
    expected: err('bad-request-syntax', '   '),
  },
  {
    name: 'HTTP/1 (no minor version)',
    input: 'GET / HTTP/1\r\n',
    expected: err('bad-request-version', 'HTTP/1'),
  },
  {
    name: 'HTTP/1.1.1 (three components)',
    input: 'GET / HTTP/1.1.1\r\n',
    expected: err('bad-request-version', 'HTTP/1.1.1'),
  },
  {
    name: 'HTTP/9.9.9',
    input: 'GET / HTTP/9.9.9\r\n',
    expected: err('bad-request-version', 'HTTP/9.9.9'),
  },
  {
    // RFC 2145: leading zeros are ignored.
    name: 'HTTP/01.1 is 1.1',
    input: 'GET / HTTP/01.1\r\n\r\n',
    expected: ok('GET', '/', 'HTTP/01.1', [1, 1]),
  },
  {
    name: 'lower-case http/1.1',
    input: 'GET / http/1.1\r\n',
    expected: err('bad-request-version', 'http/1.1'),
  },
  {
    name: 'FUBAR',
    input: 'GET / FUBAR\r\n',
    expected: err('bad-request-version', 'FUBAR'),
  },
  {
    name: 'signs and underscores',
    input: 'GET / HTTP/-9_9_9.+9_9_9\r\n',
    expected: err('bad-request-version', 'HTTP/-9_9_9.+9_9_9'),
  },
  {
    name: 'ten-digit minor version is still a number',
    input: 'GET / HTTP/1.1234567890\r\n\r\n',
    expected: ok('GET', '/', 'HTTP/1.1234567890', [1, 1234567890]),
  },
  {
    name: 'major version over ten digits',
    input: 'GET / HTTP/909876543210.0\r\n',
    expected: err('bad-request-version', 'HTTP/909876543210.0'),
  },
  {
    name: 'minor version over ten digits',
    input: 'GET / HTTP/1.909876543210\r\n',
    expected: err('bad-request-version', 'HTTP/1.909876543210'),
  },
  {
    name: 'HTTP/2.0 → version not supported',
    input: 'GET / HTTP/2.0\r\n',
    expected: err('version-not-supported', '2.0'),
  },
  {
    name: 'HTTP/9.9 → version not supported',
    input: 'GET / HTTP/9.9\r\n',
    expected: err('version-not-supported', '9.9'),
  },
  {
    name: 'tabs and runs of spaces separate words (str.split())',
    input: 'GET\t/a  HTTP/1.1 \r\n\r\n',
    expected: ok('GET', '/a', 'HTTP/1.1', [1, 1]),
  },
  {
    // RFC 9112 §2.2: a bare CR is invalid; the byte after it decides, no LF is waited for.
    name: 'a bare CR inside the request line, refused at the byte after it',
    input: 'GET /a\rb',
    expected: err('bad-request-syntax', 'GET /a\rb'),
  },
  {
    name: 'bare CR line ends (GET / HTTP/1.1\\rHost: x\\r\\r) are refused at once',
    input: 'GET / HTTP/1.1\rH',
    expected: err('bad-request-syntax', 'GET / HTTP/1.1\rH'),
  },
  {
    name: 'CR CR LF ending the request line: the first CR is bare',
    input: 'GET / HTTP/1.0\r\r',
    expected: err('bad-request-syntax', 'GET / HTTP/1.0\r\r'),
  },
  {
    name: 'a CR first, where an empty line or the request line should start',
    input: '\r\n\rG',
    expected: err('bad-request-syntax', '\rG'),
  },
  {
    // Whichever is decided first in byte order wins: here the line is too long at the CR.
    name: 'a request line over the limit before its bare CR → 414',
    input: 'GET /abcde\r',
    limits: { maxRequestLineBytes: 10 },
    expected: err('request-line-too-long'),
  },
  {
    name: 'a bare CR before the request-line limit → 400',
    input: 'GET /a\rb',
    limits: { maxRequestLineBytes: 10 },
    expected: err('bad-request-syntax', 'GET /a\rb'),
  },
  {
    name: 'a raw 0xA0 byte in the target is not UTF-8',
    input: 'GET /a\xa0b HTTP/1.1\r\n',
    expected: err('bad-request-target', '/a\xa0b'),
  },
  {
    name: 'a raw latin-1 é in the target is not UTF-8',
    input: 'GET /caf\xe9.txt HTTP/1.0\r\n',
    expected: err('bad-request-target', '/caf\xe9.txt'),
  },
  {
    name: 'a TLS ClientHello (someone typed https://) is recognised by its first two bytes',
    input: Buffer.from([0x16, 0x03]),
    expected: err('tls-handshake'),
  },
  {
    name: 'a control character in the target',
    input: 'GET /a\x01b HTTP/1.1\r\n',
    expected: err('bad-request-target', '/a\x01b'),
  },
  {
    name: 'NUL in the target',
    input: 'GET /etc/passwd\x00.html HTTP/1.1\r\n',
    expected: err('bad-request-target', '/etc/passwd\x00.html'),
  },
  {
    name: 'a quoted NUL in the path',
    input: 'GET /file.txt%00/ HTTP/1.1\r\n',
    expected: err('bad-request-target', '/file.txt%00/'),
  },
  {
    name: 'request line of exactly 65,536 bytes is accepted',
    input: requestLineOf(MAX) + '\r\n',
    expected: ok('GET', '/' + 'a'.repeat(MAX - 16), 'HTTP/1.1', [1, 1]),
  },
  {
    name: 'request line of 65,537 bytes → 414',
    input: requestLineOf(MAX + 1),
    expected: err('request-line-too-long', ''),
  },
  {
    // CPython test_request_length: 65,537 bytes and still no line end.
    name: '65,537 bytes without a line end → 414',
    input: 'GET ' + 'x'.repeat(MAX + 1 - 4),
    expected: err('request-line-too-long', ''),
  },
];

const HEADER_CASES: Case[] = [
  {
    name: 'header values lose surrounding whitespace; tab and obs-text are allowed',
    input: 'GET / HTTP/1.1\r\nA:  b\tc \t\r\nB:\r\nC: \xe4\xff\r\n\r\n',
    expected: ok(
      'GET',
      '/',
      'HTTP/1.1',
      [1, 1],
      [
        ['A', 'b\tc'],
        ['B', ''],
        ['C', '\xe4\xff'],
      ],
    ),
  },
  {
    name: 'names keep their case and order; duplicates are kept',
    input: 'GET / HTTP/1.1\r\nX-a: 1\r\nx-A: 2\r\n\r\n',
    expected: ok(
      'GET',
      '/',
      'HTTP/1.1',
      [1, 1],
      [
        ['X-a', '1'],
        ['x-A', '2'],
      ],
    ),
  },
  {
    name: '100 headers are accepted',
    input: 'GET / HTTP/1.1\r\n' + 'X-Foo: bar\r\n'.repeat(100) + '\r\n',
    expected: ok(
      'GET',
      '/',
      'HTTP/1.1',
      [1, 1],
      Array.from({ length: 100 }, (): [string, string] => ['X-Foo', 'bar']),
    ),
  },
  {
    // CPython test_too_many_headers: decided by the 101st line, before the blank line.
    name: '101 headers → too many headers',
    input: 'GET / HTTP/1.1\r\n' + 'X-Foo: bar\r\n'.repeat(101),
    expected: err('too-many-headers'),
  },
  {
    name: 'a header line of exactly 65,536 bytes is accepted',
    input: 'GET / HTTP/1.1\r\n' + headerLineOf(MAX) + '\r\n',
    expected: ok('GET', '/', 'HTTP/1.1', [1, 1], [['X-Foo', 'r'.repeat(MAX - 9)]]),
  },
  {
    name: 'a header line of 65,537 bytes → line too long',
    input: 'GET / HTTP/1.1\r\n' + headerLineOf(MAX + 1),
    expected: err('header-line-too-long'),
  },
  {
    name: '65,537 header bytes without a line end → line too long',
    input: 'GET / HTTP/1.1\r\nX-Foo: ' + 'r'.repeat(MAX + 1 - 7),
    expected: err('header-line-too-long'),
  },
  {
    name: 'obs-fold (continuation line) is rejected',
    input: 'GET / HTTP/1.1\r\nA: b\r\n c\r\n',
    expected: err('bad-header', ' c'),
  },
  {
    name: 'a tab-folded line is rejected',
    input: 'GET / HTTP/1.1\r\nA: b\r\n\tc\r\n',
    expected: err('bad-header', '\tc'),
  },
  {
    // RFC 9112 §5.1: whitespace between name and colon MUST be rejected (smuggling).
    name: 'space before the colon',
    input: 'GET / HTTP/1.1\r\nHost : x\r\n',
    expected: err('bad-header', 'Host : x'),
  },
  {
    name: 'a bare CR in a value, refused at the byte after it',
    input: 'GET / HTTP/1.1\r\nA: b\rc',
    expected: err('bad-header', 'A: b\rc'),
  },
  {
    name: 'a header line ended by a bare CR',
    input: 'GET / HTTP/1.1\r\nHost: x\r\r',
    expected: err('bad-header', 'Host: x\r\r'),
  },
  {
    name: 'a header line over the limit before its bare CR → 431',
    input: 'GET / HTTP/1.1\r\nA: 1234\r',
    limits: { maxHeaderLineBytes: 7 },
    expected: err('header-line-too-long'),
  },
  {
    name: 'NUL in a value',
    input: 'GET / HTTP/1.1\r\nA: b\x00c\r\n',
    expected: err('bad-header', 'A: b\x00c'),
  },
  {
    name: 'a control character in a value',
    input: 'GET / HTTP/1.1\r\nA: b\x1bc\r\n',
    expected: err('bad-header', 'A: b\x1bc'),
  },
  {
    name: 'DEL in a value',
    input: 'GET / HTTP/1.1\r\nA: b\x7f\r\n',
    expected: err('bad-header', 'A: b\x7f'),
  },
  {
    name: 'an empty name',
    input: 'GET / HTTP/1.1\r\n: x\r\n',
    expected: err('bad-header', ': x'),
  },
  {
    name: 'no colon at all',
    input: 'GET / HTTP/1.1\r\nNoColonHere\r\n',
    expected: err('bad-header', 'NoColonHere'),
  },
  {
    name: 'a non-token character in the name',
    input: 'GET / HTTP/1.1\r\nX(y): 1\r\n',
    expected: err('bad-header', 'X(y): 1'),
  },
];

const FRAMING_CASES: Case[] = [
  {
    name: 'Content-Length gives the body length',
    input: 'POST /x HTTP/1.1\r\nContent-Length: 12\r\n\r\n',
    expected: ok('POST', '/x', 'HTTP/1.1', [1, 1], [['Content-Length', '12']], {
      contentLength: 12,
    }),
  },
  {
    name: 'Content-Length with leading zeros',
    input: 'POST /x HTTP/1.1\r\ncontent-length:  007 \r\n\r\n',
    expected: ok('POST', '/x', 'HTTP/1.1', [1, 1], [['content-length', '007']], {
      contentLength: 7,
    }),
  },
  {
    name: 'two Content-Length fields, even equal ones',
    input: 'POST /x HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n',
    expected: err('bad-content-length', '5'),
  },
  {
    name: 'Content-Length that is not a number',
    input: 'POST /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n',
    expected: err('bad-content-length', 'abc'),
  },
  {
    name: 'negative Content-Length',
    input: 'POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n',
    expected: err('bad-content-length', '-1'),
  },
  {
    name: 'Content-Length with a sign',
    input: 'POST /x HTTP/1.1\r\nContent-Length: +5\r\n\r\n',
    expected: err('bad-content-length', '+5'),
  },
  {
    name: 'a Content-Length list',
    input: 'POST /x HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n',
    expected: err('bad-content-length', '5, 5'),
  },
  {
    name: 'an absurd Content-Length',
    input: 'POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n',
    expected: err('bad-content-length', '99999999999999999999'),
  },
  {
    // RFC 9112 §6.1: we implement no transfer coding, so chunked is 501, never guessed at.
    name: 'Transfer-Encoding: chunked',
    input: 'POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n',
    expected: err('transfer-encoding-unsupported', 'chunked'),
  },
  {
    name: 'Transfer-Encoding with Content-Length (smuggling shape)',
    input: 'POST /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n',
    expected: err('transfer-encoding-unsupported', 'chunked'),
  },
];

const LINE_END_CASES: Case[] = [
  {
    // RFC 9112 §2.2: empty lines before the request line are ignored (Python closes silently).
    name: 'leading empty lines are skipped and consumed',
    input: '\r\n\n\r\nGET / HTTP/1.1\r\n\r\n',
    expected: ok('GET', '/', 'HTTP/1.1', [1, 1]),
  },
  {
    name: 'LF-only line ends',
    input: 'GET / HTTP/1.1\nHost: x\n\n',
    expected: ok('GET', '/', 'HTTP/1.1', [1, 1], [['Host', 'x']]),
  },
  {
    name: 'mixed CRLF and LF',
    input: 'GET / HTTP/1.1\nHost: x\r\nA: 1\n\r\n',
    expected: ok(
      'GET',
      '/',
      'HTTP/1.1',
      [1, 1],
      [
        ['Host', 'x'],
        ['A', '1'],
      ],
    ),
  },
  {
    name: 'LF-only request line refused when the leniency is off',
    input: 'GET / HTTP/1.1\n',
    options: { acceptBareLf: false },
    expected: err('bad-request-syntax', 'GET / HTTP/1.1'),
  },
  {
    name: 'LF-only header line refused when the leniency is off',
    input: 'GET / HTTP/1.1\r\nHost: x\n',
    options: { acceptBareLf: false },
    expected: err('bad-header', 'Host: x'),
  },
  {
    name: 'a whole head over maxHeadBytes → head too large',
    input: 'GET / HTTP/1.1\r\n' + 'A: 123456\r\n'.repeat(8) + 'B',
    limits: { maxHeadBytes: 16 + 11 * 8 },
    expected: err('head-too-large'),
  },
  {
    name: 'a head of exactly maxHeadBytes is accepted',
    input: 'GET / HTTP/1.1\r\n' + 'A: 123456\r\n'.repeat(8) + '\r\n',
    limits: { maxHeadBytes: 16 + 11 * 8 + 2 },
    expected: ok(
      'GET',
      '/',
      'HTTP/1.1',
      [1, 1],
      Array.from({ length: 8 }, (): [string, string] => ['A', '123456']),
    ),
  },
];

function check(c: Case, result: ParseResult, inputLength: number): string | null {
  const e = c.expected;
  if (result.kind !== e.kind)
    return `kind ${result.kind} (${JSON.stringify(result).slice(0, 200)})`;
  if (result.kind === 'error' && e.kind === 'error') {
    if (result.error !== e.error) return `error ${result.error}, expected ${e.error}`;
    if (e.detail !== undefined && result.detail !== e.detail)
      return `detail ${JSON.stringify(result.detail)}, expected ${JSON.stringify(e.detail)}`;
  }
  if (result.kind === 'complete' && e.kind === 'complete') {
    const head = result.head;
    const got = {
      method: head.method,
      target: head.target,
      version: head.version,
      versionNumber: head.versionNumber,
      headers: head.headers,
      contentLength: head.contentLength,
      consumed: result.consumed,
    };
    const want = {
      method: e.method,
      target: e.target,
      version: e.version,
      versionNumber: e.versionNumber,
      headers: e.headers ?? [],
      contentLength: e.contentLength ?? 0,
      consumed: e.consumed ?? inputLength,
    };
    if (JSON.stringify(got) !== JSON.stringify(want))
      return `got ${JSON.stringify(got).slice(0, 300)}, want ${JSON.stringify(want).slice(0, 300)}`;
  }
  return null;
}

function runCase(c: Case): void {
  const limits = { ...DEFAULT_LIMITS, ...c.limits };
  const options = { ...DEFAULT_PARSER_OPTIONS, ...c.options };
  const bytes = Buffer.isBuffer(c.input) ? c.input : Buffer.from(c.input, 'latin1');
  const parse = (buf: Buffer) => parseRequestHead(buf, limits, options);

  // The whole input.
  expect(check(c, parse(bytes), bytes.length)).toBeNull();

  // Every split point: each proper prefix is still partial. (Failures are collected, so a
  // 65 KiB case costs one assertion, not 65,536.)
  const notPartial: number[] = [];
  for (let n = 0; n < bytes.length; n++) {
    if (parse(bytes.subarray(0, n)).kind !== 'partial') notPartial.push(n);
  }
  expect(notPartial.slice(0, 5), 'prefix lengths that were not partial').toEqual([]);

  // Fed byte by byte, each call resuming from the last one's progress (as the server does):
  // partial until the last byte, then the same result as the whole.
  let progress = NO_PROGRESS;
  const resumedEarly: number[] = [];
  for (let n = 0; n < bytes.length; n++) {
    const step = parseRequestHead(bytes.subarray(0, n), limits, options, progress);
    if (step.kind === 'partial') progress = step.progress;
    else resumedEarly.push(n);
  }
  expect(resumedEarly.slice(0, 5), 'resumed prefixes that were not partial').toEqual([]);
  expect(check(c, parseRequestHead(bytes, limits, options, progress), bytes.length)).toBeNull();

  // A pipelined next request after it changes nothing (same result, same consumed).
  const more = Buffer.concat([bytes, Buffer.from('GET /next HTTP/1.1\r\n\r\n')]);
  expect(check(c, parse(more), bytes.length)).toBeNull();
}

describe('parseRequestHead', () => {
  for (const [group, cases] of [
    ['request line', REQUEST_LINE_CASES],
    ['header fields', HEADER_CASES],
    ['message framing', FRAMING_CASES],
    ['line ends, leniencies and head size', LINE_END_CASES],
  ] as const) {
    describe(group, () => {
      for (const c of cases) it(c.name, () => runCase(c));
    });
  }

  it('reports the understood request line with a header error (for the error reply)', () => {
    const result = parseRequestHead(
      Buffer.from('GET /x HTTP/1.1\r\nBad Header: 1\r\n'),
      DEFAULT_LIMITS,
      DEFAULT_PARSER_OPTIONS,
    );
    expect(result).toMatchObject({
      kind: 'error',
      error: 'bad-header',
      line: { raw: 'GET /x HTTP/1.1', method: 'GET', target: '/x', version: 'HTTP/1.1' },
    });
  });

  it('the empty buffer is partial', () => {
    expect(parseRequestHead(Buffer.alloc(0), DEFAULT_LIMITS, DEFAULT_PARSER_OPTIONS).kind).toBe(
      'partial',
    );
  });

  it('a trickled 192 KB head costs work linear in its size, not a re-parse per byte', () => {
    const head = Buffer.from(
      'GET / HTTP/1.1\r\n' +
        [0, 1, 2].map((i) => `X-Big-${i}: ${'a'.repeat(64_000)}\r\n`).join('') +
        '\r\n',
      'latin1',
    );
    let progress = NO_PROGRESS;
    let calls = 0;
    let result: ParseResult = { kind: 'partial', progress };
    for (let n = 1; n <= head.length; n++) {
      result = parseRequestHead(
        head.subarray(0, n),
        DEFAULT_LIMITS,
        DEFAULT_PARSER_OPTIONS,
        progress,
      );
      calls++;
      if (result.kind !== 'partial') break;
      progress = result.progress;
    }
    expect(result.kind).toBe('complete');
    expect(calls).toBe(head.length);
    // Each byte scanned once and each line parsed once (a re-parse per read: ~18 GB).
    expect(progress.bytesExamined).toBeLessThanOrEqual(2 * head.length);
  });
});
