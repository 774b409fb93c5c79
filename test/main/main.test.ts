/**
 * main/main.ts (the source, not the bundle: boot-smoke.test.ts covers that) against a
 * mocked `electron`: single-instance lock, window and IPC wiring, second launch, quit.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_REQUESTS } from '../../shared/ipc.js';
import { fake, preventable } from './fake-electron.js';
import { canListen, tempDir, type TempDir } from './helpers.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: TempDir;

async function boot(): Promise<void> {
  vi.resetModules();
  await import('../../main/main.js');
}

async function booted() {
  await boot();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  return fake.windows[0]!;
}

beforeEach(() => {
  fake.reset();
  dir = tempDir();
  fake.appPath = root;
  process.env.HTTPDESK_USER_DATA = dir.path;
});

afterEach(async () => {
  // Quit whatever the test booted so no server outlives it.
  if (!fake.quitCompleted && fake.windows.length > 0) {
    fake.app.quit();
    await vi.waitFor(() => expect(fake.quitCompleted).toBe(true));
  }
  delete process.env.HTTPDESK_USER_DATA;
  dir.remove();
});

describe('main.ts', () => {
  it('quits at once without a window when another instance holds the lock', async () => {
    fake.lockGranted = false;
    await boot();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.windows).toEqual([]);
    expect(fake.handlers.size).toBe(0);
  });

  it('uses HTTPDESK_USER_DATA as the user-data folder', async () => {
    await booted();
    expect(fake.app.paths.userData).toBe(dir.path);
  });

  it('hardens the session, registers every channel, installs the menu, and opens the window', async () => {
    const win = await booted();
    expect(Object.keys(fake.sessionHooks).sort()).toEqual(
      ['beforeRequest', 'check', 'device', 'headers', 'request'].sort(),
    );
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(BRIDGE_REQUESTS).sort());
    expect(Array.isArray(fake.menuTemplate)).toBe(true);
    expect(win.options.webPreferences).toMatchObject({
      preload: path.join(root, 'main/preload.cjs'),
      sandbox: true,
      contextIsolation: true,
    });
    expect(win.loadedFile).toBe(path.join(root, 'renderer/index.html'));
    expect(win.options).toMatchObject({ width: 1100, height: 760 });
  });

  it('offers the sample site from app/ on first run', async () => {
    const win = await booted();
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const loaded = (await fake.handlers.get('settings:load')?.(event)) as {
      settings: { servers: Array<{ folder: string; cgi: boolean }> };
    };
    expect(loaded.settings.servers[0]?.folder).toBe(path.join(root, 'app/sample-site'));
    expect(loaded.settings.servers[0]?.cgi).toBe(true);
    expect(existsSync(path.join(root, 'app/sample-site/cgi-bin/hello.py'))).toBe(true);
  });

  it('focuses (and restores) the window when a second instance starts', async () => {
    const win = await booted();
    win.minimized = true;
    fake.app.emit('second-instance');
    expect(win.restored).toBe(1);
    expect(win.focused).toBe(1);
  });

  it('denies popups and <webview> in every web contents the app creates', async () => {
    await booted();
    const { EventEmitter } = await import('node:events');
    const other = Object.assign(new EventEmitter(), {
      handler: null as null | (() => unknown),
      setWindowOpenHandler(fn: () => unknown) {
        this.handler = fn;
      },
    });
    fake.app.emit('web-contents-created', {}, other);
    expect(other.handler?.()).toEqual({ action: 'deny' });
    const attach = preventable();
    other.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
  });

  it('stops every server before it lets the app quit', async () => {
    const win = await booted();
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    const site = dir.file('site/index.html', 'x');
    const state = (await fake.handlers.get('server:start')?.(event, {
      id: 'q',
      folder: path.dirname(site),
      bind: '127.0.0.1',
      port: 0,
      protocol: 'HTTP/1.1',
      cgi: false,
      followSymlinks: false,
    })) as { boundPort: number; status: string };
    expect(state.status).toBe('running');

    const first = preventable();
    fake.app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true); // held until the servers are down
    await vi.waitFor(() => expect(fake.quitCompleted).toBe(true));
    expect(await canListen(state.boundPort)).toBe(true);
    expect(win.webContents.sent.at(-1)).toEqual({
      channel: 'server:state',
      payload: expect.objectContaining({ status: 'stopped' }),
    });
  });

  it('quits when the window is closed', async () => {
    await booted();
    fake.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.quitCompleted).toBe(true));
  });

  it('shows an error and exits when startup fails', async () => {
    fake.ready = Promise.reject(new Error('GPU process exploded'));
    fake.ready.catch(() => undefined);
    await boot();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1));
    expect(fake.errorBoxes[0]?.[0]).toBe('HTTP Desk could not start');
    expect(fake.errorBoxes[0]?.[1]).toContain('GPU process exploded');
  });
});
