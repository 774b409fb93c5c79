/**
 * The `Host` check against DNS rebinding (docs/architecture.md § Engine: Host check).
 *
 * A web page can point its own name at 127.0.0.1 (or at this machine's LAN address) and
 * then read the served folder from the visitor's browser: the browser thinks it talks to
 * the page's own origin, and only the `Host` header says otherwise. Like Vite
 * (CVE-2025-24010) and webpack-dev-server (CVE-2018-14732), a request naming a host that is
 * not this machine is refused. IP literals cannot be rebound (a page at http://1.2.3.4
 * already is that address), nor can `localhost` and `*.localhost` (RFC 6761 §6.3: they
 * resolve to loopback only).
 */
import { promises as dns } from 'node:dns';
import os from 'node:os';
import { isIPv4, isIPv6 } from '../../shared/settings.js';

/** Accepts every Host (Python's behaviour). */
export const ANY_HOST = '*';

export interface HostPolicy {
  /** `*` was allowed: every Host passes. */
  readonly any: boolean;
  /** Exact names (lower case, no trailing dot). */
  readonly names: ReadonlySet<string>;
  /** Allowed parent domains from `.example.com` entries: the name and its subdomains. */
  readonly suffixes: readonly string[];
}

/**
 * This machine's names as a browser on the LAN would use them: the hostname as the OS
 * reports it (often already the fully qualified name), its first label, and that label
 * with `.local` (mDNS, RFC 6762).
 */
export function machineHostNames(hostname = os.hostname()): string[] {
  const full = normalizeName(hostname);
  if (full === '') return [];
  const bare = full.split('.')[0] ?? full;
  return [...new Set([full, bare, `${bare}.local`])];
}

/**
 * A policy from the names a person allowed plus this machine's names. An entry `*` accepts
 * any Host; an entry starting with a dot (`.example.com`) accepts that domain and its
 * subdomains.
 */
export function makeHostPolicy(
  allowedHosts: readonly string[] = [],
  machineNames: readonly string[] = machineHostNames(),
): HostPolicy {
  const names = new Set<string>();
  const suffixes: string[] = [];
  let any = false;
  for (const entry of [...machineNames, ...allowedHosts]) {
    const name = normalizeName(entry);
    if (name === ANY_HOST) any = true;
    else if (name.startsWith('.') && name.length > 1) suffixes.push(name.slice(1));
    else if (name !== '') names.add(name);
  }
  return { any, names, suffixes };
}

/** Adds names found later (the fully qualified name, once its lookup answers). */
export function withMachineNames(policy: HostPolicy, extra: readonly string[]): HostPolicy {
  const names = new Set(policy.names);
  for (const name of extra) if (normalizeName(name) !== '') names.add(normalizeName(name));
  return { any: policy.any, names, suffixes: policy.suffixes };
}

/**
 * socket.getfqdn() without blocking: the name the hostname's address maps back to, or null.
 * Asked once per server at start-up; a machine without DNS answers null quickly.
 */
export async function lookupFullyQualifiedName(hostname = os.hostname()): Promise<string | null> {
  try {
    const { address } = await dns.lookup(hostname);
    const { hostname: fqdn } = await dns.lookupService(address, 80);
    return fqdn.includes('.') ? fqdn : null;
  } catch {
    return null;
  }
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * The host part of a `Host` field value (RFC 9110 §7.2: uri-host [ ":" port ]), lower case,
 * or null when the value is not that shape.
 */
export function hostOfHeader(value: string): string | null {
  const text = value.trim();
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1) return null;
    const rest = text.slice(close + 1);
    if (rest !== '' && !/^:[0-9]*$/.test(rest)) return null;
    return text.slice(0, close + 1).toLowerCase();
  }
  const colon = text.lastIndexOf(':');
  if (colon !== -1 && !/^[0-9]*$/.test(text.slice(colon + 1))) return null;
  const host = colon === -1 ? text : text.slice(0, colon);
  if (host.includes(':')) return null; // an IPv6 address must be in brackets
  return normalizeName(host);
}

/**
 * Whether a request with this `Host` value may be served. A request without Host (HTTP/1.0,
 * or HTTP/1.1 clients such as CPython's own test_http_1_1) cannot be a browser's, so it
 * passes; so does an empty Host (RFC 9110 §7.2: a target with no authority).
 */
export function isHostAllowed(value: string | undefined, policy: HostPolicy): boolean {
  if (policy.any || value === undefined || value.trim() === '') return true;
  const host = hostOfHeader(value);
  if (host === null) return false;
  if (host.startsWith('[')) return isIPv6(host.slice(1, -1));
  if (isIPv4(host)) return true;
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (policy.names.has(host)) return true;
  return policy.suffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/**
 * The name to show in the refusal: the Host value up to its port, cut to a length that fits
 * a status line (the page escapes it; the log scrubs it).
 */
export function refusedHostName(value: string): string {
  const host = hostOfHeader(value) ?? value.trim();
  return host.length > 100 ? `${host.slice(0, 100)}...` : host;
}
