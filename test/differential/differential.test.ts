/**
 * Differential test (docs/architecture.md § Testing tiers, tier 3): the same raw bytes go
 * to `python3 -m http.server` (3.11, the reference) and to httpdesk's engine, each serving
 * the same folder with the same protocol version, and the answers are compared: status
 * line, every header but Server and Date (in order, Last-Modified included), body, whether
 * the connection closed, and the log messages.
 * Our ETag and Accept-Ranges are checked apart (validatorsWhereDue): on files only.
 *
 * Nothing is normalised away except what DELIBERATE lists below, each with the reason; a case
 * that meets a deliberate difference names it and checks that exact difference instead.
 */
import { readFile, rm } from 'node:fs/promises';
import mime from 'mime-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPS_ON_PLAIN_PORT } from '../../main/server/protocol-errors.js';
import { header, parseResponses, type ParsedResponse } from '../helpers/http-response.js';
import { startPythonServer, type PythonServer } from '../helpers/python-server.js';
import { rawRequest, type RawResult } from '../helpers/raw-socket.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { bigContent, makeSite, type Site } from './site.js';

type Protocol = 'HTTP/1.0' | 'HTTP/1.1';

/** The `color-scheme` blocks our generated pages carry (Python 3.14), exactly as sent. */
const LISTING_STYLE = '<style type="text/css">\n:root {\ncolor-scheme: light dark;\n}\n</style>\n';
const ERROR_STYLE =
  '        <style type="text/css">\n            :root {\n' +
  '                color-scheme: light dark;\n            }\n        </style>\n';

interface Exchange {
  python: RawResult;
  ours: RawResult;
  pythonLog: string[];
  ourLog: string[];
}

interface DiffCase {
  name: string;
  request: string;
  /** Which servers (by protocol_version) get it; default both. */
  protocols?: Protocol[];
  /** HEAD request(s): responses have no body. */
  head?: boolean;
  /** HTTP/0.9: the answer is a bare body, compared byte for byte (minus the style block). */
  bare?: boolean;
  /** A deliberate difference this case meets (key of DELIBERATE). */
  deliberate?: keyof typeof DELIBERATE;
  /** For deliberate cases: the status each side must answer (and how many ranges). */
  expect?: { python?: number | 'none'; ours?: number; parts?: number };
}

// ------------------------------------------------------------------ deliberate differences
/**
 * Every place httpdesk answers differently from Python 3.11 on purpose. README "Differences
 * from Python" lists the same. Each entry checks the difference is exactly what we claim.
 */
