/** main/network.ts: addresses from the real interfaces, URL forms, free ports on real sockets. */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  findFreePort,
  hostForUrl,
  isAllInterfaces,
  listAddresses,
  normalizeBind,
  urlsFor,
} from '../../main/network.js';
import { canListen, close, occupyPort, portOf } from './helpers.js';

describe('listAddresses', () => {
  it('lists every interface address, loopback first and IPv4 before IPv6', () => {
    const addresses = listAddresses();
    const expected = Object.values(os.networkInterfaces()).flat().length;
    expect(addresses).toHaveLength(expected);
    expect(addresses[0]).toMatchObject({ address: '127.0.0.1', family: 'IPv4', internal: true });
    const firstExternal = addresses.findIndex((a) => !a.internal);
    if (firstExternal !== -1)
      expect(addresses.slice(firstExternal).every((a) => !a.internal)).toBe(true);
    for (const a of addresses) expect(a.family === 'IPv4' || a.family === 'IPv6').toBe(true);
  });

  it('adds the interface as zone to link-local IPv6 addresses (they are useless without it)', () => {
    for (const a of listAddresses().filter((x) => /^fe80:/i.test(x.address))) {
      expect(a.address).toBe(`${a.address.split('%')[0]}%${a.name}`);
    }
  });
});

describe('URL forms', () => {
  it('puts IPv6 in brackets and escapes a zone as %25 (RFC 3986, RFC 6874)', () => {
    expect(hostForUrl('127.0.0.1')).toBe('127.0.0.1');
    expect(hostForUrl('::1')).toBe('[::1]');
    expect(hostForUrl('fe80::1%eth0')).toBe('[fe80::1%25eth0]');
  });

  it('normalizes binds and knows which mean every interface', () => {
    expect(normalizeBind(' [::1] ')).toBe('::1');
    expect(['', '0.0.0.0', '::', '[::]'].map(isAllInterfaces)).toEqual([true, true, true, true]);
    expect(['127.0.0.1', '::1', 'localhost'].map(isAllInterfaces)).toEqual([false, false, false]);
  });

  it('gives one URL for a specific address', () => {
    expect(urlsFor('127.0.0.1', 8000)).toEqual(['http://127.0.0.1:8000/']);
    expect(urlsFor('::1', 8000)).toEqual(['http://[::1]:8000/']);
    expect(urlsFor('[::1]', 8000)).toEqual(['http://[::1]:8000/']);
    expect(urlsFor('localhost', 9)).toEqual(['http://localhost:9/']);
  });

  it('gives every address of this machine for all interfaces, except link-local IPv6', () => {
    const urls = urlsFor('', 8000);
    const usable = listAddresses().filter((a) => !/^fe[89ab]/i.test(a.address));
    const expected = new Set(usable.map((a) => `http://${hostForUrl(a.address)}:8000/`));
    expect(new Set(urls)).toEqual(expected);
    expect(urls).toHaveLength(expected.size);
    // What a phone can use comes first; this computer's own addresses last.
    const firstLoopback = urls.findIndex((u) => /127\.0\.0\.1|\[::1\]/.test(u));
    expect(urls.slice(firstLoopback).every((u) => /127\.|\[::1\]/.test(u))).toBe(true);
    expect(urls).toContain('http://127.0.0.1:8000/');
    expect(urls.some((u) => u.includes('%'))).toBe(false);
  });

  it('gives only IPv4 addresses for 0.0.0.0', () => {
    const urls = urlsFor('0.0.0.0', 80);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((u) => !u.includes('['))).toBe(true);
  });
});

describe('findFreePort', () => {
  it('returns a port that can be listened on', async () => {
    const port = await findFreePort('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    expect(await canListen(port)).toBe(true);
  });

  it('suggests the next free port after a taken one', async () => {
    const blocker = await occupyPort();
    try {
      const taken = portOf(blocker);
      const next = await findFreePort('127.0.0.1', taken);
      expect(next).toBeGreaterThan(taken);
      expect(next - taken).toBeLessThanOrEqual(20);
      expect(await canListen(next)).toBe(true);
    } finally {
      await close(blocker);
    }
  });

  it('never suggests a privileged port', async () => {
    expect(await findFreePort('127.0.0.1', 79)).toBeGreaterThanOrEqual(1024);
  });

  it('works for all interfaces and IPv6 loopback', async () => {
    expect(await findFreePort('')).toBeGreaterThan(0);
    expect(await findFreePort('[::1]')).toBeGreaterThan(0);
  });

  it('rejects with a clear message for an address this machine does not have', async () => {
    await expect(findFreePort('203.0.113.7')).rejects.toThrow(
      'No free port could be found on "203.0.113.7"',
    );
  });
});
