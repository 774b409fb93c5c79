import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PathAboveRootError, urlCollapsePath } from '../../main/server/cgi/url-collapse.js';
import { pythonUnquote } from '../../main/server/cgi/url-unquote.js';
import { askPython } from './python-oracle.js';

// Every vector of CPython's test_httpservers.CGIHTTPServerTestCase.test_url_collapse_path
// (3.11), verbatim. `null` stands for IndexError.
const PYTHON_VECTORS: ReadonlyArray<[string, string | null]> = [
  ['', '//'],
  ['..', null],
  ['/.//..', null],
  ['/', '//'],
  ['//', '//'],
  ['/\\', '//\\'],
  ['/.//', '//'],
  ['cgi-bin/file1.py', '/cgi-bin/file1.py'],
  ['/cgi-bin/file1.py', '/cgi-bin/file1.py'],
  ['a', '//a'],
  ['/a', '//a'],
  ['//a', '//a'],
  ['./a', '//a'],
  ['./C:/', '/C:/'],
  ['/a/b', '/a/b'],
  ['/a/b/', '/a/b/'],
  ['/a/b/.', '/a/b/'],
  ['/a/b/c/..', '/a/b/'],
  ['/a/b/c/../d', '/a/b/d'],
  ['/a/b/c/../d/e/../f', '/a/b/d/f'],
  ['/a/b/c/../d/e/../../f', '/a/b/f'],
  ['/a/b/c/../d/e/.././././..//f', '/a/b/f'],
  ['../a/b/c/../d/e/.././././..//f', null],
  ['/a/b/c/../d/e/../../../f', '/a/f'],
  ['/a/b/c/../d/e/../../../../f', '//f'],
  ['/a/b/c/../d/e/../../../../../f', null],
  ['/a/b/c/../d/e/../../../../f/..', '//'],
  ['/a/b/c/../d/e/../../../../f/../.', '//'],
];

// The CGI-specific paths of the issue and of CGIHTTPServerTestCase, with the query rules.
const CGI_VECTORS: ReadonlyArray<[string, string | null]> = [
  ['/cgi-bin/../x', '//x'],
  ['//cgi-bin/x', '/cgi-bin/x'],
  ['/cgi-bin/./x', '/cgi-bin/x'],
  ['/cgi-bin%2ffile1.py', '/cgi-bin/file1.py'],
  ['/cgi-bin%2Ffile1.py', '/cgi-bin/file1.py'],
  ['/%63gi-bin/file1.py', '/cgi-bin/file1.py'],
  ['/cgi-bin/%2e%2e/secret.py', '//secret.py'],
  ['/nocgi.py/../cgi-bin/nothere.sh', '/cgi-bin/nothere.sh'],
  ['/cgi-bin/file4.py?a=b?c=d', '/cgi-bin/file4.py?a=b?c=d'],
  [
    '/cgi-bin/file4.py?k=aa%2F%2Fbb&//q//p//=//a//b//',
    '/cgi-bin/file4.py?k=aa%2F%2Fbb&//q//p//=//a//b//',
  ],
  ['/cgi-bin/x?', '/cgi-bin/x'],
  ['/cgi-bin/x?../..', '/cgi-bin/x?../..'],
  ['/a/..?q', '//?q'],
  ['/cgi-bin/%zz', '/cgi-bin/%zz'],
  ['/cgi-bin/..%2f..%2fetc/passwd', null],
];

describe('urlCollapsePath', () => {
  it.each([...PYTHON_VECTORS, ...CGI_VECTORS])('%j → %j', (input, expected) => {
    if (expected === null) {
      expect(() => urlCollapsePath(input)).toThrow(PathAboveRootError);
    } else {
      expect(urlCollapsePath(input)).toBe(expected);
    }
  });

  it('agrees with CPython on every vector above', () => {
    const inputs = [...PYTHON_VECTORS, ...CGI_VECTORS].map(([input]) => input);
    const python = askPython<string, string>(
      'from http.server import _url_collapse_path as answer',
      inputs,
    );
    const ours = inputs.map((input) => {
      try {
        return urlCollapsePath(input);
      } catch {
        return { raises: 'IndexError' };
      }
    });
    expect(ours).toEqual(python);
  });

  it('agrees with CPython on random paths of /, ., .., %xx, ? and letters', () => {
    const segment = fc.constantFrom(
      '',
      '.',
      '..',
      'a',
      'cgi-bin',
      '%2e',
      '%2F',
      '%2e%2e',
      '%',
      'é',
      '?',
      'x?y',
      '%C3%A9',
      '%FF',
    );
    const paths = fc.sample(
      fc.array(segment, { maxLength: 8 }).map((parts) => parts.join('/')),
      { numRuns: 400, seed: 3 },
    );
    const python = askPython<string, string>(
      'from http.server import _url_collapse_path as answer',
      paths,
    );
    const ours = paths.map((input) => {
      try {
        return urlCollapsePath(input);
      } catch {
        return { raises: 'IndexError' };
      }
    });
    expect(ours).toEqual(python);
  });
});

describe('pythonUnquote', () => {
  it.each([
    ['plain', 'plain'],
    ['%41%42', 'AB'],
    ['%zz%4', '%zz%4'],
    ['%C3%A9', 'é'],
    ['%C3', '\ufffd'],
    ['%C3%28', '\ufffd('],
    ['%ED%A0%80', '\ufffd\ufffd\ufffd'],
    ['%C3é%A9', '\ufffdé\ufffd'],
    ['a%00b', 'a\0b'],
    ['100%', '100%'],
  ])('%j → %j', (input, expected) => {
    expect(pythonUnquote(input)).toBe(expected);
  });

  it('agrees with urllib.parse.unquote on random byte-ish strings', () => {
    const piece = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((b) => '%' + b.toString(16).padStart(2, '0')),
      fc
        .integer({ min: 0, max: 255 })
        .map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')),
      fc.constantFrom('%', '%g', '%4', 'a', '/', 'é', '\u00ff', '\u0100', '日'),
    );
    const inputs = fc.sample(
      fc.array(piece, { maxLength: 10 }).map((p) => p.join('')),
      { numRuns: 1000, seed: 7 },
    );
    const python = askPython<string, string>('from urllib.parse import unquote as answer', inputs);
    expect(inputs.map((input) => pythonUnquote(input))).toEqual(python);
  });
});