const DELIBERATE = {
  /**
   * Generated pages (listings, error pages) declare `color-scheme: light dark`, as Python 3.14
   * does, so they follow the reader's dark mode. Removed from our bodies (and our
   * Content-Length adjusted) in EVERY comparison; see normalise().
   */
  colorScheme: null,
  /**
   * Python 3.11 answers a malformed request line (bad version, HTTP/2+, a non-GET HTTP/0.9
   * request) as if the client spoke HTTP/0.9: the error page with no status line and no
   * headers, which no client can tell from content. We send a real status line
   * (`HTTP/1.x <code> …`, Connection: close) before the same page.
   */
  realStatusLine: (x: Exchange, c: DiffCase) => {
    expect(x.python.text.startsWith('HTTP/')).toBe(false);
    const [ours] = parseResponses(x.ours.bytes);
    expect(ours?.status).toBe(c.expect?.ours);
    expect(header(ours as ParsedResponse, 'Connection')).toBe('close');
    expect(stripStyle((ours as ParsedResponse).body.toString('latin1'))).toBe(x.python.text);
    expect(x.ourLog).toEqual(x.pythonLog);
  },
  /**
   * RFC 9112 §2.2: empty lines before a request line are skipped. Python 3.11 takes the first
   * empty line for an empty request and closes without a word.
   */
  leadingEmptyLines: (x: Exchange) => {
    expect(x.python.bytes.length).toBe(0);
    expect(x.python.closed).toBe(true);
    const [ours] = parseResponses(x.ours.bytes);
    expect(ours?.status).toBe(200);
  },
  /**
   * Strict header parsing (the hardening issue; RFC 9112 §5.1, §5.2): obs-fold, whitespace
   * before ':', control characters in a value → 400. Python's email parser accepts them,
   * which lets a proxy and the server disagree about a request (smuggling).
   */
  strictHeaders: (x: Exchange, c: DiffCase) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(c.expect?.python);
    const [ours] = parseResponses(x.ours.bytes);
    expect(ours?.status).toBe(400);
    expect(ours?.reason).toMatch(/^Bad header/);
  },
  /**
   * Message framing is checked (RFC 9112 §6.1–6.3): Transfer-Encoding → 501 (we implement no
   * coding), a duplicate or malformed Content-Length → 400. Python ignores both on GET and
   * would read the body as the next request.
   */
  framing: (x: Exchange, c: DiffCase) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(c.expect?.python);
    expect(parseResponses(x.ours.bytes)[0]?.status).toBe(c.expect?.ours);
    expect(x.ours.closed).toBe(true);
  },
  /**
   * RFC 3986 §2.1: in the path, '%' must start a %XX escape. A malformed escape is a 400;
   * Python keeps it as a literal '%' (so `/100%.txt` names the file `100%.txt`).
   */
  strictTarget: (x: Exchange) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(200);
    const [ours] = parseResponses(x.ours.bytes);
    expect(ours?.status).toBe(400);
    expect(ours?.reason).toMatch(/^Bad request target/);
  },
  /**
   * RFC 9112 §9.6: when an HTTP/1.1 exchange ends with the server closing, the response says
   * `Connection: close`. Python closes without saying so, and an HTTP/1.1 client that assumed
   * persistence writes its next request into a closing socket. Otherwise identical.
   */
  announcedClose: (x: Exchange, c: DiffCase) => {
    const [python] = parseResponses(x.python.bytes);
    const [ours] = parseResponses(x.ours.bytes);
    // An HTTP/1.0 server's responses already mean "close": nothing to announce there.
    if (ours?.statusLine.startsWith('HTTP/1.0')) return compareDefault(x, c);
    expect(header(python as ParsedResponse, 'Connection')).toBeUndefined();
    expect(header(ours as ParsedResponse, 'Connection')).toBe('close');
    const withoutConnection = (r: ParsedResponse) => ({
      ...comparable(r),
      headers: comparable(r).headers.filter(([name]) => !/^connection$/i.test(name)),
    });
    expect(withoutConnection(ours as ParsedResponse)).toEqual(
      withoutConnection(python as ParsedResponse),
    );
    expect(x.ours.closed).toBe(true);
    expect(x.ourLog).toEqual(x.pythonLog);
  },
  /**
   * RFC 9112 §9.3, §9.6: an HTTP/1.0 connection the server keeps open says
   * `Connection: keep-alive` (an HTTP/1.1 server given `Connection: keep-alive`), and a
   * persistence the client asked for that the server will not give says `Connection: close`
   * (an HTTP/1.0 server). Python says neither: ab -k waits for the idle timeout, and wget
   * writes its next request into the closing socket and waits a second. Otherwise identical.
   */
  connectionAnnounced: (x: Exchange) => {
    const [python] = parseResponses(x.python.bytes);
    const [ours] = parseResponses(x.ours.bytes);
    expect(header(python as ParsedResponse, 'Connection')).toBeUndefined();
    const http11Server = ours?.statusLine.startsWith('HTTP/1.1');
    expect(header(ours as ParsedResponse, 'Connection')).toBe(
      http11Server ? 'keep-alive' : 'close',
    );
    const withoutConnection = (r: ParsedResponse) => ({
      ...comparable(r),
      headers: comparable(r).headers.filter(([name]) => !/^connection$/i.test(name)),
    });
    expect(withoutConnection(ours as ParsedResponse)).toEqual(
      withoutConnection(python as ParsedResponse),
    );
    expect(x.ourLog).toEqual(x.pythonLog);
  },
  /**
   * On a dual-stack socket (`::`) an IPv4 client's address reads ::ffff:127.0.0.1 in
   * Python's log; we show 127.0.0.1. Checked by its own test below (other servers).
   */
  clientAddress: null,
  /**
   * A head the client cut short with its FIN (no blank line) is an incomplete message (RFC
   * 9112 §8) and is not answered; Python's header reader takes EOF for the end of the head
   * and serves it.
   */
  incompleteHead: (x: Exchange) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(200);
    expect(x.ours.bytes.length).toBe(0);
    expect(x.ours.closed).toBe(true);
  },
  /**
   * The whole head is capped (limits.maxHeadBytes, 256 KiB) so one connection cannot make the
   * server hold 100 × 64 KiB; Python only limits each line and the line count.
   */
  headSize: (x: Exchange) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(200);
    const [ours] = parseResponses(x.ours.bytes);
    expect(ours?.statusLine).toMatch(/^HTTP\/1\.[01] 431 Request header fields too large$/);
  },
  /**
   * Raw (unquoted) UTF-8 bytes in the target: we read them as the UTF-8 name they spell, as
   * browsers and curl mean them; Python keeps each byte as a latin-1 character and looks for
   * a different (mojibake) name.
   */
  rawUtf8Target: (x: Exchange) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(404);
    const [ours] = parseResponses(x.ours.bytes);
    expect(ours?.status).toBe(200);
    expect(ours?.body.toString()).toBe('unicode name\n');
  },
  /**
   * Symbolic links: by default a link is followed only when its target stays inside the
   * served folder (Python follows every link; `--follow-symlinks` restores that).
   */
  symlinkPolicy: (x: Exchange) => {
    const [python] = parseResponses(x.python.bytes);
    expect(python?.status).toBe(200);
    expect(python?.body.toString()).toBe('outside the served folder\n');
    const [ours] = parseResponses(x.ours.bytes);
    expect(ours?.status).toBe(404);
    expect(ours?.body.toString()).not.toContain('outside the served folder');
  },
  /**
   * gh-134098 (fixed in later CPython): a trailing `%2f` counts as a slash. A folder named
   * with it is listed instead of redirected, and a file named with it is 404, as with '/'.
   */
  trailingPercent2f: (x: Exchange, c: DiffCase) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(c.expect?.python);
    expect(parseResponses(x.ours.bytes)[0]?.status).toBe(c.expect?.ours);
  },
  /** gh-133889 (fixed in later CPython): the listing title shows the path without the query. */
  listingTitle: (x: Exchange) => {
    const [python] = parseResponses(x.python.bytes);
    const [ours] = parseResponses(x.ours.bytes);
    const pythonBody = (python as ParsedResponse).body.toString('utf8');
    expect(pythonBody).toContain('Directory listing for /sub/?x=1<');
    const expected = pythonBody.replaceAll('/sub/?x=1<', '/sub/<');
    expect(stripStyle((ours as ParsedResponse).body.toString('utf8'))).toBe(expected);
  },
  /**
   * MIME types come from the `mime-types` package (mime-db) after `extensionsMap`; Python's
   * come from `mimetypes` and /etc/mime.types. They disagree on a few suffixes (.py, .sh,
   * .c, .ts, .tgz…); everything else about the response is the same.
   */
  mimeDatabase: (x: Exchange, c: DiffCase) => {
    const [python] = parseResponses(x.python.bytes);
    const [ours] = parseResponses(x.ours.bytes);
    const file = c.request.split(' ')[1] as string;
    expect(header(ours as ParsedResponse, 'Content-type')).toBe(
      mime.lookup(file) || 'application/octet-stream',
    );
    expect(header(python as ParsedResponse, 'Content-type')).not.toBe(
      header(ours as ParsedResponse, 'Content-type'),
    );
    const drop = (r: ParsedResponse) => comparable(r).headers.filter(([n]) => n !== 'Content-type');
    expect(drop(ours as ParsedResponse)).toEqual(drop(python as ParsedResponse));
    expect(ours?.body).toEqual(python?.body);
  },
  /**
   * RFC 9112 §3.2.2: a server MUST accept an absolute-form target (`GET http://host/path`);
   * we serve its path. Python 3.11 takes "http:" and the host for folder names → 404.
   */
  absoluteForm: (x: Exchange, c: DiffCase) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(404);
    expect(parseResponses(x.ours.bytes)[0]?.status).toBe(c.expect?.ours);
  },
  /**
   * Python counts the blank line that ends the head as one of its 100 header lines, so 100
   * fields already get 431. We allow the 100 fields the limit means; 101 get 431 on both.
   */
  headerCount: (x: Exchange) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(431);
    expect(parseResponses(x.ours.bytes)[0]?.status).toBe(200);
  },
  /**
   * A quoted NUL: Python's open() raises ValueError, the handler dies and the client gets no
   * answer (a traceback on stderr). A NUL names no file, so we answer 400.
   */
  nulInPath: (x: Exchange) => {
    expect(x.python.bytes.length).toBe(0);
    expect(x.pythonLog.join('\n')).toContain('ValueError');
    expect(parseResponses(x.ours.bytes)[0]?.status).toBe(400);
  },
  /**
   * RFC 9110 §10.1.1: an HTTP/1.1 server MAY answer an expectation other than 100-continue
   * with 417; we do, on an HTTP/1.1 server and request. Python ignores it and serves, so a
   * client waiting for its expectation to be met waits for nothing. An HTTP/1.0 server
   * ignores Expect, as Python's does.
   */
  expectationFailed: (x: Exchange, c: DiffCase) => {
    const [ours] = parseResponses(x.ours.bytes);
    if (ours?.statusLine.startsWith('HTTP/1.0')) return compareDefault(x, c);
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(200);
    expect(ours?.statusLine).toBe('HTTP/1.1 417 Expectation Failed');
    expect(x.ours.closed).toBe(true);
  },
  /**
   * Byte ranges (RFC 9110 §14): Python ignores Range and sends the whole file; we send 206
   * with exactly those bytes of it (one part, or multipart/byteranges), or 416 with
   * `Content-Range: bytes *\/size` when no range is in the file.
   */
  byteRanges: (x: Exchange, c: DiffCase) => {
    const [python] = parseResponses(x.python.bytes, { head: [c.head ?? false] });
    const [ours] = parseResponses(x.ours.bytes, { head: [c.head ?? false] });
    const p = python as ParsedResponse;
    const o = ours as ParsedResponse;
    expect(p.status).toBe(200);
    expect(o.status).toBe(c.expect?.ours);
    const whole = p.body;
    const size = Number(header(p, 'Content-Length'));
    if (o.status === 416) {
      expect(header(o, 'Content-Range')).toBe(`bytes */${size}`);
      expect(x.ourLog).toEqual([
        'code 416, message Requested Range Not Satisfiable',
        ...x.pythonLog.map((line) => line.replace(/ 200 -$/, ' 416 -')),
      ]);
      return;
    }
    expect(header(o, 'Last-Modified')).toBe(header(p, 'Last-Modified'));
    const contentType = header(o, 'Content-type') ?? '';
    const parts: Array<[string, Buffer]> = [];
    if (contentType.startsWith('multipart/byteranges')) {
      const boundary = contentType.split('boundary=')[1] as string;
      for (const part of o.body.toString('latin1').split(`--${boundary}`).slice(1, -1)) {
        const [head = '', data = ''] = part.split('\r\n\r\n');
        parts.push([
          /Content-Range: (.*)/.exec(head)?.[1] ?? '',
          Buffer.from(data.replace(/\r\n$/, ''), 'latin1'),
        ]);
        expect(head).toContain(`Content-Type: ${header(p, 'Content-type')}`);
      }
    } else {
      expect(contentType).toBe(header(p, 'Content-type'));
      parts.push([header(o, 'Content-Range') ?? '', o.body]);
    }
    expect(parts.length).toBe(c.expect?.parts ?? 1);
    for (const [range, data] of parts) {
      const [, start, end, total] = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range) ?? [];
      expect(Number(total)).toBe(size);
      if (!c.head) expect(data.equals(whole.subarray(Number(start), Number(end) + 1))).toBe(true);
    }
    expect(x.ourLog).toEqual(x.pythonLog.map((line) => line.replace(/ 200 -$/, ' 206 -')));
  },
  /**
   * Preconditions (RFC 9110 §13): Python implements only If-Modified-Since. We answer
   * If-None-Match that matches with 304, and a failed If-Match or If-Unmodified-Since with 412.
   */
  preconditions: (x: Exchange, c: DiffCase) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(200);
    const [ours] = parseResponses(x.ours.bytes);
    expect(ours?.status).toBe(c.expect?.ours);
    if (ours?.status === 304) expect(header(ours, 'ETag')).toMatch(/^"[0-9a-f-]+"$/);
    expect(x.ourLog.at(-1)).toBe(x.pythonLog.at(-1)?.replace(/ 200 -$/, ` ${c.expect?.ours} -`));
  },
  /**
   * Raw bytes in the target that are not UTF-8 (a latin-1 é, a 0xA0) name nothing a client
   * meant: 400. Python reads them as latin-1 and looks for that name (404).
   */
  nonUtf8Target: (x: Exchange) => {
    expect(parseResponses(x.python.bytes)[0]?.status).toBe(404);
    const [ours] = parseResponses(x.ours.bytes);
    expect(ours?.statusLine).toMatch(/^HTTP\/1\.[01] 400 Bad request target/);
  },
  /**
   * A TLS handshake on the plain port (someone typed https://) is recognised by its first two
   * bytes and closed at once without a response (the log says a client tried HTTPS); Python
   * waits for a line end, then answers an error page the TLS client cannot read.
   */
  tlsOnPlainPort: (x: Exchange) => {
    expect(x.python.bytes.length).toBeGreaterThan(0);
    expect(x.ours.bytes.length).toBe(0);
    expect(x.ours.closed).toBe(true);
    expect(x.ourLog).toEqual([HTTPS_ON_PLAIN_PORT]);
  },
} as const;

