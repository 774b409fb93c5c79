/** shared/settings.ts: address checks and validateServerConfig, as the panel and main use them. */
import { describe, expect, it } from 'vitest';
import {
  defaultServerConfig,
  isIPv4,
  isIPv6,
  isServerId,
  validateBindAddress,
  validatePort,
  validateServerConfig,
} from '../../shared/settings.js';

describe('isIPv4', () => {
  it.each([
    ['127.0.0.1', true],
    ['0.0.0.0', true],
    ['255.255.255.255', true],
    ['256.0.0.1', false],
    ['01.2.3.4', false], // leading zero: some stacks read it as octal
    ['1.2.3', false],
    ['1.2.3.4.5', false],
    ['1.2.3.a', false],
    ['', false],
  ])('%j → %s', (text, ok) => expect(isIPv4(text)).toBe(ok));
});

describe('isIPv6 (RFC 4291 §2.2 text forms)', () => {
  it.each([
    ['::', true],
    ['::1', true],
    ['fe80::1%eth0', true],
    ['2001:db8::8a2e:370:7334', true],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', true],
    ['::ffff:192.168.1.1', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1:2:3:4:5:6:7', false],
    ['1::2::3', false],
    ['12345::1', false],
    ['::ffff:999.1.1.1', false],
    ['fe80::1%', false],
    ['fe80::1%eth 0', false],
    ['g::1', false],
    ['', false],
    ['127.0.0.1', false],
  ])('%j → %s', (text, ok) => expect(isIPv6(text)).toBe(ok));
});

describe('validateBindAddress', () => {
  it.each([
    ['', null],
    ['localhost', null],
    ['127.0.0.1', null],
    ['::1', null],
    ['[::1]', null],
    ['example.com', 'Enter an IP address'],
    ['1.2.3', 'Enter an IP address'],
  ])('%j → %s', (bind, message) => {
    const result = validateBindAddress(bind);
    if (message === null) expect(result).toBeNull();
    else expect(result).toContain(message);
  });
});

describe('validatePort', () => {
  it.each([
    [0, null],
    [8000, null],
    [65535, null],
    [65536, 'between 0 and 65535'],
    [-1, 'between 0 and 65535'],
    [80.5, 'whole number'],
    ['80', 'whole number'],
    [Number.NaN, 'whole number'],
  ])('%j → %s', (port, message) => {
    const result = validatePort(port);
    if (message === null) expect(result).toBeNull();
    else expect(result).toContain(message);
  });
});

describe('isServerId', () => {
  it.each([
    ['site', true],
    ['srv-1-abc', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['Site', false],
    ['a b', false],
    ['', false],
    [42, false],
  ])('%j → %s', (id, ok) => expect(isServerId(id)).toBe(ok));
});

describe('validateServerConfig', () => {
  const good = { ...defaultServerConfig('site', '/srv/site'), bind: ' 127.0.0.1 ' };

  it('accepts a valid config and trims the address', () => {
    expect(validateServerConfig(good)).toEqual({
      ok: true,
      value: { ...good, bind: '127.0.0.1' },
    });
  });

  it.each([
    ['id', { id: 'Bad Id' }, 'Invalid server id.'],
    ['folder', { folder: '   ' }, 'Choose a folder to serve.'],
    ['folder', { folder: '/a\0b' }, 'This folder path is not valid.'],
    ['folder', { folder: '/' + 'a'.repeat(4096) }, 'This folder path is not valid.'],
    ['bind', { bind: 42 }, 'Choose an address to listen on.'],
    ['bind', { bind: 'nowhere' }, 'Enter an IP address'],
    ['port', { port: 70000 }, 'between 0 and 65535'],
    ['protocol', { protocol: 'HTTP/2' }, 'Choose HTTP/1.0 or HTTP/1.1.'],
    ['cgi', { cgi: 'yes' }, 'CGI mode must be on or off.'],
    ['followSymlinks', { followSymlinks: 1 }, 'Symlink policy must be on or off.'],
  ])('names the %s field when it is %j', (field, patch, message) => {
    const result = validateServerConfig({ ...good, ...patch });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[field as keyof typeof result.errors]).toContain(message);
  });

  it.each([null, [], 'x', 42])('refuses %j as not an object', (input) => {
    expect(validateServerConfig(input).ok).toBe(false);
  });
});

describe('validateServerConfig: allowed host names', () => {
  const base = defaultServerConfig('one', '/srv/site');
  it.each([
    [undefined, []], // a settings file or panel from before the field
    [[], []],
    [
      ['mylaptop.lan', '.example.test'],
      ['mylaptop.lan', '.example.test'],
    ],
    [['*'], ['*']],
  ])('%j is accepted as %j', (allowedHosts, expected) => {
    const result = validateServerConfig({ ...base, allowedHosts });
    expect(result.ok && result.value.allowedHosts).toEqual(expected);
  });
  it.each([
    ['not a list', 'a-name'],
    ['a name with a space', ['two words']],
    ['a name with a colon', ['evil.test:80']],
    ['a non-string entry', [42]],
    ['too many names', Array.from({ length: 65 }, (_, i) => `h${i}.test`)],
  ])('refuses %s, next to the field', (_why, allowedHosts) => {
    const result = validateServerConfig({ ...base, allowedHosts });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.allowedHosts).toMatch(/host name/i);
  });
});
