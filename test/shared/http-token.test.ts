/** shared/http-token.ts: RFC 9110 §5.6.2 token and token lists. */
import { describe, expect, it } from 'vitest';
import { TOKEN, TOKEN_LIST } from '../../shared/http-token.js';

describe('TOKEN', () => {
  it.each([
    ['Content-Type', true],
    ['X-Custom_1', true],
    ["!#$%&'*+-.^_`|~", true],
    ['GET', true],
    ['', false],
    ['Content Type', false],
    ['Name:', false],
    ['Name ', false],
    ['a\r\nb', false],
    ['(comment)', false],
    ['ä', false],
  ])('%j → %s', (text, ok) => {
    expect(TOKEN.test(text)).toBe(ok);
  });
});

describe('TOKEN_LIST', () => {
  it.each([
    ['content-type', true],
    ['content-type, x-custom', true],
    ['a,b ,  c', true],
    ['', false],
    ['a,', false],
    [',a', false],
    ['a b', false],
    ['a,\r\nb', false],
    ['a,\tb', true],
  ])('%j → %s', (text, ok) => {
    expect(TOKEN_LIST.test(text)).toBe(ok);
  });
});
