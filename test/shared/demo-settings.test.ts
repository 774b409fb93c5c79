/**
 * The demo options' rules (shared/response-header-settings.ts, shared/password-settings.ts)
 * as the panel and main use them through validateServerConfig, table-driven.
 */
import { describe, expect, it } from 'vitest';
import { passwordProblems, passwordWarning } from '../../shared/password-settings.js';
import {
  customHeaderProblems,
  responseHeaderPairs,
} from '../../shared/response-header-settings.js';
import { defaultServerConfig, validateServerConfig } from '../../shared/settings.js';

const base = defaultServerConfig('s1', '/srv/site');

describe('response headers', () => {
  it('turns presets and lines into the engine’s pairs, presets first', () => {
    expect(
      responseHeaderPairs({ presets: ['cors', 'isolation'], custom: ['X-Demo:  yes '] }),
    ).toEqual([
      ['Access-Control-Allow-Origin', '*'],
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Cross-Origin-Embedder-Policy', 'require-corp'],
      ['X-Demo', 'yes'],
    ]);
  });

  it.each([
    ['X-Demo: yes', null],
    ['', null], // a blank line is dropped, not an error
    ['X-Demo yes', /is not "Name: value"/],
    ['Bad Name: x', /is not a header name/],
    ['X-Demo: a\u0007b', /control character/],
    ['Cache-Control: max-age=60', /"No caching \(for development\)" already sends Cache-Control/],
  ])('line %j → %s', (line, expected) => {
    const [problem] = customHeaderProblems(['no-cache'], [line]);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('names a line that repeats an earlier one, next to the later line', () => {
    expect(customHeaderProblems([], ['X-A: 1', 'x-a: 2'])).toEqual([
      null,
      'X-A is on an earlier line.',
    ]);
  });

  it.each([
    ['absent (a file from before the setting)', undefined, { presets: [], custom: [] }],
    [
      'blank lines and preset order',
      { presets: ['isolation', 'no-cache'], custom: ['', ' X-A: 1 '] },
      { presets: ['no-cache', 'isolation'], custom: ['X-A: 1'] },
    ],
  ])('validateServerConfig accepts %s', (_why, responseHeaders, expected) => {
    const result = validateServerConfig({ ...base, responseHeaders });
    expect(result.ok && result.value.responseHeaders).toEqual(expected);
  });

  it.each([
    ['not an object', 'Cache-Control: no-store', /presets and lines/],
    ['an unknown preset', { presets: ['everything'], custom: [] }, /Unknown/],
    ['a line that is not text', { presets: [], custom: [42] }, /must be text/],
    ['an injected line', { presets: [], custom: ['X: a\nSet-Cookie: b'] }, /^Line 1: /],
    [
      'more than 32 headers',
      { presets: [], custom: Array.from({ length: 33 }, (_, i) => `X-${i}: v`) },
      /At most 32/,
    ],
  ])('validateServerConfig refuses %s, next to the field', (_why, responseHeaders, message) => {
    const result = validateServerConfig({ ...base, responseHeaders });
    expect(!result.ok && result.errors.responseHeaders).toMatch(message);
  });
});

describe('single-page app', () => {
  it.each([
    [undefined, true, false],
    [true, true, true],
    ['yes', false, undefined],
  ])('spa %j → ok %s, value %s', (spa, ok, value) => {
    const result = validateServerConfig({ ...base, spa });
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.value.spa).toBe(value);
  });
});

describe('user name and password', () => {
  it.each([
    ['', '', {}],
    ['ann', 'pw:with:colons', {}],
    ['ann', '', { authPassword: /Enter a password/ }],
    ['', 'pw', { authUser: /Enter a user name/ }],
    ['a:b', 'pw', { authUser: /cannot contain ":"/ }],
    ['ann\n', 'pw', { authUser: /control characters/ }],
    ['ann', 'p\rw', { authPassword: /control characters/ }],
    ['ann', 'p\u0085w', { authPassword: /control characters/ }],
    ['x'.repeat(257), 'pw', { authUser: /At most 256/ }],
  ])('%j / %j → %s', (user, password, expected) => {
    const problems = passwordProblems(user, password);
    expect(Object.keys(problems).sort()).toEqual(Object.keys(expected).sort());
    for (const [field, message] of Object.entries(expected)) {
      expect(problems[field as keyof typeof problems]).toMatch(message);
    }
    const result = validateServerConfig({ ...base, authUser: user, authPassword: password });
    expect(result.ok).toBe(Object.keys(expected).length === 0);
  });

  it('a file from before the fields reads as no password', () => {
    const { authUser: _u, authPassword: _p, ...old } = base;
    const result = validateServerConfig(old);
    expect(result.ok && [result.value.authUser, result.value.authPassword]).toEqual(['', '']);
  });

  it.each([
    ['', 'pw', false, true], // every interface
    ['192.168.1.20', 'pw', false, true], // a LAN address
    ['::', 'pw', false, true],
    ['127.0.0.1', 'pw', false, false], // this computer only
    ['::1', 'pw', false, false],
    ['localhost', 'pw', false, false],
    ['', 'pw', true, false], // HTTPS
    ['', '', false, false], // no password
  ])('bind %j, password %j, https %s → warning %s', (bind, password, https, warns) => {
    expect(passwordWarning(bind, password, https) !== null).toBe(warns);
  });
});
