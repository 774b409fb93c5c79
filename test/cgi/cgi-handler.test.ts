/**
 * CGIHTTPRequestHandler over real loopback sockets with real scripts (docs/architecture.md § Testing tiers, tier 2):
 * the cases of CPython's CGIHTTPServerTestCase plus the environment, errors and logging.
 */
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  get,
  header,
  makeSite,
  rawRequest,
  removeSite,
  startServer,
  type RunningServer,
} from './cgi-site.js';

let root = '';
let server: RunningServer;

beforeAll(async () => {
  root = await makeSite();
  server = await startServer(root);
});

afterAll(async () => {
  await server.close();
  await removeSite(root);
});

const HELLO = 'Hello World\n';

async function fetchRaw(request: string): Promise<Awaited<ReturnType<typeof rawRequest>>> {
  return rawRequest(server.port, request);
}

describe('running scripts (CPython CGIHTTPServerTestCase)', () => {
  it('sends "200 Script output follows", then the script’s headers and body, then closes', async () => {
    const res = await fetchRaw(get('/cgi-bin/hello.sh'));
    expect(res.statusLine).toBe('HTTP/1.0 200 Script output follows');
    expect(res.headers.map(([name]) => name)).toEqual(['Server', 'Date', 'Content-type']);
    expect(header(res, 'Content-type')).toBe('text/html');
    expect(res.body.toString()).toBe(HELLO);
    expect(res.closed).toBe(true);
  });

  it('runs Python scripts (test_headers_and_content, with a .py script)', async () => {
    const res = await fetchRaw(get('/cgi-bin/child-dir/file3.py'));
    expect(res.statusLine).toBe('HTTP/1.0 200 Script output follows');
    expect(res.body.toString()).toBe(HELLO);
  });

  it('POSTs a form body to the script (test_post)', async () => {
    const form = 'spam=1&eggs=python&bacon=123456';
    const res = await fetchRaw(
      `POST /cgi-bin/post.py HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\n\r\n${form}`,
    );
    expect(res.body.toString()).toBe('1, python, 123456\n');
  });

  it.each([
    ['///////////nocgi.sh/../cgi-bin/nothere.sh', 404], // test_issue19435
    ['/cgi-bin/invalid', 404], // test_invaliduri
    ['cgi-bin/hello.sh', 200], // test_no_leading_slash (bpo-2254)
    ['/cgi-bin%2fhello.sh', 200], // test_urlquote_decoding_in_cgi_check
    ['/cgi-bin%2Fhello.sh', 200],
    ['/%63gi-bin/hello.sh', 200],
    ['/cgi-bin/child-dir/file3.py', 200], // test_nested_cgi_path_issue21323
    ['/cgi-bin/../cgi-bin/hello.sh', 200],
    ['/cgi-bin/./hello.sh', 200],
    ['//cgi-bin/hello.sh', 200],
    ['/x/../cgi-bin/hello.sh', 200],
    ['/htbin/hello.sh', 200],
  ])('%s → %d', async (target, status) => {
    const res = await fetchRaw(get(target));
    expect(res.statusLine.split(' ')[1]).toBe(String(status));
    if (status === 200) expect(res.body.toString()).toBe(HELLO);
  });

  it('passes the query as sent (test_query_with_multiple_question_mark, _continuous_slashes)', async () => {
    const multiple = await fetchRaw(get('/cgi-bin/query.py?a=b?c=d'));
    expect(multiple.body.toString()).toBe('a=b?c=d\n');
    const slashes = await fetchRaw(get('/cgi-bin/query.py?k=aa%2F%2Fbb&//q//p//=//a//b//'));
    expect(slashes.body.toString()).toBe('k=aa%2F%2Fbb&//q//p//=//a//b//\n');
  });

  it('never runs a script reached by climbing out of cgi-bin: it is served as a file', async () => {
    // Collapsing first means '/cgi-bin/../nocgi.sh' is '/nocgi.sh', outside any CGI dir.
    const res = await fetchRaw(get('/cgi-bin/../nocgi.sh'));
    expect(res.statusLine).toBe('HTTP/1.0 200 OK');
    expect(res.body.toString()).toContain('#!/bin/sh');
  });

  it('runs a script under an absolute-form target instead of serving its source', async () => {
    const res = await fetchRaw(get('http://example.test/cgi-bin/hello.sh'));
    expect(res.statusLine).toBe('HTTP/1.0 200 Script output follows');
    expect(res.body.toString()).toBe(HELLO);
  });

  it.each([
    // Python 3.11 serves the source for the first two. The fragment is cut before the path
    // is collapsed, so the first names hello.sh and runs it.
    ['/cgi-bin/hello.sh#/../../index.html', 'HTTP/1.0 200 Script output follows'],
    ['/%00/cgi-bin/hello.sh', "HTTP/1.0 400 Bad request target ('/%00/cgi-bin/hello.sh')"],
    [
      '/cgi-bin/hello.sh%00/../../cgi-bin/hello.sh',
      "HTTP/1.0 400 Bad request target ('/cgi-bin/hello.sh%00/../../cgi-bin/hello.sh')",
    ],
  ])('never serves a script’s source, whatever the URL: %s', async (target, statusLine) => {
    const res = await fetchRaw(get(target));
    expect(res.statusLine).toBe(statusLine);
    expect(res.body.toString()).not.toContain('#!/bin/sh');
  });

  it('answers 400 for a path that climbs above the root (Python: IndexError, no reply)', async () => {
    for (const target of ['/../cgi-bin/hello.sh', '/cgi-bin/..%2f..%2fhello.sh', '/..']) {
      const res = await fetchRaw(get(target));
      expect(res.statusLine).toBe('HTTP/1.0 400 Bad request path');
      expect(res.body.toString()).not.toContain('Hello World');
    }
  });
});

