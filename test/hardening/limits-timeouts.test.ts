/**
 * Every limit and timeout of limits.ts, set small through `options.limits`, at its boundary:
 * the request line (414), a header line, the header count and the whole head (431), the idle
 * keep-alive timeout, the write-stall timeout, the connection cap and the unread-body drain
 * (its size bound and its deadline).
 */
import net from 'node:net';
import { truncate } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerLimits } from '../../main/server/limits.js';
import { parseResponse, parseResponses } from '../helpers/http-response.js';
import { EVENTUALLY_MS, NEVER_MS, RawConnection, rawRequest } from '../helpers/raw-socket.js';
import { waitUntil } from '../helpers/recording-sink.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';
import { recordFigure } from './figures.js';

let dir = '';
const servers: TestServer[] = [];

beforeAll(async () => {
  dir = await makeTempDir({ 'hello.txt': 'hello world\n', 'big.bin': '' });
  await truncate(path.join(dir, 'big.bin'), 64 * 1024 * 1024); // sparse: reads are cheap
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await removeDir(dir);
});

async function serve(limits: Partial<ServerLimits>): Promise<TestServer> {
  const server = await startTestServer({
    directory: dir,
    settings: { protocolVersion: 'HTTP/1.1' },
    limits,
  });
  servers.push(server);
  return server;
}

async function statusOf(port: number, request: string): Promise<number> {
  const reply = await rawRequest(port, request, { timeoutMs: 3_000 });
  return parseResponse(reply.bytes).status;
}

/** A request line of exactly `bytes` bytes, CRLF included. */
const lineOf = (bytes: number) => {
  const fixed = 'GET / HTTP/1.0\r\n'.length;
  return `GET /${'a'.repeat(bytes - fixed)} HTTP/1.0\r\n`;
};

describe('size limits', () => {
  it('request line: at the limit → answered, one byte over → 414', async () => {
    const { port } = await serve({ maxRequestLineBytes: 256 });
    expect(lineOf(256)).toHaveLength(256);
    expect(await statusOf(port, lineOf(256) + '\r\n')).toBe(404);
    expect(await statusOf(port, lineOf(257) + '\r\n')).toBe(414);
  });

  it('request line: the default limit is 65,536 bytes as in server.py', async () => {
    const { port } = await serve({});
    expect(await statusOf(port, lineOf(65_536) + '\r\n')).toBe(404);
    expect(await statusOf(port, lineOf(65_537) + '\r\n')).toBe(414);
  });

  it('header line: at the limit → answered, one byte over → 431', async () => {
    const { port } = await serve({ maxHeaderLineBytes: 128 });
    const field = (bytes: number) => `X-A: ${'b'.repeat(bytes - 'X-A: \r\n'.length)}\r\n`;
    expect(field(128)).toHaveLength(128);
    expect(await statusOf(port, `GET /hello.txt HTTP/1.0\r\n${field(128)}\r\n`)).toBe(200);
    expect(await statusOf(port, `GET /hello.txt HTTP/1.0\r\n${field(129)}\r\n`)).toBe(431);
  });

  it('a header line over the limit is refused as it arrives, not at the head deadline', async () => {
    // A deadline no test waits for: a close now can only be the line limit (431, not 408).
    const { port } = await serve({ maxHeaderLineBytes: 1_024, requestHeadTimeoutMs: NEVER_MS });
    const conn = await RawConnection.open(port);
    conn.write('GET /hello.txt HTTP/1.1\r\nX-A: ');
    await new Promise((resolve) => setTimeout(resolve, 100)); // the line end above is parsed
    conn.write('b'.repeat(4_000)); // no line end, ever
    expect(await conn.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(parseResponse(conn.received()).status).toBe(431);
  });

  it('header count: 10 fields → answered, 11 → 431', async () => {
    const { port } = await serve({ maxHeaders: 10 });
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `X-${i}: v\r\n`).join('');
    expect(await statusOf(port, `GET /hello.txt HTTP/1.0\r\n${fields(10)}\r\n`)).toBe(200);
    expect(await statusOf(port, `GET /hello.txt HTTP/1.0\r\n${fields(11)}\r\n`)).toBe(431);
  });

  it('whole head: at the limit → answered, over → 431', async () => {
    const { port } = await serve({ maxHeadBytes: 512 });
    const head = (bytes: number) => {
      const start = 'GET /hello.txt HTTP/1.0\r\nX-A: ';
      return start + 'c'.repeat(bytes - start.length - 4) + '\r\n\r\n';
    };
    expect(head(512)).toHaveLength(512);
    expect(await statusOf(port, head(512))).toBe(200);
    expect(await statusOf(port, head(513))).toBe(431);
  });
});

