/**
 * `--spa` (`spa` setting): client-side routes get the root index.html; anything else keeps
 * Python's answers. Real sockets, raw requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const INDEX = '<!doctype html><title>app</title>\n';
let dir = '';
let spa: TestServer;
let plain: TestServer;

beforeAll(async () => {
  dir = await makeTempDir({
    'index.html': INDEX,
    'app.js': 'console.log(1)\n',
    'docs/index.html': '<p>docs</p>\n',
    'docs/page.txt': 'page\n',
  });
  spa = await startTestServer({ directory: dir, settings: { spa: true } });
  plain = await startTestServer({ directory: dir });
});

afterAll(async () => {
  await spa?.close();
  await plain?.close();
  await removeDir(dir);
});

async function ask(server: TestServer, method: string, target: string) {
  const request = `${method} ${target} HTTP/1.0\r\nHost: localhost\r\n\r\n`;
  return parseResponse(
    (await rawRequest(server.port, request, { end: true })).bytes,
    method === 'HEAD',
  );
}

describe('--spa', () => {
  for (const route of [
    '/settings/profile',
    '/settings/',
    '/a%20b',
    '/user/42?tab=1#x',
    '/docs/deep',
  ]) {
    it(`GET ${route} → the root index.html`, async () => {
      const response = await ask(spa, 'GET', route);
      expect(response.status).toBe(200);
      expect(response.body.toString()).toBe(INDEX);
      expect(response.headers).toContainEqual(['Content-type', 'text/html']);
    });
  }

  it('HEAD of a route → 200 with the index length, no body', async () => {
    const response = await ask(spa, 'HEAD', '/settings/profile');
    expect(response.status).toBe(200);
    expect(response.headers).toContainEqual(['Content-Length', String(INDEX.length)]);
  });

  for (const [target, status] of [
    ['/missing.js', 404],
    ['/assets/logo.png', 404],
    ['/v1.2', 404],
    ['/app.js', 200],
    ['/docs', 301],
    ['/docs/page.txt', 200],
  ] as const) {
    it(`GET ${target} → ${status} as without --spa`, async () => {
      expect((await ask(spa, 'GET', target)).status).toBe(status);
      expect((await ask(plain, 'GET', target)).status).toBe(status);
    });
  }

  it('POST to a route is still 501; without --spa a route is 404', async () => {
    expect((await ask(spa, 'POST', '/settings/profile')).status).toBe(501);
    expect((await ask(plain, 'GET', '/settings/profile')).status).toBe(404);
  });

  it('a route with no index.html at the root stays 404', async () => {
    const empty = await makeTempDir({ 'a.txt': 'a' });
    const server = await startTestServer({ directory: empty, settings: { spa: true } });
    try {
      expect((await ask(server, 'GET', '/settings')).status).toBe(404);
    } finally {
      await server.close();
      await removeDir(empty);
    }
  });
});
