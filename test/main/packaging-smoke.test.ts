/**
 * Packaging smoke (docs/architecture.md § Testing tiers, tier 5): `electron-builder --dir`
 * with `electronDist` pointed at a stub Electron folder (the real binary cannot be fetched
 * here) produces the real app.asar. Listing it proves what a user's package would contain.
 * Needs `npm run build` first.
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const builder = path.join(root, 'node_modules/.bin/electron-builder');
const PACKAGING_TIMEOUT_MS = 90_000;

let temp: string;
let unpacked: string;
let asarPath: string;
let entries: string[];

// The unpacked folder's layout (linux-unpacked/resources/…) is Linux's; CI runs on Linux.
describe.runIf(process.platform === 'linux')('electron-builder --dir with a stub Electron', () => {
  beforeAll(async () => {
    for (const built of [
      'dist/main/main.js',
      'dist/main/preload.cjs',
      'dist/renderer/index.html',
    ]) {
      if (!existsSync(path.join(root, built))) {
        throw new Error(`${built} is missing: run "npm run build" first (npm test does).`);
      }
    }
    temp = mkdtempSync(path.join(os.tmpdir(), 'httpdesk-pack-'));
    // A stand-in for Electron's unpacked distribution: electron-builder copies this folder and
    // renames `electron` to the app's executable name.
    const stubDist = path.join(temp, 'electron-stub');
    mkdirSync(stubDist);
    const exe = path.join(stubDist, 'electron');
    writeFileSync(exe, '#!/bin/sh\necho "stub electron"\n');
    chmodSync(exe, 0o755);
    const output = path.join(temp, 'out');
    const log = await new Promise<string>((resolve, reject) => {
      execFile(
        builder,
        [
          '--dir',
          '--linux',
          '--projectDir',
          root,
          `-c.electronDist=${stubDist}`,
          `-c.directories.output=${output}`,
        ],
        { cwd: root, timeout: PACKAGING_TIMEOUT_MS - 10_000, env: { ...process.env, CI: 'true' } },
        (error, stdout, stderr) =>
          error
            ? reject(new Error(`electron-builder failed: ${error.message}\n${stdout}\n${stderr}`))
            : resolve(stdout),
      );
    });
    unpacked = path.join(output, 'linux-unpacked');
    asarPath = path.join(unpacked, 'resources', 'app.asar');
    if (!existsSync(asarPath)) throw new Error(`No app.asar at ${asarPath}. Builder said:\n${log}`);
    entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
  }, PACKAGING_TIMEOUT_MS);

  afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('puts the main and preload bundles into app.asar', () => {
    expect(entries).toContain('/dist/main/main.js');
    expect(entries).toContain('/dist/main/preload.cjs');
    const main = extractFile(asarPath, 'dist/main/main.js').toString('utf8');
    expect(main).toContain('requestSingleInstanceLock');
  });

  it('puts the renderer and every file its index.html references into app.asar', () => {
    expect(entries).toContain('/dist/renderer/index.html');
    const html = extractFile(asarPath, 'dist/renderer/index.html').toString('utf8');
    const referenced = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(referenced.length).toBeGreaterThan(0);
    for (const file of referenced) expect(entries).toContain(`/dist/renderer/${file}`);
  });

  it('packs package.json with main pointing at the bundled entry, which is inside', () => {
    const pkg = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8'));
    expect(pkg.main).toBe('dist/main/main.js');
    expect(pkg.type).toBe('module');
    expect(entries).toContain(`/${pkg.main}`);
  });

  it('ships the sample site, with an executable CGI script, as an extra resource', () => {
    const site = path.join(unpacked, 'resources', 'sample-site');
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toContain('HTTP');
    const script = path.join(site, 'cgi-bin', 'hello.py');
    expect(statSync(script).mode & 0o111).not.toBe(0);
  });

  it('leaves sources, tests, the library build, source maps and the sample site out of app.asar', () => {
    const unwanted = entries.filter(
      (e) =>
        /^\/(main|renderer|shared|test|e2e|app|scripts|dist\/lib)\//.test(e) ||
        (e.startsWith('/dist/') && e.endsWith('.map')),
    );
    expect(unwanted).toEqual([]);
  });

  it('names the executable http-desk', () => {
    expect(existsSync(path.join(unpacked, 'http-desk'))).toBe(true);
  });
});
