/**
 * The small-file cache and the shared stat (docs/architecture.md § Performance decisions)
 * must never serve stale bytes: a file edited, replaced, truncated or removed between two
 * requests is seen by the second one, even when its size and mtime second stay the same.
 */
import { mkdir, mkdtemp, rename, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponses } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let dir: string;
let server: TestServer;

async function get(name: string): Promise<{ status: number; body: string }> {
  const result = await rawRequest(server.port, `GET /${name} HTTP/1.0\r\n\r\n`);
  const [response] = parseResponses(result.bytes);
  return { status: response?.status ?? 0, body: response?.body.toString('latin1') ?? '' };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'httpdesk-cache-'));
  server = await startTestServer({ directory: dir });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('cached files are revalidated on every request', () => {
  it('sees an edit of the same size made within the same second', async () => {
    await writeFile(path.join(dir, 'same.txt'), 'AAAA');
    expect((await get('same.txt')).body).toBe('AAAA');
    expect((await get('same.txt')).body).toBe('AAAA'); // now served from the cache
    await writeFile(path.join(dir, 'same.txt'), 'BBBB');
    expect((await get('same.txt')).body).toBe('BBBB');
  });

  it('sees a file replaced by rename', async () => {
    await writeFile(path.join(dir, 'swap.txt'), 'old');
    expect((await get('swap.txt')).body).toBe('old');
    await writeFile(path.join(dir, 'swap.tmp'), 'new');
    await rename(path.join(dir, 'swap.tmp'), path.join(dir, 'swap.txt'));
    expect((await get('swap.txt')).body).toBe('new');
  });

  it('sees a truncated and then a removed file', async () => {
    await writeFile(path.join(dir, 'gone.txt'), 'content');
    expect((await get('gone.txt')).body).toBe('content');
    await truncate(path.join(dir, 'gone.txt'), 3);
    expect((await get('gone.txt')).body).toBe('con');
    await rm(path.join(dir, 'gone.txt'));
    expect((await get('gone.txt')).status).toBe(404);
  });

  it('sees an edit of a 1 MiB file (the largest size that is cached)', async () => {
    const size = 1024 * 1024;
    await writeFile(path.join(dir, 'big.bin'), Buffer.alloc(size, 'a'));
    expect((await get('big.bin')).body).toBe('a'.repeat(size));
    await writeFile(path.join(dir, 'big.bin'), Buffer.alloc(size, 'b'));
    expect((await get('big.bin')).body).toBe('b'.repeat(size));
  });

  it('serves concurrent requests for one path from one shared stat, all fresh', async () => {
    await writeFile(path.join(dir, 'hot.txt'), 'v1');
    const first = await Promise.all(Array.from({ length: 20 }, () => get('hot.txt')));
    expect(first.every((r) => r.body === 'v1')).toBe(true);
    await writeFile(path.join(dir, 'hot.txt'), 'v2');
    const second = await Promise.all(Array.from({ length: 20 }, () => get('hot.txt')));
    expect(second.every((r) => r.body === 'v2')).toBe(true);
  });
});

describe('cached listings are revalidated on every request', () => {
  it('shows an entry added, renamed and removed between two requests', async () => {
    await mkdir(path.join(dir, 'list'));
    await writeFile(path.join(dir, 'list', 'a.txt'), 'a');
    const before = (await get('list/')).body;
    expect(before).toContain('href="a.txt"');
    expect((await get('list/')).body).toBe(before); // now served from the cache
    await writeFile(path.join(dir, 'list', 'b.txt'), 'b');
    expect((await get('list/')).body).toContain('href="b.txt"');
    await rename(path.join(dir, 'list', 'a.txt'), path.join(dir, 'list', 'c.txt'));
    const renamed = (await get('list/')).body;
    expect(renamed).not.toContain('href="a.txt"');
    expect(renamed).toContain('href="c.txt"');
    await rm(path.join(dir, 'list', 'b.txt'));
    expect((await get('list/')).body).not.toContain('href="b.txt"');
  });

  it('re-reads a folder with a link, whose target may change kind without touching it', async () => {
    await mkdir(path.join(dir, 'linked'));
    await writeFile(path.join(dir, 'target'), 'file');
    await symlink(path.join(dir, 'target'), path.join(dir, 'linked', 'link'));
    expect((await get('linked/')).body).toContain('<a href="link">link@</a>');
    await unlink(path.join(dir, 'target'));
    await mkdir(path.join(dir, 'target'));
    expect((await get('linked/')).body).toContain('<a href="link/">link@</a>');
  });

  it('renders a folder once for a burst of requests, and each gets the whole listing', async () => {
    await mkdir(path.join(dir, 'burst'));
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => writeFile(path.join(dir, 'burst', `f${i}.txt`), '')),
    );
    const bodies = await Promise.all(Array.from({ length: 20 }, () => get('burst/')));
    expect(new Set(bodies.map((b) => b.body)).size).toBe(1);
    expect(bodies[0]?.body.match(/<li>/g)?.length).toBe(300);
    await writeFile(path.join(dir, 'burst', 'late.txt'), '');
    const after = await Promise.all(Array.from({ length: 20 }, () => get('burst/')));
    expect(after.every((b) => b.body.includes('href="late.txt"'))).toBe(true);
  });

  it('keeps the title of each request path', async () => {
    await mkdir(path.join(dir, 'titled'));
    expect((await get('titled/')).body).toContain('<title>Directory listing for /titled/</title>');
    expect((await get('titled/?x=1')).body).toContain(
      '<title>Directory listing for /titled/</title>',
    );
    expect((await get('titled//')).body).toContain(
      '<title>Directory listing for /titled//</title>',
    );
  });
});
