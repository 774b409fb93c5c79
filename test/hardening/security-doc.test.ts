/**
 * docs/security.md states every default limit and leniency: this keeps the table honest when
 * a default changes in limits.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DEFAULT_PARSER_OPTIONS } from '../../main/server/limits.js';

const doc = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');

function row(name: string, value: string): RegExp {
  return new RegExp(`\\| \`${name}\`\\s*\\| ${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
}

describe('docs/security.md', () => {
  it.each(Object.entries(DEFAULT_LIMITS))('states the default of %s', (name, value) => {
    expect(doc).toMatch(row(name, value.toLocaleString('en-US')));
  });

  it.each(Object.entries(DEFAULT_PARSER_OPTIONS))('states the default of %s', (name, value) => {
    expect(doc).toMatch(row(name, String(value)));
  });
});
