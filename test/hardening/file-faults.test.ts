/**
 * Files and folders that change under a response. A client is held still (its socket paused)
 * with a response half sent, the file is truncated, grown, deleted or replaced, then the
 * client reads on. The response is cut cleanly (fewer bytes than Content-Length, then a close)
 * or completed with the original bytes — never padded, never longer than promised, never hung.
 * Folders removed while being served answer 404, never 500.
 */
import net from 'node:net';
import { appendFile, mkdir, rename, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const SIZE = 32 * 1024 * 1024;

let dir = '';
let server: TestServer;

/** Bytes no padding could imitate: byte i is i mod 251. */
function pattern(size: number, offset = 0): Buffer {
  const buf = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) buf[i] = (i + offset) % 251;
  return buf;
}
const CONTENT = pattern(SIZE);

beforeAll(async () => {
  dir = await makeTempDir({ 'hello.txt': 'hello world\n' });
  server = await startTestServer({ directory: dir, settings: { protocolVersion: 'HTTP/1.1' } });
});

afterAll(async () => {
  await server?.close();
  await removeDir(dir);
});

interface HeldResponse {
  socket: net.Socket;
  /** Reads on, resolving with the head, the body bytes and whether the server closed. */
  finish(timeoutMs?: number): Promise<{ head: string; body: Buffer; closed: boolean }>;
}

