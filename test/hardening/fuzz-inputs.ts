/**
 * fast-check generators of request-head bytes: plain random bytes, and "HTTP-shaped" byte
 * strings glued from the pieces a parser cares about (methods, targets, versions, CR, LF,
 * colons, controls, escapes, framing headers), which reach far deeper into the parser than
 * noise does.
 */
import fc from 'fast-check';

const PIECES = [
  'GET',
  'HEAD',
  'POST',
  'G\x1bET',
  ' ',
  '  ',
  '\t',
  '/',
  '/hello.txt',
  '/dir',
  '//evil.com/dir',
  '/..',
  '/%2e%2e/',
  '%',
  '%2f',
  '%zz',
  '%00',
  '?',
  '#',
  'http://h',
  'HTTP/1.1',
  'HTTP/1.0',
  'HTTP/0.9',
  'HTTP/2.0',
  'HTTP/1.1.1',
  'HTTP/01.1',
  '\r\n',
  '\r\n',
  '\r\n\r\n',
  '\n',
  '\r',
  ':',
  ': ',
  ' :',
  'Host',
  'Host: x',
  'Content-Length',
  'Content-Length: 5',
  'Content-Length: 0\r\nContent-Length: 0',
  'Transfer-Encoding: chunked',
  'Connection: close',
  'Expect: 100-continue',
  'X',
  'a',
  '0',
  '12',
  '-1',
  '\0',
  '\x7f',
  '\x85',
  '\xff',
  '\u00e9',
  '\x1b[2J',
];

/** Bytes made of HTTP pieces (latin-1, so every char is one byte). */
export const httpShapedBytes = (maxPieces = 40): fc.Arbitrary<Buffer> =>
  fc
    .array(fc.constantFrom(...PIECES), { maxLength: maxPieces })
    .map((pieces) => Buffer.from(pieces.join(''), 'latin1'));

/** Random bytes, biased toward the bytes that end lines. */
export const noiseBytes = (maxLength = 300): fc.Arbitrary<Buffer> =>
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: 255 }) },
        { weight: 1, arbitrary: fc.constantFrom(0x0d, 0x0a, 0x20, 0x3a) },
      ),
      { maxLength },
    )
    .map((bytes) => Buffer.from(bytes));

/** Either kind, for tests that want both. */
export const requestHeadBytes = (): fc.Arbitrary<Buffer> =>
  fc.oneof(
    { weight: 2, arbitrary: structuredHead() },
    { weight: 1, arbitrary: httpShapedBytes() },
    { weight: 1, arbitrary: noiseBytes() },
  );

/** Usually `valid`, sometimes one of the malformed variants. */
const mostly = (valid: string, ...malformed: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: fc.constantFrom(...malformed) },
  );

const EOL = mostly('\r\n', '\n', '\r', '', '\r\r\n');
const FIELD_NAME = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom('Host', 'X-A', 'Accept', 'Content-Length', 'Connection'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('Transfer-Encoding', 'X A', '', 'X\0', ' Host', 'Host '),
  },
);
const FIELD_VALUE = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('x', '0', 'close', 'keep-alive', '', ' a ', 'caf\xe9') },
  { weight: 1, arbitrary: fc.constantFrom('5', '0, 0', '-1', 'chunked', 'a\0b', '\x1b[2J') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** A request head built field by field, each part sometimes malformed: reaches 'complete' often. */
export const structuredHead = (): fc.Arbitrary<Buffer> =>
  fc
    .record({
      lead: mostly('', '\r\n', '\n'),
      method: mostly('GET', 'HEAD', 'POST', 'get', 'G\x1bET', ''),
      sp1: mostly(' ', '  ', '\t', ''),
      target: fc.oneof(
        fc.constantFrom(
          '/',
          '/hello.txt',
          '//evil.com/dir',
          '/%2e%2e/x',
          '/%zz',
          'http://h/x',
          '*',
          '/a\0b',
        ),
        fc.string({ maxLength: 16 }).map((s) => '/' + s),
      ),
      sp2: mostly(' ', '', '  '),
      version: mostly('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1.1', 'HTTP/01.1', 'FOO/1.1', ''),
      eol: EOL,
      fields: fc.array(
        fc.tuple(FIELD_NAME, mostly(': ', ':', ' :', ''), FIELD_VALUE, EOL, mostly('', ' ', '\t')),
        { maxLength: 5 },
      ),
      end: EOL,
      tail: fc.constantFrom('', 'GET / HTTP/1.1\r\n\r\n', 'hello', '\r\n'),
    })
    .map((h) =>
      Buffer.from(
        h.lead +
          h.method +
          h.sp1 +
          h.target +
          h.sp2 +
          h.version +
          h.eol +
          h.fields
            .map(([name, colon, value, eol, fold]) => fold + name + colon + value + eol)
            .join('') +
          h.end +
          h.tail,
        'latin1',
      ),
    );
