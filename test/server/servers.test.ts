/**
 * HTTPServer and ThreadingHTTPServer: binding, one connection at a time vs concurrent,
 * shutdown (idle keep-alive closed, in-flight response completes, bounded grace) and
 * serverClose freeing the port.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseHTTPRequestHandler } from '../../main/server/base-handler.js';
import { HTTPServer, ThreadingHTTPServer } from '../../main/server/http-server.js';
import { silentLogSink } from '../../main/server/log-sink.js';
import { isListening } from '../helpers/free-port.js';
import { parseResponse, readResponse } from '../helpers/http-response.js';
import { EVENTUALLY_MS, RawConnection, rawRequest, sleep } from '../helpers/raw-socket.js';
import { RecordingSink } from '../helpers/recording-sink.js';
import { startTestServer } from '../helpers/test-server.js';

/** What the handlers did, in order: 'slow done' when a /slow response has been written. */
const events: string[] = [];

/**
 * /barrier holds every request until BARRIER requests are inside handlers at once (or
 * EVENTUALLY_MS passed), then answers how many were: only a server that runs handlers
 * concurrently can answer BARRIER.
 */
const BARRIER = 10;
let insideBarrier = 0;
const barrierWaiters = new Set<() => void>();
async function barrier(): Promise<number> {
  insideBarrier++;
  if (insideBarrier >= BARRIER) for (const release of barrierWaiters) release();
  else {
    await new Promise<void>((resolve) => {
      const release = () => (clearTimeout(timer), barrierWaiters.delete(release), resolve());
      const timer = setTimeout(release, EVENTUALLY_MS);
      barrierWaiters.add(release);
    });
  }
  return insideBarrier;
}

/** A handler whose /slow response takes `SLOW_MS`, and /hang never finishes. */
const SLOW_MS = 250;
class Handler extends BaseHTTPRequestHandler {
  override protocolVersion = 'HTTP/1.1';
  async do_GET() {
    if (this.path === '/slow') await sleep(SLOW_MS);
    if (this.path === '/hang') await new Promise(() => undefined);
    if (this.path === '/barrier') {
      const seen = String(await barrier());
      this.sendResponse(200);
      this.sendHeader('Content-Length', seen.length);
      await this.endHeaders();
      await this.wfile.write(seen);
      return;
    }
    this.sendResponse(200);
    this.sendHeader('Content-Length', this.path.length);
    await this.endHeaders();
    await this.wfile.write(this.path);
    if (this.path === '/slow') events.push('slow done');
  }
}

describe('binding', () => {
  it('port 0 picks a free port; serverName, serverPort, serverAddress, boundAddress', async () => {
    const server = new ThreadingHTTPServer(['127.0.0.1', 0], Handler, { logSink: silentLogSink });
    await server.ready;
    try {
      expect(server.serverPort).toBeGreaterThan(0);
      expect(server.serverName).toBe('localhost');
      expect(server.serverAddress).toEqual(['127.0.0.1', 0]);
      expect(server.boundAddress()).toEqual(['127.0.0.1', server.serverPort]);
      expect(await isListening(server.serverPort)).toBe(true);
    } finally {
      await server.serverClose();
    }
  });

  it('ready rejects with EADDRINUSE when the port is taken', async () => {
    const first = new ThreadingHTTPServer(['127.0.0.1', 0], Handler, { logSink: silentLogSink });
    await first.ready;
    const second = new ThreadingHTTPServer(['127.0.0.1', first.serverPort], Handler, {
      logSink: silentLogSink,
    });
    await expect(second.ready).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await second.serverClose();
    await first.serverClose();
  });

  it("host '' is dual-stack: IPv4 and IPv6 clients, IPv4 shown without ::ffff:", async () => {
    const sink = new RecordingSink();
    const server = new ThreadingHTTPServer(['', 0], Handler, { logSink: sink });
    await server.ready;
    const served = server.serveForever();
    try {
      expect(server.boundAddress()[0]).toBe('::');
      for (const host of ['127.0.0.1', '::1']) {
        const result = await rawRequest(server.serverPort, 'GET /v HTTP/1.0\r\n\r\n', { host });
        expect(parseResponse(result.bytes).body.toString()).toBe('/v');
      }
      await sink.waitForMessages(2);
      expect(sink.messages.map((m) => m.client)).toEqual(['127.0.0.1', '::1']);
    } finally {
      await server.shutdown();
      await server.serverClose();
      await served;
    }
  });

  it('serverClose frees the port for a new listener', async () => {
    const { server, port, close } = await startTestServer({ Handler });
    expect(server.serverPort).toBe(port);
    await close();
    expect(await isListening(port)).toBe(false);
    const again = net.createServer();
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.listen({ host: '127.0.0.1', port, exclusive: true }, resolve);
    });
    await new Promise((resolve) => again.close(resolve));
  });

  it('Symbol.asyncDispose shuts down and closes', async () => {
    const server = new HTTPServer(['127.0.0.1', 0], Handler, { logSink: silentLogSink });
    await server.ready;
    const served = server.serveForever();
    const port = server.serverPort;
    await server[Symbol.asyncDispose]();
    await served;
    expect(await isListening(port)).toBe(false);
  });
});

