/**
 * What packaging reads, checked without packaging: electron-builder.yml's targets, files and
 * resources; the .desktop entry; the icons (real PNGs of the sizes named); the build script's
 * output formats (ESM main, CommonJS preload).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// js-yaml is what electron-builder itself uses to read its config (a dependency of it).
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as any;

function desktopEntry(): Map<string, string> {
  const lines = readFileSync(path.join(root, 'app/httpdesk.desktop'), 'utf8').split('\n');
  expect(lines[0]).toBe('[Desktop Entry]');
  return new Map(
    lines
      .slice(1)
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** Width and height from a PNG's IHDR chunk (PNG spec §11.2.2), after checking the signature. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('names the app and packages for every platform the issue asks for', () => {
    expect(config.appId).toBe('org.httpdesk.app');
    expect(config.productName).toBe('HTTP Desk');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
  });

  it('packs only the build and package.json, and the sample site as a resource', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.extraResources).toEqual([{ from: 'app/sample-site', to: 'sample-site' }]);
    expect(existsSync(path.join(root, config.extraResources[0].from, 'index.html'))).toBe(true);
  });

  it('points at icons that exist', () => {
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon]) {
      expect(existsSync(path.join(root, icon)), icon).toBe(true);
    }
  });

  it('keeps its Linux desktop entry in step with app/httpdesk.desktop', () => {
    const entry = desktopEntry();
    for (const [key, value] of Object.entries(
      config.linux.desktop.entry as Record<string, string>,
    )) {
      expect(entry.get(key), key).toBe(value);
    }
    expect(entry.get('Exec')).toBe(`${config.linux.executableName} %U`);
    expect(entry.get('Type')).toBe('Application');
    expect(entry.get('Terminal')).toBe('false');
  });
});

describe('icons', () => {
  it('are real PNGs whose size matches their name, from 16 to 1024 px', () => {
    const dir = path.join(root, 'app/icons');
    const sized = readdirSync(dir).filter((f) => /^\d+x\d+\.png$/.test(f));
    expect(sized.length).toBeGreaterThanOrEqual(8);
    for (const file of sized) {
      const [w, h] = file.replace('.png', '').split('x').map(Number);
      expect(pngSize(path.join(dir, file)), file).toEqual([w, h]);
    }
    // macOS wants 512 px at least, Windows 256.
    expect(pngSize(path.join(dir, 'icon.png'))).toEqual([1024, 1024]);
  });
});

describe('scripts/build-main.mjs output', () => {
  const built = (file: string) => path.join(root, 'dist/main', file);

  it.runIf(existsSync(built('main.js')))('bundles main as ESM with electron left external', () => {
    const main = readFileSync(built('main.js'), 'utf8');
    expect(main).toMatch(
      /^import \{ createRequire as __httpdeskCreateRequire \} from 'node:module';/,
    );
    expect(main).toMatch(/from "electron";/);
    expect(main).not.toContain('node_modules/electron/index.js');
  });

  it.runIf(existsSync(built('preload.cjs')))(
    'bundles the preload as CommonJS (sandboxed preloads cannot be ESM)',
    () => {
      const preload = readFileSync(built('preload.cjs'), 'utf8');
      expect(preload).toContain('require("electron")');
      expect(preload).not.toMatch(/^\s*import\s/m);
      expect(preload).not.toMatch(/^\s*export\s/m);
      // Only electron is required: a sandboxed preload has no other modules.
      expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    },
  );
});
