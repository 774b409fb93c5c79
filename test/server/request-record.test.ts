/**
 * The structured RequestRecord each request yields (shared/log.ts), through a recording
 * sink: status, size, connectionId, requestIndex, keptAlive, headers both ways, and scrubbing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResponse } from '../helpers/http-response.js';
import { RawConnection, rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let root = '';
let srv: TestServer;
beforeAll(async () => {
  root = await makeTempDir({ 'a.txt': 'aaaa', 'b.bin': Buffer.alloc(100_000, 1) });
  srv = await startTestServer({ directory: root, settings: { protocolVersion: 'HTTP/1.1' } });
});
afterAll(async () => {
  await srv.close();
  await removeDir(root);
});

describe('RequestRecord', () => {
  it('one record per request: ids, indexes, sizes, keep-alive, headers', async () => {
    srv.sink.clear();
    const before = Date.now();
    const conn = await RawConnection.open(srv.port);
    const localPort = conn.socket.localPort;
    conn.write('GET /a.txt HTTP/1.1\r\nHost: x\r\nUser-Agent: test\r\n\r\n');
    await readResponse(conn);
    conn.write('GET /b.bin HTTP/1.1\r\n\r\n');
    await readResponse(conn);
    conn.write('HEAD /missing HTTP/1.1\r\nConnection: close\r\n\r\n');
    await readResponse(conn, { head: true });
    expect(await conn.waitForClose()).toBe(true);
    await rawRequest(srv.port, 'GET /a.txt HTTP/1.0\r\n\r\n');
    const records = await srv.sink.waitForRequests(4);

    const [first, second, third, other] = records;
    expect(first).toMatchObject({
      client: '127.0.0.1',
      requestIndex: 1,
      requestLine: 'GET /a.txt HTTP/1.1',
      method: 'GET',
      path: '/a.txt',
      requestVersion: 'HTTP/1.1',
      status: 200,
      size: 4,
      responseStatusLine: 'HTTP/1.1 200 OK',
      keptAlive: true,
      requestHeaders: [
        ['Host', 'x'],
        ['User-Agent', 'test'],
      ],
    });
    expect(first?.responseHeaders.map(([n]) => n)).toEqual([
      'Server',
      'Date',
      'Content-type',
      'Content-Length',
      'Last-Modified',
      'ETag',
      'Accept-Ranges',
    ]);
    expect(first!.time).toBeGreaterThanOrEqual(before - 1);
    expect(first!.durationMs).toBeGreaterThanOrEqual(0);
    expect(first!.clientPort).toBe(localPort);

    expect(second).toMatchObject({ requestIndex: 2, status: 200, size: 100_000, keptAlive: true });
    expect(third).toMatchObject({
      requestIndex: 3,
      method: 'HEAD',
      status: 404,
      size: 0, // HEAD: the page's headers went out, not its body
      keptAlive: false,
    });
    expect(new Set([first!.connectionId, second!.connectionId, third!.connectionId]).size).toBe(1);
    expect(other!.connectionId).not.toBe(first!.connectionId);
    expect(other).toMatchObject({ requestIndex: 1, requestVersion: 'HTTP/1.0', keptAlive: false });
  });

  it('numbers connections per server: a fresh server starts again at connection 1', async () => {
    // srv above has already served connections; a new server must not continue its count.
    const fresh = await startTestServer({ directory: root });
    try {
      await rawRequest(fresh.port, 'GET /a.txt HTTP/1.0\r\n\r\n');
      await rawRequest(fresh.port, 'GET /a.txt HTTP/1.0\r\n\r\n');
      const records = await fresh.sink.waitForRequests(2);
      expect(records.map((r) => r.connectionId)).toEqual([1, 2]);
    } finally {
      await fresh.close();
    }
  });

  it('an error record carries the error status and the page size', async () => {
    srv.sink.clear();
    await rawRequest(srv.port, 'GET / HTTP/1.x\r\n');
    const [record] = await srv.sink.waitForRequests(1);
    expect(record).toMatchObject({ status: 400, requestLine: 'GET / HTTP/1.x', keptAlive: false });
    expect(record!.size).toBeGreaterThan(300);
    expect(record!.responseHeaders).toContainEqual(['Connection', 'close']);
  });

  it('a 408 for a head that never completed is recorded; an idle close is not', async () => {
    const fast = await startTestServer({
      directory: root,
      limits: { requestHeadTimeoutMs: 150 },
    });
    try {
      await rawRequest(fast.port, 'GET / HTTP/1.1\r\n', { timeoutMs: 2_000 });
      await rawRequest(fast.port, '', { timeoutMs: 2_000 });
      const [record] = await fast.sink.waitForRequests(1);
      expect(record).toMatchObject({ status: 408, requestLine: '' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fast.sink.requests.length).toBe(1);
    } finally {
      await fast.close();
    }
  });

  it('client-controlled strings in a record are scrubbed of control characters', async () => {
    srv.sink.clear();
    await rawRequest(
      srv.port,
      'GET /a.txt HTTP/1.1\r\nX-Evil: a\x80\x9bb\r\nConnection: close\r\n\r\n',
    );
    const [record] = await srv.sink.waitForRequests(1);
    expect(record!.requestHeaders).toContainEqual(['X-Evil', 'a\\x80\\x9bb']);
  });
});
