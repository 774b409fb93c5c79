/**
 * Permission denied answers 404, never 500 (server.py: "No permission to list directory" /
 * "File not found"). File modes mean nothing to root, so when these tests run as root (CI
 * containers do) the server runs in a child process as `nobody`, where chmod 000 bites;
 * as any other user it runs in this process. A first test pins down why: as root, a
 * chmod 000 file IS served — a fact docs/security.md repeats.
 */
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import { makeTempDir, removeDir, startTestServer } from '../helpers/test-server.js';
import { startChildServer } from './child-server-process.js';

const NOBODY = 65_534;
const isRoot = process.getuid?.() === 0;
let dir = '';

beforeAll(async () => {
  dir = await makeTempDir({
    'open.txt': 'open\n',
    'secret.txt': 'unreadable\n',
    'locked/inside.txt': 'inside\n',
    'noexec/inside.txt': 'inside\n',
  });
  await chmod(dir, 0o755); // mkdtemp makes 0700: nobody must be able to enter the root
  await chmod(path.join(dir, 'open.txt'), 0o644);
  await chmod(path.join(dir, 'secret.txt'), 0o000);
  await chmod(path.join(dir, 'locked/inside.txt'), 0o644);
  await chmod(path.join(dir, 'locked'), 0o000);
  await chmod(path.join(dir, 'noexec/inside.txt'), 0o644);
  await chmod(path.join(dir, 'noexec'), 0o644); // listable, not enterable
  await mkdir(path.join(dir, 'empty'), { mode: 0o755 });
});

afterAll(async () => {
  if (dir) {
    await chmod(path.join(dir, 'locked'), 0o755).catch(() => undefined);
    await chmod(path.join(dir, 'noexec'), 0o755).catch(() => undefined);
    await removeDir(dir);
  }
});

async function statusAndBody(port: number, target: string): Promise<[number, string]> {
  const reply = await rawRequest(port, `GET ${target} HTTP/1.0\r\n\r\n`, { timeoutMs: 3_000 });
  const response = parseResponse(reply.bytes);
  return [response.status, response.body.toString('utf8')];
}

describe('permission denied', () => {
  it.runIf(isRoot)(
    'as root, file modes do not stop reads (why the next test drops to nobody)',
    async () => {
      const server = await startTestServer({ directory: dir });
      try {
        expect(await statusAndBody(server.port, '/secret.txt')).toEqual([200, 'unreadable\n']);
      } finally {
        await server.close();
      }
    },
  );

  it(`answers 404, not 500, for unreadable files and folders (server runs as ${isRoot ? 'nobody in a child process' : 'this user'})`, async () => {
    let port: number;
    let stop: () => Promise<void>;
    if (isRoot) {
      const child = await startChildServer({ directory: dir, uid: NOBODY, gid: NOBODY });
      expect(child.uid).toBe(NOBODY);
      port = child.port;
      stop = () => child.stop();
    } else {
      const server = await startTestServer({ directory: dir });
      port = server.port;
      stop = () => server.close();
    }
    try {
      expect((await statusAndBody(port, '/open.txt'))[0]).toBe(200);
      const [fileStatus, fileBody] = await statusAndBody(port, '/secret.txt');
      expect(fileStatus).toBe(404);
      expect(fileBody).not.toContain('unreadable');
      const [lockedStatus, lockedBody] = await statusAndBody(port, '/locked/');
      expect(lockedStatus).toBe(404);
      expect(lockedBody).toContain('No permission to list directory');
      expect((await statusAndBody(port, '/locked/inside.txt'))[0]).toBe(404);
      expect((await statusAndBody(port, '/noexec/inside.txt'))[0]).toBe(404);
      const [noexecStatus] = await statusAndBody(port, '/noexec/');
      expect([200, 404]).toContain(noexecStatus); // names are readable, entries are not
      expect((await statusAndBody(port, '/empty/'))[0]).toBe(200);
      expect((await statusAndBody(port, '/open.txt'))[0]).toBe(200); // still serving
    } finally {
      await stop();
    }
  }, 30_000);
});