// ------------------------------------------------------------------ the requests
const get = (target: string, version = 'HTTP/1.0', headers: string[] = []) =>
  `GET ${target} ${version}\r\n${headers.map((h) => h + '\r\n').join('')}\r\n`;

const CASES: DiffCase[] = [
  // Files and types.
  { name: 'listing of the root', request: get('/') },
  { name: 'a text file', request: get('/hello.txt') },
  { name: 'HEAD of a text file', request: 'HEAD /hello.txt HTTP/1.0\r\n\r\n', head: true },
  { name: 'HTML', request: get('/page.html') },
  { name: 'CSS', request: get('/style.css') },
  { name: 'JavaScript', request: get('/app.js') },
  { name: 'JSON', request: get('/data.json') },
  { name: 'PNG', request: get('/image.png') },
  { name: '.tar.gz is application/gzip (extensions_map)', request: get('/archive.tar.gz') },
  { name: 'no extension → application/octet-stream', request: get('/notes') },
  { name: 'an empty file', request: get('/empty.txt') },
  { name: 'a 200 KiB file (streamed)', request: get('/big.bin') },
  { name: 'upper-case extension', request: get('/UPPER.TXT') },
  { name: 'a quoted space', request: get('/a%20b.txt') },
  { name: 'quoted <, > and &', request: get('/%3Cb%3E%26.txt') },
  { name: 'a UTF-8 name', request: get('/%C3%BC-umlaut.txt') },
  { name: 'a quoted percent sign', request: get('/100%25.txt') },
  {
    name: 'raw bytes in the target that are not UTF-8',
    request: get('/caf\xe9.txt'),
    deliberate: 'nonUtf8Target',
  },
  {
    name: 'a TLS ClientHello on the plain port',
    request: '\x16\x03\x01\x00\x2a\x01\x00\x00\x26\x03\x03' + 'r'.repeat(32),
    deliberate: 'tlsOnPlainPort',
  },
  {
    name: 'raw UTF-8 bytes in the target',
    request: get(Buffer.from('/ü-umlaut.txt', 'utf8').toString('latin1')),
    deliberate: 'rawUtf8Target',
  },
  { name: 'an unquoted percent sign', request: get('/100%.txt'), deliberate: 'strictTarget' },
  { name: 'query and fragment are ignored', request: get('/hello.txt?query=1#frag') },
  {
    name: 'absolute-form target',
    request: get('http://example.com/hello.txt'),
    deliberate: 'absoluteForm',
    expect: { ours: 200 },
  },
  { name: 'a link inside the folder', request: get('/link-to-hello.txt') },
  { name: 'a link to a folder inside', request: get('/link-to-sub/') },
  { name: 'a .py file', request: get('/script.py'), deliberate: 'mimeDatabase' },
  // Folders.
  { name: 'folder without slash → 301', request: get('/sub') },
  { name: '301 keeps the query', request: get('/sub?x=1&y=2') },
  { name: 'listing of a subfolder', request: get('/sub/') },
  { name: 'file in a subfolder', request: get('/sub/inner.txt') },
  { name: 'index.html before index.htm', request: get('/withindex/') },
  { name: 'index.htm alone', request: get('/htmonly/') },
  { name: 'quoted folder name → 301 keeps quoting', request: get('/dir%20with%20space') },
  { name: '//sub → 301 to /sub/ (gh-87389)', request: get('//sub') },
  { name: 'HEAD of a listing', request: 'HEAD /sub/ HTTP/1.0\r\n\r\n', head: true },
  { name: 'listing title with a query', request: get('/sub/?x=1'), deliberate: 'listingTitle' },
  {
    name: 'absolute-form folder redirect',
    request: get('http://example.com/sub'),
    deliberate: 'absoluteForm',
    expect: { ours: 301 },
  },
  // Not found and traversal.
  { name: 'missing file → 404', request: get('/missing.txt') },
  { name: 'missing folder → 404', request: get('/missing/') },
  { name: 'a file with a trailing slash → 404 (bpo-17324)', request: get('/hello.txt/') },
  { name: 'HEAD of a missing file', request: 'HEAD /missing.txt HTTP/1.0\r\n\r\n', head: true },
  { name: '../ cannot leave the folder', request: get('/../../../../etc/passwd') },
  { name: '%2e%2e cannot leave the folder', request: get('/%2e%2e/%2e%2e/etc/passwd') },
  { name: '..%2f cannot leave the folder', request: get('/..%2f..%2f..%2fetc%2fpasswd') },
  { name: '.. inside the folder resolves', request: get('/sub/../hello.txt') },
  { name: '%2e%2e inside the folder resolves', request: get('/sub/%2e%2e/hello.txt') },
  { name: 'backslashes are plain characters on POSIX', request: get('/sub\\..\\hello.txt') },
  {
    name: 'a quoted NUL',
    request: get('/hello.txt%00.html'),
    deliberate: 'nulInPath',
  },
  {
    name: 'a link to outside the folder',
    request: get('/outside-link.txt'),
    deliberate: 'symlinkPolicy',
  },
  {
    name: 'folder with a trailing %2f',
    request: get('/sub%2f'),
    deliberate: 'trailingPercent2f',
    expect: { python: 301, ours: 200 },
  },
  {
    name: 'file with a trailing %2f',
    request: get('/hello.txt%2f'),
    deliberate: 'trailingPercent2f',
    expect: { python: 200, ours: 404 },
  },
  // Methods and conditional requests.
  { name: 'POST → 501', request: 'POST /hello.txt HTTP/1.0\r\nContent-Length: 0\r\n\r\n' },
  { name: 'unknown method → 501', request: 'FOO / HTTP/1.0\r\n\r\n' },
  { name: 'methods are case-sensitive → 501', request: 'get / HTTP/1.0\r\n\r\n' },
  {
    name: 'If-Modified-Since later → 304',
    request: get('/hello.txt', 'HTTP/1.0', ['If-Modified-Since: Wed, 15 Nov 2023 00:00:00 GMT']),
  },
  {
    name: 'If-Modified-Since equal → 304',
    request: get('/hello.txt', 'HTTP/1.0', ['If-Modified-Since: Tue, 14 Nov 2023 22:13:20 GMT']),
  },
  {
    name: 'If-Modified-Since earlier → 200',
    request: get('/hello.txt', 'HTTP/1.0', ['If-Modified-Since: Tue, 14 Nov 2023 22:13:19 GMT']),
  },
  {
    name: 'If-Modified-Since ignored with If-None-Match',
    request: get('/hello.txt', 'HTTP/1.0', [
      'If-Modified-Since: Wed, 15 Nov 2023 00:00:00 GMT',
      'If-None-Match: "x"',
    ]),
  },
  {
    name: 'a bad If-Modified-Since is ignored',
    request: get('/hello.txt', 'HTTP/1.0', ['If-Modified-Since: yesterday']),
  },
  {
    name: 'If-Modified-Since in another zone is ignored',
    request: get('/hello.txt', 'HTTP/1.0', ['If-Modified-Since: Wed, 15 Nov 2023 00:00:00 +0100']),
  },
  // Byte ranges and validators: ignored ones answer exactly as Python does.
  {
    name: 'Range in another unit is ignored',
    request: get('/hello.txt', 'HTTP/1.0', ['Range: items=0-5']),
  },
  {
    name: 'an invalid Range is ignored',
    request: get('/big.bin', 'HTTP/1.0', ['Range: bytes=9-5']),
  },
  {
    name: 'If-Range that does not match: the whole file',
    request: get('/big.bin', 'HTTP/1.1', ['Host: x', 'If-Range: "old"', 'Range: bytes=0-5']),
  },
  {
    name: 'Range on a listing is ignored',
    request: get('/sub/', 'HTTP/1.0', ['Range: bytes=0-5']),
  },
  {
    name: 'Range on a missing file → 404',
    request: get('/nope', 'HTTP/1.0', ['Range: bytes=0-5']),
  },
  {
    name: 'If-None-Match on a listing is ignored',
    request: get('/sub/', 'HTTP/1.0', ['If-None-Match: *']),
  },
  {
    name: 'overlapping ranges: the whole file',
    request: get('/big.bin', 'HTTP/1.0', ['Range: bytes=0-99,50-149']),
  },
  {
    name: 'a byte range of a cached file',
    request: get('/hello.txt', 'HTTP/1.0', ['Range: bytes=0-4']),
    deliberate: 'byteRanges',
    expect: { ours: 206 },
  },
  {
    name: 'a suffix range of a streamed file',
    request: get('/big.bin', 'HTTP/1.1', ['Host: x', 'Range: bytes=-70000']),
    deliberate: 'byteRanges',
    expect: { ours: 206 },
  },
  {
    name: 'two ranges: multipart/byteranges',
    request: get('/big.bin', 'HTTP/1.0', ['Range: bytes=0-0,-1']),
    deliberate: 'byteRanges',
    expect: { ours: 206, parts: 2 },
  },
  {
    name: 'HEAD with a Range',
    request: 'HEAD /big.bin HTTP/1.0\r\nRange: bytes=100-199\r\n\r\n',
    head: true,
    deliberate: 'byteRanges',
    expect: { ours: 206 },
  },
  {
    name: 'an unsatisfiable Range → 416',
    request: get('/hello.txt', 'HTTP/1.0', ['Range: bytes=1000-']),
    deliberate: 'byteRanges',
    expect: { ours: 416 },
  },
  {
    name: 'If-None-Match: * → 304',
    request: get('/hello.txt', 'HTTP/1.0', ['If-None-Match: *']),
    deliberate: 'preconditions',
    expect: { ours: 304 },
  },
  {
    name: 'If-Match another tag → 412',
    request: get('/hello.txt', 'HTTP/1.0', ['If-Match: "x"']),
    deliberate: 'preconditions',
    expect: { ours: 412 },
  },
  {
    name: 'If-Unmodified-Since before Last-Modified → 412',
    request: get('/big.bin', 'HTTP/1.0', ['If-Unmodified-Since: Tue, 14 Nov 2023 22:13:19 GMT']),
    deliberate: 'preconditions',
    expect: { ours: 412 },
  },
  // Versions and connections.
  { name: 'HTTP/1.1 request', request: get('/hello.txt', 'HTTP/1.1', ['Host: x']) },
  {
    name: 'HTTP/1.1 with Connection: close',
    request: get('/hello.txt', 'HTTP/1.1', ['Host: x', 'Connection: close']),
    deliberate: 'announcedClose',
  },
  {
    name: 'HTTP/1.0 with Connection: keep-alive',
    request: get('/hello.txt', 'HTTP/1.0', ['Connection: keep-alive']),
    deliberate: 'connectionAnnounced',
  },
  {
    name: 'two pipelined HTTP/1.1 requests',
    request: get('/hello.txt', 'HTTP/1.1', ['Host: x']) + get('/notes', 'HTTP/1.1', ['Host: x']),
  },
  {
    name: 'Expect: 100-continue',
    request: get('/hello.txt', 'HTTP/1.1', ['Host: x', 'Expect: 100-continue']),
  },
  {
    name: 'Expect: 100-continue on a missing file: 100, then 404',
    request: get('/missing.txt', 'HTTP/1.1', ['Host: x', 'Expect: 100-continue']),
  },
  {
    name: 'an expectation other than 100-continue',
    request: get('/hello.txt', 'HTTP/1.1', ['Host: x', 'Expect: x-unknown']),
    deliberate: 'expectationFailed',
  },
  { name: 'HTTP/0.9 GET: the body alone', request: 'GET /hello.txt\r\n', bare: true },
  { name: 'HTTP/0.9 GET of a missing file', request: 'GET /nothing\r\n', bare: true },
  { name: '99 headers are fine', request: get('/hello.txt', 'HTTP/1.0', Array(99).fill('X-A: 1')) },
  {
    name: '100 headers',
    request: get('/hello.txt', 'HTTP/1.0', Array(100).fill('X-A: 1')),
    deliberate: 'headerCount',
  },
  // Malformed request lines and limits.
  { name: 'four words → 400', request: 'GET /spaced out HTTP/1.0\r\n' },
  { name: 'request line over 65,536 bytes → 414', request: 'GET /' + 'x'.repeat(65_532) },
  {
    name: 'header line over 65,536 bytes → 431',
    request: 'GET / HTTP/1.0\r\nX-Foo: ' + 'r'.repeat(65_530),
  },
  { name: '101 headers → 431', request: 'GET / HTTP/1.0\r\n' + 'X-Foo: bar\r\n'.repeat(101) },
  {
    name: 'HTTP/2.0 → 505',
    request: 'GET / HTTP/2.0\r\n',
    deliberate: 'realStatusLine',
    expect: { ours: 505 },
  },
  {
    name: 'bad version → 400',
    request: 'GET / HTTP/1.x\r\n',
    deliberate: 'realStatusLine',
    expect: { ours: 400 },
  },
  {
    name: 'HTTP/0.9 POST → 400',
    request: 'POST /hello.txt\r\n',
    deliberate: 'realStatusLine',
    expect: { ours: 400 },
  },
  {
    name: 'HTML in the request line is escaped in the error page',
    request: '<script>alert("x")</script> / HTTP/1.x\r\n',
    deliberate: 'realStatusLine',
    expect: { ours: 400 },
  },
  {
    name: 'a head cut short by the client',
    request: 'GET /hello.txt HTTP/1.0\r\nHost: x\r\n',
    deliberate: 'incompleteHead',
  },
  {
    name: 'a 300 KB head of 60 KB lines',
    request: get(
      '/hello.txt',
      'HTTP/1.0',
      Array.from({ length: 5 }, (_, i) => `X-${i}: ${'v'.repeat(60_000)}`),
    ),
    deliberate: 'headSize',
  },
  {
    name: 'empty lines before the request line',
    request: '\r\n' + get('/hello.txt'),
    deliberate: 'leadingEmptyLines',
  },
  {
    name: 'obs-fold',
    request: get('/hello.txt', 'HTTP/1.0', ['X-A: 1', ' folded']),
    deliberate: 'strictHeaders',
    expect: { python: 200 },
  },
  {
    name: 'space before the colon',
    request: get('/hello.txt', 'HTTP/1.0', ['X-A : 1']),
    deliberate: 'strictHeaders',
    expect: { python: 200 },
  },
  {
    name: 'a control character in a value',
    request: get('/hello.txt', 'HTTP/1.0', ['X-A: a\x01b']),
    deliberate: 'strictHeaders',
    expect: { python: 200 },
  },
  {
    name: 'Transfer-Encoding: chunked',
    request: get('/hello.txt', 'HTTP/1.0', ['Transfer-Encoding: chunked']) + '0\r\n\r\n',
    deliberate: 'framing',
    expect: { python: 200, ours: 501 },
  },
  {
    name: 'two Content-Length fields',
    request: get('/hello.txt', 'HTTP/1.0', ['Content-Length: 0', 'Content-Length: 0']),
    deliberate: 'framing',
    expect: { python: 200, ours: 400 },
  },
];