describe('HTTPServer serves one connection at a time; ThreadingHTTPServer does not', () => {
  async function secondWaitsForFirst(single: boolean) {
    const srv = await startTestServer({ Handler, single });
    try {
      const first = await RawConnection.open(srv.port);
      first.write('GET /first HTTP/1.1\r\n\r\n');
      await readResponse(first); // first is now an idle kept-alive connection
      const second = await RawConnection.open(srv.port);
      second.write('GET /second HTTP/1.1\r\nConnection: close\r\n\r\n');
      // A single-connection server must leave it unanswered, so there is nothing to wait for
      // but a while; a threading one must answer it, however long a busy machine takes.
      const answeredWhileFirstOpen = await second.waitFor(
        (b) => b.includes('/second'),
        single ? 300 : EVENTUALLY_MS,
      );
      first.destroy(); // a browser closing its pre-opened socket
      const answeredAfter = await second.waitFor(
        (b) => b.toString().endsWith('/second'),
        EVENTUALLY_MS,
      );
      second.destroy();
      return { answeredWhileFirstOpen, answeredAfter };
    } finally {
      await srv.close();
    }
  }

  it('HTTPServer: the second connection waits until the first closes', async () => {
    expect(await secondWaitsForFirst(true)).toEqual({
      answeredWhileFirstOpen: false,
      answeredAfter: true,
    });
  });

  it('ThreadingHTTPServer: the second connection is answered at once', async () => {
    expect(await secondWaitsForFirst(false)).toEqual({
      answeredWhileFirstOpen: true,
      answeredAfter: true,
    });
  });

  it('ThreadingHTTPServer: ten requests are inside their handlers at once', async () => {
    const srv = await startTestServer({ Handler });
    try {
      insideBarrier = 0;
      const results = await Promise.all(
        Array.from({ length: BARRIER }, () =>
          rawRequest(srv.port, 'GET /barrier HTTP/1.0\r\n\r\n', { timeoutMs: EVENTUALLY_MS }),
        ),
      );
      const inside = results.map((r) => Number(parseResponse(r.bytes).body.toString()));
      expect(Math.min(...inside)).toBe(BARRIER);
    } finally {
      await srv.close();
    }
  });
});

