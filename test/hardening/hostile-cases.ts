/**
 * The hostile raw requests, as data: bytes exactly as sent, and what must come back — a status
 * (of the last final response), `close` (the server closed without a byte) or `http09` (an
 * HTTP/0.9 reply: bytes without a status line). hostile-requests.test.ts runs each one on a
 * fresh loopback connection against the tree of hostile-tree.ts and, for every case, checks
 * that no byte window of the SECRET came back and that the server still serves a plain GET.
 *
 * Expected values are ours (stricter than Python where Python is unsafe); docs/security.md
 * lists the differences.
 */

export interface HostileCase {
  name: string;
  request: string | Buffer;
  expect: number | 'close' | 'http09';
  /** 'strict' (default): followSymlinks false. 'follow': Python's policy (follow every link). */
  server?: 'strict' | 'follow';
  /** The body of the final response must be exactly this. */
  body?: string;
  /** Final (non-1xx) responses expected on the connection; default 1. */
  responses?: number;
  /** The server must close the connection after its responses. Default: true unless keepAlive. */
  closes?: boolean;
  /** After the responses, a plain request on the SAME connection must get 200 (framing intact). */
  followUp?: boolean;
  /** Half-close (FIN) after sending. */
  end?: boolean;
}

const CRLF = '\r\n';
/** An HTTP/1.0 GET: the server closes after answering. */
const get = (target: string, ...headers: string[]) =>
  `GET ${target} HTTP/1.0${CRLF}${headers.map((h) => h + CRLF).join('')}${CRLF}`;
/** An HTTP/1.1 request with Host; `Connection: close` unless keepAlive. */
const http11 = (line: string, headers: string[] = [], body = '', keepAlive = false) =>
  `${line}${CRLF}Host: localhost${CRLF}${headers.map((h) => h + CRLF).join('')}` +
  `${keepAlive ? '' : `Connection: close${CRLF}`}${CRLF}${body}`;
const withHeader = (h: string) => http11('GET /hello.txt HTTP/1.1', [h]);

const HELLO = 'hello world\n';

// ------------------------------------------------------------------ traversal, every spelling
const TRAVERSAL_404: string[] = [
  '/../SECRET.txt',
  '/../../SECRET.txt',
  '/../outside/SECRET.txt',
  '/dir/../../SECRET.txt',
  '/hello.txt/../../SECRET.txt',
  '/%2e%2e/SECRET.txt',
  '/%2E%2E/SECRET.txt',
  '/.%2e/SECRET.txt',
  '/%2e./SECRET.txt',
  '/..%2fSECRET.txt',
  '/..%2FSECRET.txt',
  '/dir/..%2f..%2fSECRET.txt',
  '/%2e%2e%2fSECRET.txt',
  '/%2e%2e%2f%2e%2e%2foutside%2fSECRET.txt',
  '/%252e%252e/SECRET.txt',
  '/%252e%252e%252fSECRET.txt',
  '/%25%32%65%25%32%65/SECRET.txt',
  '/%c0%ae%c0%ae/SECRET.txt',
  '/%c0%ae%c0%ae%c0%afSECRET.txt',
  '/%e0%80%ae%e0%80%ae/SECRET.txt',
  '/%c0%2e%c0%2e/SECRET.txt',
  '/%ef%bc%8e%ef%bc%8e/SECRET.txt', // fullwidth full stops
  '/%e2%80%a4%e2%80%a4/SECRET.txt', // one-dot leaders
  '/..\\SECRET.txt',
  '/..\\..\\SECRET.txt',
  '/dir\\..\\..\\SECRET.txt',
  '/..%5cSECRET.txt',
  '/%5c..%5cSECRET.txt',
  '/..%5c..%5coutside%5cSECRET.txt',
  '/%2e%2e%5cSECRET.txt',
  '/C:/SECRET.txt',
  '/C:%5cSECRET.txt',
  '/c:/../SECRET.txt',
  '/C:..\\SECRET.txt',
  '/C:%2f..%2fSECRET.txt',
  '/..;/SECRET.txt',
  '/....//SECRET.txt',
  '/.../SECRET.txt',
  '//../SECRET.txt',
  '/./../SECRET.txt',
  '/' + '../'.repeat(60) + 'SECRET.txt',
  '/' + '%2e%2e/'.repeat(60) + 'SECRET.txt',
  '/' + '..%2f'.repeat(60) + 'outside%2fSECRET.txt',
  '/../SECRET.txt?x=1',
  '/x?/../../SECRET.txt',
  '/..%2f..%2fSECRET.txt#frag',
  'SECRET.txt',
  '../SECRET.txt',
  '..%2fSECRET.txt',
  '*',
  // absolute-form: only its path counts (RFC 9112 §3.2.2)
  'http://localhost/../SECRET.txt',
  'http://localhost/%2e%2e/SECRET.txt',
  'http://localhost/..%2fSECRET.txt',
  'http://../SECRET.txt',
  'HTTP://LOCALHOST/../../SECRET.txt',
  'http://user:pass@evil.com/../SECRET.txt',
  'http:/../SECRET.txt',
  'http:..%2fSECRET.txt',
];

