/**
 * "Try a request" against a server running HTTPS: main speaks TLS to it, accepts exactly
 * the certificate that server presents (its fingerprint), and refuses any other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposedExchange, Result } from '../../shared/ipc.js';
import { createHandlers, type IpcServices } from '../../main/ipc-handlers.js';
import { sendComposed } from '../../main/request-composer.js';
import { ServerHost } from '../../main/server-host.js';
import { defaultServerConfig } from '../../shared/settings.js';
import { makeOpensslCertificate } from '../helpers/tls-test-files.js';
import { tempDir, type TempDir } from './helpers.js';

let dir: TempDir;
let host: ServerHost;
let port = 0;
let send: (payload: unknown) => Promise<Result<ComposedExchange[]>>;

beforeAll(async () => {
  dir = tempDir('httpdesk-composer-tls-');
  dir.file('site/notes.txt', 'hello over tls\n');
  await makeOpensslCertificate(dir.path, 'server');
  host = new ServerHost({ onState: () => undefined, onLog: () => undefined });
  const state = await host.start({
    ...defaultServerConfig('secure', `${dir.path}/site`),
    port: 0,
    tls: 'files',
    tlsCertFile: `${dir.path}/server-cert.pem`,
    tlsKeyFile: `${dir.path}/server-key.pem`,
  });
  port = state.boundPort!;
  const handlers = createHandlers({ host } as unknown as IpcServices);
  send = (payload) => handlers['composer:send'](payload);
});

afterAll(async () => {
  await host.stopAll();
  dir.remove();
});

const request = 'GET /notes.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
const payload = () => ({
  serverId: 'secure',
  host: '127.0.0.1',
  port,
  requests: [request, request],
  sameConnection: true,
});

describe('composer over HTTPS', () => {
  it('sends over TLS to a server running HTTPS, on one connection', async () => {
    const result = await send(payload());
    if (!result.ok) throw new Error(result.error);
    expect(result.value.map((e) => e.responseHead.slice(0, 15))).toEqual([
      'HTTP/1.1 200 OK',
      'HTTP/1.1 200 OK',
    ]);
    expect(result.value[0]!.body.text).toBe('hello over tls\n');
    expect(result.value[0]!.closedAfter).toBe(false);
  });

  it('refuses a certificate that is not the server’s', async () => {
    const [exchange] = await sendComposed(payload(), 'AB:CD');
    expect(exchange!.error).toMatch(/certificate on that port is not this server's/);
    expect(exchange!.responseHead).toBe('');
  });
});
