/**
 * The server host with the demo options a person sets in the panel (docs/architecture.md
 * § Desktop app: response headers, SPA and password), on real loopback sockets: the
 * headers reach every kind of response, a client-side route is served the root page, the
 * password is required, and no credentials reach the records sent to the window.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogBatch } from '../../shared/ipc.js';
import type { RequestRecord } from '../../shared/log.js';
import { defaultServerConfig, type ServerConfig } from '../../shared/settings.js';
import { ServerHost } from '../../main/server-host.js';
import { tempDir, waitFor, type TempDir } from './helpers.js';

let site: TempDir;
let host: ServerHost;
let batches: LogBatch[];

function config(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...defaultServerConfig('demo', site.path), port: 0, ...overrides };
}

interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/** One HTTP/1.0 request over a raw socket; the whole response as it came. */
function request(port: number, target: string, lines: string[] = []): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(`GET ${target} HTTP/1.0\r\nHost: localhost\r\n${lines.join('')}\r\n`),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split + 2);
      resolve({ status: Number(head.slice(9, 12)), head, body: text.slice(split + 4) });
    });
    socket.on('error', reject);
  });
}

function basic(user: string, password: string): string {
  return `Authorization: Basic ${Buffer.from(`${user}:${password}`).toString('base64')}\r\n`;
}

async function recordsSent(count: number): Promise<RequestRecord[]> {
  return waitFor(
    () => {
      const all = batches.flatMap((b) => b.requests);
      return all.length >= count ? all : undefined;
    },
    5000,
    `${count} request records`,
  );
}

beforeEach(() => {
  site = tempDir();
  site.file('index.html', '<h1>root page</h1>');
  site.file('hello.txt', 'hello\n');
  site.file('docs/guide.txt', 'guide\n');
  batches = [];
  host = new ServerHost({ onState: () => undefined, onLog: (b) => batches.push(b) });
});

afterEach(async () => {
  await host.stopAll();
  site.remove();
});

describe('response headers', () => {
  it('puts the presets and typed lines on files, listings, redirects and errors', async () => {
    const { boundPort = 0 } = await host.start(
      config({
        responseHeaders: { presets: ['no-cache', 'isolation'], custom: ['X-Demo: yes'] },
      }),
    );
    const responses = await Promise.all(
      ['/hello.txt', '/docs/', '/docs', '/missing.txt'].map((p) => request(boundPort, p)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 301, 404]);
    for (const { head } of responses) {
      expect(head).toContain('\r\nCache-Control: no-store\r\n');
      expect(head).toContain('\r\nCross-Origin-Opener-Policy: same-origin\r\n');
      expect(head).toContain('\r\nCross-Origin-Embedder-Policy: require-corp\r\n');
      expect(head).toContain('\r\nX-Demo: yes\r\n');
    }
  });

  it('with the CORS preset answers a preflight 204 with the Allow headers', async () => {
    const { boundPort = 0 } = await host.start(
      config({ responseHeaders: { presets: ['cors'], custom: [] } }),
    );
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(boundPort, '127.0.0.1', () =>
        socket.write(
          'OPTIONS /hello.txt HTTP/1.0\r\nHost: localhost\r\nOrigin: http://other.localhost\r\n' +
            'Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: x-token\r\n\r\n',
        ),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 204 /);
    expect(answer).toContain('\r\nAccess-Control-Allow-Origin: *\r\n');
    expect(answer).toContain('\r\nAccess-Control-Allow-Headers: x-token\r\n');
  });

  it('without headers configured sends none of them (the engine keeps Python’s bytes)', async () => {
    const { boundPort = 0 } = await host.start(config());
    const { head } = await request(boundPort, '/hello.txt');
    expect(head).not.toMatch(/Cache-Control|Access-Control|Cross-Origin/);
  });

  it('main refuses a bad header line the renderer did not catch', async () => {
    const state = await host.start(
      config({ responseHeaders: { presets: [], custom: ['X-Bad: a\r\nSet-Cookie: x=1'] } }),
    );
    expect(state.status).toBe('failed');
    expect(state.failure).toMatchObject({ code: 'invalid-settings', field: 'responseHeaders' });
  });
});

describe('single-page app', () => {
  it('answers a deep link with the root index.html, and a missing asset with 404', async () => {
    const { boundPort = 0 } = await host.start(config({ spa: true }));
    const deep = await request(boundPort, '/settings/profile');
    expect(deep.status).toBe(200);
    expect(deep.body).toBe('<h1>root page</h1>');
    expect((await request(boundPort, '/app.js')).status).toBe(404);
  });

  it('is off by default: the deep link is Python’s 404', async () => {
    const { boundPort = 0 } = await host.start(config());
    expect((await request(boundPort, '/settings/profile')).status).toBe(404);
  });
});

describe('user name and password', () => {
  const PASSWORD = 'correct horse';

  it('answers 401 with the challenge without the right credentials, 200 with them', async () => {
    const { boundPort = 0 } = await host.start(config({ authUser: 'ann', authPassword: PASSWORD }));
    const none = await request(boundPort, '/hello.txt');
    expect(none.status).toBe(401);
    expect(none.head).toContain('\r\nWWW-Authenticate: Basic realm="HTTP Desk", charset="UTF-8"');
    expect((await request(boundPort, '/hello.txt', [basic('ann', 'wrong')])).status).toBe(401);
    const good = await request(boundPort, '/hello.txt', [basic('ann', PASSWORD)]);
    expect(good.status).toBe(200);
    expect(good.body).toBe('hello\n');
  });

  it('sends the window the user name, never the password, in every record', async () => {
    const { boundPort = 0 } = await host.start(config({ authUser: 'ann', authPassword: PASSWORD }));
    await request(boundPort, '/hello.txt', [basic('ann', PASSWORD)]);
    await request(boundPort, '/hello.txt', [basic('ann', 'guess-42')]);
    const records = await recordsSent(2);
    const sent = JSON.stringify([batches, host.recentLog()]);
    for (const secret of [PASSWORD, 'guess-42', basic('ann', PASSWORD).slice(21, -2)])
      expect(sent).not.toContain(secret);
    expect(records.map((r) => r.requestHeaders.find(([n]) => n === 'Authorization'))).toEqual([
      ['Authorization', 'Basic •••• (user "ann")'],
      ['Authorization', 'Basic •••• (user "ann")'],
    ]);
  });

  it('masks credentials a client sends to a server without a password too', async () => {
    const { boundPort = 0 } = await host.start(config());
    await request(boundPort, '/hello.txt', [basic('bob', 'hunter2')]);
    await request(boundPort, '/hello.txt', ['Authorization: Bearer s3cr3t-token\r\n']);
    await request(boundPort, '/hello.txt', ['Proxy-Authorization: s3cr3t-bare\r\n']);
    const records = await recordsSent(3);
    const sent = JSON.stringify(batches);
    for (const secret of ['hunter2', 's3cr3t-token', 's3cr3t-bare', 'Ym9iOmh1bnRlcjI='])
      expect(sent).not.toContain(secret);
    expect(records.map((r) => r.requestHeaders.find(([n]) => /authorization/i.test(n)))).toEqual([
      ['Authorization', 'Basic •••• (user "bob")'],
      ['Authorization', 'Bearer ••••'],
      ['Proxy-Authorization', '••••'],
    ]);
  });

  it('main refuses a user name with a colon', async () => {
    const state = await host.start(config({ authUser: 'a:b', authPassword: 'x' }));
    expect(state.failure).toMatchObject({ code: 'invalid-settings', field: 'authUser' });
  });
});