/** Targets that name a folder after decoding, so they redirect (harmlessly, on-site). */
const TRAVERSAL_301: string[] = ['/..', '/%2e%2e'];

// --------------------------------------------------------------------- symbolic links, FIFOs
const SYMLINK_STRICT: Array<[string, number, string?]> = [
  ['/link-secret', 404],
  ['/link-out/SECRET.txt', 404],
  ['/link-out/shared/linked.txt', 404],
  ['/link-shared/linked.txt', 404],
  ['/link-out/', 404], // a listing of a folder outside the root is refused
  ['/link-out', 404], // refused before the folder redirect: answered exactly as a missing name
  ['/link-out/%2e%2e/SECRET.txt', 404],
  ['/dir/../link-secret', 404],
  ['/link-inside/a.txt', 200, 'a\n'],
  ['/link-inside/', 200],
  ['/loop', 404],
  ['/loop/', 404],
  ['/devzero-link', 404],
];

const SYMLINK_FOLLOW: Array<[string, number, string?]> = [
  ['/link-shared/linked.txt', 200, 'linked-from-outside\n'], // Python's documented policy
  ['/link-out/shared/linked.txt', 200, 'linked-from-outside\n'],
  ['/link-out/../SECRET.txt', 404], // '..' is resolved on the URL, never on the file system
  ['/link-shared/../../SECRET.txt', 404],
  ['/link-shared/%2e%2e/SECRET.txt', 404],
  ['/link-shared/..%2f..%2fSECRET.txt', 404],
  ['/link-inside/a.txt', 200, 'a\n'],
  ['/loop', 404],
  ['/devzero-link', 404], // a device behind a followed link is still not a regular file
  ['/fifo', 404],
];

const SPECIAL_FILES: Array<[string, number]> = [
  ['/fifo', 404],
  ['/fifo/', 404],
  ['/sock', 404],
  ['/fifo-index/index.html', 404],
  ['/fifo-index/', 200], // an index.html that is a FIFO is skipped: the folder is listed
];

// ------------------------------------------------------------------------------- redirects
/** Every one of these names an existing folder without its slash: a 301 that must stay on-site. */
const REDIRECTS: string[] = [
  '//evil.com/dir',
  '///evil.com/dir',
  '////evil.com/dir',
  '/\\evil.com/dir',
  '/%2f%2fevil.com/dir',
  '/%2F%2Fevil.com/dir',
  '/%2fevil.com/dir',
  '/%5cevil.com/dir',
  '/%5Cevil.com/dir',
  '/%252f%252fevil.com/dir',
  '/%255cevil.com/dir',
  '/%09/dir',
  '//evil.com/dir?next=//evil.com#//evil.com',
  '/.//evil.com/dir',
  'http://evil.com/dir',
  'http://evil.com//evil.com/dir',
  'http://evil.com/%2f%2fevil.com/dir',
  'http://evil.com/\\evil.com/dir',
  'https://evil.com:443//evil.com/dir',
  '/crlf%0d%0aSet-Cookie:%20a=b',
];

// ------------------------------------------------------------------------- strict parsing
const BAD_HEADERS: string[] = [
  'X-A: a\r\n b', // obs-fold (RFC 9112 §5.2)
  'X-A: a\r\n\tb',
  'Host : x', // whitespace before ':' (RFC 9112 §5.1)
  'Host\t: x',
  'X-A: a\rb', // bare CR
  'X-A: a\rX-B: b',
  'X\0A: b',
  'X-A: a\0b',
  'X-A: a\x7fb',
  'X-A: \x1b[2J\x1b[31mred',
  'X\x01A: b',
  'X A: b',
  ': b',
  'Host x',
  'X@A: b',
  'X-A: a\x0bb',
  'Content-Length: 0\r\nContent-Length: 0', // duplicate (RFC 9112 §6.3)
  'Content-Length: 0, 0',
  'Content-Length: -1',
  'Content-Length: +1',
  'Content-Length: 0x10',
  'Content-Length: 1 1',
  'Content-Length:',
  'Content-Length: 1e3',
  'Content-Length: 1234567890123456',
  'Transfer-Encoding : chunked',
];

