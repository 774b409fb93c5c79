/**
 * Proving a translated path stays inside the served folder, and opening only regular files.
 *
 * server.py follows every symbolic link (its documentation warns that files outside the
 * folder can be served). HTTP Desk by default follows a link only when the *real* path of
 * the whole path (links in the middle included) stays inside the real path of the folder;
 * `followSymlinks` restores Python's behaviour. Containment is proved by path-inside.ts.
 */
import { constants, type Stats } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { isInside } from './path-inside.js';

/** How long the real path of a served folder is reused before it is resolved again. */
const ROOT_REALPATH_TTL_MS = 1_000;
const rootRealpaths = new Map<string, { real: string; at: number }>();

async function realRoot(root: string): Promise<string> {
  const now = Date.now();
  const known = rootRealpaths.get(root);
  if (known && now - known.at < ROOT_REALPATH_TTL_MS) return known.real;
  const real = await realpath(root);
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
    const [realRoot_, realTarget] = await Promise.all([realRoot(root), realpath(fsPath)]);
    return isInside(realRoot_, realTarget);
  } catch {
    return false;
  }
}

// O_NONBLOCK: opening a FIFO must not block a libuv thread waiting for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface OpenedFile {
  handle: FileHandle;
  stats: Stats;
}

/** Opens `fsPath` for reading if it is a regular file; null for anything else or any error. */
export async function openRegularFile(fsPath: string): Promise<OpenedFile | null> {
  let handle: FileHandle;
  try {
    handle = await open(fsPath, OPEN_FLAGS);
  } catch {
    return null;
  }
  try {
    const stats = await handle.stat();
    if (stats.isFile()) return { handle, stats };
  } catch {
    // fall through to close
  }
  await handle.close().catch(() => undefined);
  return null;
}
