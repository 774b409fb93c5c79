/**
 * At the connection cap the server closes the connection idle longest — waiting for its first
 * byte or for its next keep-alive request — to admit a new one (real sockets, a cap of 3).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readResponse } from '../helpers/http-response.js';
import { EVENTUALLY_MS, RawConnection, sleep } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let root = '';
let server: TestServer;

beforeAll(async () => {
  root = await makeTempDir({ 'hello.txt': 'hello\n' });
  server = await startTestServer({
    directory: root,
    settings: { protocolVersion: 'HTTP/1.1' },
    limits: { maxConnections: 3, keepAliveTimeoutMs: 600_000, requestHeadTimeoutMs: 600_000 },
  });
});

afterAll(async () => {
  await server.close();
  await removeDir(root);
});

const GET = 'GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n';

it('a silent socket and a kept-alive one give way in the order they became idle', async () => {
  const silent = await RawConnection.open(server.port); // idle from now
  await sleep(30);
  const keptAlive = await RawConnection.open(server.port);
  keptAlive.write(GET);
  expect((await readResponse(keptAlive)).status).toBe(200); // idle again from now
  const midRequest = await RawConnection.open(server.port);
  midRequest.write('GET /hello.txt HTTP/1.1\r\n'); // never idle: its head has started
  await sleep(30);

  const first = await RawConnection.open(server.port);
  first.write(GET);
  expect((await readResponse(first)).status).toBe(200);
  expect(await silent.waitForClose(EVENTUALLY_MS)).toBe(true);
  expect(keptAlive.closed).toBe(false);

  // `first` is idle now too, but kept-alive has been idle longer.
  const second = await RawConnection.open(server.port);
  second.write(GET);
  expect((await readResponse(second)).status).toBe(200);
  expect(await keptAlive.waitForClose(EVENTUALLY_MS)).toBe(true);
  expect(keptAlive.received()).toHaveLength(0); // closed quietly, nothing half-sent

  // The connection mid-request was never closed and still gets its answer.
  midRequest.write('Host: x\r\n\r\n');
  expect((await readResponse(midRequest)).status).toBe(200);
  for (const conn of [silent, keptAlive, midRequest, first, second]) conn.destroy();
});
