/**
 * `-H` response headers (`responseHeaders`) and the CORS preflight, on real sockets: every
 * response the server makes carries them (files, listings, redirects, 304, errors, CGI),
 * none is sent twice, and a CGI script's own header of the same name wins.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeaderPair } from '../../shared/response-headers.js';
import { header, parseResponse, type ParsedResponse } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const CONFIGURED: HeaderPair[] = [
  ['Cache-Control', 'no-store'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Content-Type', 'text/x-never-sent'],
];
let dir = '';
let plain: TestServer;
let withHeaders: TestServer;
let cgi: TestServer;

beforeAll(async () => {
  dir = await makeTempDir({ 'hello.txt': 'hello\n', 'sub/a.txt': 'a\n' });
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'cgi-bin'), { mode: 0o755 });
  await writeFile(
    path.join(dir, 'cgi-bin', 'own.sh'),
    '#!/bin/sh\necho "Content-type: text/plain"\necho "Cache-Control: max-age=5"\necho\necho body\n',
    { mode: 0o755 },
  );
  await writeFile(path.join(dir, 'cgi-bin', 'silent.sh'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  plain = await startTestServer({ directory: dir });
  withHeaders = await startTestServer({
    directory: dir,
    settings: { responseHeaders: CONFIGURED },
  });
  cgi = await startTestServer({
    directory: dir,
    settings: { cgi: true, responseHeaders: CONFIGURED },
  });
});

afterAll(async () => {
  await plain?.close();
  await withHeaders?.close();
  await cgi?.close();
  await removeDir(dir);
});

async function ask(server: TestServer, request: string, head = false): Promise<ParsedResponse> {
  const result = await rawRequest(server.port, request, { end: true });
  return parseResponse(result.bytes, head);
}

const GET = (target: string, extra = '') =>
  `GET ${target} HTTP/1.0\r\nHost: localhost\r\n${extra}\r\n`;

function count(response: ParsedResponse, name: string): number {
  return response.headers.filter(([key]) => key.toLowerCase() === name.toLowerCase()).length;
}

describe('every response carries the configured headers', () => {
  const cases: Array<[string, string, number]> = [
    ['a file', GET('/hello.txt'), 200],
    ['a listing', GET('/sub/'), 200],
    ['a folder redirect', GET('/sub'), 301],
    ['a 404', GET('/missing'), 404],
    ['a 304', GET('/hello.txt', 'If-Modified-Since: Fri, 31 Dec 2100 23:59:59 GMT\r\n'), 304],
    ['a 501', 'BREW / HTTP/1.0\r\n\r\n', 501],
    ['a 400', 'GET /%zz HTTP/1.0\r\n\r\n', 400],
  ];
  for (const [what, request, status] of cases) {
    it(what, async () => {
      const response = await ask(withHeaders, request);
      expect(response.status).toBe(status);
      expect(header(response, 'Cache-Control')).toBe('no-store');
      expect(header(response, 'Cross-Origin-Opener-Policy')).toBe('same-origin');
      expect(count(response, 'Cache-Control')).toBe(1);
    });
  }

  it('a header the response already has is not sent twice (the handler’s own wins)', async () => {
    const response = await ask(withHeaders, GET('/hello.txt'));
    expect(count(response, 'Content-Type')).toBe(1);
    expect(header(response, 'Content-Type')).toBe('text/plain');
  });

  it('HEAD too, and the log record shows them', async () => {
    withHeaders.sink.clear();
    const response = await ask(withHeaders, 'HEAD /hello.txt HTTP/1.0\r\n\r\n', true);
    expect(header(response, 'Cache-Control')).toBe('no-store');
    const [record] = await withHeaders.sink.waitForRequests(1);
    expect(record?.responseHeaders).toContainEqual(['Cache-Control', 'no-store']);
  });

  it('without configured headers the response is unchanged', async () => {
    const names = (r: ParsedResponse) => r.headers.map(([name]) => name);
    const without = names(await ask(plain, GET('/hello.txt')));
    const withThem = names(await ask(withHeaders, GET('/hello.txt')));
    expect(without).not.toContain('Cache-Control');
    expect(withThem).toEqual([...without, 'Cache-Control', 'Cross-Origin-Opener-Policy']);
  });
});

describe('CGI', () => {
  it('adds the configured headers unless the script set the same name', async () => {
    // The script ends its lines with LF (RFC 3875 §6.2 allows it), so read the text.
    const { text } = await rawRequest(cgi.port, GET('/cgi-bin/own.sh'));
    const head = text.slice(0, text.indexOf('\n\n'));
    expect(head).toMatch(/^HTTP\/1\.0 200 /);
    expect(head.match(/^Cache-Control: .*$/gim)).toEqual(['Cache-Control: max-age=5']);
    expect(head).toContain('Cross-Origin-Opener-Policy: same-origin\r\n');
    expect(head.match(/^Content-Type: .*$/gim)).toEqual(['Content-type: text/plain']);
    expect(text.endsWith('\n\nbody\n')).toBe(true);
  });

  it('a script that prints nothing still gets the status line and the headers', async () => {
    const result = await rawRequest(cgi.port, GET('/cgi-bin/silent.sh'));
    expect(result.text).toMatch(/^HTTP\/1\.0 200 Script output follows\r\n/);
    expect(result.text).toContain('Cache-Control: no-store\r\n');
  });
});

describe('CORS preflight', () => {
  const preflight =
    'OPTIONS /hello.txt HTTP/1.1\r\nHost: localhost\r\nOrigin: http://other.localhost\r\n' +
    'Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: content-type, x-demo\r\n' +
    'Connection: close\r\n\r\n';

  it('is answered 204 with matching Access-Control-Allow-* when the CORS header is set', async () => {
    const cors = await startTestServer({
      directory: dir,
      settings: { responseHeaders: [['Access-Control-Allow-Origin', '*']] },
    });
    try {
      const response = await ask(cors, preflight);
      expect(response.status).toBe(204);
      expect(header(response, 'Access-Control-Allow-Origin')).toBe('*');
      expect(header(response, 'Access-Control-Allow-Methods')).toContain('PUT');
      expect(header(response, 'Access-Control-Allow-Headers')).toBe('content-type, x-demo');
      expect(response.body.length).toBe(0);
    } finally {
      await cors.close();
    }
  });

  it('stays Python’s 501 without it', async () => {
    expect((await ask(withHeaders, preflight)).status).toBe(501);
  });
});
