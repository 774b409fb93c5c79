/**
 * SimpleHTTPRequestHandler over real sockets: index pages, the folder redirect, the exact
 * listing, 404s, If-Modified-Since, guessType / extensionsMap, the response headers, and
 * the small-file cache noticing changes.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS_MAP, guessType } from '../../main/server/guess-type.js';
import { SimpleHTTPRequestHandler } from '../../main/server/simple-handler.js';
import { header, parseResponse, readResponse } from '../helpers/http-response.js';
import { RawConnection, rawRequest, sleep } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const MTIME = 1_700_000_000; // Tue, 14 Nov 2023 22:13:20 GMT
const MTIME_HTTP = 'Tue, 14 Nov 2023 22:13:20 GMT';

let root = '';
let srv: TestServer;

beforeAll(async () => {
  root = await makeTempDir({
    'file.txt': 'file contents\n',
    'both/index.html': 'html index\n',
    'both/index.htm': 'htm index\n',
    'htm/index.htm': 'htm only\n',
    'noindex/x.txt': 'x\n',
    'dirindex/index.html/inner.txt': 'index.html is a folder here\n',
    'custom/default.txt': 'custom index\n',
    'custom/index.html': 'not this one\n',
    'evil.com/x.txt': 'x\n',
    'big.bin': Buffer.alloc(300 * 1024, 7),
    'types/a.gz': 'gz',
    'types/a.tar.gz': 'tgz',
    'types/A.HTML': '<p>',
    'types/a.Z': 'z',
    'types/a.json': '{}',
    'types/a.svg': '<svg/>',
    'types/noext': 'bytes',
    'types/a.weird-ext': 'bytes',
    'list/b.txt': '',
    'list/A.txt': '',
    'list/Zeta': '',
    'list/<&>.txt': '',
    'list/it\'s "q".txt': '',
    'list/ä.txt': '',
    'list/c dir/x': '',
    'list/100%?.txt': '',
    'title/<x y>/f': '',
  });
  await symlink('b.txt', path.join(root, 'list', 'link'));
  await symlink('c dir', path.join(root, 'list', 'dirlink'));
  await utimes(path.join(root, 'file.txt'), MTIME, MTIME);
  srv = await startTestServer({ directory: root });
});

afterAll(async () => {
  await srv.close();
  await removeDir(root);
});

async function get(target: string, headers: string[] = [], server = srv, method = 'GET') {
  const request = `${method} ${target} HTTP/1.0\r\n${headers.map((h) => h + '\r\n').join('')}\r\n`;
  const result = await rawRequest(server.port, request);
  expect(result.closed).toBe(true);
  return parseResponse(result.bytes, method === 'HEAD');
}

describe('index pages', () => {
  it('index.html is served before index.htm', async () => {
    expect((await get('/both/')).body.toString()).toBe('html index\n');
  });

  it('index.htm when it is the only one', async () => {
    const res = await get('/htm/');
    expect(res.body.toString()).toBe('htm only\n');
    expect(header(res, 'Content-type')).toBe('text/html');
  });

  it('a folder named index.html is not an index page: the folder is listed', async () => {
    const res = await get('/dirindex/');
    expect(res.body.toString()).toContain('<a href="index.html/">index.html/</a>');
  });

  it('indexPages can be changed by a subclass', async () => {
    class Custom extends SimpleHTTPRequestHandler {
      override directory = root;
      override indexPages = ['default.txt'];
    }
    const custom = await startTestServer({ Handler: Custom });
    try {
      expect((await get('/custom/', [], custom)).body.toString()).toBe('custom index\n');
      // With no index page at all, every folder is listed.
      class None extends Custom {
        override indexPages: string[] = [];
      }
      const none = await startTestServer({ Handler: None });
      try {
        expect((await get('/both/', [], none)).body.toString()).toContain('Directory listing');
      } finally {
        await none.close();
      }
    } finally {
      await custom.close();
    }
  });
});

describe('the folder redirect', () => {
  const REDIRECTS: Array<[string, string]> = [
    ['/noindex', '/noindex/'],
    ['/noindex?a=1&b=%20', '/noindex/?a=1&b=%20'],
    ['/noindex#frag', '/noindex/#frag'],
    ['/noindex?q#f', '/noindex/?q#f'],
    ['/no%69ndex', '/no%69ndex/'], // the path as sent, quoting kept
    ['//noindex', '/noindex/'],
    ['///noindex?x', '/noindex/?x'],
    // Attempts to make Location a network-path reference (//host): never.
    ['//evil.com', '/evil.com/'],
    ['/%2fevil.com', '/evil.com/'],
    ['/%2F%2Fevil.com', '/evil.com/'],
    ['/.//evil.com', '/.//evil.com/'],
  ];
  for (const [target, location] of REDIRECTS) {
    it(`${target} → 301 ${location}`, async () => {
      const res = await get(target);
      expect(res.statusLine).toBe('HTTP/1.0 301 Moved Permanently');
      expect(header(res, 'Location')).toBe(location);
      expect(header(res, 'Content-Length')).toBe('0');
      expect(res.body.length).toBe(0);
    });
  }

  it('no Location ever starts with // or /\\', async () => {
    for (const target of [
      '//evil.com',
      '/%2fevil.com',
      '/%5cevil.com',
      '/%2f%2fevil.com',
      '/\\evil.com',
    ]) {
      const res = await get(target);
      const location = header(res, 'Location');
      if (location !== undefined) expect(location).toMatch(/^\/[^/\\]/);
    }
  });
});

describe('listing', () => {
  it('is exactly Python’s page (plus the 3.14 color-scheme), sorted case-insensitively', async () => {
    const res = await get('/list/');
    expect(res.statusLine).toBe('HTTP/1.0 200 OK');
    expect(res.headers.map(([n]) => n)).toEqual([
      'Server',
      'Date',
      'Content-type',
      'Content-Length',
    ]);
    expect(header(res, 'Content-type')).toBe('text/html; charset=utf-8');
    expect(Number(header(res, 'Content-Length'))).toBe(res.body.length);
    const expected = [
      '<!DOCTYPE HTML>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      '<style type="text/css">',
      ':root {',
      'color-scheme: light dark;',
      '}',
      '</style>',
      '<title>Directory listing for /list/</title>',
      '</head>',
      '<body>',
      '<h1>Directory listing for /list/</h1>',
      '<hr>',
      '<ul>',
      '<li><a href="100%25%3F.txt">100%?.txt</a></li>',
      '<li><a href="%3C%26%3E.txt">&lt;&amp;&gt;.txt</a></li>',
      '<li><a href="A.txt">A.txt</a></li>',
      '<li><a href="b.txt">b.txt</a></li>',
      '<li><a href="c%20dir/">c dir/</a></li>',
      // A link to a folder: '@' in the text, '/' in the link (server.py's note).
      '<li><a href="dirlink/">dirlink@</a></li>',
      '<li><a href="it%27s%20%22q%22.txt">it\'s "q".txt</a></li>',
      '<li><a href="link">link@</a></li>',
      '<li><a href="Zeta">Zeta</a></li>',
      '<li><a href="%C3%A4.txt">ä.txt</a></li>',
      '</ul>',
      '<hr>',
      '</body>',
      '</html>',
      '',
    ].join('\n');
    expect(res.body.toString('utf8')).toBe(expected);
  });

  it('the title is the unquoted, escaped path without the query (gh-133889)', async () => {
    const res = await get('/list/?q=<x>');
    expect(res.body.toString()).toContain('<title>Directory listing for /list/</title>');
    const quoted = await get('/title/%3Cx%20y%3E/?a=b');
    expect(quoted.body.toString()).toContain('<h1>Directory listing for /title/&lt;x y&gt;/</h1>');
  });

  it('HEAD of a listing: its headers, no body', async () => {
    const res = await get('/list/', [], srv, 'HEAD');
    expect(res.status).toBe(200);
    expect(Number(header(res, 'Content-Length'))).toBeGreaterThan(500);
    expect(res.body.length).toBe(0);
  });
});

describe('not found', () => {
  for (const target of [
    '/missing',
    '/missing/',
    '/file.txt/',
    '/noindex/missing.txt',
    '/file.txt/x',
  ]) {
    it(`${target} → 404 File not found`, async () => {
      const res = await get(target);
      expect(res.statusLine).toBe('HTTP/1.0 404 File not found');
      expect(res.body.toString()).toContain(
        '<p>Error code explanation: 404 - Nothing matches the given URI.</p>',
      );
    });
  }

  it('a FIFO is not opened for reading (no hang): 404', async () => {
    const fifo = path.join(root, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // Opening it for reading would block until a writer came: the answer would never arrive.
    expect((await get('/fifo')).status).toBe(404);
  });
});

describe('files: headers and If-Modified-Since', () => {
  it('200 with Content-type, Content-Length and Last-Modified, in Python’s order', async () => {
    const res = await get('/file.txt');
    // Python's headers in Python's order, then the validators (validators.ts, byte-ranges.ts).
    expect(res.headers.map(([n]) => n)).toEqual([
      'Server',
      'Date',
      'Content-type',
      'Content-Length',
      'Last-Modified',
      'ETag',
      'Accept-Ranges',
    ]);
    expect(header(res, 'Server')).toMatch(/^SimpleHTTP\/0\.6 Node\.js\/\d+\.\d+\.\d+$/);
    expect(header(res, 'Date')).toMatch(
      /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
    );
    expect(header(res, 'Content-type')).toBe('text/plain');
    expect(header(res, 'Content-Length')).toBe('14');
    expect(header(res, 'Last-Modified')).toBe(MTIME_HTTP);
    expect(res.body.toString()).toBe('file contents\n');
  });

  it('HEAD: the same headers, no body', async () => {
    const res = await get('/file.txt', [], srv, 'HEAD');
    expect(header(res, 'Content-Length')).toBe('14');
    expect(res.body.length).toBe(0);
  });

  const IMS: Array<[string, string[], number]> = [
    ['the same date → 304', [`If-Modified-Since: ${MTIME_HTTP}`], 304],
    ['a later date → 304', ['If-Modified-Since: Wed, 15 Nov 2023 00:00:00 GMT'], 304],
    ['one second earlier → 200', ['If-Modified-Since: Tue, 14 Nov 2023 22:13:19 GMT'], 200],
    ['RFC 850 form → 304', ['If-Modified-Since: Wednesday, 15-Nov-23 00:00:00 GMT'], 304],
    ['asctime form → 304', ['If-Modified-Since: Wed Nov 15 00:00:00 2023'], 304],
    ['no zone is UTC → 304', ['If-Modified-Since: Wed, 15 Nov 2023 00:00:00'], 304],
    ['another zone is ignored → 200', ['If-Modified-Since: Wed, 15 Nov 2023 00:00:00 +0100'], 200],
    ['a bad date is ignored → 200', ['If-Modified-Since: not a date'], 200],
    [
      'an impossible date is ignored → 200',
      ['If-Modified-Since: Wed, 45 Nov 2023 00:00:00 GMT'],
      200,
    ],
    [
      'ignored with If-None-Match → 200',
      ['If-Modified-Since: Wed, 15 Nov 2023 00:00:00 GMT', 'If-None-Match: "abc"'],
      200,
    ],
  ];
  for (const [name, headers, status] of IMS) {
    it(`If-Modified-Since: ${name}`, async () => {
      const res = await get('/file.txt', headers);
      expect(res.status).toBe(status);
      if (status === 304) {
        // Python's two headers, and the ETag a 304 must repeat (RFC 9110 §15.4.5).
        expect(res.headers.map(([n]) => n)).toEqual(['Server', 'Date', 'ETag']);
        expect(res.body.length).toBe(0);
      } else {
        expect(res.body.toString()).toBe('file contents\n');
      }
    });
  }

  it('a listing ignores If-Modified-Since (as server.py)', async () => {
    expect((await get('/list/', ['If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT'])).status).toBe(
      200,
    );
  });

  it('a file over the small-file size is streamed whole with its Content-Length', async () => {
    const res = await get('/big.bin');
    expect(header(res, 'Content-Length')).toBe(String(300 * 1024));
    expect(res.body.equals(Buffer.alloc(300 * 1024, 7))).toBe(true);
  });

  it('HEAD of a big file on a kept-alive connection sends no body; the next request is clean', async () => {
    const keep = await startTestServer({
      directory: root,
      settings: { protocolVersion: 'HTTP/1.1' },
    });
    try {
      const conn = await RawConnection.open(keep.port);
      conn.write('HEAD /big.bin HTTP/1.1\r\n\r\n');
      const head = await readResponse(conn, { head: true });
      expect(header(head, 'Content-Length')).toBe(String(300 * 1024));
      conn.write('GET /file.txt HTTP/1.1\r\n\r\n');
      const next = await readResponse(conn);
      expect(next.statusLine).toBe('HTTP/1.1 200 OK');
      expect(next.body.toString()).toBe('file contents\n');
      await sleep(50);
      expect(conn.received().length).toBe(0); // nothing stray after the two responses
      conn.destroy();
    } finally {
      await keep.close();
    }
  });

  it('a changed file is served fresh (the small-file cache is validated)', async () => {
    await mkdir(path.join(root, 'changing'), { recursive: true });
    const file = path.join(root, 'changing', 'c.txt');
    await writeFile(file, 'first');
    expect((await get('/changing/c.txt')).body.toString()).toBe('first');
    await writeFile(file, 'second!');
    expect((await get('/changing/c.txt')).body.toString()).toBe('second!');
    await writeFile(file, 'third!!'); // same size
    expect((await get('/changing/c.txt')).body.toString()).toBe('third!!');
  });
});

describe('guessType', () => {
  const TYPES: Array<[string, string]> = [
    ['/types/a.gz', 'application/gzip'],
    ['/types/a.tar.gz', 'application/gzip'],
    ['/types/A.HTML', 'text/html'],
    ['/types/a.Z', 'application/octet-stream'],
    ['/types/a.json', 'application/json'],
    ['/types/a.svg', 'image/svg+xml'],
    ['/types/noext', 'application/octet-stream'],
    ['/types/a.weird-ext', 'application/octet-stream'],
  ];
  for (const [target, type] of TYPES) {
    it(`${target} → ${type}`, async () => {
      expect(header(await get(target), 'Content-type')).toBe(type);
    });
  }

  it('extensionsMap is consulted first: exact suffix, then lower-cased', () => {
    const map = {
      ...DEFAULT_EXTENSIONS_MAP,
      '.txt': 'text/x-mine',
      '.md': 'text/markdown; charset=utf-8',
      '': 'application/x-none',
    };
    expect(guessType('/a/b.txt', map)).toBe('text/x-mine');
    expect(guessType('/a/B.TXT', map)).toBe('text/x-mine');
    expect(guessType('/a/readme.md', map)).toBe('text/markdown; charset=utf-8');
    expect(guessType('/a/noext', map)).toBe('application/x-none');
    expect(guessType('/a/x.z', DEFAULT_EXTENSIONS_MAP)).toBe('application/octet-stream');
    expect(guessType('/a/x.png', DEFAULT_EXTENSIONS_MAP)).toBe('image/png');
    expect(guessType('C:\\dir\\x.css', DEFAULT_EXTENSIONS_MAP)).toBe('text/css');
  });

  it('a subclass’s extensionsMap reaches the Content-type header', async () => {
    class Mapped extends SimpleHTTPRequestHandler {
      override directory = root;
      override extensionsMap = { ...DEFAULT_EXTENSIONS_MAP, '.txt': 'text/plain; charset=utf-8' };
    }
    const mapped = await startTestServer({ Handler: Mapped });
    try {
      expect(header(await get('/file.txt', [], mapped), 'Content-type')).toBe(
        'text/plain; charset=utf-8',
      );
    } finally {
      await mapped.close();
    }
  });
});
