/**
 * Thousands of idle connections against a server in its own process (so its memory is its
 * own): 2,000 sockets that connect and send nothing are all held, a normal client is still
 * served while they are, the server's memory per held connection is measured, and every one
 * is released when the clients go. With the default cap (1,024) the excess is closed on
 * accept instead of exhausting file descriptors. And memory under download load: 50
 * concurrent 16 MiB downloads peak at a bounded amount per download, never the file.
 */
import { execFileSync } from 'node:child_process';
import { truncate } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../main/server/limits.js';
import { parseResponse } from '../helpers/http-response.js';
import { RawConnection, rawRequest } from '../helpers/raw-socket.js';
import { makeTempDir, removeDir } from '../helpers/test-server.js';
import { startChildServer, type ChildServer } from './child-server-process.js';
import { recordFigure } from './figures.js';

const IDLE = 2_000;
const LARGE = 16 * 1024 * 1024;
const DOWNLOADS = 50;
const openFiles = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()) || 0;
// This process holds the client ends; the server's ends are in the child.
const enoughDescriptors = openFiles === 0 || openFiles >= IDLE + 500;

let dir = '';
beforeAll(async () => {
  dir = await makeTempDir({ 'hello.txt': 'hello world\n', 'large.bin': '' });
  await truncate(path.join(dir, 'large.bin'), LARGE);
});
afterAll(async () => removeDir(dir));

async function openMany(port: number, count: number): Promise<RawConnection[]> {
  const conns: RawConnection[] = [];
  for (let i = 0; i < count; i += 200) {
    const batch = Math.min(200, count - i);
    conns.push(
      ...(await Promise.all(Array.from({ length: batch }, () => RawConnection.open(port)))),
    );
  }
  return conns;
}

async function waitForCount(
  server: ChildServer,
  wanted: number,
  timeoutMs = 10_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let seen = -1;
  while (Date.now() < deadline) {
    seen = (await server.stats()).connections;
    if (seen === wanted) return seen;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seen;
}

describe('thousands of idle connections', () => {
  it.skipIf(!enoughDescriptors)(
    `holds ${IDLE} idle connections, measures memory, serves others meanwhile (ulimit -n ${openFiles})`,
    async () => {
      const server = await startChildServer({
        directory: dir,
        limits: { maxConnections: IDLE + 100, requestHeadTimeoutMs: 60_000 },
      });
      let conns: RawConnection[] = [];
      try {
        await rawRequest(server.port, 'GET /hello.txt HTTP/1.0\r\n\r\n'); // warm up the handler path
        const before = await server.stats();
        const openStarted = Date.now();
        conns = await openMany(server.port, IDLE);
        const openMs = Date.now() - openStarted;
        expect(await waitForCount(server, IDLE)).toBe(IDLE);
        const held = await server.stats();

        const started = Date.now();
        const reply = await rawRequest(server.port, 'GET /hello.txt HTTP/1.0\r\n\r\n');
        const latencyMs = Date.now() - started;
        expect(parseResponse(reply.bytes).status).toBe(200);
        expect(conns.every((c) => !c.closed)).toBe(true);

        for (const conn of conns) conn.destroy();
        expect(await waitForCount(server, 0)).toBe(0);
        const after = await server.stats();

        const rssDelta = held.memory.rss - before.memory.rss;
        const heapDelta = held.memory.heapUsed - before.memory.heapUsed;
        const figures = {
          idleConnections: IDLE,
          openAllMs: openMs,
          rssBeforeMB: +(before.memory.rss / 2 ** 20).toFixed(1),
          rssHeldMB: +(held.memory.rss / 2 ** 20).toFixed(1),
          rssAfterCloseMB: +(after.memory.rss / 2 ** 20).toFixed(1),
          heapUsedDeltaMB: +(heapDelta / 2 ** 20).toFixed(2),
          rssPerConnectionKB: +(rssDelta / IDLE / 1024).toFixed(1),
          heapPerConnectionKB: +(heapDelta / IDLE / 1024).toFixed(1),
          normalRequestLatencyMs: latencyMs,
        };
        recordFigure('idle-connections', figures);
        // A held idle connection is a socket and a waiting handler: a few KiB, not a buffer.
        expect(heapDelta / IDLE).toBeLessThan(16 * 1024);
        expect(rssDelta / IDLE).toBeLessThan(64 * 1024);
      } finally {
        for (const conn of conns) conn.destroy();
        await server.stop();
      }
    },
    40_000,
  );

  it('at the default cap of 1,024 the longest-idle connections give way to new ones', async () => {
    const server = await startChildServer({
      directory: dir,
      limits: { requestHeadTimeoutMs: 60_000 },
    });
    const cap = DEFAULT_LIMITS.maxConnections;
    const extra = 50;
    let conns: RawConnection[] = [];
    try {
      conns = await openMany(server.port, cap + extra);
      expect(await waitForCount(server, cap)).toBe(cap);
      const deadline = Date.now() + 3_000;
      while (conns.filter((c) => c.closed).length < extra && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const evicted = conns.filter((c) => c.closed);
      expect(evicted.length).toBe(extra);
      // The ones opened first (idle longest) were closed, silently.
      expect(conns.slice(0, extra).every((c) => c.closed)).toBe(true);
      expect(evicted.every((c) => c.received().length === 0)).toBe(true);
      // At the cap, a client with a request is still served: another idle one gives way.
      const reply = await rawRequest(server.port, 'GET /hello.txt HTTP/1.0\r\n\r\n');
      expect(parseResponse(reply.bytes).status).toBe(200);
      recordFigure('connection-cap', {
        cap,
        attempted: cap + extra,
        idleClosedForNewOnes: evicted.length,
      });
    } finally {
      for (const conn of conns) conn.destroy();
      await server.stop();
    }
  }, 40_000);

  it(`streams ${DOWNLOADS} concurrent 16 MiB downloads in bounded memory`, async () => {
    const server = await startChildServer({ directory: dir });
    try {
      const before = await server.stats();
      let peakRss = before.memory.rss;
      let done = false;
      const sampler = (async () => {
        while (!done) {
          peakRss = Math.max(peakRss, (await server.stats()).memory.rss);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const started = Date.now();
      const received = await Promise.all(
        Array.from(
          { length: DOWNLOADS },
          () =>
            new Promise<number>((resolve) => {
              let bytes = 0;
              const socket = net.connect(server.port, '127.0.0.1', () =>
                socket.write('GET /large.bin HTTP/1.0\r\n\r\n'),
              );
              socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
              socket.on('error', () => undefined);
              socket.on('close', () => resolve(bytes));
            }),
        ),
      );
      const ms = Date.now() - started;
      done = true;
      await sampler;
      for (const bytes of received) expect(bytes).toBeGreaterThan(LARGE); // head + whole body
      const peakDelta = peakRss - before.memory.rss;
      recordFigure('download-memory', {
        downloads: DOWNLOADS,
        bytesEach: LARGE,
        totalMB: (DOWNLOADS * LARGE) / 2 ** 20,
        ms,
        rssBeforeMB: +(before.memory.rss / 2 ** 20).toFixed(1),
        rssPeakMB: +(peakRss / 2 ** 20).toFixed(1),
        peakDeltaPerDownloadKB: +(peakDelta / DOWNLOADS / 1024).toFixed(0),
      });
      // Per download: read-ahead chunks, socket buffers and allocator slack — never the file.
      expect(peakDelta / DOWNLOADS).toBeLessThan(LARGE / 4);
    } finally {
      await server.stop();
    }
  }, 40_000);
});