// ------------------------------------------------------------------ comparison
function stripStyle(text: string): string {
  return text.replace(LISTING_STYLE, '').replace(ERROR_STYLE, '');
}

/** What is compared of one response: status line, headers but Server/Date, body. */
function comparable(r: ParsedResponse, headLength = 0) {
  const body = stripStyle(r.body.toString('latin1'));
  const removed = r.body.length - body.length;
  // ETag and Accept-Ranges are ours alone (validators.ts); validatorsWhereDue checks them.
  const headers = r.headers
    .filter(([name]) => !/^(server|date|etag|accept-ranges)$/i.test(name))
    .map(([name, value]): [string, string] => {
      // Our generated pages are longer by their style block (DELIBERATE.colorScheme).
      if (/^content-length$/i.test(name))
        return [name, String(Number(value) - removed - headLength)];
      return [name, value];
    });
  return { statusLine: r.statusLine, headers, body };
}

/**
 * The headers we add to Python's: ETag and Accept-Ranges on a file's 200, ETag on its 304
 * (Python's file answers are the ones with Last-Modified, and its only 304s), none on
 * listings, redirects and errors.
 */
function validatorsWhereDue(ours: ParsedResponse, python: ParsedResponse): void {
  const file200 = python.status === 200 && header(python, 'Last-Modified') !== undefined;
  const file304 = python.status === 304;
  expect(header(ours, 'ETag') !== undefined, 'ETag').toBe(file200 || file304);
  expect(header(ours, 'Accept-Ranges'), 'Accept-Ranges').toBe(file200 ? 'bytes' : undefined);
}

