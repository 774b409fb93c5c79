/**
 * The server host against real loopback sockets: start on port 0, fetch, log batches,
 * port in use (with a free port suggested), stop frees the port, restart on a settings
 * change, folder problems, and the failures only an unprivileged user sees.
 */
import { execFile } from 'node:child_process';
import { chmodSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogBatch, ServerState } from '../../shared/ipc.js';
import { defaultServerConfig, type ServerConfig } from '../../shared/settings.js';
import { ServerHost } from '../../main/server-host.js';
import { EVENTUALLY_MS } from '../helpers/raw-socket.js';
import { settlesWithin } from '../helpers/settles.js';
import { canListen, close, occupyPort, portOf, tempDir, waitFor, type TempDir } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let site: TempDir;
let host: ServerHost;
let states: ServerState[];
let batches: LogBatch[];

function config(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...defaultServerConfig('one', site.path), port: 0, ...overrides };
}

/** GET with Node's http client (fetch hides the response's HTTP version). */
function get(
  port: number,
  urlPath: string,
): Promise<{ status: number; version: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, version: res.httpVersion, body }),
        );
      })
      .on('error', reject);
  });
}

beforeEach(() => {
  site = tempDir();
  site.file('index.html', '<h1>home</h1>');
  site.file('hello.txt', 'hello\n');
  states = [];
  batches = [];
  host = new ServerHost({ onState: (s) => states.push(s), onLog: (b) => batches.push(b) });
});

afterEach(async () => {
  await host.stopAll();
  site.remove();
});

