/** shared/values.ts: guards for untyped values. */
import { describe, expect, it } from 'vitest';
import { errorMessage, isRecord } from '../../shared/values.js';

describe('isRecord', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [Object.create(null), true],
    [null, false],
    [undefined, false],
    [[], false],
    ['x', false],
    [42, false],
  ])('%j → %s', (value, expected) => {
    expect(isRecord(value)).toBe(expected);
  });
});

describe('errorMessage', () => {
  it.each([
    [new Error('boom'), 'boom'],
    [new TypeError('bad type'), 'bad type'],
    ['plain text', 'plain text'],
    [42, '42'],
    [null, 'null'],
    [undefined, 'undefined'],
  ])('%s → %j', (thrown, text) => {
    expect(errorMessage(thrown)).toBe(text);
  });
});
