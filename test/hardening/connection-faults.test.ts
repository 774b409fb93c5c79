/**
 * Clients that vanish, and a server that stops under load.
 *  - Clients reset (RST) mid-request, right after the request, and mid-response: the server
 *    logs it, releases every socket and keeps serving.
 *  - A graceful stop while 40 large responses are in flight and 50 more requests are on the
 *    wire: every response the server started is completed byte for byte, every accepted
 *    request is answered, keep-alive idle connections are closed, new connections refused.
 */
import net from 'node:net';
import { truncate } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse } from '../helpers/http-response.js';
import { EVENTUALLY_MS, RawConnection, rawRequest } from '../helpers/raw-socket.js';
import { waitUntil } from '../helpers/recording-sink.js';
import { makeTempDir, removeDir, startTestServer } from '../helpers/test-server.js';
import { recordFigure } from './figures.js';

const BIG = 32 * 1024 * 1024;
const LARGE = 16 * 1024 * 1024;
const MEDIUM = 2 * 1024 * 1024;
const IN_FLIGHT = 40;
let dir = '';

beforeAll(async () => {
  dir = await makeTempDir({
    'hello.txt': 'hello world\n',
    'big.bin': '',
    'large.bin': '',
    'medium.bin': '',
  });
  await truncate(path.join(dir, 'big.bin'), BIG);
  await truncate(path.join(dir, 'large.bin'), LARGE);
  await truncate(path.join(dir, 'medium.bin'), MEDIUM);
});
afterAll(async () => removeDir(dir));

/** A client that keeps only the head and a count of body bytes (large bodies, many clients). */
class CountingClient {
  readonly socket: net.Socket;
  head = '';
  bodyBytes = 0;
  closed = false;
  #pending = Buffer.alloc(0);

  /** pauseAfterHead: stop reading once the head is in, leaving the response in flight. */
  constructor(port: number, pauseAfterHead = false) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.on('error', () => undefined);
    this.socket.on('data', (chunk: Buffer) => {
      if (this.head) {
        this.bodyBytes += chunk.length;
        return;
      }
      this.#pending = Buffer.concat([this.#pending, chunk]);
      const end = this.#pending.indexOf('\r\n\r\n');
      if (end === -1) return;
      this.head = this.#pending.toString('latin1', 0, end);
      this.bodyBytes = this.#pending.length - end - 4;
      if (pauseAfterHead) this.socket.pause();
    });
    this.socket.on('close', () => (this.closed = true));
  }

  connected(): Promise<void> {
    return new Promise((resolve) => this.socket.once('connect', () => resolve()));
  }

  get contentLength(): number {
    return Number(/\r\ncontent-length: (\d+)/i.exec(this.head)?.[1] ?? NaN);
  }

  get complete(): boolean {
    return this.head !== '' && this.bodyBytes === this.contentLength;
  }
}

describe('clients that reset', () => {
  it('resets mid-head, after the request and mid-response leave the server serving', async () => {
    const server = await startTestServer({
      directory: dir,
      settings: { protocolVersion: 'HTTP/1.1' },
    });
    try {
      const resets: Promise<void>[] = [];
      for (let i = 0; i < 20; i++) {
        resets.push(
          (async () => {
            const client = new CountingClient(server.port);
            await client.connected();
            const phase = i % 3;
            if (phase === 0)
              client.socket.write('GET /big.bin HTTP/1.1\r\nHost:'); // mid-head
            else client.socket.write('GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n');
            if (phase === 2)
              await waitUntil(() => client.bodyBytes > 256 * 1024, 3_000, 'some body');
            client.socket.resetAndDestroy();
          })(),
        );
      }
      await Promise.all(resets);
      await waitUntil(
        () => server.server.connectionCount === 0,
        3_000,
        'every reset socket released',
      );
      const reply = await rawRequest(server.port, 'GET /hello.txt HTTP/1.0\r\n\r\n');
      expect(parseResponse(reply.bytes).status).toBe(200);
      expect(server.sink.texts().some((t) => t.startsWith('Connection closed'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('graceful stop under load', () => {
  it('completes every started response, answers every accepted request, refuses new ones', async () => {
    const server = await startTestServer({
      directory: dir,
      settings: { protocolVersion: 'HTTP/1.1' },
      // Far beyond what the transfers need, so a busy machine's slowness is never what
      // ends them: the assertion is that shutdown waits for every started response.
      limits: { shutdownGraceMs: 120_000 },
    });
    // 20 keep-alive connections that are idle after one answered request.
    const idle = await Promise.all(
      Array.from({ length: 20 }, () => RawConnection.open(server.port)),
    );
    for (const conn of idle) conn.write('GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n');
    await Promise.all(idle.map((conn) => conn.waitFor((b) => b.includes('hello world\n'))));

    // Large responses under way, held mid-body by clients that stopped reading…
    const loaded = Array.from({ length: IN_FLIGHT }, () => new CountingClient(server.port, true));
    await Promise.all(loaded.map((c) => c.connected()));
    for (const c of loaded)
      c.socket.write('GET /large.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await waitUntil(() => loaded.every((c) => c.head !== ''), 5_000, 'every response started');
    const startedBeforeStop = loaded.filter((c) => !c.complete).length;
    expect(startedBeforeStop).toBe(IN_FLIGHT);

    // …and 50 requests on accepted connections, sent in the same tick as shutdown().
    const onTheWire = Array.from({ length: 50 }, () => new CountingClient(server.port));
    await Promise.all(onTheWire.map((c) => c.connected()));
    await waitUntil(
      () => server.server.connectionCount >= idle.length + IN_FLIGHT + onTheWire.length,
      3_000,
      'all accepted',
    );
    for (const c of onTheWire)
      c.socket.write('GET /medium.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const stopStarted = Date.now();
    const stopped = server.close();
    for (const c of loaded) c.socket.resume();

    // Once stopping, nothing new is let in.
    const late = await RawConnection.open(server.port).catch(() => null);
    if (late) {
      expect(await late.waitForClose(EVENTUALLY_MS)).toBe(true);
      expect(late.received()).toHaveLength(0);
    }

    await stopped;
    const stopMs = Date.now() - stopStarted;
    await waitUntil(
      () => [...loaded, ...onTheWire].every((c) => c.closed),
      5_000,
      'clients closed',
    );
    for (const c of loaded) {
      expect(c.contentLength).toBe(LARGE);
      expect(c.bodyBytes).toBe(LARGE);
    }
    for (const c of onTheWire) {
      expect(c.head).toMatch(/^HTTP\/1\.1 200 /);
      expect(c.contentLength).toBe(MEDIUM);
      expect(c.bodyBytes).toBe(MEDIUM);
    }
    for (const conn of idle) expect(conn.closed).toBe(true);
    recordFigure('graceful-stop', {
      responsesInFlightAtStop: startedBeforeStop,
      requestsOnTheWireAtStop: onTheWire.length,
      idleKeepAliveClosed: idle.length,
      completed: [...loaded, ...onTheWire].filter((c) => c.complete).length,
      inFlightBytesEach: LARGE,
      onTheWireBytesEach: MEDIUM,
      stopMs,
    });
    for (const conn of idle) conn.destroy();
  }, 180_000);
});