describe('ServerHost.start', () => {
  it('starts on port 0, reports starting then running with the bound port, and serves files', async () => {
    const state = await host.start(config());
    expect(state.status).toBe('running');
    expect(state.boundAddress).toBe('127.0.0.1');
    expect(state.boundPort).toBeGreaterThan(0);
    expect(state.urls).toEqual([`http://127.0.0.1:${state.boundPort}/`]);
    expect(state.startedAt).toBeTypeOf('number');
    expect(states.map((s) => s.status)).toEqual(['starting', 'running']);

    const response = await fetch(`http://127.0.0.1:${state.boundPort}/hello.txt`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello\n');
    expect(host.list()).toEqual([state]);
  });

  it('sends the request as a log batch tagged with the server id', async () => {
    const { boundPort } = await host.start(config());
    await fetch(`http://127.0.0.1:${boundPort}/hello.txt`);
    const batch = await waitFor(
      () => batches.find((b) => b.requests.length > 0),
      2000,
      'a log batch',
    );
    expect(batch.dropped).toBe(0);
    expect(batch.requests[0]).toMatchObject({
      serverId: 'one',
      method: 'GET',
      path: '/hello.txt',
      status: 200,
      requestLine: 'GET /hello.txt HTTP/1.1',
    });
    expect(batch.messages[0]).toMatchObject({
      serverId: 'one',
      level: 'info',
      text: '"GET /hello.txt HTTP/1.1" 200 -',
    });
  });

  it('fails with port-in-use and suggests a port that is free', async () => {
    const blocker = await occupyPort();
    try {
      const state = await host.start(config({ port: portOf(blocker) }));
      expect(state.status).toBe('failed');
      expect(state.failure).toMatchObject({ code: 'port-in-use', field: 'port' });
      expect(state.failure?.message).toContain(`Port ${portOf(blocker)} is already in use`);
      const free = state.failure?.freePort;
      expect(free).toBeTypeOf('number');
      expect(free).not.toBe(portOf(blocker));
      expect(await canListen(free as number)).toBe(true);
      expect(states.map((s) => s.status)).toEqual(['starting', 'failed']);
    } finally {
      await close(blocker);
    }
  });

  it('fails with address-not-available for an address this machine does not have', async () => {
    // 203.0.113.0/24 is TEST-NET-3 (RFC 5737): never assigned to a real interface.
    const state = await host.start(config({ bind: '203.0.113.7' }));
    expect(state.failure).toMatchObject({ code: 'address-not-available', field: 'bind' });
  });

  it('fails with folder-missing when the folder is gone or is a file, without listening', async () => {
    const gone = await host.start(config({ folder: path.join(site.path, 'nope') }));
    expect(gone.failure).toMatchObject({ code: 'folder-missing', field: 'folder' });
    const file = await host.start(config({ id: 'two', folder: path.join(site.path, 'hello.txt') }));
    expect(file.failure).toMatchObject({ code: 'folder-missing', field: 'folder' });
    expect(file.failure?.message).toContain('is a file, not a folder');
    expect(states.map((s) => s.status)).toEqual(['failed', 'failed']);
  });

  it('refuses invalid settings with the field to fix, and a relative folder', async () => {
    const badPort = await host.start(config({ port: 70000 }));
    expect(badPort.failure).toMatchObject({ code: 'invalid-settings', field: 'port' });
    const badProtocol = await host.start(config({ protocol: 'HTTP/2' as 'HTTP/1.1' }));
    expect(badProtocol.failure).toMatchObject({ code: 'invalid-settings', field: 'protocol' });
    const relative = await host.start(config({ folder: 'some/where' }));
    expect(relative.failure).toMatchObject({ code: 'invalid-settings', field: 'folder' });
  });

  it('leaves a running server alone when started again with the same settings', async () => {
    const first = await host.start(config());
    const again = await host.start(config());
    expect(again).toEqual(first);
    expect(states.map((s) => s.status)).toEqual(['starting', 'running']);
  });

  it('restarts a running server whose settings changed', async () => {
    const first = await host.start(config({ protocol: 'HTTP/1.0' }));
    expect((await get(first.boundPort as number, '/hello.txt')).version).toBe('1.0');
    const second = await host.start(config({ protocol: 'HTTP/1.1' }));
    expect(second.status).toBe('running');
    expect(second.config.protocol).toBe('HTTP/1.1');
    expect(states.map((s) => s.status)).toEqual([
      'starting',
      'running',
      'stopped',
      'starting',
      'running',
    ]);
    expect((await get(second.boundPort as number, '/hello.txt')).version).toBe('1.1');
    expect(host.list()).toHaveLength(1);
  });

  it('restarts on the same fixed port: the old socket is closed before the new one binds', async () => {
    const first = await host.start(config());
    const port = first.boundPort as number;
    const moved = tempDir();
    moved.file('hello.txt', 'moved\n');
    try {
      const second = await host.start(config({ port, folder: moved.path }));
      expect(second.status).toBe('running');
      expect(second.boundPort).toBe(port);
      expect((await get(port, '/hello.txt')).body).toBe('moved\n');
    } finally {
      await host.stopAll();
      moved.remove();
    }
  });
});

describe('ServerHost.stop', () => {
  it('frees the port before it resolves', async () => {
    const { boundPort } = await host.start(config());
    expect(await canListen(boundPort as number)).toBe(false);
    const stopped = await host.stop('one');
    expect(stopped).toMatchObject({ id: 'one', status: 'stopped', urls: [] });
    expect(await canListen(boundPort as number)).toBe(true);
    expect(states.at(-1)?.status).toBe('stopped');
  });

  it('closes idle keep-alive connections rather than waiting for them', async () => {
    const { boundPort } = await host.start(config());
    const agent = new http.Agent({ keepAlive: true });
    const socket = await new Promise<Socket>((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port: boundPort, path: '/hello.txt', agent },
        (res) => {
          res.resume();
          res.on('end', () => resolve(request.socket as Socket));
        },
      );
      request.on('error', reject);
    });
    const closedByServer = new Promise((resolve) => socket.once('close', resolve));
    // The idle connection would otherwise last the 15 s keep-alive timeout: stopping well
    // inside it shows the host closed the connection rather than waiting for the client.
    expect((await settlesWithin(host.stop('one'), EVENTUALLY_MS)).settled).toBe(true);
    await closedByServer;
    agent.destroy();
  });

  it('answers the names the person allowed and refuses others (DNS rebinding)', async () => {
    const { boundPort } = await host.start(config({ allowedHosts: ['demo.test'] }));
    const status = (hostName: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get(
            {
              host: '127.0.0.1',
              port: boundPort,
              path: '/hello.txt',
              agent: false,
              headers: { Host: hostName },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          )
          .on('error', reject);
      });
    expect(await status('demo.test')).toBe(200);
    expect(await status(`127.0.0.1:${boundPort}`)).toBe(200);
    expect(await status('rebound.attacker.test')).toBe(403);
  });

  it('rejects an id it does not know', async () => {
    await expect(host.stop('ghost')).rejects.toThrow('There is no server "ghost"');
  });

  it('runs a stop issued right after a start after it, so the server ends stopped', async () => {
    const starting = host.start(config());
    const stopping = host.stop('one');
    const [started, stopped] = await Promise.all([starting, stopping]);
    expect(started.status).toBe('running');
    expect(stopped.status).toBe('stopped');
    expect(await canListen(started.boundPort as number)).toBe(true);
  });

  it('stopAll stops every server', async () => {
    const a = await host.start(config({ id: 'a' }));
    const b = await host.start(config({ id: 'b' }));
    await host.stopAll();
    expect(host.list().map((s) => s.status)).toEqual(['stopped', 'stopped']);
    expect(await canListen(a.boundPort as number)).toBe(true);
    expect(await canListen(b.boundPort as number)).toBe(true);
  });
});