function compareDefault(x: Exchange, c: DiffCase): void {
  if (c.bare) {
    expect(stripStyle(x.ours.text)).toBe(x.python.text);
    expect(x.ourLog).toEqual(x.pythonLog);
    return;
  }
  const heads = Array(8).fill(c.head ?? false) as boolean[];
  const python = parseResponses(x.python.bytes, { head: heads });
  const ours = parseResponses(x.ours.bytes, { head: heads });
  expect(ours.length, 'number of responses').toBe(python.length);
  // A HEAD of a generated page has no body to strip: its Content-Length is larger by the block.
  const styleOf = (r: ParsedResponse) => {
    if (!c.head || !/text\/html/.test(header(r, 'Content-type') ?? '')) return 0;
    return header(r, 'Content-type')?.includes(';charset')
      ? ERROR_STYLE.length
      : LISTING_STYLE.length;
  };
  ours.forEach((r, i) => {
    const p = python[i] as ParsedResponse;
    expect(comparable(r, styleOf(r))).toEqual(comparable(p));
    validatorsWhereDue(r, p);
    // Content-Length (when sent on a GET) matches the bytes that followed.
    const length = header(r, 'Content-Length');
    if (length !== undefined && !c.head && r.status >= 200 && r.status !== 304)
      expect(r.body.length).toBe(Number(length));
  });
  expect(x.ours.closed, 'connection closed').toBe(x.python.closed);
  expect(x.ourLog).toEqual(x.pythonLog);
}

