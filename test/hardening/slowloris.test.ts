/**
 * Slowloris: 50 sockets trickle a request head one byte every 50 ms (never finishing it) and
 * 10 more connect and send nothing, while another client keeps asking for a file. With a
 * 1.5 s head deadline every trickler gets a 408 and is closed long before it could finish,
 * every silent one is closed without a byte, and the honest client is served throughout.
 * Lifetimes and the honest client's latency are recorded as figures, not pass marks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse } from '../helpers/http-response.js';
import { EVENTUALLY_MS, RawConnection, rawRequest } from '../helpers/raw-socket.js';
import { waitUntil } from '../helpers/recording-sink.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';
import { recordFigure } from './figures.js';

const DEADLINE_MS = 1_500;
const TRICKLERS = 50;
const SILENT = 10;
const TRICKLE = 'GET /hello.txt HTTP/1.1\r\nHost: x\r\n' + 'X-Slow: ' + 'a'.repeat(200);

let dir = '';
let server: TestServer;

beforeAll(async () => {
  dir = await makeTempDir({ 'hello.txt': 'hello world\n' });
  server = await startTestServer({
    directory: dir,
    settings: { protocolVersion: 'HTTP/1.1' },
    limits: { requestHeadTimeoutMs: DEADLINE_MS, keepAliveTimeoutMs: DEADLINE_MS },
  });
});

afterAll(async () => {
  await server?.close();
  await removeDir(dir);
});

interface Trickler {
  conn: RawConnection;
  firstByteAt: number;
  closedAt: number;
  sent: number;
}

async function trickle(port: number): Promise<Trickler> {
  const conn = await RawConnection.open(port);
  const t: Trickler = { conn, firstByteAt: Date.now(), closedAt: 0, sent: 0 };
  conn.socket.once('close', () => (t.closedAt = Date.now()));
  while (!conn.closed && t.sent < TRICKLE.length) {
    conn.write(TRICKLE[t.sent] ?? 'a');
    t.sent++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await conn.waitForClose(EVENTUALLY_MS);
  return t;
}

describe('slowloris', () => {
  it(`${TRICKLERS} trickling and ${SILENT} silent sockets are closed by the head deadline while others are served`, async () => {
    const silentStarted = Date.now();
    const silent = await Promise.all(
      Array.from({ length: SILENT }, () => RawConnection.open(server.port)),
    );
    const silentClosedAt: number[] = [];
    for (const conn of silent) conn.socket.once('close', () => silentClosedAt.push(Date.now()));

    const attack = Promise.all(Array.from({ length: TRICKLERS }, () => trickle(server.port)));
    await waitUntil(
      () => server.server.connectionCount >= TRICKLERS + SILENT,
      EVENTUALLY_MS,
      'attack connected',
    );
    const heldAtPeak = server.server.connectionCount;

    // An honest client, every 100 ms while the attack lasts.
    const latencies: number[] = [];
    let attackOver = false;
    void attack.then(() => (attackOver = true));
    while (!attackOver) {
      const started = Date.now();
      const reply = await rawRequest(server.port, 'GET /hello.txt HTTP/1.0\r\n\r\n', {
        timeoutMs: EVENTUALLY_MS,
      });
      latencies.push(Date.now() - started);
      expect(parseResponse(reply.bytes).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const tricklers = await attack;
    for (const conn of silent) await conn.waitForClose(EVENTUALLY_MS);

    const lifetimes = tricklers.map((t) => t.closedAt - t.firstByteAt);
    for (const t of tricklers) {
      expect(t.conn.closed).toBe(true);
      expect(t.sent).toBeLessThan(TRICKLE.length); // cut off before it could finish
      expect(t.conn.received().toString('latin1')).toMatch(/^HTTP\/1\.1 408 /);
    }
    expect(silent.every((c) => c.closed && c.received().length === 0)).toBe(true);
    const silentMax = Math.max(...silentClosedAt.map((at) => at - silentStarted));
    expect(latencies.length).toBeGreaterThan(0);
    await waitUntil(() => server.server.connectionCount === 0, EVENTUALLY_MS, 'all released');

    recordFigure('slowloris', {
      headDeadlineMs: DEADLINE_MS,
      tricklers: TRICKLERS,
      silent: SILENT,
      heldAtPeak,
      bytesPerTricklerBeforeCut: Math.max(...tricklers.map((t) => t.sent)),
      tricklerLifetimeMsMin: Math.min(...lifetimes),
      tricklerLifetimeMsMax: Math.max(...lifetimes),
      silentClosedByMs: silentMax,
      honestRequests: latencies.length,
      honestLatencyMsMax: Math.max(...latencies),
      honestLatencyMsMedian: latencies.sort((a, b) => a - b)[Math.floor(latencies.length / 2)],
    });
  }, 60_000);
});
