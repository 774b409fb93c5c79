/** main/window.ts against a mocked `electron`: secure preferences, hardening, show on ready, load errors. */
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow, MIN_WINDOW } from '../../main/window.js';
import { fake, preventable, type FakeBrowserWindow } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

const rendererFile = path.resolve('/app/dist/renderer/index.html');
const options = {
  preloadFile: '/app/dist/main/preload.cjs',
  rendererFile,
  width: 1000,
  height: 700,
};

beforeEach(() => fake.reset());

describe('createMainWindow', () => {
  it('creates a hidden window with the secure preferences and loads the renderer file', () => {
    const win = createMainWindow(options) as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({
      width: 1000,
      height: 700,
      show: false,
      title: 'HTTP Desk',
    });
    expect(win.options.webPreferences).toMatchObject({
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(win.loadedFile).toBe(rendererFile);
  });

  it('never makes the window smaller than its minimum', () => {
    const win = createMainWindow({
      ...options,
      width: 10,
      height: 10,
    }) as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({ width: MIN_WINDOW.width, height: MIN_WINDOW.height });
  });

  it('shows the window once it is ready to show', () => {
    const win = createMainWindow(options) as unknown as FakeBrowserWindow;
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('hardens its web contents: no new windows, no navigation away', () => {
    const win = createMainWindow(options) as unknown as FakeBrowserWindow;
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    const away = { ...preventable(), url: 'https://example.com/' };
    win.webContents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
  });

  it('explains a missing renderer in an error box and still shows the window', async () => {
    fake.loadFileResult = Promise.reject(new Error('ERR_FILE_NOT_FOUND (-6)'));
    const win = createMainWindow(options) as unknown as FakeBrowserWindow;
    await vi.waitFor(() => expect(fake.errorBoxes).toHaveLength(1));
    expect(fake.errorBoxes[0]?.[1]).toMatch(
      /could not be loaded[\s\S]*ERR_FILE_NOT_FOUND[\s\S]*npm run build/,
    );
    expect(win.shown).toBe(true);
  });
});