// ------------------------------------------------------------------ servers
let site: Site;
const python: Partial<Record<Protocol, PythonServer>> = {};
const ours: Partial<Record<Protocol, TestServer>> = {};
const pythonLogOffset: Record<string, number> = {};

/**
 * Python's log messages (without the "client - - [date] " prefix) since the last call: waits
 * for `expectedCount` lines when given, else until stderr was quiet for 50 ms.
 */
async function pythonLogSince(protocol: Protocol, expectedCount: number | null): Promise<string[]> {
  const server = python[protocol] as PythonServer;
  const lines = () => server.stderr().split('\n').slice(0, -1);
  const start = pythonLogOffset[protocol] ?? 0;
  const deadline = Date.now() + 1_000;
  let seen = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const count = lines().length - start;
    if (expectedCount !== null && count >= expectedCount) break;
    if (count !== seen) [seen, quietSince] = [count, Date.now()];
    else if (expectedCount === null && Date.now() - quietSince >= 50) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const all = lines();
  pythonLogOffset[protocol] = all.length;
  return all.slice(start).map((line) => line.replace(/^\S+ - - \[[^\]]+\] /, ''));
}

async function exchange(protocol: Protocol, c: DiffCase): Promise<Exchange> {
  const request = c.request;
  const bytes = Buffer.from(request, 'latin1');
  // Half-close after the request: both servers answer, see EOF and close, so no case waits
  // for a keep-alive timeout.
  const [py, us] = await Promise.all([
    rawRequest((python[protocol] as PythonServer).port, bytes, { end: true, timeoutMs: 3_000 }),
    rawRequest((ours[protocol] as TestServer).port, bytes, { end: true, timeoutMs: 3_000 }),
  ]);
  const sink = (ours[protocol] as TestServer).sink;
  // Our records are emitted when the request ends; give the last one a moment.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const ourLog = sink.texts();
  sink.clear();
  // Deliberate cases may log differently (or Python a traceback): wait for quiet instead.
  const pythonLog = await pythonLogSince(protocol, c.deliberate ? null : ourLog.length);
  return { python: py, ours: us, pythonLog, ourLog };
}

