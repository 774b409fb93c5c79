/**
 * "Try a request" in main (main/request-composer.ts) through main's own IPC handler, against
 * a real server host on loopback: only the selected running server's own address and port
 * can be targeted; requests go out as typed; responses come back as they arrived, bodies as
 * text or hex, capped with a count of what is not shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposedExchange, Result } from '../../shared/ipc.js';
import { BODY_VIEW_BYTES } from '../../shared/body-view.js';
import { createHandlers, type IpcServices } from '../../main/ipc-handlers.js';
import { ServerHost } from '../../main/server-host.js';
import { close, occupyPort, portOf, tempDir, type TempDir } from './helpers.js';
import { defaultServerConfig } from '../../shared/settings.js';

let site: TempDir;
let host: ServerHost;
let port = 0;
let send: (payload: unknown) => Promise<Result<ComposedExchange[]>>;

beforeAll(async () => {
  site = tempDir();
  site.file('notes.txt', 'hello\n');
  site.file('docs/index.html', '<h1>docs</h1>');
  site.file('big.txt', 'x'.repeat(2 * 1024 * 1024));
  const binary = site.file('bin.dat', '');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(binary, Buffer.from([0, 1, 2, 0xff, 0x48, 0x69]));
  host = new ServerHost({ onState: () => undefined, onLog: () => undefined });
  const state = await host.start({ ...defaultServerConfig('one', site.path), port: 0 });
  port = state.boundPort!;
  const handlers = createHandlers({ host } as unknown as IpcServices);
  send = (payload) => handlers['composer:send'](payload);
});

afterAll(async () => {
  await host.stopAll();
  site.remove();
});

const get = (path: string, version = 'HTTP/1.1') =>
  `GET ${path} ${version}\r\nHost: 127.0.0.1\r\n\r\n`;

function payload(overrides: Record<string, unknown> = {}) {
  return {
    serverId: 'one',
    host: '127.0.0.1',
    port,
    requests: [get('/notes.txt')],
    sameConnection: false,
    ...overrides,
  };
}

async function exchanges(overrides: Record<string, unknown> = {}): Promise<ComposedExchange[]> {
  const result = await send(payload(overrides));
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('composer target check', () => {
  it('refuses anything but the selected running server', async () => {
    const other = await occupyPort();
    try {
      const refusals = await Promise.all([
        send(payload({ port: portOf(other) })),
        send(payload({ host: '127.0.0.2' })),
        send(payload({ host: '192.0.2.1' })),
        send(payload({ serverId: 'two' })),
        send(payload({ serverId: '../one' })),
        send(payload({ requests: Array(9).fill(get('/')) })),
        send(payload({ requests: ['x'.repeat(64 * 1024 + 1)] })),
        send(payload({ requests: [] })),
        send(payload({ port: '80' })),
        send('GET / HTTP/1.1'),
      ]);
      for (const refusal of refusals) expect(refusal.ok).toBe(false);
      expect(refusals[0]).toMatchObject({
        error: `Only this server's own port (${port}) can be tried here.`,
      });
      expect(refusals[1]).toMatchObject({
        error: expect.stringMatching(/127\.0\.0\.2 is not one of its addresses/),
      });
    } finally {
      await close(other);
    }
  });

  it('accepts loopback spellings of the same server', async () => {
    for (const address of ['127.0.0.1', 'localhost']) {
      const [one] = await exchanges({ host: address });
      expect(one!.responseHead).toMatch(/^HTTP\/1\.1 200 OK/);
    }
  });
});

describe('composer exchanges', () => {
  it('shows the response as it arrived, with the body as text', async () => {
    const [one] = await exchanges();
    expect(one!.sent).toBe(get('/notes.txt'));
    expect(one!.responseHead).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: /);
    expect(one!.body).toEqual({ kind: 'text', text: 'hello\n', more: 0 });
    expect(one!.bodyBytes).toBe(6);
  });

  it('HTTP/1.1 keeps one connection for two requests; HTTP/1.0 closes after the first', async () => {
    const kept = await exchanges({
      requests: [get('/notes.txt'), get('/docs')],
      sameConnection: true,
    });
    expect(kept.map((e) => e.responseHead.slice(0, 12))).toEqual(['HTTP/1.1 200', 'HTTP/1.1 301']);
    expect(kept[0]!.closedAfter).toBe(false);

    const old = await exchanges({
      requests: [get('/notes.txt', 'HTTP/1.0'), get('/notes.txt', 'HTTP/1.0')],
      sameConnection: true,
    });
    expect(old[0]!.responseHead).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(old[1]!.error).toMatch(/closed/);
    expect(old[1]!.responseHead).toBe('');
  });

  it('shows a binary body as hex and caps a 2 MiB body with its marker', async () => {
    const [binary, big] = await exchanges({ requests: [get('/bin.dat'), get('/big.txt')] });
    expect(binary!.body.kind).toBe('hex');
    expect(binary!.body.text).toBe('00000000  00 01 02 ff 48 69' + ' '.repeat(32) + '|....Hi|');
    expect(big!.bodyBytes).toBe(2 * 1024 * 1024);
    expect(big!.body.kind).toBe('text');
    expect(big!.body.text).toHaveLength(BODY_VIEW_BYTES);
    expect(big!.body.more).toBe(2 * 1024 * 1024 - BODY_VIEW_BYTES);
  });

  it('sends a malformed request as typed and reads the 400', async () => {
    const [bad] = await exchanges({ requests: ['GARBAGE\r\n\r\n'] });
    expect(bad!.responseHead).toMatch(/^HTTP\/1\.1 400 Bad request syntax/);
  });
});
