/**
 * ServerHost with HTTPS settings, on real sockets: a certificate made for this computer
 * (kept in a temporary folder) or the person's own files; https:// URLs and the certificate's
 * fingerprint in the state; TLS version in the log; and every bad file a failure naming its
 * field — never a crash, never a port taken.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogBatch, ServerState } from '../../shared/ipc.js';
import { defaultServerConfig, type ServerConfig } from '../../shared/settings.js';
import { CertificateStore } from '../../main/certificate-store.js';
import { ServerHost } from '../../main/server-host.js';
import { freePort } from '../helpers/free-port.js';
import { parseResponse } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import { curl, makeOpensslCertificate } from '../helpers/tls-test-files.js';
import { canListen, tempDir, waitFor, type TempDir } from './helpers.js';

let dir: TempDir;
let host: ServerHost;
let batches: LogBatch[];
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

function config(overrides: Partial<ServerConfig>): ServerConfig {
  return { ...defaultServerConfig('tls', `${dir.path}/site`), port: 0, ...overrides };
}

beforeEach(() => {
  dir = tempDir('httpdesk-host-tls-');
  dir.file('site/hello.txt', 'hello over tls\n');
  batches = [];
  host = new ServerHost(
    { onState: () => undefined, onLog: (batch) => batches.push(batch) },
    { certificates: new CertificateStore(`${dir.path}/certificates`) },
  );
});

afterEach(async () => {
  await host.stopAll();
  dir.remove();
});

describe('ServerHost over HTTPS', () => {
  it('a certificate for this computer: https:// URLs, its fingerprint, curl --cacert trusts it', async () => {
    const state = await host.start(config({ tls: 'generated' }));
    expect(state.status).toBe('running');
    expect(state.urls).toEqual([`https://127.0.0.1:${state.boundPort}/`]);
    expect(state.certificate).toMatchObject({ generated: true });
    expect(state.certificate?.fingerprint).toMatch(FINGERPRINT);
    expect(state.certificate?.renewal).toMatch(/trust it once/);

    const cacert = `${dir.path}/certificates/computer-cert.pem`;
    const url = `https://localhost:${state.boundPort}/hello.txt`;
    expect(await curl(['--cacert', cacert, '--tlsv1.2', url])).toBe('hello over tls\n');
    const batch = await waitFor(() => batches.find((b) => b.requests.length > 0));
    expect(batch.requests[0]?.tlsVersion).toMatch(/^TLSv1\.[23]$/);

    // TLS 1.1 is refused (TLS 1.2 minimum).
    await expect(curl(['--cacert', cacert, '--tls-max', '1.1', url])).rejects.toThrow();
    // Plain HTTP on the port gets the 400 that says to use https://.
    const plain = await rawRequest(state.boundPort!, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(parseResponse(plain.bytes).status).toBe(400);

    // A restart reuses the certificate: same fingerprint, nothing to trust again.
    await host.stop('tls');
    const again = await host.start(config({ tls: 'generated' }));
    expect(again.certificate?.fingerprint).toBe(state.certificate?.fingerprint);
    expect(again.certificate?.renewal).toBeUndefined();
  });

  it('the person’s own certificate with an encrypted key and its password file', async () => {
    await makeOpensslCertificate(dir.path, 'own', 'hunter2');
    writeFileSync(`${dir.path}/password.txt`, 'hunter2\n');
    const state = await host.start(
      config({
        tls: 'files',
        tlsCertFile: `${dir.path}/own-cert.pem`,
        tlsKeyFile: `${dir.path}/own-key.pem`,
        tlsPasswordFile: `${dir.path}/password.txt`,
      }),
    );
    expect(state.status).toBe('running');
    expect(state.certificate).toMatchObject({ generated: false });
    expect(state.certificate?.fingerprint).toMatch(FINGERPRINT);
    const url = `https://127.0.0.1:${state.boundPort}/hello.txt`;
    expect(await curl(['--cacert', `${dir.path}/own-cert.pem`, url])).toBe('hello over tls\n');
  });

  it('a settings change to HTTPS restarts a running plain server', async () => {
    const plain = await host.start(config({}));
    expect(plain.urls[0]).toMatch(/^http:/);
    const secure = await host.start(config({ tls: 'generated', port: plain.boundPort! }));
    expect(secure.status).toBe('running');
    expect(secure.urls[0]).toMatch(/^https:/);
  });
});

describe('bad HTTPS files: a message next to the field, no port taken', () => {
  async function failure(overrides: Partial<ServerConfig>): Promise<ServerState> {
    const port = await freePort();
    const state = await host.start(config({ tls: 'files', port, ...overrides }));
    expect(state.status).toBe('failed');
    expect(state.failure?.code).toBe('certificate');
    expect(await canListen(port)).toBe(true);
    return state;
  }

  beforeEach(async () => {
    await makeOpensslCertificate(dir.path, 'plain');
    await makeOpensslCertificate(dir.path, 'other');
    await makeOpensslCertificate(dir.path, 'locked', 'hunter2');
    writeFileSync(`${dir.path}/wrong.txt`, 'nope\n');
  });

  it('a missing certificate file', async () => {
    const state = await failure({ tlsCertFile: `${dir.path}/missing.pem` });
    expect(state.failure).toMatchObject({
      field: 'tlsCertFile',
      message: `Cannot read '${dir.path}/missing.pem': no such file.`,
    });
  });

  it('a wrong password, and no password at all, are the password field’s', async () => {
    const locked = {
      tlsCertFile: `${dir.path}/locked-cert.pem`,
      tlsKeyFile: `${dir.path}/locked-key.pem`,
    };
    const message = `Cannot decrypt the key in '${dir.path}/locked-key.pem': wrong or missing password.`;
    const wrong = await failure({ ...locked, tlsPasswordFile: `${dir.path}/wrong.txt` });
    expect(wrong.failure).toMatchObject({ field: 'tlsPasswordFile', message });
    const none = await failure(locked);
    expect(none.failure).toMatchObject({ field: 'tlsPasswordFile', message });
  });

  it('a key that belongs to another certificate is the key field’s', async () => {
    const state = await failure({
      tlsCertFile: `${dir.path}/plain-cert.pem`,
      tlsKeyFile: `${dir.path}/other-key.pem`,
    });
    expect(state.failure).toMatchObject({
      field: 'tlsKeyFile',
      message: `The key in '${dir.path}/other-key.pem' does not belong to the certificate in '${dir.path}/plain-cert.pem'.`,
    });
  });

  it('a key file chosen as the certificate is the certificate field’s', async () => {
    const state = await failure({
      tlsCertFile: `${dir.path}/plain-key.pem`,
      tlsKeyFile: `${dir.path}/plain-key.pem`,
    });
    expect(state.failure?.field).toBe('tlsCertFile');
    expect(state.failure?.message).toMatch(/is not a PEM certificate and key/);
  });

  it('the settings are checked again by the host: files mode without a certificate', async () => {
    const state = await host.start(config({ tls: 'files' }));
    expect(state.failure).toMatchObject({ code: 'invalid-settings', field: 'tlsCertFile' });
  });
});
