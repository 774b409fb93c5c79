/**
 * "A certificate for this computer" (docs/architecture.md § Desktop app: HTTPS): a
 * self-signed certificate made with `selfsigned` (X.509 by @peculiar/x509 over WebCrypto,
 * no hand-written ASN.1), valid for every name and address this computer is reached by,
 * kept in a folder (the app's user-data folder; tests pass a temporary one) and reused, so
 * a phone that trusted it once keeps trusting it. A new one is made only when the files are
 * missing or unusable, when it expires, or when this computer's names or addresses are no
 * longer all in it — and the answer says so, because every phone must then trust it again.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isLinkLocalIPv6 } from '../shared/interface-label.js';
import { listAddresses } from './network.js';
import { machineHostNames } from './server/host-check.js';

/** The names and addresses a certificate must cover (RFC 6125 §6.4: DNS names and IPs). */
export interface MachineNames {
  dns: string[];
  ips: string[];
}

export interface ComputerCertificate {
  certFile: string;
  keyFile: string;
  /** SHA-256 of the certificate, AB:CD:… (what a phone's trust dialog shows). */
  fingerprint: string;
  /** ISO date after which browsers refuse it. */
  validUntil: string;
  /** Set when this call made a new certificate: why, in a sentence for the panel. */
  renewal?: string;
}

/**
 * Apple refuses TLS server certificates valid for more than 825 days even when the person
 * trusted them by hand ("Requirements for trusted certificates in iOS 13 and macOS 10.15").
 */
const VALID_DAYS = 825;
/** Renewed this long before it expires, so a demo next week does not stop mid-way. */
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const CERT_NAME = 'computer-cert.pem';
const KEY_NAME = 'computer-key.pem';

/** A DNS label sequence a SAN can hold (RFC 1123 §2.1 host names; `_` and spaces are not). */
const DNS_NAME = /^(?!-)[a-z0-9-]{1,63}(?:\.(?!-)[a-z0-9-]{1,63})*$/;

/**
 * Every name and address this computer is reached by right now: localhost and loopback,
 * its host names (os.hostname(), its first label, that label + `.local`), and each address
 * of each interface except link-local IPv6, which a browser cannot use without a zone.
 */
export function machineNames(hostname = os.hostname()): MachineNames {
  const dns = ['localhost', ...machineHostNames(hostname)].filter((name) => DNS_NAME.test(name));
  const ips = ['127.0.0.1', '::1'];
  for (const { address } of listAddresses()) {
    if (isLinkLocalIPv6(address)) continue;
    ips.push(address.replace(/%.*$/, ''));
  }
  return { dns: [...new Set(dns)], ips: [...new Set(ips)] };
}

/** The names in `wanted` the certificate does not cover (Node's own RFC 6125 matching). */
export function uncoveredNames(cert: X509Certificate, wanted: MachineNames): string[] {
  return [
    ...wanted.dns.filter((name) => cert.checkHost(name, { wildcards: false }) === undefined),
    ...wanted.ips.filter((ip) => cert.checkIP(ip) === undefined),
  ];
}

async function makeCertificate(names: MachineNames, now: number) {
  // Loaded on first use: most runs never make a certificate, and the app starts faster.
  const { generate } = await import('selfsigned');
  const host = names.dns.find((name) => name !== 'localhost') ?? 'localhost';
  return generate([{ name: 'commonName', value: `HTTP Desk on ${host}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - DAY_MS), // a phone whose clock is a little behind
    notAfterDate: new Date(now + VALID_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.dns.map((value) => ({ type: 2 as const, value })),
          ...names.ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
}

/** Writes `text` to `file` whole or not at all (temp file + rename), readable by us only. */
async function writePrivately(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, file);
  await chmod(file, 0o600); // rename keeps the temp's mode; this also fixes an older file
}

type Existing =
  | { usable: true; cert: X509Certificate }
  | { usable: false; why: 'missing' | 'expired' | 'names'; uncovered?: string[] };

export class CertificateStore {
  /** One check or generation at a time: two servers starting together share one certificate. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly folder: string,
    private readonly names: () => MachineNames = () => machineNames(),
    private readonly now: () => number = Date.now,
  ) {}

  get certFile(): string {
    return path.join(this.folder, CERT_NAME);
  }

  get keyFile(): string {
    return path.join(this.folder, KEY_NAME);
  }

  /** The computer's certificate: the kept one while it is usable, else a new one. */
  ensure(): Promise<ComputerCertificate> {
    const next = this.#queue.then(
      () => this.#ensure(),
      () => this.#ensure(),
    );
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #ensure(): Promise<ComputerCertificate> {
    const wanted = this.names();
    const existing = await this.#readExisting(wanted);
    if (existing.usable) {
      await chmod(this.keyFile, 0o600).catch(() => undefined);
      return this.#describe(existing.cert);
    }
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const made = await makeCertificate(wanted, this.now());
    await writePrivately(this.keyFile, made.private);
    await writePrivately(this.certFile, made.cert);
    return { ...this.#describe(new X509Certificate(made.cert)), renewal: renewalNote(existing) };
  }

  async #readExisting(wanted: MachineNames): Promise<Existing> {
    let cert: X509Certificate;
    try {
      const [certPem, keyPem] = await Promise.all([
        readFile(this.certFile),
        readFile(this.keyFile),
      ]);
      cert = new X509Certificate(certPem);
      // Files from two different runs (an interrupted write) do not make a pair.
      if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return { usable: false, why: 'missing' };
    } catch {
      return { usable: false, why: 'missing' };
    }
    if (Date.parse(cert.validTo) - RENEW_BEFORE_MS <= this.now()) {
      return { usable: false, why: 'expired' };
    }
    const uncovered = uncoveredNames(cert, wanted);
    if (uncovered.length > 0) return { usable: false, why: 'names', uncovered };
    return { usable: true, cert };
  }

  #describe(cert: X509Certificate): ComputerCertificate {
    return {
      certFile: this.certFile,
      keyFile: this.keyFile,
      fingerprint: cert.fingerprint256,
      validUntil: new Date(Date.parse(cert.validTo)).toISOString(),
    };
  }
}

function renewalNote(existing: Existing & { usable: false }): string {
  if (existing.why === 'missing') {
    return 'Made a new certificate for this computer: each phone will ask to trust it once.';
  }
  if (existing.why === 'expired') {
    return 'The certificate for this computer had expired, so a new one was made: each phone will ask to trust it again.';
  }
  const names = existing.uncovered ?? [];
  const verb = names.length === 1 ? 'was' : 'were';
  return `This computer’s names or addresses changed (${names.join(', ')} ${verb} not in the old certificate), so a new one was made: each phone will ask to trust it again.`;
}
