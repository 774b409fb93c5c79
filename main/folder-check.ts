/**
 * Whether a folder can be served, checked before a server starts so the panel can say
 * "folder missing" next to the field rather than every request failing with 404.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ServerFailure } from '../shared/ipc.js';

/**
 * `~` and `~/site` mean the home folder, as in a shell: people type them. Only a leading
 * `~` alone or followed by a separator (`~ann` is someone else's home: left as it is).
 */
export function expandHome(folder: string, home = os.homedir()): string {
  if (folder === '~') return home;
  if (/^~[\\/]/.test(folder)) return path.join(home, folder.slice(2));
  return folder;
}

/** null when `folder` is an absolute path to a directory we may list and read. */
export async function checkFolder(folder: string): Promise<ServerFailure | null> {
  if (!path.isAbsolute(folder)) {
    return {
      code: 'invalid-settings',
      field: 'folder',
      message: `No folder at "${folder}": type the full path (like ${path.join(os.homedir(), folder)}) or use "Choose…".`,
    };
  }
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) {
      return {
        code: 'folder-missing',
        field: 'folder',
        message: `${folder} is a file, not a folder.`,
      };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return unreadable(folder);
    return {
      code: 'folder-missing',
      field: 'folder',
      message: `No folder at ${folder}. Check the path, or use "Choose…".`,
    };
  }
  try {
    // R: list it; X: open the files inside it.
    await access(folder, constants.R_OK | constants.X_OK);
  } catch {
    return unreadable(folder);
  }
  return null;
}

function unreadable(folder: string): ServerFailure {
  return {
    code: 'folder-unreadable',
    field: 'folder',
    message: `HTTP Desk is not allowed to read ${folder}. Check its permissions or choose another folder.`,
  };
}
