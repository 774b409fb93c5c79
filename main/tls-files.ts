/**
 * `httpdesk`'s HTTPS flags (Python 3.14's `--tls-cert`, `--tls-key`, `--tls-password-file`)
 * turned into server options, and what went wrong said in one line a person can act on
 * (docs/architecture.md § Engine: HTTPS).
 */
import { readFile } from 'node:fs/promises';
import type { HTTPSOptions } from './server/https-server.js';

export interface TlsFlags {
  cert: string;
  key: string | undefined;
  passwordFile: string | undefined;
}

/** The password: the first line of the file (Python reads it the same way). */
export async function readTlsPassword(file: string): Promise<string> {
  const text = await readFile(file, 'utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

/** One line for an error thrown while loading the certificate and key. */
export function explainTlsError(err: unknown, flags: TlsFlags): string {
  const error = err as NodeJS.ErrnoException;
  const keyFile = flags.key ?? flags.cert;
  if (error.code === 'ENOENT' || error.code === 'EACCES' || error.code === 'EISDIR') {
    const file = error.path ?? flags.cert;
    const why =
      error.code === 'ENOENT'
        ? 'no such file'
        : error.code === 'EACCES'
          ? 'permission denied'
          : 'it is a folder';
    return `cannot read '${file}': ${why}`;
  }
  const message = error.message ?? String(err);
  if (/bad decrypt|bad password|interrupted or cancelled|maybe wrong password/i.test(message))
    return `cannot decrypt the key in '${keyFile}': wrong or missing password (--tls-password-file FILE)`;
  if (/key values mismatch/i.test(message))
    return `the key in '${keyFile}' does not belong to the certificate in '${flags.cert}'`;
  if (/no start line|unsupported|bad base64|PEM/i.test(message))
    return `'${flags.cert}' or '${keyFile}' is not a PEM certificate and key (${message})`;
  return `cannot use the certificate '${flags.cert}' and key '${keyFile}': ${message}`;
}

/** Server options from the flags (the password file is read here). */
export async function httpsOptionsFrom(flags: TlsFlags): Promise<HTTPSOptions> {
  return {
    certfile: flags.cert,
    ...(flags.key !== undefined ? { keyfile: flags.key } : {}),
    ...(flags.passwordFile !== undefined
      ? { password: await readTlsPassword(flags.passwordFile) }
      : {}),
  };
}
