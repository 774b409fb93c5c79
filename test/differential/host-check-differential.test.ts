/**
 * The Host check is a deliberate difference from `python3 -m http.server` (README
 * "Differences from Python"): the same request with a foreign Host is served by Python and
 * refused by httpdesk; with this machine's names both answer the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse } from '../helpers/http-response.js';
import { startPythonServer, type PythonServer } from '../helpers/python-server.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let dir = '';
let python: PythonServer;
let ours: TestServer;

beforeAll(async () => {
  dir = await makeTempDir({ 'hello.txt': 'hello\n' });
  python = await startPythonServer(dir, 'HTTP/1.1');
  ours = await startTestServer({
    directory: dir,
    settings: { protocolVersion: 'HTTP/1.1' },
    allowedHosts: [], // the default of the CLI, the library and the app
  });
}, 30_000);

afterAll(async () => {
  await python?.stop();
  await ours?.close();
  await removeDir(dir);
});

async function both(host: string) {
  const request = `GET /hello.txt HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
  const [p, o] = await Promise.all([
    rawRequest(python.port, request, { end: true }),
    rawRequest(ours.port, request, { end: true }),
  ]);
  return { python: parseResponse(p.bytes), ours: parseResponse(o.bytes) };
}

describe('Host check [deliberate: hostCheck]', () => {
  it('a rebound name: Python serves the file, httpdesk answers 403 without it', async () => {
    const x = await both('rebind.attacker.example:8000');
    expect(x.python.status).toBe(200);
    expect(x.python.body.toString()).toBe('hello\n');
    expect(x.ours.status).toBe(403);
    expect(x.ours.body.toString()).not.toContain('hello\n');
  });

  it('localhost and IP literals: the same answer', async () => {
    for (const host of ['localhost', `127.0.0.1:${ours.port}`, '[::1]']) {
      const x = await both(host);
      expect(x.ours.status).toBe(x.python.status);
      expect(x.ours.body).toEqual(x.python.body);
    }
  });
});
