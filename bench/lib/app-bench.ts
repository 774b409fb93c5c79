/**
 * What the desktop-app benches (app-load.ts, app-hostile-log.ts) share: the panel built in
 * dist/renderer, a headless Chromium, and results written where `npm run bench:app` keeps
 * them, formatted as `npm run lint` expects of committed files.
 */
import { chromium, type Browser } from 'playwright';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** BENCH_OUT=dir writes there instead; BENCH_OUT=- prints only. */
export const OUT_DIR = process.env.BENCH_OUT ?? path.join(REPO_ROOT, 'bench/results');
const CHROMIUM = '/usr/bin/chromium';

/** Builds the renderer when dist/ has none, as the e2e global setup does. */
export async function ensureRenderer(): Promise<void> {
  if (existsSync(path.join(REPO_ROOT, 'dist/renderer/index.html'))) return;
  const { default: buildRenderer } = await import('../../e2e/global-setup.js');
  await buildRenderer();
}

/** Debian's Chromium when installed (as the e2e specs use), else Playwright's. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

async function prettified(text: string, parser: 'json' | 'markdown'): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path.join(REPO_ROOT, 'package.json'))) ?? {};
    return await prettier.format(text, { ...options, parser });
  } catch {
    return `${text}\n`;
  }
}

/** Writes `text` to OUT_DIR/name, Prettier-formatted (unless BENCH_OUT is '-'). */
export async function writeResult(name: string, text: string): Promise<void> {
  if (OUT_DIR === '-') return;
  await mkdir(OUT_DIR, { recursive: true });
  const parser = name.endsWith('.json') ? 'json' : 'markdown';
  await writeFile(path.join(OUT_DIR, name), await prettified(text, parser));
}

export const fmt = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
