/**
 * "A certificate for this computer" (main/certificate-store.ts), kept in a temporary folder:
 * curl trusts it through --cacert by every loopback name, the key file is private, it is
 * reused, and it is made again only when it expires, stops matching its key, or misses one
 * of this computer's names or addresses.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CertificateStore, machineNames, type MachineNames } from '../../main/certificate-store.js';
import {
  SimpleHTTPRequestHandler,
  ThreadingHTTPSServer,
  silentLogSink,
  type HTTPServer,
} from '../../main/server/index.js';
import { curl, makeOpensslCertificate } from '../helpers/tls-test-files.js';
import { tempDir, type TempDir } from './helpers.js';

let dir: TempDir;
let servers: HTTPServer[];

beforeEach(() => {
  dir = tempDir('httpdesk-certs-');
  servers = [];
});

afterEach(async () => {
  for (const server of servers) {
    await server.shutdown();
    await server.serverClose();
  }
  dir.remove();
});

const LOOPBACK: MachineNames = { dns: ['localhost'], ips: ['127.0.0.1', '::1'] };

async function serveWith(certfile: string, keyfile: string): Promise<number> {
  const site = dir.file('site/hello.txt', 'hello over tls\n');
  class Handler extends SimpleHTTPRequestHandler {
    override directory = site.replace(/hello\.txt$/, '');
  }
  const server = new ThreadingHTTPSServer(['127.0.0.1', 0], Handler, {
    certfile,
    keyfile,
    logSink: silentLogSink,
  });
  servers.push(server);
  await server.ready;
  void server.serveForever();
  return server.boundAddress()[1];
}

describe('CertificateStore', () => {
  it('makes a certificate curl trusts by --cacert for localhost and 127.0.0.1', async () => {
    const store = new CertificateStore(`${dir.path}/certs`, () => LOOPBACK);
    const made = await store.ensure();
    expect(made.renewal).toMatch(/new certificate.*trust it once/);
    const port = await serveWith(made.certFile, made.keyFile);
    for (const host of ['localhost', '127.0.0.1']) {
      const body = await curl(['--cacert', made.certFile, `https://${host}:${port}/hello.txt`]);
      expect(body).toBe('hello over tls\n');
    }
    // A name the certificate does not hold is refused by curl's own check.
    await expect(
      curl([
        '--cacert',
        made.certFile,
        '--resolve',
        `elsewhere.test:${port}:127.0.0.1`,
        `https://elsewhere.test:${port}/hello.txt`,
      ]),
    ).rejects.toThrow(/certificate|SSL/i);
  });

  it('keeps the key readable by its owner only, and says its fingerprint as AB:CD:…', async () => {
    const made = await new CertificateStore(dir.path, () => LOOPBACK).ensure();
    if (process.platform !== 'win32') expect(statSync(made.keyFile).mode & 0o777).toBe(0o600);
    expect(made.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const cert = new X509Certificate(readFileSync(made.certFile));
    expect(made.fingerprint).toBe(cert.fingerprint256);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.checkIP('::1')).toBe('::1');
    expect(Date.parse(made.validUntil)).toBeGreaterThan(Date.now() + 800 * 86_400_000);
  });

  it('covers every name and address of this computer', async () => {
    const wanted = machineNames();
    expect(wanted.dns).toContain('localhost');
    expect(wanted.ips).toEqual(expect.arrayContaining(['127.0.0.1', '::1']));
    const made = await new CertificateStore(dir.path).ensure();
    const cert = new X509Certificate(readFileSync(made.certFile));
    for (const name of wanted.dns) expect(cert.checkHost(name)).toBe(name);
    for (const ip of wanted.ips) expect(cert.checkIP(ip)).toBe(ip);
  });

  it('makes a kept key file private again (0644 → 0600) when it reuses it', async () => {
    if (process.platform === 'win32') return;
    const store = new CertificateStore(dir.path, () => LOOPBACK);
    const made = await store.ensure();
    chmodSync(made.keyFile, 0o644);
    const again = await store.ensure();
    expect(again.fingerprint).toBe(made.fingerprint);
    expect(statSync(made.keyFile).mode & 0o777).toBe(0o600);
  });

  it('reuses the kept certificate, and two servers starting together share one', async () => {
    const store = new CertificateStore(dir.path, () => LOOPBACK);
    const [a, b] = await Promise.all([store.ensure(), store.ensure()]);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(b.renewal).toBeUndefined();
    const again = await new CertificateStore(dir.path, () => LOOPBACK).ensure();
    expect(again.fingerprint).toBe(a.fingerprint);
    expect(again.renewal).toBeUndefined();
  });

  it('makes a new one, and says why, when an address is no longer covered', async () => {
    const first = await new CertificateStore(dir.path, () => LOOPBACK).ensure();
    const moved = { dns: ['localhost'], ips: [...LOOPBACK.ips, '192.0.2.7'] };
    const second = await new CertificateStore(dir.path, () => moved).ensure();
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.renewal).toMatch(/192\.0\.2\.7 was not in the old certificate.*trust it again/);
    const cert = new X509Certificate(readFileSync(second.certFile));
    expect(cert.checkIP('192.0.2.7')).toBe('192.0.2.7');
  });

  it('makes a new one when the kept one is about to expire', async () => {
    const first = await new CertificateStore(dir.path, () => LOOPBACK).ensure();
    const later = Date.parse(first.validUntil) - 86_400_000; // a day before it expires
    const second = await new CertificateStore(
      dir.path,
      () => LOOPBACK,
      () => later,
    ).ensure();
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.renewal).toMatch(/had expired/);
  });

  it('makes a new one when the key file is another certificate’s', async () => {
    const store = new CertificateStore(dir.path, () => LOOPBACK);
    const first = await store.ensure();
    await makeOpensslCertificate(dir.path, 'other');
    writeFileSync(first.keyFile, readFileSync(`${dir.path}/other-key.pem`));
    const second = await store.ensure();
    expect(second.fingerprint).not.toBe(first.fingerprint);
    const port = await serveWith(second.certFile, second.keyFile);
    expect(await curl(['--cacert', second.certFile, `https://localhost:${port}/hello.txt`])).toBe(
      'hello over tls\n',
    );
  });
});
