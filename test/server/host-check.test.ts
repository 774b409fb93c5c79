/**
 * The Host check against DNS rebinding (docs/architecture.md "Host check"), on real sockets:
 * a page that rebinds its own name to 127.0.0.1 sends `Host: its-name`, which is refused;
 * the names a person really uses for this machine pass.
 */
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostOfHeader,
  isHostAllowed,
  machineHostNames,
  makeHostPolicy,
} from '../../main/server/host-check.js';
import { parseResponses } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let dir = '';
let server: TestServer;

function get(hostLines: string[], version = 'HTTP/1.1'): string {
  const hosts = hostLines.map((h) => `${h}\r\n`).join('');
  return `GET /hello.txt ${version}\r\n${hosts}Connection: close\r\n\r\n`;
}

async function statusFor(port: number, hostLines: string[], version = 'HTTP/1.1') {
  const result = await rawRequest(port, get(hostLines, version), { end: true });
  const [response] = parseResponses(result.bytes);
  return response;
}

beforeAll(async () => {
  dir = await makeTempDir({ 'hello.txt': 'hello\n' });
  // allowedHosts [] is the library's default: only this machine's own names.
  server = await startTestServer({ directory: dir, allowedHosts: [] });
});

afterAll(async () => {
  await server?.close();
  await removeDir(dir);
});

describe('default policy', () => {
  const machine = os.hostname().toLowerCase();
  const bare = machine.split('.')[0] as string;
  const accepted = [
    '127.0.0.1',
    '127.0.0.1:8000',
    '192.168.1.20:8080',
    '[::1]',
    '[::1]:8000',
    '[fe80::1%25eth0]:80',
    'localhost',
    'LOCALHOST:8000',
    'app.localhost:5173',
    'localhost.',
    bare,
    `${bare}.local:8000`,
    machine,
    '',
  ];
  for (const host of accepted) {
    it(`serves Host: ${JSON.stringify(host)}`, async () => {
      expect((await statusFor(server.port, [`Host: ${host}`]))?.status).toBe(200);
    });
  }

  const refused = [
    'attacker.example',
    'attacker.example:8000',
    'localhost.attacker.example',
    '127.0.0.1.nip.io',
    '[::1].evil',
    '::1',
    'example.localhost.evil',
  ];
  for (const host of refused) {
    it(`refuses Host: ${JSON.stringify(host)} with 403`, async () => {
      expect((await statusFor(server.port, [`Host: ${host}`]))?.status).toBe(403);
    });
  }

  it('names the refused host and how to allow it, on the page and in the log', async () => {
    server.sink.clear();
    const response = await statusFor(server.port, ['Host: rebind.attacker.example:8000']);
    expect(response?.status).toBe(403);
    const body = response?.body.toString() ?? '';
    expect(body).toContain('rebind.attacker.example');
    expect(body).toContain('--allowed-host rebind.attacker.example');
    await server.sink.waitForMessages(2);
    const lines = server.sink.texts().join('\n');
    expect(lines).toContain('Refused Host rebind.attacker.example');
    expect(lines).toContain('--allowed-host rebind.attacker.example');
    expect(body).not.toContain('hello');
  });

  it('escapes the refused name in the page', async () => {
    const response = await statusFor(server.port, ['Host: <script>x</script>']);
    expect(response?.status).toBe(403);
    expect(response?.body.toString()).not.toContain('<script>');
  });

  it('serves a request without Host (HTTP/1.0, and HTTP/1.1 as test_http_1_1 sends)', async () => {
    expect((await statusFor(server.port, [], 'HTTP/1.0'))?.status).toBe(200);
    expect((await statusFor(server.port, [], 'HTTP/1.1'))?.status).toBe(200);
  });

  it('answers 400 to two Host fields (RFC 9112 §3.2), even two good ones', async () => {
    const response = await statusFor(server.port, ['Host: localhost', 'Host: localhost']);
    expect(response?.status).toBe(400);
  });

  it('keeps serving after a refusal', async () => {
    await statusFor(server.port, ['Host: attacker.example']);
    expect((await statusFor(server.port, ['Host: localhost']))?.status).toBe(200);
  });
});

describe('allowedHosts', () => {
  it('adds exact names and dot-prefixed domains; `*` serves any Host', async () => {
    const custom = await startTestServer({
      directory: dir,
      allowedHosts: ['Demo.Example', '.corp.example'],
    });
    const any = await startTestServer({ directory: dir, allowedHosts: ['*'] });
    try {
      expect((await statusFor(custom.port, ['Host: demo.example:8000']))?.status).toBe(200);
      expect((await statusFor(custom.port, ['Host: a.b.corp.example']))?.status).toBe(200);
      expect((await statusFor(custom.port, ['Host: corp.example']))?.status).toBe(200);
      expect((await statusFor(custom.port, ['Host: other.example']))?.status).toBe(403);
      expect((await statusFor(custom.port, ['Host: xcorp.example']))?.status).toBe(403);
      expect((await statusFor(any.port, ['Host: attacker.example']))?.status).toBe(200);
    } finally {
      await custom.close();
      await any.close();
    }
  });
});

describe('pure parts', () => {
  it('reads the host of a Host value', () => {
    expect(hostOfHeader('Example.COM:80')).toBe('example.com');
    expect(hostOfHeader('[::1]:80')).toBe('[::1]');
    expect(hostOfHeader('[::1]x')).toBeNull();
    expect(hostOfHeader('a:b')).toBeNull();
    expect(hostOfHeader('::1')).toBeNull();
  });

  it("lists this machine's names: full, bare and .local", () => {
    expect(machineHostNames('Box.lan.example')).toEqual(['box.lan.example', 'box', 'box.local']);
    expect(machineHostNames('box')).toEqual(['box', 'box.local']);
  });

  it('checks against a policy built from a given machine name', () => {
    const policy = makeHostPolicy([], machineHostNames('box'));
    expect(isHostAllowed('box.local:8000', policy)).toBe(true);
    expect(isHostAllowed('box.lan', policy)).toBe(false);
    expect(isHostAllowed(undefined, policy)).toBe(true);
  });
});
