/**
 * HTTPS from the command line (Python 3.14's --tls-cert/--tls-key/--tls-password-file) on
 * real sockets: curl with --cacert against a generated certificate, keep-alive over TLS, a
 * plain-HTTP request answered 400 at once, and one line + exit 1 for every bad file.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltLib } from '../helpers/built-lib.js';
import { runCli, type CliRun } from '../helpers/cli-process.js';
import { parseResponse } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import { curl, makeOpensslCertificate } from '../helpers/tls-test-files.js';

const STARTUP = /^Serving HTTPS on (\S+) port (\d+) \(https:\/\/(\S+):(\d+)\/\) \.\.\.\n/;
let dir = '';
const running: CliRun[] = [];
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  await ensureBuiltLib();
  dir = await mkdtemp(path.join(tmpdir(), 'httpdesk-https-'));
  await makeOpensslCertificate(dir, 'plain');
  await makeOpensslCertificate(dir, 'other');
  await makeOpensslCertificate(dir, 'locked', 'hunter2');
  await writeFile(file('password.txt'), 'hunter2\n');
  await writeFile(file('wrong.txt'), 'nope\n');
  const both =
    (await readFile(file('plain-cert.pem'), 'utf8')) +
    (await readFile(file('plain-key.pem'), 'utf8'));
  await writeFile(file('both.pem'), both);
  await writeFile(file('hello.txt'), 'hello over tls\n');
}, 120_000);

afterAll(async () => {
  for (const r of running) r.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

async function serve(args: string[]): Promise<{ run: CliRun; port: number }> {
  const r = runCli(['0', '-b', '127.0.0.1', '-d', dir, ...args]);
  running.push(r);
  const match = await r.waitFor(STARTUP);
  return { run: r, port: Number(match[2]) };
}

describe('--tls-cert', () => {
  it('curl --cacert verifies the certificate; two requests share one TLS connection', async () => {
    const { run: server, port } = await serve([
      '-p',
      'HTTP/1.1',
      '--tls-cert',
      file('plain-cert.pem'),
      '--tls-key',
      file('plain-key.pem'),
    ]);
    expect(server.stdout()).toBe(
      `Serving HTTPS on 127.0.0.1 port ${port} (https://127.0.0.1:${port}/) ...\n`,
    );
    const url = `https://localhost:${port}/hello.txt`;
    const out = await curl([
      '--cacert',
      file('plain-cert.pem'),
      url,
      url,
      '-w',
      '%{http_code} %{num_connects} %{ssl_verify_result}\\n',
    ]);
    expect(out).toBe('hello over tls\n200 1 0\nhello over tls\n200 0 0\n');
    await server.waitFor(/"GET \/hello.txt HTTP\/1.1" 200/, 'stderr');
  });

  it('the key may sit in the certificate file; TLS 1.1 is refused', async () => {
    const { port } = await serve(['--tls-cert', file('both.pem')]);
    const url = `https://127.0.0.1:${port}/hello.txt`;
    expect(await curl(['--cacert', file('plain-cert.pem'), url])).toBe('hello over tls\n');
    await expect(
      curl(['--cacert', file('plain-cert.pem'), '--tls-max', '1.1', url]),
    ).rejects.toThrow();
  });

  it('an encrypted key with --tls-password-file', async () => {
    const { port } = await serve([
      '--tls-cert',
      file('locked-cert.pem'),
      '--tls-key',
      file('locked-key.pem'),
      '--tls-password-file',
      file('password.txt'),
    ]);
    const url = `https://localhost:${port}/hello.txt`;
    expect(await curl(['--cacert', file('locked-cert.pem'), url])).toBe('hello over tls\n');
  });

  it('plain HTTP on the HTTPS port gets a 400 page saying to use https://, at once', async () => {
    const { port } = await serve(['--tls-cert', file('both.pem')]);
    const result = await rawRequest(port, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(result.closed).toBe(true);
    const response = parseResponse(result.bytes);
    expect(response.status).toBe(400);
    expect(response.body.toString()).toContain('https://');
  });
});

describe('bad TLS files: one line, exit 1', () => {
  async function failure(args: string[]): Promise<string> {
    const r = runCli(['0', '-b', '127.0.0.1', '-d', dir, ...args]);
    running.push(r);
    expect(await r.exited).toBe(1);
    expect(r.stderr()).not.toMatch(/^\s+at /m);
    return r.stderr();
  }

  it('a missing certificate file', async () => {
    expect(await failure(['--tls-cert', file('missing.pem')])).toBe(
      `httpdesk: error: cannot read '${file('missing.pem')}': no such file\n`,
    );
  });

  it('a wrong password', async () => {
    const args = ['--tls-cert', file('locked-cert.pem'), '--tls-key', file('locked-key.pem')];
    const message = `httpdesk: error: cannot decrypt the key in '${file('locked-key.pem')}': wrong or missing password (--tls-password-file FILE)\n`;
    expect(await failure([...args, '--tls-password-file', file('wrong.txt')])).toBe(message);
  });

  it('a key that does not match the certificate', async () => {
    expect(
      await failure(['--tls-cert', file('plain-cert.pem'), '--tls-key', file('other-key.pem')]),
    ).toBe(
      `httpdesk: error: the key in '${file('other-key.pem')}' does not belong to the certificate in '${file('plain-cert.pem')}'\n`,
    );
  });

  it('--tls-key without --tls-cert is a usage error (exit 2)', async () => {
    const r = runCli(['--tls-key', file('plain-key.pem')]);
    running.push(r);
    expect(await r.exited).toBe(2);
    expect(r.stderr().trimEnd().split('\n').at(-1)).toBe(
      'httpdesk: error: argument --tls-key: needs --tls-cert',
    );
  });
});
