// TLS for the benchmarks: a throw-away certificate for 127.0.0.1, and what a client
// negotiates with a server (version, cipher, ALPN), on loopback.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import { run } from './processes.mjs';

/**
 * A self-signed certificate valid for 127.0.0.1 and localhost, made by `openssl req -x509`
 * in `dir`: { cert, key } (file paths) and `pem` (the certificate, for clients to trust).
 * ECDSA P-256, what browsers and Let's Encrypt default to today.
 */
export async function makeCertificate(dir) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const { code, stderr } = await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  if (code !== 0) throw new Error(`openssl req failed (exit ${code}): ${stderr.trim()}`);
  return { cert, key, pem: await readFile(cert, 'utf8') };
}

/**
 * Connects with `options` added to a client that trusts `ca` and offers ALPN http/1.1;
 * answers { version, cipher, alpn } or { error } when the handshake fails.
 */
export function handshake(port, ca, options = {}) {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      ca,
      ALPNProtocols: ['http/1.1'],
      ...options,
    });
    const timer = setTimeout(() => finish({ error: 'no handshake within 10 s' }), 10_000);
    const finish = (result) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    socket.once('secureConnect', () =>
      finish({
        version: socket.getProtocol(),
        cipher: socket.getCipher()?.standardName ?? socket.getCipher()?.name ?? null,
        alpn: socket.alpnProtocol || null,
      }),
    );
    socket.once('error', (err) => finish({ error: err.code ?? err.message }));
  });
}

/**
 * What the server negotiates with a client on OpenSSL's defaults (wrk's too: it links the
 * system OpenSSL 3 and sets no version), what it gives a client capped at TLS 1.2, and
 * whether a TLS 1.1 client is refused (the floor is TLS 1.2). The 1.1 client lowers its
 * own security level, or OpenSSL 3 would refuse to offer 1.1 before the server is asked.
 */
export async function tlsFacts(port, ca) {
  const [best, tls12, tls11] = [
    await handshake(port, ca),
    await handshake(port, ca, { maxVersion: 'TLSv1.2' }),
    await handshake(port, ca, {
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.1',
      ciphers: 'DEFAULT@SECLEVEL=0',
    }),
  ];
  return { best, tls12, tls11Refused: Boolean(tls11.error), tls11 };
}
