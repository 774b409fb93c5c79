/**
 * server.py `is_cgi`, minus the attribute it sets: find the shortest prefix of the
 * collapsed path, ending just before a '/', that is one of `cgi_directories`.
 */

/** Python's `cgi_info` tuple: the CGI directory and everything after its '/'. */
export interface CgiInfo {
  /** e.g. '/cgi-bin' (as listed in cgiDirectories). */
  dir: string;
  /** e.g. 'child-dir/script.py/extra/path', decoded once (the query is kept apart). */
  rest: string;
}

export function matchCgiDirectory(
  collapsedPath: string,
  cgiDirectories: readonly string[],
): CgiInfo | null {
  // Python scans every '/' after the first character, query included: a directory must be
  // followed by '/', so `/cgi-bin` alone or `/cgi-binx/y` never match.
  let sep = collapsedPath.indexOf('/', 1);
  while (sep > 0) {
    const dir = collapsedPath.slice(0, sep);
    if (cgiDirectories.includes(dir)) return { dir, rest: collapsedPath.slice(sep + 1) };
    sep = collapsedPath.indexOf('/', sep + 1);
  }
  return null;
}