beforeAll(async () => {
  site = await makeSite();
  for (const protocol of ['HTTP/1.0', 'HTTP/1.1'] as const) {
    python[protocol] = await startPythonServer(site.root, protocol);
    ours[protocol] = await startTestServer({
      directory: site.root,
      settings: { protocolVersion: protocol },
    });
  }
}, 30_000);

afterAll(async () => {
  for (const server of Object.values(python)) await server?.stop();
  for (const server of Object.values(ours)) await server?.close();
  if (site) {
    await rm(site.root, { recursive: true, force: true });
    await rm(site.outside, { recursive: true, force: true });
  }
});

describe('httpdesk answers like python3 -m http.server', () => {
  it('has at least 40 distinct requests', () => {
    expect(new Set(CASES.map((c) => c.request)).size).toBeGreaterThanOrEqual(40);
  });

  it('serves the same bytes as the folder holds (sanity of the site)', async () => {
    expect(await readFile(`${site.root}/big.bin`)).toEqual(bigContent());
  });

  for (const protocol of ['HTTP/1.0', 'HTTP/1.1'] as const) {
    describe(`-p ${protocol}`, () => {
      for (const c of CASES) {
        if (c.protocols && !c.protocols.includes(protocol)) continue;
        const label = c.deliberate ? `${c.name} [deliberate: ${c.deliberate}]` : c.name;
        it(label, async () => {
          // The same request on both protocols is compared separately, so logs line up.
          const x = await exchange(protocol, c);
          const check = c.deliberate ? DELIBERATE[c.deliberate] : null;
          if (typeof check === 'function') check(x, c);
          else compareDefault(x, c);
        });
      }
    });
  }
});

