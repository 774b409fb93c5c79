/**
 * shared/settings.ts's app-settings rules, stated once and read two ways: strictly for what
 * the panel saves, leniently for the file on disk (docs/architecture.md § Desktop app:
 * window and settings).
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_RECENT_FOLDERS,
  MAX_SERVERS,
  defaultAppSettings,
  repairAppSettings,
  validateAppSettings,
  type AppSettings,
} from '../../shared/settings.js';
import { validAppSettings } from '../helpers/app-settings.js';

const valid = validAppSettings;

const server = valid().servers[0]!;

/** [name, input, strict problem, what the lenient reader keeps]. */
const BAD_FIELDS: Array<[string, unknown, RegExp, Partial<AppSettings>]> = [
  ['another version', { ...valid(), version: 2 }, /version must be 1/, { version: 1 }],
  ['servers not a list', { ...valid(), servers: 'x' }, /servers must be a list/, { servers: [] }],
  [
    'too many servers',
    {
      ...valid(),
      servers: Array.from({ length: MAX_SERVERS + 1 }, (_, i) => ({ ...server, id: `s${i}` })),
    },
    /at most 16 servers/,
    {},
  ],
  [
    'a duplicate server id',
    { ...valid(), servers: [server, server] },
    /server 2: server ids must be unique/,
    { servers: [server] },
  ],
  [
    'an invalid server',
    { ...valid(), servers: [server, { ...server, id: 'x', port: 'x' }] },
    /server 2: port: The port must be a whole number/,
    { servers: [server] },
  ],
  [
    'a NUL in a recent folder',
    { ...valid(), recentFolders: ['/ok', 'bad\0'] },
    /invalid path/,
    { recentFolders: ['/ok'] },
  ],
  [
    'a recent folder twice',
    { ...valid(), recentFolders: ['/a', '/a'] },
    /twice/,
    { recentFolders: ['/a'] },
  ],
  [
    'too many recent folders',
    { ...valid(), recentFolders: Array.from({ length: 11 }, (_, i) => `/f${i}`) },
    /at most 10/,
    { recentFolders: Array.from({ length: MAX_RECENT_FOLDERS }, (_, i) => `/f${i}`) },
  ],
  [
    'a fractional window side',
    { ...valid(), window: { width: 1.5, height: 800 } },
    /window/,
    { window: defaultAppSettings().window },
  ],
  [
    'a window too small',
    { ...valid(), window: { width: 399, height: 800 } },
    /window/,
    { window: defaultAppSettings().window },
  ],
];

describe('validateAppSettings (strict: what the panel saves)', () => {
  it('accepts valid settings exactly, dropping unknown keys', () => {
    expect(validateAppSettings(valid())).toEqual({ ok: true, value: valid() });
    expect(validateAppSettings({ ...valid(), extra: 1 })).toEqual({ ok: true, value: valid() });
  });

  it.each(BAD_FIELDS)('rejects %s', (_name, input, problem) => {
    const result = validateAppSettings(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('; ')).toMatch(problem);
  });

  it.each([null, 42, 'x', []])('rejects %j as not an object', (input) => {
    expect(validateAppSettings(input)).toEqual({
      ok: false,
      problems: ['settings must be an object'],
    });
  });

  it('rejects a value that lacks a field', () => {
    const { window: _window, ...partial } = valid();
    const result = validateAppSettings(partial);
    expect(!result.ok && result.problems).toEqual(['window is missing']);
  });
});

describe('repairAppSettings (lenient: the file on disk)', () => {
  it.each(BAD_FIELDS)(
    'keeps the valid rest and names the problem: %s',
    (_n, input, problem, kept) => {
      const { settings, problems } = repairAppSettings(input);
      expect(problems.join('; ')).toMatch(problem);
      expect(settings).toMatchObject(kept);
      expect(validateAppSettings(settings).ok).toBe(true);
    },
  );

  it.each([null, 42, 'x', [], { servers: {} }, { window: 'big' }])(
    'turns %j into usable settings with a problem named',
    (raw) => {
      const { settings, problems } = repairAppSettings(raw);
      expect(validateAppSettings(settings).ok).toBe(true);
      expect(problems.length).toBeGreaterThan(0);
    },
  );

  it('gives a field an older file lacks its default, silently', () => {
    const { window: _window, ...older } = valid();
    expect(repairAppSettings(older)).toEqual({
      settings: { ...valid(), window: defaultAppSettings().window },
      problems: [],
    });
  });

  it('reads a valid file exactly', () => {
    expect(repairAppSettings(valid())).toEqual({ settings: valid(), problems: [] });
  });
});
