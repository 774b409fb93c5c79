/**
 * The built library (dist/lib) that the CLI and package tests run. It is rebuilt with
 * `tsc -p tsconfig.build.json` when missing or older than a source file, under a lock so
 * parallel test files do not build at once.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_JS = path.join(PROJECT_ROOT, 'dist/lib/main/cli.js');
export const LIB_INDEX = path.join(PROJECT_ROOT, 'dist/lib/main/server/index.js');

const SOURCES = ['main/server', 'main/cli.ts', 'main/cli-options.ts', 'shared'];

function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    const info = statSync(p);
    if (info.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
    else if (p.endsWith('.ts')) newest = Math.max(newest, info.mtimeMs);
  };
  for (const source of SOURCES) visit(path.join(PROJECT_ROOT, source));
  return newest;
}

function upToDate(): boolean {
  if (!existsSync(CLI_JS) || !existsSync(LIB_INDEX)) return false;
  const built = Math.min(statSync(CLI_JS).mtimeMs, statSync(LIB_INDEX).mtimeMs);
  return built >= newestSource();
}

/** Builds dist/lib if it is missing or stale. */
export async function ensureBuiltLib(): Promise<void> {
  if (upToDate()) return;
  const lock = path.join(tmpdir(), 'httpdesk-test-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed test run is stale after two minutes.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 120_000)
        rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held too long`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (upToDate()) return;
    await promisify(execFile)(
      path.join(PROJECT_ROOT, 'node_modules/.bin/tsc'),
      ['-p', 'tsconfig.build.json'],
      { cwd: PROJECT_ROOT },
    );
  } finally {
    rmdirSync(lock);
  }
}