describe('cgiDirectories', () => {
  it('runs scripts in an added nested directory (test_cgi_path_in_sub_directories)', async () => {
    const nested = await startServer(root, {
      configure: (h) => h.cgiDirectories.push('/sub/dir/cgi-bin'),
    });
    try {
      const res = await rawRequest(nested.port, get('/sub/dir/cgi-bin/file5.sh'));
      expect(res.body.toString()).toBe(HELLO);
    } finally {
      await nested.close();
    }
    // Not listed: the default server serves the file instead of running it.
    const plain = await fetchRaw(get('/sub/dir/cgi-bin/file5.sh'));
    expect(plain.statusLine).toBe('HTTP/1.0 200 OK');
    expect(plain.body.toString()).toContain('#!/bin/sh');
  });
});

describe('methods', () => {
  it('HEAD runs the script and sends its headers only (RFC 9110 §9.3.2)', async () => {
    const res = await fetchRaw(get('/cgi-bin/hello.sh', [], 'HEAD'));
    expect(res.statusLine).toBe('HTTP/1.0 200 Script output follows');
    expect(header(res, 'Content-type')).toBe('text/html');
    expect(res.raw.toString('latin1').endsWith('Content-type: text/html\n\n')).toBe(true);
    expect(res.body.length).toBe(0);
  });

  it('HEAD still sees REQUEST_METHOD=HEAD in the script', async () => {
    const res = await fetchRaw(get('/cgi-bin/env.py', [], 'HEAD'));
    expect(res.body.length).toBe(0);
    expect(header(res, 'Content-type')).toBe('text/plain; charset=utf-8');
  });

  it('POST outside the CGI directories is 501 "Can only POST to CGI scripts"', async () => {
    const res = await fetchRaw('POST /index.html HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc');
    expect(res.statusLine).toBe('HTTP/1.0 501 Can only POST to CGI scripts');
  });

  it('GET outside the CGI directories serves files as SimpleHTTPRequestHandler does', async () => {
    const res = await fetchRaw(get('/index.html'));
    expect(res.statusLine).toBe('HTTP/1.0 200 OK');
    expect(res.body.toString()).toBe('<p>static</p>\n');
  });
});

describe('errors', () => {
  it.each([
    ['/cgi-bin/nothere.sh', "HTTP/1.0 404 No such CGI script ('/cgi-bin/nothere.sh')"],
    [
      '/cgi-bin/not-executable.sh',
      "HTTP/1.0 403 CGI script is not executable ('/cgi-bin/not-executable.sh')",
    ],
    ['/cgi-bin/subdir', "HTTP/1.0 403 CGI script is not a plain file ('/cgi-bin/subdir')"],
    ['/cgi-bin/', "HTTP/1.0 403 CGI script is not a plain file ('/cgi-bin/')"],
  ])('%s', async (target, statusLine) => {
    const res = await fetchRaw(get(target));
    expect(res.statusLine).toBe(statusLine);
    expect(header(res, 'Connection')).toBe('close');
    expect(res.body.toString()).not.toContain('should not run');
  });

  it('a /cgi-bin without slash redirects like any folder', async () => {
    const res = await fetchRaw(get('/cgi-bin'));
    expect(res.statusLine).toBe('HTTP/1.0 301 Moved Permanently');
    expect(header(res, 'Location')).toBe('/cgi-bin/');
  });

  it('refuses a NUL byte that would reach the environment (Python: ValueError, no reply)', async () => {
    const res = await fetchRaw(get('/cgi-bin/env.py/a%00b'));
    expect(res.statusLine).toBe("HTTP/1.0 400 Bad request target ('/cgi-bin/env.py/a%00b')");
  });
});