describe('ServerHost log batching', () => {
  it('caps each batch and counts what it dropped', async () => {
    const small = new ServerHost(
      { onState: () => undefined, onLog: (b) => batches.push(b) },
      { batchIntervalMs: 200, maxBatch: 5 },
    );
    try {
      const { boundPort } = await small.start(config());
      const requests = 12;
      for (let i = 0; i < requests; i++) await fetch(`http://127.0.0.1:${boundPort}/hello.txt`);
      // Each request yields one request record and one message record.
      const total = () =>
        batches.reduce((n, b) => n + b.requests.length + b.messages.length + b.dropped, 0);
      await waitFor(() => (total() === requests * 2 ? true : undefined), 3000, 'all records');
      for (const b of batches) expect(b.requests.length + b.messages.length).toBeLessThanOrEqual(5);
      expect(batches.reduce((n, b) => n + b.dropped, 0)).toBeGreaterThan(0);
    } finally {
      await small.stopAll();
    }
  });

  it('sends many records in few batches (about one per interval)', async () => {
    const { boundPort } = await host.start(config());
    await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`http://127.0.0.1:${boundPort}/hello.txt`).then((r) => r.text()),
      ),
    );
    await waitFor(
      () => (batches.reduce((n, b) => n + b.requests.length, 0) === 30 ? true : undefined),
      3000,
      '30 request records',
    );
    // Coalesced: some batch carries more than one record (one each would be 30 IPC sends).
    expect(batches.length).toBeLessThan(30);
    expect(batches.some((b) => b.requests.length > 1)).toBe(true);
  });
});

describe('ServerHost as an unprivileged user', () => {
  const tsx = path.join(root, 'node_modules/tsx/dist/loader.mjs');
  const fixture = path.join(root, 'test/main/fixtures/host-as-user.mts');
  const isRoot = process.getuid?.() === 0;

  function startAsNobody(folder: string, port: number): Promise<ServerState> {
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', tsx, fixture, folder, String(port)],
        { cwd: root, timeout: 15_000, ...(isRoot ? { uid: 65534, gid: 65534 } : {}) },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`${error.message}\n${stderr}`));
          else resolve(JSON.parse(stdout) as ServerState);
        },
      );
    });
  }

  it.runIf(process.platform === 'linux')(
    'reports port-permission for a port below 1024',
    async () => {
      chmodSync(site.path, 0o755);
      const state = await startAsNobody(site.path, 80);
      expect(state.status).toBe('failed');
      expect(state.failure).toMatchObject({ code: 'port-permission', field: 'port' });
      expect(state.failure?.message).toContain('below 1024');
    },
  );

  it.runIf(process.platform === 'linux')(
    'reports folder-unreadable for a folder it may not read',
    async () => {
      const locked = path.join(site.path, 'locked');
      site.file('locked/secret.txt', 'no');
      chmodSync(site.path, 0o755);
      chmodSync(locked, 0o700);
      // Not root: make it unreadable to ourselves instead.
      if (!isRoot) chmodSync(locked, 0o000);
      try {
        const state = await startAsNobody(locked, 0);
        expect(state.failure).toMatchObject({ code: 'folder-unreadable', field: 'folder' });
      } finally {
        chmodSync(locked, 0o700);
      }
    },
  );
});
