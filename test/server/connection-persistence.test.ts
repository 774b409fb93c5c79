/**
 * What a response says about the connection, on real sockets and with real clients: an
 * HTTP/1.0 connection the server keeps open says `Connection: keep-alive` (RFC 9112 §9.3), a
 * persistence the client asked for and the server will not give says `Connection: close`
 * (RFC 9112 §9.6), and clients that reuse connections (ab -k, wget) act on it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { header, readResponse } from '../helpers/http-response.js';
import { RawConnection } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const run = promisify(execFile);
/** Far beyond any wait here: a client left waiting for the idle timeout fails its test. */
const LONG_IDLE = { keepAliveTimeoutMs: 600_000, requestHeadTimeoutMs: 600_000 };
let root = '';
let http10: TestServer;
let http11: TestServer;

beforeAll(async () => {
  root = await makeTempDir({ 'page.html': '<p>hello</p>\n' });
  http10 = await startTestServer({ directory: root, limits: LONG_IDLE });
  http11 = await startTestServer({
    directory: root,
    settings: { protocolVersion: 'HTTP/1.1' },
    limits: LONG_IDLE,
  });
});

afterAll(async () => {
  await Promise.all([http10.close(), http11.close()]);
  await removeDir(root);
});

/** One request on a new connection: the response, and whether the server then closed. */
async function exchange(server: TestServer, request: string) {
  const conn = await RawConnection.open(server.port);
  conn.write(request);
  const response = await readResponse(conn);
  const closed = await conn.waitForClose(300);
  let second: number | null = null;
  if (!closed) {
    conn.write('GET /page.html HTTP/1.0\r\n\r\n');
    second = (await readResponse(conn)).status;
  }
  conn.destroy();
  return { connection: header(response, 'Connection'), closed, second };
}

describe('HTTP/1.0 requests', () => {
  it('keep-alive to an HTTP/1.1 server: kept open and says Connection: keep-alive', async () => {
    const result = await exchange(
      http11,
      'GET /page.html HTTP/1.0\r\nConnection: keep-alive\r\n\r\n',
    );
    expect(result).toEqual({ connection: 'keep-alive', closed: false, second: 200 });
  });

  it('a Connection list holding Keep-Alive counts (RFC 9110 §7.6.1)', async () => {
    const result = await exchange(
      http11,
      'GET /page.html HTTP/1.0\r\nConnection: Keep-Alive, TE\r\nTE: trailers\r\n\r\n',
    );
    expect(result.connection).toBe('keep-alive');
    expect(result.closed).toBe(false);
  });

  it('keep-alive to an HTTP/1.0 server: Connection: close, then the close', async () => {
    const result = await exchange(
      http10,
      'GET /page.html HTTP/1.0\r\nConnection: keep-alive\r\n\r\n',
    );
    expect(result).toEqual({ connection: 'close', closed: true, second: null });
  });

  it('without keep-alive: closed without a Connection header, as Python', async () => {
    const result = await exchange(http11, 'GET /page.html HTTP/1.0\r\n\r\n');
    expect(result).toEqual({ connection: undefined, closed: true, second: null });
  });

  it('an HTTP/1.1 request with keep-alive to an HTTP/1.0 server: Connection: close', async () => {
    const result = await exchange(
      http10,
      'GET /page.html HTTP/1.1\r\nHost: x\r\nConnection: Keep-Alive\r\n\r\n',
    );
    expect(result).toEqual({ connection: 'close', closed: true, second: null });
  });
});

describe('real clients', () => {
  it('ab -k (HTTP/1.0 keep-alive) completes every request on kept connections', async () => {
    const { stdout } = await run(
      'ab',
      ['-k', '-n', '50', '-c', '2', '-s', '20', `http://127.0.0.1:${http11.port}/page.html`],
      { timeout: 30_000 },
    );
    expect(stdout).toMatch(/Complete requests:\s+50\b/);
    expect(stdout).toMatch(/Failed requests:\s+0\b/);
    expect(stdout).toMatch(/Keep-Alive requests:\s+50\b/);
  });

  it('wget (sends Connection: Keep-Alive) does not keep a connection the server closes', async () => {
    const url = `http://127.0.0.1:${http10.port}/page.html`;
    const { stderr } = await run('wget', ['-d', '-O', '/dev/null', url, url, url], {
      timeout: 30_000,
    });
    expect(stderr).toContain('Connection: close');
    // Registered for reuse, wget writes its next request into the closing socket, reads EOF
    // and waits a second before it retries.
    expect(stderr).not.toContain('Registered socket');
    expect(stderr).not.toContain('Retrying');
  });
});