describe('timeouts', () => {
  it('an idle keep-alive connection is closed after keepAliveTimeoutMs', async () => {
    const { port } = await serve({ keepAliveTimeoutMs: 400, requestHeadTimeoutMs: NEVER_MS });
    const conn = await RawConnection.open(port);
    conn.write('GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n');
    await conn.waitFor((b) => b.includes('hello world\n'), EVENTUALLY_MS);
    const answeredAt = Date.now();
    expect(await conn.waitForClose(EVENTUALLY_MS)).toBe(true);
    const idleMs = Date.now() - answeredAt; // a figure, not a pass mark
    expect(parseResponses(conn.received())).toHaveLength(1); // closed silently, no 408
    recordFigure('keep-alive-timeout', { configuredMs: 400, closedAfterMs: idleMs });
  });

  it('a client that stops reading is dropped after writeStallTimeoutMs, and others are served', async () => {
    const server = await serve({ writeStallTimeoutMs: 500 });
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.pause(); // never reads a byte
    const started = Date.now();
    socket.write('GET /big.bin HTTP/1.0\r\n\r\n');
    await waitUntil(
      () => server.sink.texts().some((t) => t.includes('write stall timeout')),
      8_000,
      'the write-stall drop',
    );
    const droppedAfterMs = Date.now() - started;
    await waitUntil(() => server.server.connectionCount === 0, 2_000, 'the socket released');
    socket.destroy();
    expect(await statusOf(server.port, 'GET /hello.txt HTTP/1.0\r\n\r\n')).toBe(200);
    recordFigure('write-stall', { configuredMs: 500, fileMB: 64, droppedAfterMs });
  });

  it('a body that is announced and never sent is dropped at the head deadline (keep-alive)', async () => {
    // The keep-alive timer is out of reach: a close now can only be the head deadline.
    const { port } = await serve({ requestHeadTimeoutMs: 500, keepAliveTimeoutMs: NEVER_MS });
    const conn = await RawConnection.open(port);
    conn.write('GET /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n');
    await conn.waitFor((b) => b.includes('hello world\n'), EVENTUALLY_MS);
    expect(await conn.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(parseResponses(conn.received())).toHaveLength(1);
  });

  it('a body trickled slower than the deadline is dropped, not waited for', async () => {
    const { port } = await serve({ requestHeadTimeoutMs: 500, keepAliveTimeoutMs: NEVER_MS });
    const conn = await RawConnection.open(port);
    conn.write('GET /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n');
    // One byte every 50 ms would take 50 s to finish the body: the server must give up first.
    let trickled = 0;
    const started = Date.now();
    while (!conn.closed && Date.now() - started < EVENTUALLY_MS) {
      conn.write('x');
      trickled++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(conn.closed).toBe(true);
    expect(trickled).toBeLessThan(1_000);
  });

  it('a body up to maxDrainBodyBytes is drained and the connection goes on', async () => {
    const { port } = await serve({ maxDrainBodyBytes: 1_000 });
    const conn = await RawConnection.open(port);
    conn.write(
      `GET /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n${'y'.repeat(1_000)}`,
    );
    conn.write('GET /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(await conn.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(parseResponses(conn.received()).map((r) => r.status)).toEqual([200, 200]);
  });

  it('a body one byte over maxDrainBodyBytes closes the connection after the response', async () => {
    const { port } = await serve({ maxDrainBodyBytes: 1_000 });
    const conn = await RawConnection.open(port);
    conn.write(
      `GET /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n${'y'.repeat(1_001)}`,
    );
    conn.write('GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await conn.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(parseResponses(conn.received()).map((r) => r.status)).toEqual([200]);
  });
});

describe('connection cap', () => {
  it('closes connections past maxConnections on accept when all are mid-request; a freed slot is reused', async () => {
    const server = await serve({ maxConnections: 5 });
    const held = await Promise.all(
      Array.from({ length: 5 }, () => RawConnection.open(server.port)),
    );
    // Each is mid-response: the server has begun sending the 64 MiB file (the first bytes
    // arrived, so it has read the request) and the client stopped reading. None is idle, so
    // none gives way to a new connection. (A head still in flight might not have been read
    // yet on a busy machine, and an unread connection counts as idle.)
    for (const conn of held) conn.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
    for (const conn of held) {
      expect(await conn.waitFor((received) => received.length > 0)).toBe(true);
      conn.socket.pause();
    }
    await waitUntil(() => server.server.connectionCount === 5, EVENTUALLY_MS, 'five held');
    const refused = await RawConnection.open(server.port);
    expect(await refused.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(refused.received()).toHaveLength(0);
    held[0]?.destroy();
    await waitUntil(() => server.server.connectionCount === 4, EVENTUALLY_MS, 'a slot freed');
    expect(await statusOf(server.port, 'GET /hello.txt HTTP/1.0\r\n\r\n')).toBe(200);
    for (const conn of held) conn.destroy();
  });
});
