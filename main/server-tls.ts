/**
 * A server's HTTPS settings turned into the engine's HTTPS options and the certificate the
 * panel shows, or a failure naming the field to fix (docs/architecture.md § Desktop app:
 * HTTPS). The certificate and key are loaded here once before any port is taken, so a
 * missing file, a wrong password or a key from another certificate is a message next to
 * its field, never a crash; the wording is the CLI's (tls-files.ts).
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ServerCertificate, ServerFailure } from '../shared/ipc.js';
import type { ServerConfig } from '../shared/settings.js';
import type { TlsField } from '../shared/tls-settings.js';
import type { CertificateStore } from './certificate-store.js';
import { expandHome } from './folder-check.js';
import { createTlsContext, type HTTPSOptions } from './server/index.js';
import { httpsOptionsFrom, tlsProblem, type TlsFlags, type TlsProblem } from './tls-files.js';

export interface PreparedTls {
  options: Pick<HTTPSOptions, 'certfile' | 'keyfile' | 'password'>;
  certificate: ServerCertificate;
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function fieldOf(problem: TlsProblem, flags: TlsFlags): TlsField {
  if (problem.file === 'password') return 'tlsPasswordFile';
  return problem.file === 'key' && flags.key !== undefined ? 'tlsKeyFile' : 'tlsCertFile';
}

/** The person's own certificate and key files, checked by loading them. */
async function fromFiles(config: ServerConfig): Promise<PreparedTls | { failure: ServerFailure }> {
  const flags: TlsFlags = {
    cert: expandHome(config.tlsCertFile),
    key: config.tlsKeyFile === '' ? undefined : expandHome(config.tlsKeyFile),
    passwordFile: config.tlsPasswordFile === '' ? undefined : expandHome(config.tlsPasswordFile),
  };
  try {
    const options = await httpsOptionsFrom(flags);
    createTlsContext(options);
    const cert = new X509Certificate(await readFile(flags.cert));
    return {
      options,
      certificate: {
        fingerprint: cert.fingerprint256,
        generated: false,
        validUntil: new Date(Date.parse(cert.validTo)).toISOString(),
      },
    };
  } catch (error) {
    const problem = tlsProblem(error, flags);
    const field = fieldOf(problem, flags);
    return { failure: { code: 'certificate', field, message: sentence(problem.text) } };
  }
}

/** The HTTPS options for `config` (which must use TLS), or why the server cannot start. */
export async function prepareTls(
  config: ServerConfig,
  store: CertificateStore | null,
): Promise<PreparedTls | { failure: ServerFailure }> {
  if (config.tls === 'files') return fromFiles(config);
  if (store === null) {
    return {
      failure: {
        code: 'certificate',
        field: 'tls',
        message: 'This app has no folder to keep a certificate in. Choose your own certificate.',
      },
    };
  }
  try {
    const made = await store.ensure();
    return {
      options: { certfile: made.certFile, keyfile: made.keyFile },
      certificate: {
        fingerprint: made.fingerprint,
        generated: true,
        validUntil: made.validUntil,
        ...(made.renewal !== undefined ? { renewal: made.renewal } : {}),
      },
    };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      failure: {
        code: 'certificate',
        field: 'tls',
        message: `A certificate for this computer could not be made in ${store.folder}: ${why}`,
      },
    };
  }
}
