/**
 * Files whose names are not UTF-8 are listed and served, as Python does (surrogateescape):
 * by the listing's href (`%ED%B3%BF` for the byte 0xFF) and by the plain percent-encoding
 * of the raw bytes (`%FF`), with the same containment and link rules as any other name.
 * The log shows such a byte as `\xff`, never as a replacement character.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse } from '../helpers/http-response.js';
import { nameBytes } from '../helpers/byte-names.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let base = '';
let site = '';
let server: TestServer;

beforeAll(async () => {
  base = await makeTempDir({ 'outside/secret.txt': 'secret\n', 'site/plain.txt': 'plain\n' });
  site = `${base}/site`;
  const at = (...parts: Array<string | number[]>) => nameBytes(site, '/', ...parts);
  await writeFile(at([0xff], '-undecodable.bin'), 'undecodable\n');
  await writeFile(at('caf', [0xe9], '.txt'), 'latin-1\n');
  await mkdir(at([0xfe], '-dir'));
  await writeFile(at([0xfe], '-dir/a.txt'), 'in folder\n');
  await symlink(`${base}/outside`, at([0xfd], '-out'));
  await symlink(nameBytes([0xff], '-undecodable.bin'), at([0xfc], '-in'));
  server = await startTestServer({ directory: site });
});

afterAll(async () => {
  await server?.close();
  await removeDir(base);
});

async function get(target: string, method = 'GET') {
  const { bytes } = await rawRequest(server.port, `${method} ${target} HTTP/1.0\r\n\r\n`);
  return parseResponse(bytes, method === 'HEAD');
}

describe('names that are not UTF-8', () => {
  it('the listing shows the raw bytes and links them as Python quotes them', async () => {
    const { status, body } = await get('/');
    expect(status).toBe(200);
    for (const entry of [
      nameBytes('<li><a href="%ED%B3%BF-undecodable.bin">', [0xff], '-undecodable.bin</a></li>'),
      nameBytes('<li><a href="caf%ED%B3%A9.txt">caf', [0xe9], '.txt</a></li>'),
      nameBytes('<li><a href="%ED%B3%BE-dir/">', [0xfe], '-dir/</a></li>'),
      nameBytes('<li><a href="%ED%B3%BD-out/">', [0xfd], '-out@</a></li>'),
      nameBytes('<li><a href="%ED%B3%BC-in">', [0xfc], '-in@</a></li>'),
    ])
      expect(body.includes(entry), entry.toString('latin1')).toBe(true);
  });

  it.each([
    ['/%ED%B3%BF-undecodable.bin', 'undecodable\n'],
    ['/%FF-undecodable.bin', 'undecodable\n'],
    ['/%ff-undecodable.bin', 'undecodable\n'],
    ['/caf%ED%B3%A9.txt', 'latin-1\n'],
    ['/caf%E9.txt', 'latin-1\n'],
    ['/%FE-dir/a.txt', 'in folder\n'],
    ['/%ED%B3%BE-dir/a.txt', 'in folder\n'],
    ['/%FE-dir/../%FF-undecodable.bin', 'undecodable\n'],
    ['/%FC-in', 'undecodable\n'], // a link inside the folder
  ])('GET %s → 200, twice (the second from the cache), and HEAD', async (target, body) => {
    for (let i = 0; i < 2; i++) {
      const res = await get(target);
      expect([res.status, res.body.toString()]).toEqual([200, body]);
    }
    expect((await get(target, 'HEAD')).status).toBe(200);
  });

  it.each([
    ['/%FE-dir', 301],
    ['/%FE-dir/', 200],
    ['/%FD-out/secret.txt', 404], // the link policy applies: it leads outside
    ['/%FD-out/', 404],
    ['/%FD-out', 404],
    ['/%FB-missing.bin', 404], // names nothing
    ['/%ED%B3%BB-missing.bin', 404],
    ['/%ED%A0%80-missing', 404], // an encoded high surrogate: bytes, and nothing by them
    ['/%FF-undecodable.bin/', 404],
  ])('%s → %d', async (target, status) => {
    const res = await get(target);
    expect(res.status).toBe(status);
    expect(res.body.toString()).not.toContain('secret');
  });

  it('the log shows an undecodable byte as \\xNN', async () => {
    server.sink.clear();
    await get('/%FD-out/secret.txt');
    await server.sink.waitForRequests(1);
    const text = server.sink.texts().join('\n');
    expect(text).toContain('\\xfd-out');
    expect(text).not.toMatch(/[\ufffd\udc80-\udcff]/);
  });
});
