/**
 * `httpdesk`'s HTTPS flags (Python 3.14's `--tls-cert`, `--tls-key`, `--tls-password-file`)
 * turned into server options, and what went wrong said in one line a person can act on
 * (docs/architecture.md § Engine: HTTPS).
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
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

/** Which of the three files an error is about, and what is wrong with it, in one line. */
export interface TlsProblem {
  file: 'cert' | 'key' | 'password';
  text: string;
  /** The `httpdesk` flag that fixes it, for the CLI's line. */
  flag?: string;
}

/** Whether `file` holds a PEM certificate Node can read (a failed load may be the key's fault). */
function holdsCertificate(file: string): boolean {
  try {
    new X509Certificate(readFileSync(file));
    return true;
  } catch {
    return false;
  }
}

/**
 * What went wrong loading the certificate, key and password, said once for the CLI (one
 * line) and the app (a message next to the field the `file` names).
 */
export function tlsProblem(err: unknown, flags: TlsFlags): TlsProblem {
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
    const which = file === flags.passwordFile ? 'password' : file === flags.key ? 'key' : 'cert';
    return { file: which, text: `cannot read '${file}': ${why}` };
  }
  const message = error.message ?? String(err);
  if (/bad decrypt|bad password|interrupted or cancelled|maybe wrong password/i.test(message))
    return {
      file: 'password',
      text: `cannot decrypt the key in '${keyFile}': wrong or missing password`,
      flag: '--tls-password-file FILE',
    };
  if (/key values mismatch/i.test(message))
    return {
      file: 'key',
      text: `the key in '${keyFile}' does not belong to the certificate in '${flags.cert}'`,
    };
  if (/no start line|unsupported|bad base64|PEM/i.test(message))
    return {
      file: holdsCertificate(flags.cert) ? 'key' : 'cert',
      text: `'${flags.cert}' or '${keyFile}' is not a PEM certificate and key (${message})`,
    };
  return {
    file: 'cert',
    text: `cannot use the certificate '${flags.cert}' and key '${keyFile}': ${message}`,
  };
}

/** One line for `httpdesk`: the problem, and the flag that fixes a missing password. */
export function explainTlsError(err: unknown, flags: TlsFlags): string {
  const problem = tlsProblem(err, flags);
  return problem.flag ? `${problem.text} (${problem.flag})` : problem.text;
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
