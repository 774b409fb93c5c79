/**
 * What the link policy refuses must look exactly like what does not exist: same status,
 * same page, same headers, byte for byte (minus Date), whether the target outside is a
 * folder (no 301, no "No permission to list directory"), a file, or nothing at all. The
 * reason is logged for the person running the server, never sent.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let base = '';
let server: TestServer;

beforeAll(async () => {
  base = await makeTempDir({});
  const site = path.join(base, 'site');
  await mkdir(path.join(site, 'sub'), { recursive: true });
  await mkdir(path.join(base, 'outside', 'folder'), { recursive: true });
  await writeFile(path.join(base, 'outside', 'file.txt'), 'outside\n');
  await symlink('/', path.join(site, 'rootlink'));
  await symlink(path.join(base, 'outside', 'file.txt'), path.join(site, 'filelink'));
  await symlink(path.join(base, 'outside', 'folder'), path.join(site, 'dirlink'));
  await symlink(path.join(base, 'outside', 'gone'), path.join(site, 'dangling'));
  // An index page that points outside is missing too: the folder is listed.
  await symlink(path.join(base, 'outside', 'file.txt'), path.join(site, 'sub', 'index.html'));
  server = await startTestServer({ directory: site });
});

afterAll(async () => {
  await server?.close();
  await removeDir(base);
});

/** The full response to `target`, with the Date header's value blanked. */
async function wire(method: string, target: string, version: string): Promise<string> {
  const request = `${method} ${target} ${version}\r\nHost: x\r\nConnection: close\r\n\r\n`;
  const { text } = await rawRequest(server.port, request);
  return text.replace(/^Date: .*$/m, 'Date: -');
}

// Each refused target next to a missing one of the same length (the page never shows it).
const PAIRS: Array<[refused: string, missing: string]> = [
  ['/rootlink/etc', '/rootlink/zzz'],
  ['/rootlink/etc/', '/rootlink/zzz/'],
  ['/rootlink/etc/hostname', '/rootlink/etc/zzzzzzzz'],
  ['/rootlink', '/nolinkxx'],
  ['/rootlink/', '/nolinkxx/'],
  ['/dirlink', '/dirzzzz'],
  ['/dirlink/', '/dirzzzz/'],
  ['/filelink', '/dangling'],
  ['/filelink', '/zzzzlink'],
];

describe('links refused by the policy answer as missing files', () => {
  for (const version of ['HTTP/1.0', 'HTTP/1.1']) {
    for (const method of ['GET', 'HEAD']) {
      it.each(PAIRS)(`${method} %s ≡ %s (${version})`, async (refused, missing) => {
        const [a, b] = await Promise.all([
          wire(method, refused, version),
          wire(method, missing, version),
        ]);
        expect(a).toMatch(/^HTTP\/1\.[01] 404 /);
        expect(a).toBe(b);
      });
    }
  }

  it('an index page that points outside counts as missing: the folder is listed', async () => {
    expect(await wire('GET', '/sub/', 'HTTP/1.0')).toMatch(/^HTTP\/1\.0 200 [^]*index\.html@/);
  });

  it('logs the reason for the operator', async () => {
    server.sink.clear();
    await wire('GET', '/rootlink/etc', 'HTTP/1.0');
    await server.sink.waitForRequests(1);
    expect(server.sink.texts().join('\n')).toMatch(
      /refused '.*rootlink\/etc': its real path '\/etc' is outside the served folder/,
    );
  });
});
