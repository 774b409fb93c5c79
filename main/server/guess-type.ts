/**
 * `guess_type`: `extensions_map` first (exact suffix, then lower-cased, as server.py), then
 * the `mime-types` database, else `application/octet-stream`.
 */
import path from 'node:path';
import mime from 'mime-types';

/** server.py's `_encodings_map_default`: compressed files are served as themselves. */
export const DEFAULT_EXTENSIONS_MAP: Readonly<Record<string, string>> = {
  '.gz': 'application/gzip',
  '.Z': 'application/octet-stream',
  '.bz2': 'application/x-bzip2',
  '.xz': 'application/x-xz',
};

export function guessType(
  filePath: string,
  extensionsMap: Readonly<Record<string, string>>,
): string {
  const ext = path.posix.extname(filePath.replace(/\\/g, '/'));
  const exact = extensionsMap[ext];
  if (exact !== undefined) return exact;
  const lower = extensionsMap[ext.toLowerCase()];
  if (lower !== undefined) return lower;
  const guess = mime.lookup(filePath);
  if (guess === false) return 'application/octet-stream';
  // Python's mimetypes adds no charset; a text file's charset is left to the browser, as there.
  return guess;
}
