/**
 * Socket-level fuzzing: fast-check-generated request bytes, cut into random chunks, sent to a
 * live server over loopback (half the time followed by a FIN). Every connection must end in a
 * response or a close within a fixed bound, every reply must be an HTTP/1.x status line (or an
 * HTTP/0.9 reply to a two-word GET), no byte of the SECRET may appear, and the server must
 * keep serving with no connection left behind.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DEFAULT_PARSER_OPTIONS } from '../../main/server/limits.js';
import { parseRequestHead } from '../../main/server/request-parser.js';
import { parseResponse } from '../helpers/http-response.js';
import { RawConnection, rawRequest } from '../helpers/raw-socket.js';
import { waitUntil } from '../helpers/recording-sink.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { recordFigure } from './figures.js';
import { requestHeadBytes } from './fuzz-inputs.js';
import { findSecret, HELLO, makeHostileTree, type HostileTree } from './hostile-tree.js';

const LIMITS = { requestHeadTimeoutMs: 600, keepAliveTimeoutMs: 600, maxDrainBodyBytes: 16 * 1024 };
/** Head deadline + unread-body deadline + keep-alive wait, with room for a busy machine. */
const BOUND_MS = 4_000;
const CONNECTIONS = 400;
const PARALLEL = 100;

let tree: HostileTree;
let server: TestServer;

beforeAll(async () => {
  tree = await makeHostileTree();
  server = await startTestServer({
    settings: { directory: tree.root, protocolVersion: 'HTTP/1.1' },
    limits: LIMITS,
  });
});

afterAll(async () => {
  await server?.close();
  await tree?.close();
});

interface Probe {
  input: Buffer;
  cuts: number[];
  end: boolean;
}

interface Result {
  probe: Probe;
  reply: Buffer;
  closed: boolean;
  ms: number;
}

async function runProbe(port: number, probe: Probe): Promise<Result> {
  const conn = await RawConnection.open(port);
  const started = Date.now();
  const points = [...new Set(probe.cuts.map((c) => c % (probe.input.length + 1)))].sort(
    (a, b) => a - b,
  );
  let from = 0;
  for (const point of [...points, probe.input.length]) {
    if (point > from) conn.write(probe.input.subarray(from, point));
    from = Math.max(from, point);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (probe.end) conn.end();
  const closed = await conn.waitForClose(BOUND_MS);
  const result = { probe, reply: conn.received(), closed, ms: Date.now() - started };
  conn.destroy();
  return result;
}

/** An HTTP/0.9 reply is allowed only to a request the parser reads as a two-word GET. */
function isHttp09Request(input: Buffer): boolean {
  const parsed = parseRequestHead(input, DEFAULT_LIMITS, DEFAULT_PARSER_OPTIONS);
  return parsed.kind === 'complete' && parsed.head.version === 'HTTP/0.9';
}

describe('socket-level fuzzing', () => {
  it(`${CONNECTIONS} fuzzed connections each end in a response or a close within ${BOUND_MS} ms`, async () => {
    const probes = fc.sample(
      fc.record({
        input: requestHeadBytes(),
        cuts: fc.array(fc.nat(), { maxLength: 5 }),
        end: fc.boolean(),
      }),
      CONNECTIONS,
    );
    const results: Result[] = [];
    for (let i = 0; i < probes.length; i += PARALLEL) {
      const batch = probes.slice(i, i + PARALLEL);
      results.push(...(await Promise.all(batch.map((probe) => runProbe(server.port, probe)))));
    }
    let maxMs = 0;
    let answered = 0;
    let bytesSent = 0;
    for (const { probe, reply, closed, ms } of results) {
      const shown = JSON.stringify(probe.input.toString('latin1'));
      bytesSent += probe.input.length;
      expect(closed, `still open after ${BOUND_MS} ms: ${shown}`).toBe(true);
      expect(findSecret(reply, tree.secret), shown).toBeNull();
      maxMs = Math.max(maxMs, ms);
      if (reply.length === 0) continue;
      answered++;
      if (reply.toString('latin1', 0, 5) !== 'HTTP/') {
        expect(isHttp09Request(probe.input), `status-less reply to ${shown}`).toBe(true);
      } else {
        expect(reply.toString('latin1', 0, 20)).toMatch(/^HTTP\/1\.[01] [1-5]\d\d /);
      }
    }
    await waitUntil(() => server.server.connectionCount === 0, 3_000, 'every connection closed');
    const reply = parseResponse(
      (await rawRequest(server.port, 'GET /hello.txt HTTP/1.0\r\n\r\n')).bytes,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe(HELLO);
    recordFigure('socket-fuzz', {
      connections: results.length,
      bytesSent,
      answered,
      closedWithoutReply: results.length - answered,
      slowestCloseMs: maxMs,
      boundMs: BOUND_MS,
    });
  });
});
