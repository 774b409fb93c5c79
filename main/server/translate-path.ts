/**
 * server.py's `translate_path`: URL path → file-system path under `directory`, segment by
 * segment. `..`, `.` and any segment that means something special to the local file
 * system (a separator or drive on Windows, NUL) is dropped, so the result can only name
 * something under `directory` — before symbolic links, which file-access.ts checks.
 */
import path from 'node:path';
import { originForm, pathPart, percentDecodePath } from './url-path.js';

/** Segments that would escape or confuse the join on this platform. */
function isUnsafeSegment(word: string, platform: NodeJS.Platform): boolean {
  if (word === '.' || word === '..' || word.includes('\0')) return true;
  if (platform === 'win32') return /[\\/:]/.test(word); // os.path.dirname(word) / drive letters
  return word.includes('/');
}

/** posixpath.normpath for an absolute URL path, returning its non-empty segments. */
function normalizedSegments(urlPath: string): string[] {
  const out: string[] = [];
  for (const word of urlPath.split('/')) {
    if (word === '' || word === '.') continue;
    if (word === '..') out.pop();
    else out.push(word);
  }
  return out;
}

export function translatePath(
  target: string,
  directory: string,
  platform: NodeJS.Platform = process.platform,
): string {
  let urlPath = pathPart(originForm(target));
  // gh-134098: a trailing %2f counts as a slash, so check after decoding.
  urlPath = percentDecodePath(urlPath);
  const trailingSlash = urlPath.trimEnd().endsWith('/');
  // One join at the end: joining word by word re-normalizes the growing path each time,
  // O(n²) — a 64 KiB `/a/a/a/…` would hold the event loop for seconds.
  const words = normalizedSegments(urlPath).filter((word) => !isUnsafeSegment(word, platform));
  let result = words.length === 0 ? directory : path.join(directory, ...words);
  if (trailingSlash) result += path.sep === '\\' && platform === 'win32' ? '\\' : '/';
  return result;
}
