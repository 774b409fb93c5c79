/** shared/tls-settings.ts through validateServerConfig: HTTPS fields as the panel and main read them. */
import { describe, expect, it } from 'vitest';
import {
  defaultServerConfig,
  repairAppSettings,
  validateServerConfig,
} from '../../shared/settings.js';

const base = defaultServerConfig('one', '/srv/site');

describe('validateServerConfig: HTTPS', () => {
  it('a config from before HTTPS (no tls fields) reads as plain HTTP', () => {
    const { tls, tlsCertFile, tlsKeyFile, tlsPasswordFile, ...old } = base;
    expect([tls, tlsCertFile, tlsKeyFile, tlsPasswordFile]).toEqual(['off', '', '', '']);
    const result = validateServerConfig(old);
    expect(result.ok && result.value).toEqual(base);
    const file = {
      version: 1,
      servers: [old],
      recentFolders: [],
      window: { width: 900, height: 700 },
    };
    const { settings, problems } = repairAppSettings(file);
    expect(problems).toEqual([]);
    expect(settings.servers[0]?.tls).toBe('off');
  });

  it.each([
    [{ tls: 'generated' }, { tls: 'generated', tlsCertFile: '' }],
    [
      { tls: 'files', tlsCertFile: ' /etc/ssl/me.pem ', tlsKeyFile: '', tlsPasswordFile: '' },
      { tls: 'files', tlsCertFile: '/etc/ssl/me.pem' },
    ],
    // Paths picked before are kept while HTTPS is off, so switching back finds them.
    [
      { tls: 'off', tlsCertFile: '/etc/ssl/me.pem' },
      { tls: 'off', tlsCertFile: '/etc/ssl/me.pem' },
    ],
  ])('accepts %j', (fields, expected) => {
    const result = validateServerConfig({ ...base, ...fields });
    expect(result.ok && result.value).toMatchObject(expected);
  });

  it.each([
    ['an unknown mode', { tls: 'ssl3' }, 'tls', /Choose plain HTTP/],
    ['files without a certificate', { tls: 'files' }, 'tlsCertFile', /Choose the certificate/],
    ['a path that is not text', { tlsKeyFile: 42 }, 'tlsKeyFile', /must be a path/],
    ['a NUL in a path', { tlsPasswordFile: 'a\0b' }, 'tlsPasswordFile', /not valid/],
  ])('refuses %s, next to the field', (_why, fields, field, message) => {
    const result = validateServerConfig({ ...base, ...fields });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[field as keyof typeof result.errors]).toMatch(message);
  });
});
