/**
 * Input that can never become a valid request is refused as soon as the deciding byte
 * arrives, on real sockets, instead of holding the connection until the head deadline. The
 * server's deadline is set far beyond how long each test waits, so an answer at all proves it
 * came at once.
 */
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPS_ON_PLAIN_PORT } from '../../main/server/protocol-errors.js';
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

describe('a TLS handshake on the plain port (someone typed https://)', () => {
  it('is closed at once, with no HTTP bytes, and the log says why', async () => {
    server.sink.clear();
    const outcome = await new Promise<string>((resolve) => {
      const socket = tls.connect({
        port: server.port,
        host: '127.0.0.1',
        rejectUnauthorized: false,
        servername: 'localhost',
      });
      socket.once('secureConnect', () => resolve('handshake completed'));
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      socket.setTimeout(5_000, () => resolve('timeout'));
    });
    expect(outcome).toBe('ECONNRESET');
    await server.sink.waitForMessages(1);
    expect(server.sink.texts()).toContain(HTTPS_ON_PLAIN_PORT);
  });

  it('raw: the first two bytes of a ClientHello decide; nothing is sent back', async () => {
    const { closed, received } = await answerWithoutFin(Buffer.from([0x16, 0x03, 0x01, 0x02]));
    expect(closed).toBe(true);
    expect(received.length).toBe(0);
  });
});

describe('bytes that are not UTF-8 in the request target', () => {
  it('a raw 0xA0 between words → 400', async () => {
    const { received } = await answerWithoutFin(
      Buffer.from('GET /hello\xa0.txt HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'),
    );
    expect(parseResponse(received).statusLine).toMatch(/^HTTP\/1\.1 400 Bad request target/);
  });

  it('raw UTF-8 in the target is still served', async () => {
    const conn = await RawConnection.open(server.port);
    conn.write(Buffer.from('GET /hello.txt?q=ü HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    await conn.waitForClose(5_000);
    expect(parseResponse(conn.received()).status).toBe(200);
    conn.destroy();
  });
});
