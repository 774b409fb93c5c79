/**
 * Path traversal, sent as raw bytes (a URL object would normalise `..` away and prove
 * nothing). A file with a unique marker sits next to the served folder and at a known
 * absolute path; no request may get it, on either symlink policy.
 */
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponses } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const MARKER = `TOP-SECRET-${process.pid}-${Date.now()}`;
let base = '';
let servers: TestServer[] = [];

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(tmpdir(), 'httpdesk-traversal-')));
  const root = path.join(base, 'www');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await writeFile(path.join(root, 'index.txt'), 'public\n');
  await writeFile(path.join(base, 'secret.txt'), MARKER);
  await writeFile(path.join(base, 'www-secret.txt'), MARKER); // shares the "www" prefix
  servers = [
    await startTestServer({ directory: root }),
    await startTestServer({ directory: root, settings: { followSymlinks: true } }),
    await startTestServer({ directory: root, settings: { protocolVersion: 'HTTP/1.1' } }),
  ];
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await rm(base, { recursive: true, force: true });
});

/** Targets that try to reach ../secret.txt (or the absolute path of it). */
function attacks(): string[] {
  const abs = path.join(base, 'secret.txt');
  return [
    '/../secret.txt',
    '/../../secret.txt',
    '/sub/../../secret.txt',
    '/./../secret.txt',
    '//../secret.txt',
    '/..//secret.txt',
    '/....//secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/.%2e/secret.txt',
    '/%2e./secret.txt',
    '/%252e%252e/secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/..\\secret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/sub\\..\\..\\secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/%e0%80%ae%e0%80%ae/secret.txt',
    '/..%00/secret.txt',
    '/%00/../secret.txt',
    '/..;/secret.txt',
    '/../www-secret.txt',
    '/..%2fwww-secret.txt',
    '../secret.txt',
    '..%2fsecret.txt',
    'http://localhost/../secret.txt',
    'http://localhost/%2e%2e/secret.txt',
    'http://localhost/..%2f..%2fsecret.txt',
    abs,
    '/' + abs,
    encodeURIComponent(abs),
    '/' + abs.split('/').map(encodeURIComponent).join('%2f'),
    '/sub/' + '../'.repeat(20) + abs.slice(1),
  ];
}

function requests(target: string): string[] {
  return [
    `GET ${target} HTTP/1.0\r\n\r\n`,
    `HEAD ${target} HTTP/1.0\r\n\r\n`,
    `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    `GET ${target}\r\n`, // HTTP/0.9
  ];
}

describe('traversal attempts never serve a file outside the folder', () => {
  it('every attempt on every server: no marker, no 200 with a body from outside', async () => {
    const served: string[] = [];
    let count = 0;
    for (const server of servers) {
      for (const target of attacks()) {
        for (const request of requests(target)) {
          count++;
          const result = await rawRequest(server.port, request, { timeoutMs: 2_000 });
          expect(result.closed, request).toBe(true);
          if (result.text.includes(MARKER))
            served.push(`${server.port} ${JSON.stringify(request)}`);
          if (result.text.startsWith('HTTP/')) {
            const [res] = parseResponses(result.bytes, { head: [request.startsWith('HEAD')] });
            // Allowed: not found, a refusal, a redirect or a listing *inside* the root.
            expect([200, 301, 400, 404], request).toContain(res?.status);
          }
        }
      }
    }
    expect(count).toBeGreaterThan(400);
    expect(served).toEqual([]);
  });

  it('a raw NUL or control byte in the target is refused with 400', async () => {
    for (const target of ['/index.txt\x00.html', '/..\x00/secret.txt', '/\x01../secret.txt']) {
      const result = await rawRequest(servers[0]!.port, `GET ${target} HTTP/1.0\r\n\r\n`);
      expect(result.text).toMatch(/^HTTP\/1\.0 400 Bad request target/);
      expect(result.text).not.toContain(MARKER);
    }
  });

  it('.. inside the folder still resolves (the check is containment, not a ban on dots)', async () => {
    const result = await rawRequest(servers[0]!.port, 'GET /sub/../index.txt HTTP/1.0\r\n\r\n');
    expect(result.text.endsWith('public\n')).toBe(true);
  });
});
