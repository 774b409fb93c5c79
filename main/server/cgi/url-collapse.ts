/**
 * server.py `_url_collapse_path`: decode the URL path, drop empty and `.` segments, fold
 * `..` into its parent (RFC 2396 §5.2 step 6), and keep the query untouched. `is_cgi`
 * matches the CGI directories against the result, so `/cgi-bin/../x`, `//cgi-bin/x`,
 * `/cgi-bin/./x` and `/cgi-bin%2fx` resolve exactly as in Python (bpo-2254, bpo-19435).
 *
 * The result always starts with '/', and is `'/' + head + '/' + tail`, so a path with no
 * directory part reads `//name` (Python's test vectors rely on that shape).
 */
import { pythonUnquote } from './url-unquote.js';

/**
 * Python raises IndexError when a `..` would climb above the root. `is_cgi`'s docstring:
 * "If any exception is raised, the caller should assume that self.path was rejected as
 * invalid".
 */
export class PathAboveRootError extends Error {
  constructor(path: string) {
    super(`URL path climbs above the root: ${JSON.stringify(path)}`);
    this.name = 'PathAboveRootError';
  }
}

/** A collapsed request path, decoded once, and the query beside it (never decoded). */
export interface CollapsedTarget {
  /** Decoded and collapsed: `'/' + head + '/' + tail`, no query. */
  path: string;
  /** The raw query after the first '?' of the target, '' when absent or empty. */
  query: string;
}

/**
 * `_url_collapse_path` with its two halves kept apart. The path is percent-decoded exactly
 * once here, and whoever uses it must not decode it again: a decoded '?' (`%3F`) stays in
 * the path and a decoded `%2e%2e` stays a name, never a step up.
 */
export function collapseTarget(
  url: string,
  decode: (path: string) => string = pythonUnquote,
): CollapsedTarget {
  // The query component is not involved: split at the first '?', decode the path only.
  const mark = url.indexOf('?');
  const rawPath = mark === -1 ? url : url.slice(0, mark);
  const query = mark === -1 ? '' : url.slice(mark + 1);
  const parts = decode(rawPath).split('/');

  const head: string[] = [];
  const climb = (): void => {
    if (head.pop() === undefined) throw new PathAboveRootError(url);
  };
  for (const part of parts.slice(0, -1)) {
    if (part === '..') climb();
    else if (part !== '' && part !== '.') head.push(part);
  }
  // `split` always yields at least one element, so the tail is never undefined.
  let tail = parts[parts.length - 1] ?? '';
  if (tail === '..') {
    climb();
    tail = '';
  } else if (tail === '.') {
    tail = '';
  }
  return { path: `/${head.join('/')}/${tail}`, query };
}

/** server.py `_url_collapse_path` itself: the collapsed path with the query re-attached. */
export function urlCollapsePath(url: string): string {
  const { path, query } = collapseTarget(url);
  // Python: `if query:` — an empty query ('/x?') is dropped along with its '?'.
  return query === '' ? path : `${path}?${query}`;
}
