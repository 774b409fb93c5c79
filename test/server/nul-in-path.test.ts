/**
 * A NUL anywhere in the decoded path is a 400, on every route: before, `/file.txt%00`
 * answered 301 and `/file.txt%00/` listed the root folder (the NUL segment was dropped).
 * The query is never decoded by the server, so a `%00` there is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponses } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let dir = '';
let server: TestServer;

beforeAll(async () => {
  dir = await makeTempDir({ 'file.txt': 'hello\n', 'sub/a.txt': 'a\n', '%00': 'literal\n' });
  server = await startTestServer({ directory: dir, settings: { protocolVersion: 'HTTP/1.1' } });
});

afterAll(async () => {
  await server?.close();
  await removeDir(dir);
});

async function status(method: string, target: string): Promise<number | undefined> {
  const result = await rawRequest(
    server.port,
    `${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
  );
  return parseResponses(result.bytes, { head: [method === 'HEAD'] })[0]?.status;
}

describe('a NUL in the decoded path', () => {
  it.each([
    '/file.txt%00',
    '/file.txt%00/',
    '/file.txt%00.html',
    '/%00/file.txt',
    '/sub%00/a.txt',
    '/sub/%00',
    '/%00',
    '/..%00/file.txt',
    '/cgi-bin/x.sh%00',
    'http://localhost/file.txt%00',
    '/file.txt%00?x=1',
  ])('%s → 400 (GET and HEAD)', async (target) => {
    expect(await status('GET', target)).toBe(400);
    expect(await status('HEAD', target)).toBe(400);
  });

  it.each([
    ['/file.txt?x=%00', 200], // the query is not decoded
    ['/file.txt#%00', 200], // nor the fragment
    ['/%2500', 200], // one decoding: the name is the three characters "%00"
  ])('%s → %d', async (target, expected) => {
    expect(await status('GET', target)).toBe(expected);
  });

  it('the server keeps serving', async () => {
    expect(await status('GET', '/file.txt%00')).toBe(400);
    expect(await status('GET', '/file.txt')).toBe(200);
  });
});
