/**
 * `--auth` (HTTP Basic, RFC 7617) on real sockets: refused without or with wrong
 * credentials, served with the right ones, the password never in a log line or record,
 * guessing slowed per client, CGI told only the checked user.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, parseCredentials } from '../../main/server/basic-auth.js';
import { makeHandlerClass } from '../../main/server/configure.js';
import { header, parseResponse } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const PASSWORD = 'correct horse ✓';
let dir = '';
let server: TestServer;

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

async function get(port: number, target: string, authorization?: string) {
  const auth = authorization === undefined ? '' : `Authorization: ${authorization}\r\n`;
  const request = `GET ${target} HTTP/1.0\r\nHost: localhost\r\n${auth}\r\n`;
  // No half-close: a CGI script is ended when its client closes (CGI-ends-on-FIN).
  const result = await rawRequest(port, request, { end: !target.startsWith('/cgi-bin/') });
  return { text: result.text, response: () => parseResponse(result.bytes) };
}

beforeAll(async () => {
  dir = await makeTempDir({ 'hello.txt': 'hello\n' });
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'cgi-bin'), { mode: 0o755 });
  await writeFile(
    path.join(dir, 'cgi-bin', 'who.sh'),
    '#!/bin/sh\nprintf "Content-type: text/plain\\r\\n\\r\\n"\necho "$AUTH_TYPE/$REMOTE_USER"\n',
    { mode: 0o755 },
  );
  server = await startTestServer({
    directory: dir,
    settings: { cgi: true, auth: { user: 'alice', password: PASSWORD } },
  });
});

afterAll(async () => {
  await server?.close();
  await removeDir(dir);
});

describe('--auth', () => {
  it('no credentials → 401 with the RFC 7617 challenge, no file bytes', async () => {
    const response = (await get(server.port, '/hello.txt')).response();
    expect(response.status).toBe(401);
    expect(header(response, 'WWW-Authenticate')).toBe('Basic realm="HTTP Desk", charset="UTF-8"');
    expect(response.body.toString()).not.toContain('hello');
  });

  it('the right user and UTF-8 password → 200; the log shows the user', async () => {
    server.sink.clear();
    const response = (await get(server.port, '/hello.txt', basic('alice', PASSWORD))).response();
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('hello\n');
    await server.sink.waitForMessages(1);
    expect(server.sink.lines()[0]).toMatch(/^127\.0\.0\.1 - alice \[/);
  });

  for (const [what, authorization] of [
    ['a wrong password', basic('alice', 'wrong')],
    ['a wrong user', basic('bob', PASSWORD)],
    ['the password with a suffix', basic('alice', `${PASSWORD}x`)],
    ['another scheme', 'Bearer abc'],
    ['bad base64', 'Basic %%%'],
  ] as const) {
    it(`${what} → 401`, async () => {
      expect((await get(server.port, '/hello.txt', authorization)).response().status).toBe(401);
    });
  }

  it('never writes the password (or its base64) to a log line or record', async () => {
    server.sink.clear();
    await get(server.port, '/hello.txt', basic('alice', PASSWORD));
    await get(server.port, '/hello.txt', basic('alice', 'guess-123'));
    const records = await server.sink.waitForRequests(2);
    const everything = JSON.stringify([server.sink.lines(), records]);
    for (const secret of [PASSWORD, 'guess-123', basic('alice', PASSWORD).slice(6)])
      expect(everything).not.toContain(secret);
    expect(everything).toContain("Authentication failed for user 'alice'");
    expect(records[0]?.requestHeaders).toContainEqual([
      'Authorization',
      'Basic \u2022\u2022\u2022\u2022 (user "alice")',
    ]);
  });

  it('CGI gets AUTH_TYPE and REMOTE_USER from the checked credentials', async () => {
    const { text } = await get(server.port, '/cgi-bin/who.sh', basic('alice', PASSWORD));
    expect(text.endsWith('\r\n\r\nBasic/alice\n')).toBe(true);
  });
});

describe('guessing is slowed per client', () => {
  it('after 10 failures in a minute the client is slowed; others are not', async () => {
    const auth = new BasicAuth('alice', PASSWORD, { delayMs: 50 });
    const Base = makeHandlerClass({ directory: dir });
    const Handler = class extends Base {
      override basicAuth = auth;
    };
    const slowed = await startTestServer({ Handler });
    try {
      for (let i = 0; i < 10; i++) {
        expect(auth.isSlowed('127.0.0.1')).toBe(false);
        await get(slowed.port, '/hello.txt', basic('alice', `guess${i}`));
      }
      expect(auth.isSlowed('127.0.0.1')).toBe(true);
      expect(auth.isSlowed('192.0.2.1')).toBe(false);
      // Slowed, still answered: a right password from that client still gets in.
      expect(
        (await get(slowed.port, '/hello.txt', basic('alice', PASSWORD))).response().status,
      ).toBe(200);
      // A minute later the window has passed.
      expect(auth.isSlowed('127.0.0.1', Date.now() + 61_000)).toBe(false);
    } finally {
      await slowed.close();
    }
  });

  it('a slowed client’s answers leave one per delay, in turn, at most 5 waiting', () => {
    const auth = new BasicAuth('a', 'b', { delayMs: 1000 });
    const now = 1_000_000;
    expect(auth.answerDelay('10.0.0.1', now)).toBe(0);
    for (let i = 0; i < 10; i++) auth.recordFailure('10.0.0.1', now);
    // Parallel connections queue instead of each waiting one delay.
    const delays = Array.from({ length: 7 }, () => auth.answerDelay('10.0.0.1', now));
    expect(delays).toEqual([1000, 2000, 3000, 4000, 5000, null, null]);
    expect(auth.answerDelay('10.0.0.1', now + 2500)).toBe(3500);
    expect(auth.answerDelay('10.0.0.2', now)).toBe(0);
  });

  it('parallel guesses past the queue get 429, unchecked (even the right password)', async () => {
    const auth = new BasicAuth('alice', PASSWORD, { delayMs: 1000 });
    const Base = makeHandlerClass({ directory: dir });
    const Handler = class extends Base {
      override basicAuth = auth;
    };
    const slowed = await startTestServer({ Handler });
    try {
      for (let i = 0; i < 10; i++) await get(slowed.port, '/hello.txt', basic('alice', `g${i}`));
      const guesses = Array.from({ length: 8 }, (_, i) => basic('alice', `p${i}`));
      guesses.push(basic('alice', PASSWORD));
      // Queued answers wait up to 5 delays: give the sockets longer than rawRequest's default.
      const responses = await Promise.all(
        guesses.map(async (guess) => {
          const request = `GET /hello.txt HTTP/1.0\r\nHost: localhost\r\nAuthorization: ${guess}\r\n\r\n`;
          return parseResponse(
            (await rawRequest(slowed.port, request, { timeoutMs: 30_000 })).bytes,
          );
        }),
      );
      const refused = responses.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect(header(r, 'Retry-After')).toBe('1');
      expect(responses.filter((r) => r.status === 401).length).toBeLessThanOrEqual(5 + 1);
    } finally {
      await slowed.close();
    }
  });

  it('remembers a bounded number of clients', () => {
    const auth = new BasicAuth('a', 'b', { maxClients: 3 });
    for (let i = 0; i < 100; i++) auth.recordFailure(`10.0.0.${i}`);
    expect(auth.rememberedClients).toBe(3);
  });

  it('reads USER:PASSWORD (the password may hold colons)', () => {
    expect(parseCredentials('alice:a:b\n')).toEqual({ user: 'alice', password: 'a:b' });
    expect(parseCredentials(':x')).toBeNull();
    expect(parseCredentials('nocolon')).toBeNull();
  });
});
