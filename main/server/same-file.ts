/**
 * One notion of "still the same file" for every cache that keeps something derived from a
 * file or folder (bytes, a rendered listing): the device and inode say which object it is,
 * size, mtime and ctime say it was not changed — an edit, a replacement, a rename into
 * place, a chmod or a new link all move at least one of them.
 */
import type { Stats } from 'node:fs';

/** The parts of a `stat` that identify a file's current contents. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export function identityOf(stats: FileIdentity): FileIdentity {
  const { dev, ino, size, mtimeMs, ctimeMs } = stats;
  return { dev, ino, size, mtimeMs, ctimeMs };
}

/** True when `a` and `b` describe the same object with the same contents. */
export function sameFile(a: FileIdentity, b: FileIdentity | Stats): boolean {
  return (
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs
  );
}