describe('the environment', () => {
  it('has every variable server.py sets, for a request with every header it reads', async () => {
    const credentials = Buffer.from('alice:secret').toString('base64');
    const body = 'hello';
    const res = await fetchRaw(
      [
        'POST /cgi-bin/env.py/extra/p%20ath%2525?x=1&y=%41 HTTP/1.0',
        'Content-Type: text/x-test',
        `Content-Length: ${body.length}`,
        'Referer: http://ref.test/page',
        'Accept: text/html',
        'Accept: text/plain',
        'User-Agent: cgi-test/1.0',
        'Cookie: a=1',
        'Cookie: b=2',
        `Authorization: Basic ${credentials}`,
        'X-Not-Passed: 1',
        '',
        body,
      ].join('\r\n'),
    );
    // PATH_INFO is decoded once (Python decodes it a second time in run_cgi: 'p ath%').
    expect(res.body.toString()).toBe(
      [
        'AUTH_TYPE=Basic',
        `CONTENT_LENGTH=${body.length}`,
        'CONTENT_TYPE=text/x-test',
        'GATEWAY_INTERFACE=CGI/1.1',
        'HTTP_ACCEPT=text/html,text/plain',
        'HTTP_COOKIE=a=1, b=2',
        'HTTP_REFERER=http://ref.test/page',
        'HTTP_USER_AGENT=cgi-test/1.0',
        'PATH_INFO=/extra/p ath%25',
        `PATH_TRANSLATED=${path.join(root, 'extra', 'p ath%25')}`,
        'QUERY_STRING=x=1&y=%41',
        'REMOTE_ADDR=127.0.0.1',
        'REMOTE_HOST=',
        'REMOTE_USER=alice',
        'REQUEST_METHOD=POST',
        'SCRIPT_NAME=/cgi-bin/env.py',
        'SERVER_NAME=localhost',
        `SERVER_PORT=${server.port}`,
        'SERVER_PROTOCOL=HTTP/1.0',
        `SERVER_SOFTWARE=SimpleHTTP/0.6 Node.js/${process.versions.node}`,
        'argv=[]',
        "stdin=b'hello'",
        '',
      ].join('\n'),
    );
  });

  it('has the empty defaults and text/plain for a bare GET; a query without "=" is argv', async () => {
    const res = await fetchRaw(get('/cgi-bin/env.py?hello+world'));
    const lines = res.body.toString().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'CONTENT_LENGTH=',
        'CONTENT_TYPE=text/plain',
        'HTTP_ACCEPT=',
        'HTTP_COOKIE=',
        'HTTP_REFERER=',
        'HTTP_USER_AGENT=',
        'PATH_INFO=',
        `PATH_TRANSLATED=${root}`,
        'QUERY_STRING=hello+world',
        "argv=['hello world']",
      ]),
    );
    expect(lines.some((l) => l.startsWith('AUTH_TYPE=') || l.startsWith('REMOTE_USER='))).toBe(
      false,
    );
  });

  it.each([
    ['', 'argc=1\narg=[]\n'],
    ['?one+two', 'argc=1\narg=[one two]\n'],
    ['?a%20b', 'argc=1\narg=[a%20b]\n'],
    ['?k=v', 'argc=0\n'],
  ])('argv for query %j (shell script)', async (query, expected) => {
    const res = await fetchRaw(get(`/cgi-bin/args.sh${query}`));
    expect(res.body.toString()).toBe(expected);
  });

  it('keeps the server environment (PATH) minus CGI names; runs in the served folder', async () => {
    process.env.REMOTE_USER = 'from-the-server-environment';
    process.env.HTTP_X_SPOOF = 'spoof';
    try {
      const res = await fetchRaw(get('/cgi-bin/fullenv.py'));
      const report = JSON.parse(res.body.toString()) as {
        env: Record<string, string>;
        uid: number;
        gid: number;
        cwd: string;
      };
      expect(report.env.PATH).toBe(process.env.PATH);
      expect(report.env).not.toHaveProperty('REMOTE_USER');
      expect(report.env).not.toHaveProperty('HTTP_X_SPOOF');
      expect(report.cwd).toBe(root);
      if (process.getuid?.() === 0) {
        // "CGI scripts will be run with UID of user nobody" (reference), and its group.
        expect(report.uid).toBe(65534);
        expect(report.gid).toBe(65534);
      } else {
        expect(report.uid).toBe(process.getuid?.());
      }
    } finally {
      delete process.env.REMOTE_USER;
      delete process.env.HTTP_X_SPOOF;
    }
  });
});

