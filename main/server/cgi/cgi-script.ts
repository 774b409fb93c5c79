/**
 * Which script a CGI URL names, and whether it may run: the first half of server.py
 * `run_cgi`, plus `executable()` and `is_python()`.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fsArg } from '../surrogate-escape.js';
import type { CgiInfo } from './cgi-info.js';

export interface ScriptLocation {
  /** The deepest existing directory on the way, e.g. '/cgi-bin/child-dir'. */
  dir: string;
  /** The script's file name within `dir`. */
  script: string;
  /** SCRIPT_NAME: `dir + '/' + script`. */
  scriptName: string;
  /** What follows the script name, decoded once ('' or starting with '/'): PATH_INFO. */
  rest: string;
}

/**
 * Walk down `rest` while each prefix is a directory on disk (nested script paths,
 * bpo-21323), then split `script` from the extra path that becomes PATH_INFO.
 * `info.rest` is decoded already and carries no query (url-collapse.ts `collapseTarget`);
 * `isDirectory` receives a decoded URL path and must not decode it again.
 */
export async function locateScript(
  info: CgiInfo,
  isDirectory: (urlPath: string) => Promise<boolean>,
): Promise<ScriptLocation> {
  let { dir, rest } = info;
  const full = `${dir}/${rest}`;
  let sep = full.indexOf('/', dir.length + 1);
  while (sep >= 0) {
    const nextDir = full.slice(0, sep);
    if (!(await isDirectory(nextDir))) break;
    dir = nextDir;
    rest = full.slice(sep + 1);
    sep = full.indexOf('/', dir.length + 1);
  }

  const slash = rest.indexOf('/');
  const script = slash === -1 ? rest : rest.slice(0, slash);
  const extra = slash === -1 ? '' : rest.slice(slash);
  return { dir, script, scriptName: `${dir}/${script}`, rest: extra };
}

/**
 * server.py `executable()`: `os.access(path, os.X_OK)`. Note that for root, X_OK holds
 * when any execute bit is set, exactly as for Python.
 */
export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(fsArg(file), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** server.py `is_python()`: the extension, case-insensitively, is `.py` or `.pyw`. */
export function hasPythonExtension(file: string): boolean {
  const ext = path.posix.extname(file).toLowerCase();
  return ext === '.py' || ext === '.pyw';
}

/**
 * server.py `have_fork`: on POSIX it forks and execs the script (so even a `.py` script
 * must be executable); without fork (Windows) `.py` scripts run through the interpreter.
 */
export const HAVE_FORK = process.platform !== 'win32';

/**
 * The script's arguments. server.py (fork branch): `decoded_query = query.replace('+', ' ')`
 * and, if it has no '=', it becomes the single argument — even when it is empty, so a
 * script run without a query gets one empty argument. No percent-decoding happens.
 */
export function scriptArguments(query: string): string[] {
  const decoded = query.replaceAll('+', ' ');
  return decoded.includes('=') ? [] : [decoded];
}