/** Requests `target` and stops reading at once, so the server is left mid-response. */
async function holdResponse(
  target: string,
  extraHeaders = 'Connection: close\r\n',
): Promise<HeldResponse> {
  const socket = net.connect(server.port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.pause();
  socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n${extraHeaders}\r\n`);
  await new Promise((resolve) => setTimeout(resolve, 300)); // the server fills the buffers
  return {
    socket,
    finish(timeoutMs = 10_000) {
      const chunks: Buffer[] = [];
      return new Promise((resolve) => {
        let closed = false;
        const done = () => {
          clearTimeout(timer);
          const all = Buffer.concat(chunks);
          const end = all.indexOf('\r\n\r\n');
          resolve({
            head: all.toString('latin1', 0, end),
            body: all.subarray(end + 4),
            closed,
          });
        };
        const timer = setTimeout(done, timeoutMs);
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.once('close', () => {
          closed = true;
          done();
        });
        socket.resume();
      });
    },
  };
}

function contentLength(head: string): number {
  return Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1]);
}

describe('a file that changes while it is being sent', () => {
  it('truncated: the response is cut (fewer bytes than promised, then close), never padded', async () => {
    await writeFile(path.join(dir, 'shrink.bin'), CONTENT);
    const held = await holdResponse('/shrink.bin');
    await truncate(path.join(dir, 'shrink.bin'), 1024 * 1024);
    const { head, body, closed } = await held.finish();
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(contentLength(head)).toBe(SIZE);
    // Closed by the server once the file ran out (the log says why), not left to hang.
    expect(closed).toBe(true);
    expect(body.length).toBeLessThan(SIZE);
    expect(body.equals(CONTENT.subarray(0, body.length))).toBe(true); // only real file bytes
    expect(server.sink.texts().some((t) => t.includes('File shrank while sending'))).toBe(true);
  });

  it('grown: exactly Content-Length bytes of the original are sent and the connection goes on', async () => {
    const size = 8 * 1024 * 1024;
    await writeFile(path.join(dir, 'grow.bin'), CONTENT.subarray(0, size));
    const held = await holdResponse('/grow.bin', '');
    await appendFile(path.join(dir, 'grow.bin'), Buffer.alloc(size, 0xee));
    held.socket.write('GET /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const { head, body, closed } = await held.finish();
    expect(contentLength(head)).toBe(size);
    expect(closed).toBe(true);
    expect(body.subarray(0, size).equals(CONTENT.subarray(0, size))).toBe(true);
    const next = parseResponse(body.subarray(size)); // the pipelined request, framed correctly
    expect(next.status).toBe(200);
    expect(next.body.toString()).toBe('hello world\n');
  });

  it('deleted: the open file is sent whole (POSIX keeps the inode), then it is gone', async () => {
    await writeFile(path.join(dir, 'delete.bin'), CONTENT);
    const held = await holdResponse('/delete.bin');
    await unlink(path.join(dir, 'delete.bin'));
    const { head, body, closed } = await held.finish();
    expect(contentLength(head)).toBe(SIZE);
    expect(closed).toBe(true);
    expect(body.length).toBe(SIZE);
    expect(body.equals(CONTENT)).toBe(true);
    const after = await rawRequest(server.port, 'GET /delete.bin HTTP/1.0\r\n\r\n');
    expect(parseResponse(after.bytes).status).toBe(404);
  });

  it('replaced by rename: the original bytes are sent whole', async () => {
    await writeFile(path.join(dir, 'swap.bin'), CONTENT);
    await writeFile(path.join(dir, 'swap.new'), Buffer.alloc(100, 0x41));
    const held = await holdResponse('/swap.bin');
    await rename(path.join(dir, 'swap.new'), path.join(dir, 'swap.bin'));
    const { body } = await held.finish();
    expect(body.equals(CONTENT)).toBe(true);
    const after = parseResponse(
      (await rawRequest(server.port, 'GET /swap.bin HTTP/1.0\r\n\r\n')).bytes,
    );
    expect(after.body.equals(Buffer.alloc(100, 0x41))).toBe(true);
  });
});

describe('folders removed while serving', () => {
  it('a removed folder and its files answer 404', async () => {
    await mkdir(path.join(dir, 'gone'));
    await writeFile(path.join(dir, 'gone', 'a.txt'), 'a');
    const get = async (target: string) =>
      parseResponse((await rawRequest(server.port, `GET ${target} HTTP/1.0\r\n\r\n`)).bytes).status;
    expect(await get('/gone/')).toBe(200);
    expect(await get('/gone/a.txt')).toBe(200);
    await rm(path.join(dir, 'gone'), { recursive: true });
    expect(await get('/gone/')).toBe(404);
    expect(await get('/gone/a.txt')).toBe(404);
    expect(await get('/gone')).toBe(404);
  });

  it('listings raced against rm -rf answer 200 or 404, never 500 or a hang', async () => {
    const statuses = new Map<number, number>();
    for (let round = 0; round < 10; round++) {
      const folder = path.join(dir, `race${round}`);
      await mkdir(folder);
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => writeFile(path.join(folder, `f${i}.txt`), 'x')),
      );
      const requests = Array.from({ length: 4 }, () =>
        rawRequest(server.port, `GET /race${round}/ HTTP/1.0\r\n\r\n`, { timeoutMs: 3_000 }),
      );
      const removal = rm(folder, { recursive: true });
      for (const reply of await Promise.all(requests)) {
        expect(reply.closed).toBe(true);
        const status = parseResponse(reply.bytes).status;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      await removal;
    }
    console.info('[figure] listing-vs-rm statuses', Object.fromEntries(statuses));
    expect([...statuses.keys()].every((s) => s === 200 || s === 404)).toBe(true);
  });

  it('the served folder itself removed: 404, and served again once it is back', async () => {
    const root = await makeTempDir({ 'hello.txt': 'hi\n' });
    const own = await startTestServer({ directory: root });
    try {
      const get = async (target: string) =>
        parseResponse((await rawRequest(own.port, `GET ${target} HTTP/1.0\r\n\r\n`)).bytes).status;
      expect(await get('/hello.txt')).toBe(200);
      await rm(root, { recursive: true });
      expect(await get('/hello.txt')).toBe(404);
      expect(await get('/')).toBe(404);
      await mkdir(root);
      await writeFile(path.join(root, 'hello.txt'), 'hi again\n');
      expect(await get('/hello.txt')).toBe(200);
    } finally {
      await own.close();
      await removeDir(root);
    }
  });
});