describe('logging', () => {
  it('logs the request, each stderr line and a non-zero exit code', async () => {
    const before = server.log.messages.length;
    const res = await fetchRaw(get('/cgi-bin/exit3.sh'));
    expect(res.body.toString()).toBe('partial result\n');
    const fresh = server.log.messages.slice(before);
    expect(fresh.map((m) => [m.level, m.text])).toEqual([
      ['info', '"GET /cgi-bin/exit3.sh HTTP/1.0" 200 -'],
      ['error', 'something went wrong'],
      ['error', 'CGI script exit code 3'],
    ]);
  });
});

describe('HTTP/1.1', () => {
  let v11: RunningServer;
  beforeAll(async () => {
    v11 = await startServer(root, { protocolVersion: 'HTTP/1.1' });
  });
  afterAll(async () => {
    await v11.close();
  });

  it('closes after a script’s output, saying so (the length is unknown)', async () => {
    const res = await rawRequest(v11.port, 'GET /cgi-bin/hello.sh HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(res.statusLine).toBe('HTTP/1.1 200 Script output follows');
    expect(header(res, 'Connection')).toBe('close');
    expect(res.body.toString()).toBe(HELLO);
    expect(res.closed).toBe(true);
  });

  it('gives the script exactly Content-Length bytes, not the pipelined request after it', async () => {
    const res = await rawRequest(
      v11.port,
      'POST /cgi-bin/env.py HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /index.html HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    expect(res.body.toString()).toContain("stdin=b'abc'");
    expect(res.body.toString()).not.toContain('static');
  });

  it('answers Expect: 100-continue before the script reads the body', async () => {
    const res = await rawRequest(v11.port, [
      'POST /cgi-bin/count.sh HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n',
      'abcd',
    ]);
    expect(res.raw.toString('latin1')).toMatch(
      /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 Script output follows\r\n/,
    );
    expect(res.body.toString()).toContain('4\n');
  });
});

describe('symbolic links (the static policy applies to scripts)', () => {
  let outside = '';
  beforeAll(async () => {
    outside = await mkdtemp(path.join(tmpdir(), 'httpdesk-outside-'));
    await chmod(outside, 0o755); // reachable by nobody when the tests run as root
    await writeFile(
      path.join(outside, 'evil.sh'),
      '#!/bin/sh\necho "Content-type: text/plain"\necho\necho evil\n',
      {
        mode: 0o755,
      },
    );
    await mkdir(path.join(root, 'cgi-bin', 'links'), { mode: 0o755 });
    await symlink(path.join(outside, 'evil.sh'), path.join(root, 'cgi-bin', 'links', 'evil.sh'));
    await symlink(
      path.join(root, 'cgi-bin', 'hello.sh'),
      path.join(root, 'cgi-bin', 'links', 'inside.sh'),
    );
  });
  afterAll(async () => {
    await rm(outside, { recursive: true, force: true });
  });

  it('does not run a link whose target is outside the folder', async () => {
    const res = await fetchRaw(get('/cgi-bin/links/evil.sh'));
    expect(res.statusLine).toBe("HTTP/1.0 404 No such CGI script ('/cgi-bin/links/evil.sh')");
  });

  it('runs a link that stays inside', async () => {
    const res = await fetchRaw(get('/cgi-bin/links/inside.sh'));
    expect(res.body.toString()).toBe(HELLO);
  });

  it('does not run the outside link with followSymlinks either (Python does)', async () => {
    const follow = await startServer(root, { configure: (h) => (h.followSymlinks = true) });
    try {
      const res = await rawRequest(follow.port, get('/cgi-bin/links/evil.sh'));
      expect(res.statusLine).toBe("HTTP/1.0 404 No such CGI script ('/cgi-bin/links/evil.sh')");
      expect(res.body.toString()).not.toContain('evil\n');
    } finally {
      await follow.close();
    }
  });
});

describe('the public API', () => {
  it('makeHandlerClass({ cgi: true }) serves with CGIHTTPRequestHandler', async () => {
    const { makeHandlerClass, ThreadingHTTPServer, CGIHTTPRequestHandler } =
      await import('../../main/server/index.js');
    const Handler = makeHandlerClass({ directory: root, cgi: true });
    expect(Handler.prototype).toBeInstanceOf(CGIHTTPRequestHandler);
    const httpd = new ThreadingHTTPServer(['127.0.0.1', 0], Handler, {
      logSink: { message() {}, request() {} },
    });
    await httpd.ready;
    const done = httpd.serveForever();
    try {
      const res = await rawRequest(httpd.serverPort, get('/cgi-bin/hello.sh'));
      expect(res.statusLine).toBe('HTTP/1.0 200 Script output follows');
      expect(res.body.toString()).toBe(HELLO);
    } finally {
      await httpd.shutdown();
      await httpd.serverClose();
      await done;
    }
  });
});
