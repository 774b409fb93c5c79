/**
 * The real desktop app under Playwright's `_electron`: launch it, start a server through the
 * panel, fetch from it, check the renderer really is isolated, quit and see the port freed.
 *
 * It needs an Electron binary. Electron ≥ 42 downloads its binary from GitHub at first
 * launch (no postinstall), which is impossible on machines without that access — there the
 * spec is skipped and says why. Anywhere `npm start` has run once, it runs.
 */
import { _electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BRIDGE_REQUESTS } from '../shared/ipc.js';
import { bindPort, closeServer } from './support/raw-http.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPackage = path.join(root, 'node_modules', 'electron');

/**
 * Where the Electron binary is, found the way node_modules/electron/index.js finds it but
 * without `require('electron')`, which would try to download it. HTTPDESK_ELECTRON may name
 * a binary directly.
 */
function findElectron(): { path: string } | { missing: string } {
  const explicit = process.env.HTTPDESK_ELECTRON;
  if (explicit) {
    return existsSync(explicit)
      ? { path: explicit }
      : { missing: `HTTPDESK_ELECTRON=${explicit} does not exist` };
  }
  const pathFile = path.join(electronPackage, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(pathFile) && !override) {
    return {
      missing:
        'no Electron binary has been downloaded (node_modules/electron/path.txt is missing). ' +
        'Electron ≥ 42 fetches it from GitHub at first launch, which this machine cannot reach. ' +
        'Run `npm start` once where GitHub is reachable (or set HTTPDESK_ELECTRON) to run this spec',
    };
  }
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override
    ? path.join(override, executable)
    : path.join(electronPackage, 'dist', executable);
  return existsSync(binary)
    ? { path: binary }
    : { missing: `the Electron binary ${binary} does not exist` };
}

const electron = findElectron();
const built =
  existsSync(path.join(root, 'dist/main/main.js')) &&
  existsSync(path.join(root, 'dist/renderer/index.html'));

test.describe('the packaged-style Electron app', () => {
  test.skip('missing' in electron, `Skipped: ${'missing' in electron ? electron.missing : ''}.`);
  test.skip(!built, 'Skipped: dist/main or dist/renderer is missing; run `npm run build` first.');
  test.setTimeout(60_000);

  test('launches, starts a server through the panel, serves it, and frees the port on quit', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'httpdesk-electron-'));
    const site = path.join(tmp, 'site');
    await mkdir(site);
    await writeFile(path.join(site, 'hello.txt'), 'hello from Electron\n');
    const port = await freePort();

    const app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      args: [root],
      cwd: root,
      env: { ...process.env, HTTPDESK_USER_DATA: path.join(tmp, 'user-data') },
    });
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('heading', { name: 'HTTP Desk' })).toBeVisible();

      // The page is isolated: no Node, only the bridge's functions.
      const globals = await win.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return {
          require: typeof w.require,
          process: typeof w.process,
          bridge: Object.keys((w.httpdesk ?? {}) as object).sort(),
        };
      });
      expect(globals.require).toBe('undefined');
      expect(globals.process).toBe('undefined');
      expect(globals.bridge).toEqual(
        expect.arrayContaining([...Object.keys(BRIDGE_REQUESTS), 'onLog', 'onServerState']),
      );

      // Main's own view: one window, showing our renderer file.
      const shown = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()),
      );
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html/);

      await configure(win, { folder: site, port });
      await startServer(win);
      await expect(win.getByRole('link', { name: `http://127.0.0.1:${port}/` })).toBeVisible();

      const response = await fetch(`http://127.0.0.1:${port}/hello.txt`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('hello from Electron\n');
      await expect(logRows(win).filter({ hasText: 'GET /hello.txt HTTP/1.1' })).toHaveCount(1);
    } finally {
      await app.close();
    }
    // Quitting stopped the server: the port is free.
    await closeServer(await bindPort(port));
    await rm(tmp, { recursive: true, force: true });
  });
});
