/**
 * This machine's addresses, free ports and the URLs a browser can use to reach a server.
 * Node only (no electron): the server host and the renderer's Playwright bridge both use it.
 */
import net from 'node:net';
import os from 'node:os';
import { isLinkLocalIPv6 } from '../shared/interface-label.js';
import type { NetworkAddress, ServerLink } from '../shared/ipc.js';

/** How many ports after a taken one `findFreePort` tries before asking the OS for any. */
const NEARBY_PORTS_TRIED = 20;

/** Every address of every interface, loopback first, then IPv4 before IPv6. */
export function listAddresses(): NetworkAddress[] {
  const result: NetworkAddress[] = [];
  for (const [name, infos] of Object.entries(os.networkInterfaces())) {
    for (const info of infos ?? []) {
      // Node 18.0–18.3 reported family as a number; later versions as 'IPv4' / 'IPv6'.
      const family = String(info.family) === '6' || info.family === 'IPv6' ? 'IPv6' : 'IPv4';
      const address =
        family === 'IPv6' && isLinkLocalIPv6(info.address) && !info.address.includes('%')
          ? `${info.address}%${name}`
          : info.address;
      result.push({ name, address, family, internal: info.internal });
    }
  }
  return result.sort(
    (a, b) =>
      Number(b.internal) - Number(a.internal) ||
      (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1),
  );
}

/** The settings accept `[::1]` as well as `::1`; sockets want the bare form. */
export function normalizeBind(bind: string): string {
  const trimmed = bind.trim();
  return trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
}

/** True for '' and the wildcard addresses: the server listens on every interface. */
export function isAllInterfaces(bind: string): boolean {
  const host = normalizeBind(bind);
  return host === '' || host === '0.0.0.0' || host === '::';
}

/** RFC 3986 §3.2.2: an IPv6 literal goes in brackets; RFC 6874: its zone's '%' becomes '%25'. */
export function hostForUrl(address: string): string {
  if (!address.includes(':')) return address;
  return `[${address.replace('%', '%25')}]`;
}

function url(address: string, port: number, scheme: 'http' | 'https'): string {
  return `${scheme}://${hostForUrl(address)}:${port}/`;
}

/**
 * The addresses that reach a server bound to `bind`:`port`, each with its interface. Bound
 * to all interfaces it is every address of this machine, the network ones first (those are
 * what a phone can use), IPv4 before IPv6, without link-local IPv6 (browsers cannot use it
 * without a zone) and without duplicates; '0.0.0.0' is IPv4 only, '' and '::' dual-stack.
 */
export function linksFor(
  bind: string,
  port: number,
  scheme: 'http' | 'https' = 'http',
): ServerLink[] {
  const host = normalizeBind(bind);
  if (!isAllInterfaces(host)) {
    const known = listAddresses().find((a) => a.address === host);
    const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
    return [{ url: url(host, port, scheme), interface: known?.name ?? '', internal: loopback }];
  }
  const ipv4Only = host === '0.0.0.0';
  const seen = new Set<string>();
  const links: ServerLink[] = [];
  const addresses = listAddresses().sort(
    (a, b) =>
      Number(a.internal) - Number(b.internal) ||
      (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1),
  );
  for (const a of addresses) {
    if ((ipv4Only && a.family !== 'IPv4') || isLinkLocalIPv6(a.address)) continue;
    const link = url(a.address, port, scheme);
    if (seen.has(link)) continue;
    seen.add(link);
    links.push({ url: link, interface: a.name, internal: a.internal });
  }
  return links;
}

export function urlsFor(bind: string, port: number): string[] {
  return linksFor(bind, port).map((link) => link.url);
}

/** The port bound when `port` can be listened on at `bind` right now (port 0: any), else null. */
function canListen(bind: string, port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', () => resolve(null));
    const host = normalizeBind(bind);
    // Omitting the host is what the engine does for '': '::' dual-stack, or 0.0.0.0 without IPv6.
    probe.listen({ port, host: host === '' ? undefined : host, exclusive: true }, () => {
      const address = probe.address();
      const bound = typeof address === 'object' && address !== null ? address.port : null;
      probe.close(() => resolve(bound));
    });
  });
}

/**
 * A port that was free on `bind` when we looked. With `near` it first tries the ports just
 * after it (8001 is a friendlier suggestion than 41873), then lets the OS choose (port 0).
 */
export async function findFreePort(bind: string, near?: number): Promise<number> {
  if (near !== undefined && Number.isInteger(near)) {
    const first = Math.max(1024, near + 1);
    for (let port = first; port < first + NEARBY_PORTS_TRIED && port <= 65535; port++) {
      if ((await canListen(bind, port)) !== null) return port;
    }
  }
  const port = await canListen(bind, 0);
  if (port === null)
    throw new Error(`No free port could be found on "${bind || 'all interfaces'}".`);
  return port;
}
