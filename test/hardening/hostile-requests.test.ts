/**
 * The hostile raw-request suite: every case of hostile-cases.ts on a fresh loopback
 * connection, bytes exactly as written. For each one: the expected status (or close, or an
 * HTTP/0.9 reply), no 8-byte window of the SECRET anywhere in the reply, only the headers the
 * engine writes, no Location that leaves the site, an answer at all (a special file or a deep path must not
 * hang the connection) — and afterwards the server still serves a plain GET. How long each
 * answer took is a figure (the slowest is recorded), not a pass mark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTUALLY_MS, RawConnection, rawRequest } from '../helpers/raw-socket.js';
import { parseResponse } from '../helpers/http-response.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { recordFigure } from './figures.js';
import { HOSTILE_CASES, type HostileCase } from './hostile-cases.js';
import { findSecret, HELLO, makeHostileTree, type HostileTree } from './hostile-tree.js';
import { completeResponses, finals, headProblems } from './responses.js';

const LIMITS = {
  requestHeadTimeoutMs: 1_500,
  keepAliveTimeoutMs: 3_000,
  maxDrainBodyBytes: 64 * 1024,
};

let tree: HostileTree;
let strict: TestServer;
let follow: TestServer;
const tally = {
  cases: 0,
  bytesSent: 0,
  bytesReceived: 0,
  responses: 0,
  escapes: 0,
  slowestAnswerMs: 0,
  slowestCase: '',
};

beforeAll(async () => {
  tree = await makeHostileTree();
  const common = { directory: tree.root, protocolVersion: 'HTTP/1.1' };
  strict = await startTestServer({
    settings: { ...common, followSymlinks: false },
    limits: LIMITS,
  });
  follow = await startTestServer({ settings: { ...common, followSymlinks: true }, limits: LIMITS });
});

afterAll(async () => {
  await strict?.close();
  await follow?.close();
  await tree?.close();
  recordFigure('hostile-requests', tally);
});

interface Outcome {
  received: Buffer;
  closed: boolean;
  /** ms from the first byte sent to a complete answer (or the close). */
  answeredMs: number;
  conn: RawConnection;
}

async function send(port: number, c: HostileCase): Promise<Outcome> {
  const conn = await RawConnection.open(port);
  const started = Date.now();
  const bytes = Buffer.isBuffer(c.request) ? c.request : Buffer.from(c.request, 'latin1');
  conn.write(bytes);
  tally.bytesSent += bytes.length;
  if (c.end) conn.end();
  const head = /^HEAD /.test(bytes.toString('latin1', 0, 5));
  const wanted = c.responses ?? 1;
  const enough = (received: Buffer) => {
    const responses = completeResponses(received, head);
    return responses !== null && finals(responses).length >= wanted;
  };
  let answeredMs: number;
  if (c.closes === false) {
    await conn.waitFor(enough, EVENTUALLY_MS);
    answeredMs = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 150)); // nothing more may follow
  } else {
    await conn.waitFor((received) => c.expect !== 'close' && enough(received), EVENTUALLY_MS);
    answeredMs = Date.now() - started;
    await conn.waitForClose(EVENTUALLY_MS);
  }
  return { received: conn.received(), closed: conn.closed, answeredMs, conn };
}

function check(c: HostileCase, outcome: Outcome, secret: string): void {
  const { received } = outcome;
  tally.cases++;
  tally.bytesReceived += received.length;
  const leaked = findSecret(received, secret);
  if (leaked !== null) tally.escapes++;
  expect(leaked, 'a window of the SECRET was served').toBeNull();
  if (outcome.answeredMs > tally.slowestAnswerMs) {
    tally.slowestAnswerMs = outcome.answeredMs;
    tally.slowestCase = c.name;
  }

  if (c.expect === 'close') {
    expect(received.length).toBe(0);
    expect(outcome.closed).toBe(true);
    return;
  }
  if (c.expect === 'http09') {
    expect(outcome.closed).toBe(true);
    expect(received.length).toBeGreaterThan(0);
    expect(received.toString('latin1', 0, 5)).not.toBe('HTTP/');
    if (c.body !== undefined) expect(received.toString('latin1')).toBe(c.body);
    return;
  }
  const head = /^HEAD /.test(String(c.request).slice(0, 5));
  const responses = completeResponses(received, head);
  expect(responses, `incomplete reply: ${received.toString('latin1', 0, 300)}`).not.toBeNull();
  const answers = finals(responses ?? []);
  tally.responses += answers.length;
  expect(answers.map((r) => r.status)).toHaveLength(c.responses ?? 1);
  const last = answers[answers.length - 1];
  expect(last?.status, received.toString('latin1', 0, 300)).toBe(c.expect);
  for (const response of responses ?? []) expect(headProblems(response)).toEqual([]);
  if (c.body !== undefined) expect(last?.body.toString('latin1')).toBe(c.body);
  if (c.closes !== false) expect(outcome.closed, 'the server closed the connection').toBe(true);
  else expect(outcome.closed).toBe(false);
  if (c.expect >= 400) {
    const connection = last?.headers.find(([name]) => name.toLowerCase() === 'connection');
    expect(connection?.[1]).toBe('close');
  }
}

async function stillServes(port: number): Promise<void> {
  const reply = await rawRequest(port, 'GET /hello.txt HTTP/1.0\r\n\r\n');
  const response = parseResponse(reply.bytes);
  expect(response.status).toBe(200);
  expect(response.body.toString()).toBe(HELLO);
}

describe('hostile raw requests', () => {
  it('has at least 100 cases', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(100);
  });

  // eslint-disable-next-line no-control-regex
  it.each(HOSTILE_CASES.map((c) => [c.name.replace(/[\x00-\x1f]/g, '?'), c] as const))(
    '%s',
    async (_name, c) => {
      const server = c.server === 'follow' ? follow : strict;
      const outcome = await send(server.port, c);
      try {
        check(c, outcome, tree.secret);
        if (c.followUp) {
          const before = outcome.received.length;
          outcome.conn.write('GET /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
          await outcome.conn.waitForClose(EVENTUALLY_MS);
          const next = parseResponse(outcome.conn.received().subarray(before));
          expect(next.status).toBe(200);
          expect(next.body.toString()).toBe(HELLO);
        }
      } finally {
        outcome.conn.destroy();
      }
      await stillServes(server.port);
    },
  );

  it('answers the device node (never reads it)', async (ctx) => {
    if (!tree.hasDevice) ctx.skip(); // mknod needs CAP_MKNOD; /devzero-link covers devices then
    const outcome = await send(strict.port, {
      name: 'zero',
      request: 'GET /zero HTTP/1.0\r\n\r\n',
      expect: 404,
    });
    outcome.conn.destroy();
    check({ name: 'zero', request: 'GET /zero HTTP/1.0', expect: 404 }, outcome, tree.secret);
    await stillServes(strict.port);
  });
});
