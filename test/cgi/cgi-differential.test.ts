/**
 * The same raw requests to `python3 -m http.server --cgi` and to ours, over the same folder
 * and scripts: status line, headers (but Server and Date) and body must match, except for
 * the differences on purpose, which are asserted here one by one so they stay deliberate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  get,
  makeSite,
  rawRequest,
  removeSite,
  startServer,
  type RawResponse,
  type RunningServer,
} from './cgi-site.js';
import { startPythonCgiServer, type PythonServer } from './python-reference.js';

let root = '';
let ours: RunningServer;
let python: PythonServer;

beforeAll(async () => {
  root = await makeSite();
  [ours, python] = await Promise.all([startServer(root), startPythonCgiServer(root)]);
});

afterAll(async () => {
  await Promise.all([ours?.close(), python?.close()]);
  await removeSite(root);
});

/**
 * The response with what must differ between two servers taken out. ETag and Accept-Ranges
 * are ours alone on a file's 200 (validators.ts; README "Differences from Python"), checked
 * by test/differential/differential.test.ts.
 */
function normalise(res: RawResponse, port: number): string {
  return res.raw
    .toString('latin1')
    .replace(/^(Server|Date|ETag|Accept-Ranges): .*\r\n/gm, '')
    .replace(/^SERVER_SOFTWARE=.*$/m, 'SERVER_SOFTWARE=(version)')
    .replace(`SERVER_PORT=${port}\n`, 'SERVER_PORT=(port)\n');
}

/** Error pages: Python 3.11's template lacks the 3.12 colour-scheme style the engine uses. */
function errorSummary(res: RawResponse): unknown {
  return {
    statusLine: res.statusLine,
    headers: res.headers.filter(
      ([name]) => !['server', 'date', 'content-length'].includes(name.toLowerCase()),
    ),
    message: /<p>Message: (.*)<\/p>/.exec(res.body.toString())?.[1],
    explain: /<p>Error code explanation: (.*)<\/p>/.exec(res.body.toString())?.[1],
  };
}

async function both(request: string): Promise<{ ours: RawResponse; python: RawResponse }> {
  const [a, b] = await Promise.all([
    rawRequest(ours.port, request, 5_000),
    rawRequest(python.port, request, 5_000),
  ]);
  return { ours: a, python: b };
}

const credentials = Buffer.from('alice:secret').toString('base64');
const ALL_HEADERS = [
  'Accept: text/html',
  'Accept: text/plain',
  'Cookie: a=1',
  'Cookie: b=2',
  'User-Agent: differential/1.0',
  'Referer: http://ref.test/',
  `Authorization: Basic ${credentials}`,
];
const form = 'spam=1&eggs=python&bacon=123456';
const megabyte = 'x'.repeat(1024 * 1024);

const IDENTICAL: ReadonlyArray<[string, string]> = [
  ['GET a shell script', get('/cgi-bin/hello.sh')],
  ['GET a Python script in a nested dir', get('/cgi-bin/child-dir/file3.py')],
  ['GET under /htbin', get('/htbin/hello.sh')],
  ['every CGI variable', get('/cgi-bin/env.py/extra/p%20ath?x=1&y=%41', ALL_HEADERS)],
  ['argv from a query without =', get('/cgi-bin/env.py?hello+world')],
  ['argv with no query', get('/cgi-bin/args.sh')],
  ['argv with %-escapes', get('/cgi-bin/args.sh?a%20b+c')],
  ['query with several ?', get('/cgi-bin/query.py?a=b?c=d')],
  ['query with //', get('/cgi-bin/query.py?k=aa%2F%2Fbb&//q//p//=//a//b//')],
  ['query with %00 (not decoded)', get('/cgi-bin/env.py?%00')],
  ['no leading slash', get('cgi-bin/hello.sh')],
  ['encoded slash', get('/cgi-bin%2fhello.sh')],
  ['encoded letter', get('/%63gi-bin/hello.sh')],
  ['dot segments', get('/cgi-bin/./../cgi-bin/hello.sh')],
  ['double slash', get('//cgi-bin/hello.sh')],
  ['climbing out of cgi-bin serves the file', get('/cgi-bin/../index.html')],
  [
    'POST a form (test_post)',
    `POST /cgi-bin/post.py HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\n\r\n${form}`,
  ],
  [
    'POST 1 MiB counted',
    `POST /cgi-bin/count.sh HTTP/1.0\r\nContent-Length: ${megabyte.length}\r\n\r\n${megabyte}`,
  ],
  [
    'POST body and env',
    'POST /cgi-bin/env.py HTTP/1.0\r\nContent-Type: text/x\r\nContent-Length: 5\r\n\r\nhello',
  ],
  ['GET with a body', 'GET /cgi-bin/env.py HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc'],
  ['stderr and exit 3', get('/cgi-bin/exit3.sh')],
  [
    'HTTP/1.1 request to the HTTP/1.0 server',
    'GET /cgi-bin/hello.sh HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n',
  ],
  ['a /cgi-bin without slash redirects', get('/cgi-bin')],
  ['a static file', get('/index.html')],
  ['HTTP/0.9: the script output alone', 'GET /cgi-bin/hello.sh\r\n\r\n'],
];

const SAME_ERROR: ReadonlyArray<[string, string]> = [
  ['missing script', get('/cgi-bin/nothere.sh')],
  ['bpo-19435', get('///////////nocgi.sh/../cgi-bin/nothere.sh')],
  ['not executable', get('/cgi-bin/not-executable.sh')],
  ['a directory', get('/cgi-bin/subdir')],
  ['the CGI directory itself', get('/cgi-bin/')],
  ['POST outside CGI', 'POST /index.html HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc'],
];

