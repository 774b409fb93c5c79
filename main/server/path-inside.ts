/**
 * The one containment proof: is a path the folder itself or below it? Proved with
 * `path.relative`, never a string prefix (`/srv/site` is a prefix of `/srv/site-private`).
 * Used by the symlink policy (file-access.ts), the CGI source guard and the app's window
 * policy (main/security.ts, through the engine's index).
 */
import path from 'node:path';

export interface InsideOptions {
  /** Compare case-insensitively, as macOS and Windows volumes do by default. */
  foldCase?: boolean;
  /** Only strictly below: `root` itself does not count. */
  strict?: boolean;
}

/** True on platforms whose default volumes compare names case-insensitively. */
export function foldsCaseByDefault(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/** True when `child` is `root` or below it (strictly below with `strict`). */
export function isInside(root: string, child: string, options: InsideOptions = {}): boolean {
  const fold = (p: string): string => {
    const resolved = path.resolve(p);
    return options.foldCase ? resolved.toLowerCase() : resolved;
  };
  const rel = path.relative(fold(root), fold(child));
  if (rel === '') return !options.strict;
  return !path.isAbsolute(rel) && rel !== '..' && !rel.startsWith('..' + path.sep);
}
