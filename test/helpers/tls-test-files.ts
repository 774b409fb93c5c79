/**
 * HTTPS test material made by real tools: a self-signed certificate from openssl (optionally
 * with an encrypted key) and curl as the client that checks it against `--cacert`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * `dir/NAME-cert.pem` and `dir/NAME-key.pem`: a self-signed certificate for localhost,
 * 127.0.0.1 and ::1, made by openssl; the key is encrypted when a password is given.
 */
export async function makeOpensslCertificate(
  dir: string,
  name: string,
  password?: string,
): Promise<void> {
  const keyArgs = password ? ['-passout', `pass:${password}`] : ['-noenc'];
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    ...keyArgs,
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
    '-keyout',
    path.join(dir, `${name}-key.pem`),
    '-out',
    path.join(dir, `${name}-cert.pem`),
  ]);
}

/** curl's output (-sS, 10 s cap); rejects with curl's error when it fails (e.g. a bad certificate). */
export async function curl(args: string[]): Promise<string> {
  const { stdout } = await run('curl', ['-sS', '--max-time', '10', ...args]);
  return stdout;
}