describe('same as python3 -m http.server --cgi', () => {
  it.each(IDENTICAL)('%s', async (_name, request) => {
    const { ours: a, python: b } = await both(request);
    expect(a.closed && b.closed).toBe(true);
    expect(normalise(a, ours.port)).toBe(normalise(b, python.port));
    expect(a.raw.length).toBeGreaterThan(0);
  });

  it.each(SAME_ERROR)('%s (error status, headers and message)', async (_name, request) => {
    const { ours: a, python: b } = await both(request);
    expect(errorSummary(a)).toEqual(errorSummary(b));
    expect(a.statusLine).toMatch(/^HTTP\/1\.0 (403|404|501) /);
  });
});

describe('different from Python on purpose', () => {
  it('HEAD: same status and script headers, but no body (RFC 9110 §9.3.2)', async () => {
    const { ours: a, python: b } = await both(get('/cgi-bin/hello.sh', [], 'HEAD'));
    expect(a.statusLine).toBe(b.statusLine);
    expect(a.headers.slice(2)).toEqual(b.headers.slice(2));
    expect(b.body.toString()).toBe('Hello World\n');
    expect(a.body.length).toBe(0);
  });

  it('a fragment is cut before the path is collapsed: the script runs, never its source', async () => {
    const { ours: a, python: b } = await both(get('/cgi-bin/hello.sh#/../../index.html'));
    expect(b.statusLine).toBe('HTTP/1.0 200 OK'); // Python serves the script's source
    expect(b.body.toString()).toContain('#!/bin/sh');
    expect(a.statusLine).toBe('HTTP/1.0 200 Script output follows');
    expect(a.body.toString()).toBe('Hello World\n');
  });

  it('a fragment is not part of SCRIPT_NAME (Python keeps it there)', async () => {
    const { ours: a, python: b } = await both(get('/cgi-bin/env.py#frag'));
    expect(b.body.toString()).toContain('SCRIPT_NAME=/cgi-bin/env.py#frag\n');
    expect(a.body.toString()).toContain('SCRIPT_NAME=/cgi-bin/env.py\n');
  });

  it('the path is decoded once: PATH_INFO keeps %25 as %, not as a second escape', async () => {
    const { ours: a, python: b } = await both(get('/cgi-bin/env.py/p%2525'));
    expect(b.body.toString()).toContain('PATH_INFO=/p%\n'); // decoded twice
    expect(a.body.toString()).toContain('PATH_INFO=/p%25\n');
  });

  it.each([
    ['/cgi-bin/%252e%252e/nocgi.sh', "HTTP/1.0 404 No such CGI script ('/cgi-bin/%2e%2e')"],
    ['/cgi-bin/..%252fnocgi.sh', "HTTP/1.0 404 No such CGI script ('/cgi-bin/..%2fnocgi.sh')"],
  ])('a doubly encoded step out of cgi-bin is a name, not a step up: %s', async (target, line) => {
    // Python decodes the script name a second time and runs nocgi.sh, outside cgi-bin.
    const { ours: a, python: b } = await both(get(target));
    expect(b.statusLine).toBe('HTTP/1.0 200 Script output follows');
    expect(b.body.toString()).toBe('nocgi\n');
    expect(a.statusLine).toBe(line);
    expect(a.body.toString()).not.toContain('nocgi\n');
  });

  it('a path climbing above the root: 400 instead of a dropped connection', async () => {
    const { ours: a, python: b } = await both(get('/../cgi-bin/hello.sh'));
    expect(b.raw.length).toBe(0); // Python: IndexError in is_cgi, traceback, no reply
    expect(a.statusLine).toBe('HTTP/1.0 400 Bad request path');
  });

  it('a NUL byte in PATH_INFO: 400 instead of a dropped connection', async () => {
    const { ours: a, python: b } = await both(get('/cgi-bin/env.py/%00'));
    expect(b.raw.length).toBe(0); // Python: ValueError "embedded null byte", no reply
    expect(a.statusLine).toBe("HTTP/1.0 400 Bad request target ('/cgi-bin/env.py/%00')");
  });

  it('an absolute-form target: runs the script its path names (the engine serves by path)', async () => {
    const { ours: a, python: b } = await both(get('http://example.test/cgi-bin/hello.sh'));
    expect(b.statusLine).toBe('HTTP/1.0 404 File not found');
    expect(a.statusLine).toBe('HTTP/1.0 200 Script output follows');
  });

  it('HTTP/1.1: closes after the script (Python keeps the unframed connection open)', async () => {
    const [ours11, python11] = await Promise.all([
      startServer(root, { protocolVersion: 'HTTP/1.1' }),
      startPythonCgiServer(root, 'HTTP/1.1'),
    ]);
    try {
      const request = 'GET /cgi-bin/hello.sh HTTP/1.1\r\nHost: x\r\n\r\n';
      const [a, b] = await Promise.all([
        rawRequest(ours11.port, request, 1_500),
        rawRequest(python11.port, request, 1_500),
      ]);
      expect(b.closed).toBe(false); // the client cannot tell the body ended
      expect(b.body.toString()).toBe('Hello World\n');
      expect(a.closed).toBe(true);
      expect(a.headers.find(([n]) => n === 'Connection')?.[1]).toBe('close');
      expect(a.body.toString()).toBe('Hello World\n');
    } finally {
      await Promise.all([ours11.close(), python11.close()]);
    }
  });
});
