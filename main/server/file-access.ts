/**
 * Proving a translated path stays inside the served folder, and opening only regular files.
 *
 * server.py follows every symbolic link (its documentation warns that files outside the
 * folder can be served). HTTP Desk by default follows a link only when the *real* path of
 * the whole path (links in the middle included) stays inside the real path of the folder;
 * `followSymlinks` restores Python's behaviour. Containment is proved by path-inside.ts.
 *
 * The check and the open are two system calls, and a link can be swapped between them. So
 * the checked real path is opened with O_NOFOLLOW (a link swapped in as the last part is
 * refused), the opened descriptor must be the very file that was stat'ed (device and
 * inode), and on Linux the descriptor's own path (/proc/self/fd) must be inside the folder,
 * which also covers a folder in the middle swapped for a link.
 */
import { constants, type Stats } from 'node:fs';
import { open, readlink, realpath, type FileHandle } from 'node:fs/promises';
import { isInside } from './path-inside.js';
import { realpathOrNull, statOrNull } from './shared-stat.js';
import { fromFs, fsArg } from './surrogate-escape.js';

/**
 * How long the real path of a served folder is reused before it is resolved again: saves a
 * realpath per uncached request, and bounds how long a moved folder's old path is trusted
 * (docs/architecture.md § Performance decisions).
 */
const ROOT_REALPATH_TTL_MS = 1_000;
const rootRealpaths = new Map<string, { real: string; at: number }>();

async function realRoot(root: string): Promise<string> {
  const now = Date.now();
  const known = rootRealpaths.get(root);
  if (known && now - known.at < ROOT_REALPATH_TTL_MS) return known.real;
  const real = fromFs(await realpath(fsArg(root), { encoding: 'buffer' }));
  if (rootRealpaths.size > 256) rootRealpaths.clear();
  rootRealpaths.set(root, { real, at: now });
  return real;
}

/** Whether `fsPath` may be served under the policy. Missing paths answer false. */
export async function mayServe(
  root: string,
  fsPath: string,
  followSymlinks: boolean,
): Promise<boolean> {
  if (followSymlinks) return true;
  try {
    const [realRoot_, realTarget] = await Promise.all([realRoot(root), realpathOrNull(fsPath)]);
    return realTarget !== null && isInside(realRoot_, realTarget);
  } catch {
    return false;
  }
}

/** A path that exists and passed the link policy. */
export interface FoundPath {
  /** `stat` of the path (links followed). */
  stats: Stats;
  /** The path that passed the check: its real path, or the path itself with followSymlinks. */
  real: string;
}

/** What a path names: something servable, nothing, or something the link policy refuses. */
export type Lookup = FoundPath | 'missing' | { outside: string };

/** Stats `fsPath` and, under the link policy, proves its real path is inside `root`. */
export async function lookUp(
  root: string,
  fsPath: string,
  followSymlinks: boolean,
): Promise<Lookup> {
  if (followSymlinks) {
    const stats = await statOrNull(fsPath);
    return stats ? { stats, real: fsPath } : 'missing';
  }
  const [stats, real, rootReal] = await Promise.all([
    statOrNull(fsPath),
    realpathOrNull(fsPath),
    realRoot(root).catch(() => null),
  ]);
  if (stats === null || real === null || rootReal === null) return 'missing';
  return isInside(rootReal, real) ? { stats, real } : { outside: real };
}

// O_NONBLOCK: opening a FIFO must not block a libuv thread waiting for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
// Windows has no O_NOFOLLOW; the device/inode comparison below still applies.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export interface OpenedFile {
  handle: FileHandle;
  stats: Stats;
}

/** The path the kernel holds for an open descriptor, where the platform says (Linux). */
async function descriptorPath(handle: FileHandle): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  return readlink(`/proc/self/fd/${handle.fd}`, { encoding: 'buffer' }).then(fromFs, () => null);
}

/**
 * Opens a path `lookUp` found, if it is a regular file, never through a link swapped in
 * after the check; null for anything else or any error.
 */
export async function openRegularFile(
  root: string,
  found: FoundPath,
  followSymlinks: boolean,
): Promise<OpenedFile | null> {
  let handle: FileHandle;
  try {
    handle = await open(fsArg(found.real), OPEN_FLAGS | (followSymlinks ? 0 : NO_FOLLOW));
  } catch {
    return null;
  }
  try {
    const stats = await handle.stat();
    if (stats.isFile() && (followSymlinks || (await isCheckedFile(root, found, handle, stats))))
      return { handle, stats };
  } catch {
    // fall through to close
  }
  await handle.close().catch(() => undefined);
  return null;
}

async function isCheckedFile(
  root: string,
  found: FoundPath,
  handle: FileHandle,
  opened: Stats,
): Promise<boolean> {
  if (opened.dev !== found.stats.dev || opened.ino !== found.stats.ino) return false;
  const held = await descriptorPath(handle);
  return held === null || isInside(await realRoot(root), held);
}