const UNIMPLEMENTED_TE: string[] = [
  'Transfer-Encoding: chunked',
  'Transfer-Encoding: identity',
  'transfer-encoding: gzip, chunked',
  'Transfer-Encoding: chunked\r\nContent-Length: 4',
  'Content-Length: 4\r\nTransfer-Encoding: chunked',
];

const SMUGGLED = 'GET /../SECRET.txt HTTP/1.1\r\nHost: localhost\r\n\r\n';

export const HOSTILE_CASES: HostileCase[] = [
  ...TRAVERSAL_404.map((t): HostileCase => ({
    name: `traversal ${t}`,
    request: get(t),
    expect: 404,
  })),
  ...TRAVERSAL_404.slice(0, 12).map((t): HostileCase => ({
    name: `traversal HEAD ${t}`,
    request: `HEAD ${t} HTTP/1.0\r\n\r\n`,
    expect: 404,
  })),
  ...TRAVERSAL_301.map((t): HostileCase => ({ name: `folder ${t}`, request: get(t), expect: 301 })),
  {
    name: 'absolute-form serves its path',
    request: get('http://localhost/hello.txt'),
    expect: 200,
    body: HELLO,
  },
  {
    name: 'absolute-form foreign host',
    request: get('https://evil.com/hello.txt'),
    expect: 200,
    body: HELLO,
  },
  {
    name: 'absolute-form host only',
    request: get('http://localhost..%2f..%2fSECRET.txt'),
    expect: 200,
  },
  { name: 'file: URL', request: get('file:///etc/passwd'), expect: 404 },
  {
    name: 'percent-encoded query only',
    request: get('/hello.txt?q=100%'),
    expect: 200,
    body: HELLO,
  },
  ...SYMLINK_STRICT.map(([t, status, body]): HostileCase => ({
    name: `symlink (policy off) ${t}`,
    request: get(t),
    expect: status,
    body,
  })),
  ...SYMLINK_FOLLOW.map(([t, status, body]): HostileCase => ({
    name: `symlink (followSymlinks) ${t}`,
    request: get(t),
    expect: status,
    body,
    server: 'follow',
  })),
  ...SPECIAL_FILES.map(([t, status]): HostileCase => ({
    name: `special file ${t}`,
    request: get(t),
    expect: status,
  })),
  {
    name: 'special file HEAD /fifo',
    request: 'HEAD /fifo HTTP/1.0\r\n\r\n',
    expect: 404,
  },
  ...REDIRECTS.map((t): HostileCase => ({ name: `redirect ${t}`, request: get(t), expect: 301 })),
  { name: 'no folder: /%5c%5cevil.com/dir', request: get('/%5c%5cevil.com/dir'), expect: 404 },
  ...BAD_HEADERS.map((h): HostileCase => ({
    name: `bad header ${JSON.stringify(h)}`,
    request: withHeader(h),
    expect: 400,
  })),
  {
    name: 'obs-fold as the first field',
    request: 'GET / HTTP/1.1\r\n Host: x\r\n\r\n',
    expect: 400,
  },
  {
    name: 'bare CR in the request line',
    request: 'GET /hello.txt HTTP/1.1\rHost: x\r\n\r\n',
    expect: 400,
  },
  ...UNIMPLEMENTED_TE.map((h): HostileCase => ({
    name: `transfer coding ${JSON.stringify(h)}`,
    request: withHeader(h) + '0\r\n\r\n',
    expect: 501,
  })),
  {
    name: 'obs-text in a value is data',
    request: withHeader('X-A: caf\xe9'),
    expect: 200,
    body: HELLO,
  },
  {
    name: 'trimmed Content-Length',
    request: http11('GET /hello.txt HTTP/1.1', ['Content-Length:  3 '], 'abc'),
    expect: 200,
  },
  {
    name: 'bare LF line ends (lenient)',
    request: 'GET /hello.txt HTTP/1.0\n\n',
    expect: 200,
    body: HELLO,
  },
  {
    name: 'mixed line ends',
    request: 'GET /hello.txt HTTP/1.0\r\nHost: x\n\r\n',
    expect: 200,
    body: HELLO,
  },
  // invalid %-escapes in the path: 400 (RFC 3986 §2.1), decoded never
  ...[
    '/%zz',
    '/%',
    '/%2',
    '/%g0/hello.txt',
    '/names/100%.txt',
    '/%%32%65%%32%65/SECRET.txt',
    '/%u002e%u002e/SECRET.txt',
  ].map((t): HostileCase => ({ name: `invalid escape ${t}`, request: get(t), expect: 400 })),
  { name: 'a valid escape of %', request: get('/names/100%25.txt'), expect: 200, body: 'x' },
  // a NUL anywhere in the decoded path: 400, never a dropped segment
  ...[
    '/%00../SECRET.txt',
    '/..%00/SECRET.txt',
    '/../SECRET.txt%00.html',
    '/hello.txt%00',
    '/hello.txt%00/',
  ].map((t): HostileCase => ({ name: `NUL in path ${t}`, request: get(t), expect: 400 })),
  // a body on GET is framing, never a request
  {
    name: 'GET body that looks like a request is drained',
    request: http11(
      'GET /hello.txt HTTP/1.1',
      [`Content-Length: ${SMUGGLED.length}`],
      SMUGGLED,
      true,
    ),
    expect: 200,
    closes: false,
    followUp: true,
  },
  {
    name: 'GET body above the drain bound closes',
    request: http11(
      'GET /hello.txt HTTP/1.1',
      ['Content-Length: 100000'],
      SMUGGLED.repeat(20),
      true,
    ),
    expect: 200,
    closes: true,
  },
  {
    name: 'CL+TE smuggling attempt',
    request: http11(
      'POST /hello.txt HTTP/1.1',
      ['Transfer-Encoding: chunked', 'Content-Length: 5'],
      '0\r\n\r\n' + SMUGGLED,
      true,
    ),
    expect: 501,
  },
  {
    name: 'bytes after an error are never parsed',
    request: 'GET / HTTP/1.1\r\nBad Header\r\n\r\n' + SMUGGLED,
    expect: 400,
  },
  {
    name: 'bytes after a 414 are never parsed',
    request: `GET /${'a'.repeat(70_000)} HTTP/1.1\r\n\r\n${SMUGGLED}`,
    expect: 414,
  },
  {
    name: 'legitimate pipelining still works',
    request: http11('GET /hello.txt HTTP/1.1', [], '', true) + http11('GET /hello.txt HTTP/1.1'),
    expect: 200,
    responses: 2,
    body: HELLO,
  },
  // request lines
  { name: 'four words', request: 'GET /hello.txt HTTP/1.1 extra\r\n\r\n', expect: 400 },
  { name: 'HTTP/2.0', request: 'GET /hello.txt HTTP/2.0\r\n\r\n', expect: 505 },
  { name: 'HTTP/1.1.1', request: 'GET /hello.txt HTTP/1.1.1\r\n\r\n', expect: 400 },
  { name: 'FOO/1.1', request: 'GET /hello.txt FOO/1.1\r\n\r\n', expect: 400 },
  { name: 'HTTP/1', request: 'GET /hello.txt HTTP/1\r\n\r\n', expect: 400 },
  { name: 'lower-case version', request: 'GET /hello.txt http/1.1\r\n\r\n', expect: 400 },
  { name: 'negative version', request: 'GET /hello.txt HTTP/-1.1\r\n\r\n', expect: 400 },
  {
    name: 'eleven-digit version',
    request: 'GET /hello.txt HTTP/99999999999.1\r\n\r\n',
    expect: 400,
  },
  {
    name: 'leading zeros in version',
    request: 'GET /hello.txt HTTP/01.01\r\nConnection: close\r\n\r\n',
    expect: 200,
  },
  {
    name: 'extra whitespace (Python splits)',
    request: '  GET\t/hello.txt   HTTP/1.0 \r\n\r\n',
    expect: 200,
    body: HELLO,
  },
  { name: 'HTTP/0.9 GET', request: 'GET /hello.txt\r\n', expect: 'http09' },
  { name: 'HTTP/0.9 traversal', request: 'GET /../SECRET.txt\r\n', expect: 'http09' },
  { name: 'HTTP/0.9 POST', request: 'POST /hello.txt\r\n', expect: 400 },
  { name: 'one word', request: 'GET\r\n\r\n', expect: 400 },
  { name: 'NUL in target', request: 'GET /\0 HTTP/1.0\r\n\r\n', expect: 400 },
  { name: 'ESC in target', request: 'GET /\x1b[2J HTTP/1.0\r\n\r\n', expect: 400 },
  { name: 'DEL in target', request: 'GET /a\x7f HTTP/1.0\r\n\r\n', expect: 400 },
  { name: 'VT in target', request: 'GET /a\x0bb HTTP/1.0\r\n\r\n', expect: 400 },
  { name: 'FF in target', request: 'GET /a\x0cb HTTP/1.0\r\n\r\n', expect: 400 },
  { name: 'ESC in method', request: 'G\x1bET /hello.txt HTTP/1.0\r\n\r\n', expect: 501 },
  { name: 'lower-case method', request: 'get /hello.txt HTTP/1.0\r\n\r\n', expect: 501 },
  {
    name: 'CONNECT',
    request: 'CONNECT evil.com:443 HTTP/1.1\r\nHost: evil.com\r\n\r\n',
    expect: 501,
  },
  { name: 'TRACE', request: 'TRACE / HTTP/1.1\r\nHost: x\r\n\r\n', expect: 501 },
  { name: 'OPTIONS *', request: 'OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n', expect: 501 },
  { name: 'method do_GET', request: 'do_GET /hello.txt HTTP/1.0\r\n\r\n', expect: 501 },
  { name: 'method __proto__', request: '__proto__ /hello.txt HTTP/1.0\r\n\r\n', expect: 501 },
  { name: 'method constructor', request: 'constructor /hello.txt HTTP/1.0\r\n\r\n', expect: 501 },
  { name: 'method toString', request: 'toString /hello.txt HTTP/1.0\r\n\r\n', expect: 501 },
  { name: 'empty connection', request: '', expect: 'close', end: true },
  { name: 'only an empty line, then FIN', request: '\r\n', expect: 'close', end: true },
  {
    name: 'incomplete head, then FIN',
    request: 'GET /hello.txt HTTP/1.1\r\nHost: x\r\n',
    expect: 'close',
    end: true,
  },
  {
    name: 'incomplete head: 408 at the deadline',
    request: 'GET /hello.txt HTTP/1.1\r\nHost: x\r\n',
    expect: 408,
  },
  { name: 'endless empty lines', request: '\r\n'.repeat(40_000), expect: 414 },
  {
    name: 'request line over the limit',
    request: `GET /${'a'.repeat(65_536)} HTTP/1.0\r\n\r\n`,
    expect: 414,
  },
  {
    name: 'header line over the limit',
    request: withHeader(`X-A: ${'a'.repeat(70_000)}`),
    expect: 431,
  },
  {
    name: '102 header fields (100 + Host + Connection)',
    request: http11(
      'GET /hello.txt HTTP/1.1',
      Array.from({ length: 100 }, (_, i) => `X-${i}: ${i}`),
    ),
    expect: 431,
  },
  {
    name: 'exactly 100 header fields',
    request: http11(
      'GET /hello.txt HTTP/1.1',
      Array.from({ length: 98 }, (_, i) => `X-${i}: ${i}`),
    ),
    expect: 200,
    body: HELLO,
  },
  {
    name: 'head over the total limit',
    request: http11(
      'GET /hello.txt HTTP/1.1',
      Array.from({ length: 5 }, (_, i) => `X-${i}: ${'b'.repeat(60_000)}`),
    ),
    expect: 431,
  },
  {
    name: 'Expect: 100-continue on GET',
    request: http11('GET /hello.txt HTTP/1.1', ['Expect: 100-continue']),
    expect: 200,
    body: HELLO,
  },
  // CPU: a maximal path must cost milliseconds, not seconds (translate_path joins once)
  ...(
    [
      ['a/', 32_000, 404],
      ['ab/', 21_000, 404],
      ['%2e%2e/', 9_000, 200], // climbs to the root: its listing
      ['a%2f', 16_000, 404],
      ['%c0%ae/', 9_000, 404],
    ] as const
  ).map(([seg, n, status]): HostileCase => ({
    name: `deep path ${seg} × ${n}`,
    request: get('/' + seg.repeat(n)),
    expect: status,
  })),
  {
    name: 'HEAD sends no body',
    request: 'HEAD /hello.txt HTTP/1.0\r\n\r\n',
    expect: 200,
    body: '',
  },
  {
    name: 'names with CRLF are quoted in URLs',
    request: get('/names/evil%0d%0aSet-Cookie:%20a=b'),
    expect: 200,
    body: 'x',
  },
];