describe('dual-stack sockets: the IPv4 client address [deliberate: clientAddress]', () => {
  it('same response; Python logs ::ffff:127.0.0.1, we log 127.0.0.1', async () => {
    // Python's no---bind default depends on getaddrinfo order (0.0.0.0 on this machine);
    // --bind :: is its dual-stack server, what our default always is.
    const py = await startPythonServer(site.root, 'HTTP/1.0', [], '::');
    const us = await startTestServer({ directory: site.root, host: '' });
    try {
      const request = get('/hello.txt');
      const [p, o] = await Promise.all([
        rawRequest(py.port, request, { end: true }),
        rawRequest(us.port, request, { end: true }),
      ]);
      expect(comparable(parseResponses(o.bytes)[0] as ParsedResponse)).toEqual(
        comparable(parseResponses(p.bytes)[0] as ParsedResponse),
      );
      await us.sink.waitForMessages(1);
      const deadline = Date.now() + 2_000;
      while (!py.stderr().includes('\n') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
      expect(py.stderr()).toMatch(/^::ffff:127\.0\.0\.1 - - \[/);
      expect(us.sink.lines()[0]).toMatch(/^127\.0\.0\.1 - - \[/);
      expect(us.sink.texts()[0]).toBe(py.stderr().split('] ')[1]?.trimEnd());
    } finally {
      await py.stop();
      await us.close();
    }
  });
});
