/**
 * main/ipc.ts against a mocked `electron` (ipcMain records handlers), with the real server
 * host and settings store behind it: every channel is registered, our window is answered,
 * every other sender and every invalid payload is refused.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_REQUESTS, type LogBatch, type ServerState } from '../../shared/ipc.js';
import { defaultAppSettings, defaultServerConfig } from '../../shared/settings.js';
import {
  REJECTED_SENDER,
  createEventSender,
  registerIpc,
  type IpcServices,
} from '../../main/ipc.js';
import { ServerHost } from '../../main/server-host.js';
import { SettingsStore } from '../../main/settings-store.js';
import type { TrustedWindow } from '../../main/security.js';
import { fake, fakeWindow, eventFrom, fileUrl, type FakeBrowserWindow } from './fake-electron.js';
import { tempDir, type TempDir } from './helpers.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

const rendererFile = path.resolve('/app/dist/renderer/index.html');

let dir: TempDir;
let win: FakeBrowserWindow | null;
let host: ServerHost;
let store: SettingsStore;
let opened: unknown[];
let exported: unknown[];
let unregister: () => void;

function invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = fake.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(handler(event, ...args));
}

const trusted = () => eventFrom(win as FakeBrowserWindow);

beforeEach(() => {
  dir = tempDir();
  dir.file('site/index.html', 'hi');
  win = fakeWindow(fileUrl(rendererFile));
  host = new ServerHost({ onState: () => undefined, onLog: () => undefined });
  store = new SettingsStore(path.join(dir.path, 'settings.json'));
  opened = [];
  exported = [];
  const services: IpcServices = {
    host,
    settings: store,
    pickFolder: async () => dir.path,
    pickTlsFile: async () => null,
    openUrl: async (url) => (opened.push(url), { ok: true }),
    exportLog: async (payload) => (exported.push(payload), { ok: true, value: null }),
    listAddresses: () => [{ name: 'lo', address: '127.0.0.1', family: 'IPv4', internal: true }],
    findFreePort: async () => 8123,
    sampleSiteFolder: () => '/sample-site',
  };
  unregister = registerIpc(services, {
    get: () => win as unknown as TrustedWindow | null,
    rendererFile,
  });
});

afterEach(async () => {
  unregister();
  await host.stopAll();
  dir.remove();
});

const config = () => ({ ...defaultServerConfig('site', path.join(dir.path, 'site')), port: 0 });

describe('registerIpc', () => {
  it('registers exactly one handler per request channel, and removes them all', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(BRIDGE_REQUESTS).sort());
    unregister();
    expect(fake.handlers.size).toBe(0);
    unregister = registerIpc({} as IpcServices, { get: () => null, rendererFile });
  });

  it('answers every channel for our window', async () => {
    expect(await invoke('server:list', trusted())).toEqual([]);
    expect(await invoke('dialog:pickFolder', trusted())).toBe(dir.path);
    expect(await invoke('net:addresses', trusted())).toHaveLength(1);
    expect(await invoke('net:freePort', trusted(), ' ::1 ')).toBe(8123);
    expect(await invoke('shell:openUrl', trusted(), 'http://127.0.0.1:1/')).toEqual({ ok: true });
    expect(opened).toEqual(['http://127.0.0.1:1/']);
    expect(await invoke('settings:load', trusted())).toEqual({ settings: defaultAppSettings() });
    expect(await invoke('log:export', trusted(), { text: 'x', suggestedName: 'a' })).toEqual({
      ok: true,
      value: null,
    });
    expect(exported).toEqual([{ text: 'x', suggestedName: 'a' }]);
  });

  it('starts and stops a real server', async () => {
    const started = (await invoke('server:start', trusted(), config())) as ServerState;
    expect(started.status).toBe('running');
    const response = await fetch(`http://127.0.0.1:${started.boundPort}/`);
    expect(await response.text()).toBe('hi');
    expect(((await invoke('server:list', trusted())) as ServerState[])[0]?.status).toBe('running');
    const stopped = (await invoke('server:stop', trusted(), 'site')) as ServerState;
    expect(stopped.status).toBe('stopped');
  });

  it('answers a missing folder with a failed state the panel can show', async () => {
    const state = (await invoke('server:start', trusted(), {
      ...config(),
      folder: path.join(dir.path, 'gone'),
    })) as ServerState;
    expect(state).toMatchObject({
      status: 'failed',
      failure: { code: 'folder-missing', field: 'folder' },
    });
  });

  it('saves settings but keeps the window size main owns', async () => {
    const settings = {
      ...defaultAppSettings(),
      recentFolders: ['/x'],
      window: { width: 999, height: 999 },
    };
    expect(await invoke('settings:save', trusted(), settings)).toEqual({ ok: true });
    const saved = JSON.parse(readFileSync(path.join(dir.path, 'settings.json'), 'utf8'));
    expect(saved.recentFolders).toEqual(['/x']);
    expect(saved.window).toEqual(defaultAppSettings().window);
  });
});

describe('refused senders', () => {
  const channels = Object.values(BRIDGE_REQUESTS);

  it.each(channels)('%s refuses another window', async (channel) => {
    const stranger = fakeWindow(fileUrl(rendererFile));
    await expect(invoke(channel, eventFrom(stranger), config())).rejects.toThrow(REJECTED_SENDER);
  });

  it.each(channels)('%s refuses a subframe of our window', async (channel) => {
    const main = (win as FakeBrowserWindow).webContents.mainFrame;
    const event = {
      sender: (win as FakeBrowserWindow).webContents,
      senderFrame: { ...main, routingId: 77, parent: main },
    };
    await expect(invoke(channel, event)).rejects.toThrow(REJECTED_SENDER);
  });

  it('refuses our window once it shows another page, or is closed', async () => {
    (win as FakeBrowserWindow).webContents.mainFrame.url = 'https://evil.example/';
    await expect(invoke('server:list', trusted())).rejects.toThrow(REJECTED_SENDER);
    (win as FakeBrowserWindow).webContents.mainFrame.url = fileUrl(rendererFile);
    (win as FakeBrowserWindow).destroyed = true;
    await expect(invoke('server:list', trusted())).rejects.toThrow(REJECTED_SENDER);
    const event = trusted();
    win = null;
    await expect(invoke('server:list', event)).rejects.toThrow(REJECTED_SENDER);
  });

  it('does not run the handler for a refused sender', async () => {
    const stranger = fakeWindow(fileUrl(rendererFile));
    await expect(
      invoke('shell:openUrl', eventFrom(stranger), 'http://127.0.0.1:1/'),
    ).rejects.toThrow();
    expect(opened).toEqual([]);
  });
});

describe('refused payloads', () => {
  it.each([
    ['not an object', 'hello', /invalid server settings/],
    ['null', null, /invalid server settings/],
    ['a bad id', { id: '../../x' }, /id: Invalid server id/],
    ['a port out of range', { port: 65536 }, /port: The port must be between 0 and 65535/],
    ['a fractional port', { port: 80.5 }, /port: The port must be a whole number/],
    ['a bad address', { bind: 'evil.example' }, /bind: Enter an IP address/],
    ['a bad protocol', { protocol: 'HTTP/2' }, /protocol: Choose HTTP\/1.0 or HTTP\/1.1/],
    ['a string for cgi', { cgi: 'yes' }, /cgi:/],
    ['a NUL in the folder', { folder: '/tmp/\0x' }, /folder: This folder path is not valid/],
  ])('server:start refuses %s', async (_what, change, why) => {
    const payload =
      typeof change === 'object' && change !== null ? { ...config(), ...change } : change;
    await expect(invoke('server:start', trusted(), payload)).rejects.toThrow(why);
    expect(host.list()).toEqual([]);
  });

  it.each([[42], ['UPPER'], ['../etc'], [''], ['a'.repeat(65)], [undefined]])(
    'server:stop refuses the id %j',
    async (id) => {
      await expect(invoke('server:stop', trusted(), id)).rejects.toThrow('invalid server id');
    },
  );

  it.each([[42], ['example.com'], ['1.2.3.4.5'], [null]])(
    'net:freePort refuses %j',
    async (bind) => {
      await expect(invoke('net:freePort', trusted(), bind)).rejects.toThrow('invalid bind address');
    },
  );

  it('settings:save answers an error for a non-object or invalid settings, and writes nothing', async () => {
    expect(await invoke('settings:save', trusted(), 'x')).toEqual({
      ok: false,
      error: 'Settings must be an object.',
    });
    const invalid = await invoke('settings:save', trusted(), {
      ...defaultAppSettings(),
      servers: [{}],
    });
    expect(invalid).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Settings not saved/),
    });
    expect(() => readFileSync(path.join(dir.path, 'settings.json'))).toThrow();
  });
});

describe('createEventSender', () => {
  const batch: LogBatch = { requests: [], messages: [], dropped: 3 };
  const state = {
    id: 'a',
    config: defaultServerConfig('a'),
    status: 'stopped',
    urls: [],
  } as ServerState;

  it('sends state and log events to our window', () => {
    const events = createEventSender({ get: () => win as unknown as TrustedWindow, rendererFile });
    events.onState(state);
    events.onLog(batch);
    expect((win as FakeBrowserWindow).webContents.sent).toEqual([
      { channel: 'server:state', payload: state },
      { channel: 'server:log', payload: batch },
    ]);
  });

  it('sends nothing to a closed window, a destroyed page, or a page that is not ours', () => {
    const target = win as FakeBrowserWindow;
    const events = createEventSender({
      get: () => win as unknown as TrustedWindow | null,
      rendererFile,
    });
    target.webContents.mainFrame.url = 'https://evil.example/';
    events.onLog(batch);
    target.webContents.mainFrame.url = fileUrl(rendererFile);
    target.webContents.destroyed = true;
    events.onLog(batch);
    target.webContents.destroyed = false;
    target.destroyed = true;
    events.onLog(batch);
    win = null;
    events.onState(state);
    expect(target.webContents.sent).toEqual([]);
  });
});
