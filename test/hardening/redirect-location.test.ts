/**
 * The folder redirect's Location never leaves the site, whatever spelling of `//` or `/\` the
 * request used: a property over paths glued from separators and their encodings (one, two and
 * three levels deep), checked with the same `leavesSite` rule the hostile suite applies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { folderRedirectLocation, withoutLeadingSeparators } from '../../main/server/url-path.js';
import { recordFigure } from './figures.js';
import { leavesSite } from './location-check.js';

const SEPARATOR_SPELLINGS = [
  '/',
  '\\',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '%252f',
  '%255c',
  '%25252f',
  '%25%32%66', // '%' '2' 'f' each encoded: decodes twice to '/'
  '%25%35%63',
  '%09',
  '%0a',
  '%0d',
];
const OTHER = ['evil.com', 'dir', '.', '..', '%2e', 'a', '%25', '%32', '%66', '%', '2f', ':', '@'];

describe('redirect Location', () => {
  it('never starts with // or /\\ in any spelling', () => {
    let tried = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...SEPARATOR_SPELLINGS, ...OTHER), { maxLength: 12 }),
        fc.option(fc.constantFrom('', '//evil.com', 'next=/\\evil.com')),
        fc.option(fc.constantFrom('', '//evil.com')),
        (parts, query, fragment) => {
          tried++;
          const pathname = '/' + parts.join('');
          const location = folderRedirectLocation(pathname, query, fragment);
          expect(leavesSite(location), `${pathname} → ${location}`).toBe(false);
        },
      ),
      { numRuns: 5_000 },
    );
    recordFigure('redirect-location', { pathsTried: tried });
  });

  it('is / when nothing but separators is left (a folder named \\)', () => {
    expect(folderRedirectLocation('/\\', null, null)).toBe('/');
    expect(folderRedirectLocation('/dir', 'a=1', 'top')).toBe('/dir/?a=1#top');
  });

  it('keeps ordinary folder paths as they are', () => {
    expect(withoutLeadingSeparators('/dir')).toBe('dir');
    expect(withoutLeadingSeparators('/a/b%20c')).toBe('a/b%20c');
    expect(withoutLeadingSeparators('/%41bc')).toBe('%41bc');
    expect(withoutLeadingSeparators('/100%25')).toBe('100%25');
  });

  it('drops every spelling of a leading separator', () => {
    expect(withoutLeadingSeparators('//evil.com/dir')).toBe('evil.com/dir');
    expect(withoutLeadingSeparators('/\\evil.com/dir')).toBe('evil.com/dir');
    expect(withoutLeadingSeparators('/%2f%2fevil.com/dir')).toBe('evil.com/dir');
    expect(withoutLeadingSeparators('/%5Cevil.com')).toBe('evil.com');
    expect(withoutLeadingSeparators('/%252f%252fevil.com')).toBe('evil.com');
    // '%' '2' 'f' each encoded: dropping the first escape leaves '2f…' after any decoding.
    expect(withoutLeadingSeparators('/%25%32%66evil.com')).toBe('%32%66evil.com');
    expect(withoutLeadingSeparators('/%09/evil.com')).toBe('evil.com');
  });

  // A rescan per escape would be quadratic here (hundreds of millions of steps) and time the
  // test out; the figure itself is not asserted (the machine may be busy).
  it('handles 20,000 encoded slashes and 7,000 nested escapes', () => {
    expect(withoutLeadingSeparators('/' + '%2f'.repeat(20_000) + 'evil.com')).toBe('evil.com');
    expect(
      leavesSite(folderRedirectLocation('/' + '%25%32%66'.repeat(7_000) + 'x', null, null)),
    ).toBe(false);
  });
});
