/**
 * The symbolic-link policy (docs/architecture.md § Engine: files): by default a link is followed only when its real
 * target stays inside the served folder; `followSymlinks` restores Python's behaviour.
 */
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const SECRET = 'secret outside the root\n';
let base = '';
let root = '';
let strict: TestServer;
let follow: TestServer;
let viaLinkedRoot: TestServer;

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(tmpdir(), 'httpdesk-links-')));
  root = path.join(base, 'www');
  const outside = path.join(base, 'outside');
  await mkdir(path.join(root, 'sub'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(root, 'real.txt'), 'inside\n');
  await writeFile(path.join(root, 'sub', 'deep.txt'), 'deep\n');
  await writeFile(path.join(outside, 'secret.txt'), SECRET);
  await symlink('real.txt', path.join(root, 'inside-link.txt'));
  await symlink('sub', path.join(root, 'inside-dir'));
  await symlink('../real.txt', path.join(root, 'sub', 'up-link.txt'));
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'outside-link.txt'));
  await symlink('../outside', path.join(root, 'outside-dir'));
  await symlink('outside-link.txt', path.join(root, 'chain.txt')); // inside → outside
  await symlink('missing.txt', path.join(root, 'dangling.txt'));
  await symlink('..', path.join(root, 'parent'));
  // The served folder itself reached through a link: its real path is the root.
  await symlink(root, path.join(base, 'www-link'));

  strict = await startTestServer({ directory: root });
  follow = await startTestServer({ directory: root, settings: { followSymlinks: true } });
  viaLinkedRoot = await startTestServer({ directory: path.join(base, 'www-link') });
});

afterAll(async () => {
  await strict.close();
  await follow.close();
  await viaLinkedRoot.close();
  await rm(base, { recursive: true, force: true });
});

async function get(server: TestServer, target: string) {
  const result = await rawRequest(server.port, `GET ${target} HTTP/1.0\r\n\r\n`);
  return parseResponse(result.bytes);
}

const CASES: Array<[string, number, string | null, number, string | null]> = [
  // target, default status, default body, followSymlinks status, its body
  ['/inside-link.txt', 200, 'inside\n', 200, 'inside\n'],
  ['/inside-dir/deep.txt', 200, 'deep\n', 200, 'deep\n'],
  ['/sub/up-link.txt', 200, 'inside\n', 200, 'inside\n'],
  ['/outside-link.txt', 404, null, 200, SECRET],
  ['/outside-dir/secret.txt', 404, null, 200, SECRET],
  ['/chain.txt', 404, null, 200, SECRET],
  ['/dangling.txt', 404, null, 404, null],
  ['/parent/outside/secret.txt', 404, null, 200, SECRET],
];

describe('default: links may not leave the folder', () => {
  for (const [target, status, body] of CASES) {
    it(`${target} → ${status}`, async () => {
      const res = await get(strict, target);
      expect(res.status).toBe(status);
      if (body !== null) expect(res.body.toString()).toBe(body);
      expect(res.body.toString()).not.toContain(SECRET);
    });
  }

  it('a listing through a link to outside → 404', async () => {
    expect((await get(strict, '/outside-dir/')).status).toBe(404);
    expect((await get(strict, '/parent/')).status).toBe(404);
  });

  it('a listing through a link inside works, and links show with @', async () => {
    expect((await get(strict, '/inside-dir/')).status).toBe(200);
    const listing = (await get(strict, '/')).body.toString();
    expect(listing).toContain('<a href="outside-link.txt">outside-link.txt@</a>');
    expect(listing).toContain('<a href="inside-dir/">inside-dir@</a>');
  });

  it('a served folder that is itself a link serves its files', async () => {
    expect((await get(viaLinkedRoot, '/real.txt')).body.toString()).toBe('inside\n');
    expect((await get(viaLinkedRoot, '/outside-link.txt')).status).toBe(404);
  });
});

describe('followSymlinks: Python’s behaviour', () => {
  for (const [target, , , status, body] of CASES) {
    it(`${target} → ${status}`, async () => {
      const res = await get(follow, target);
      expect(res.status).toBe(status);
      if (body !== null) expect(res.body.toString()).toBe(body);
    });
  }

  it('lists a folder outside through a link', async () => {
    const res = await get(follow, '/outside-dir/');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('secret.txt');
  });
});
