/**
 * Input that can never become a valid request is refused as soon as the deciding byte
 * arrives, on real sockets, instead of holding the connection until the head deadline. The
 * server's deadline is set far beyond how long each test waits, so an answer at all proves it
 * came at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse } from '../helpers/http-response.js';
import { RawConnection } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const FAR_DEADLINE = { requestHeadTimeoutMs: 600_000, keepAliveTimeoutMs: 600_000 };
let root = '';
let server: TestServer;

beforeAll(async () => {
  root = await makeTempDir({ 'hello.txt': 'hello\n' });
  server = await startTestServer({
    directory: root,
    settings: { protocolVersion: 'HTTP/1.1' },
    limits: FAR_DEADLINE,
  });
});

afterAll(async () => {
  await server.close();
  await removeDir(root);
});

/** Writes `bytes` without ending; resolves with what came back once the server closed. */
async function answerWithoutFin(bytes: string | Buffer) {
  const conn = await RawConnection.open(server.port);
  conn.write(bytes);
  const closed = await conn.waitForClose(5_000);
  conn.destroy();
  return { closed, received: conn.received() };
}

describe('bare CR line ends (RFC 9112 §2.2)', () => {
  it('GET / HTTP/1.1\\rHost: x\\r\\r → 400 at once', async () => {
    const { closed, received } = await answerWithoutFin('GET / HTTP/1.1\rHost: x\r\r');
    expect(closed).toBe(true);
    expect(parseResponse(received).status).toBe(400);
  });

  it('a header line ended by a bare CR → 400 at once', async () => {
    const { closed, received } = await answerWithoutFin('GET / HTTP/1.1\r\nHost: x\r\rX');
    expect(closed).toBe(true);
    expect(parseResponse(received).statusLine).toMatch(/^HTTP\/1\.1 400 Bad header/);
  });
});