describe('shutdown', () => {
  it('closes idle kept-alive connections, lets the in-flight response finish, then resolves', async () => {
    const srv = await startTestServer({ Handler });
    const idle = await RawConnection.open(srv.port);
    idle.write('GET /idle HTTP/1.1\r\n\r\n');
    await readResponse(idle);
    const busy = await RawConnection.open(srv.port);
    busy.write('GET /slow HTTP/1.1\r\n\r\n');
    await sleep(50); // the slow request is in flight
    events.length = 0;
    await srv.server.shutdown();
    events.push('shutdown resolved');
    expect(await idle.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(idle.received().length).toBe(0);
    // The in-flight response completed, whole, before shutdown resolved; then it closed.
    expect(events).toEqual(['slow done', 'shutdown resolved']);
    expect(await busy.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(parseResponse(busy.received()).body.toString()).toBe('/slow');
    await srv.served; // serveForever returned
    // Not accepting any more: a new connection is closed without an answer.
    const late = await rawRequest(srv.port, 'GET /late HTTP/1.0\r\n\r\n', { timeoutMs: 500 }).catch(
      () => null,
    );
    expect(late === null || late.bytes.length === 0).toBe(true);
    await srv.close();
  });

  it('a handler that never finishes is cut after shutdownGraceMs', async () => {
    const srv = await startTestServer({ Handler, limits: { shutdownGraceMs: 200 } });
    const hung = await RawConnection.open(srv.port);
    hung.write('GET /hang HTTP/1.1\r\n\r\n');
    await sleep(30);
    // Resolves although the handler never will; the hung connection is cut, unanswered.
    await srv.server.shutdown();
    expect(await hung.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(hung.received().length).toBe(0);
    await srv.close();
  });

  it('serveForever can run again after a shutdown (Python allows it)', async () => {
    const srv = await startTestServer({ Handler });
    await srv.server.shutdown();
    await srv.served;
    const again = srv.server.serveForever();
    const result = await rawRequest(srv.port, 'GET /again HTTP/1.0\r\n\r\n');
    expect(result.text.endsWith('/again')).toBe(true);
    await srv.server.shutdown();
    await again;
    await srv.server.serverClose();
  });

  it('maxConnections: at the cap the longest-idle connection gives way to a new one', async () => {
    const srv = await startTestServer({ Handler, limits: { maxConnections: 2 } });
    try {
      const held = [await RawConnection.open(srv.port)];
      await sleep(30);
      held.push(await RawConnection.open(srv.port));
      await sleep(30);
      const result = await rawRequest(srv.port, 'GET /ok HTTP/1.0\r\n\r\n');
      expect(result.text.endsWith('/ok')).toBe(true);
      expect(await held[0]?.waitForClose(EVENTUALLY_MS)).toBe(true); // idle longest
      expect(held[1]?.closed).toBe(false);
      held.forEach((c) => c.destroy());
    } finally {
      await srv.close();
    }
  });

  it('maxConnections: when every connection is mid-request, a new one is closed at once', async () => {
    const srv = await startTestServer({ Handler, limits: { maxConnections: 2 } });
    try {
      const held = [await RawConnection.open(srv.port), await RawConnection.open(srv.port)];
      held.forEach((c) => c.write('GET /held HTTP/1.0\r\n')); // heads started, not finished
      await sleep(30);
      const extra = await RawConnection.open(srv.port);
      expect(await extra.waitForClose(EVENTUALLY_MS)).toBe(true);
      expect(extra.received()).toHaveLength(0);
      for (const conn of held) {
        conn.write('\r\n');
        expect(await conn.waitForClose(EVENTUALLY_MS)).toBe(true);
        expect(conn.received().toString('latin1').endsWith('/held')).toBe(true);
      }
    } finally {
      await srv.close();
    }
  });
});

describe('one server, many requests', () => {
  let srv: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    srv = await startTestServer({ Handler });
  });
  afterAll(() => srv.close());

  it('100 keep-alive requests on one connection, 20 connections at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, async (_, c) => {
        const conn = await RawConnection.open(srv.port);
        for (let i = 0; i < 100; i++) {
          conn.write(`GET /${c}-${i} HTTP/1.1\r\n\r\n`);
          expect((await readResponse(conn)).body.toString()).toBe(`/${c}-${i}`);
        }
        conn.destroy();
      }),
    );
    expect(srv.server.connectionCount).toBeLessThanOrEqual(20);
  });
});
