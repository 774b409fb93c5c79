/**
 * The one fake `electron` for every main-process test (docs/architecture.md § Testing
 * tiers): the only module a test may fake. It records what main does with Electron's API
 * and lets a test play Electron's part (emit app events, call IPC handlers, answer dialogs).
 *
 * Two ways in, one source:
 *  - Vitest: `vi.mock('electron', async () => (await import('./fake-electron.js')).electron);`
 *    then read and reset `fake`.
 *  - The boot smoke runs the BUILT bundle under plain Node; fixtures/register-fake-electron.mjs
 *    resolves `import 'electron'` to fixtures/electron-module.ts, which re-exports this.
 *
 * The state lives on globalThis so it stays one object when vi.resetModules() loads this
 * file again.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

export interface PreventableEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** An Electron event whose default a handler may prevent; `extra` adds fields (a url). */
export function preventable<T extends object = object>(extra?: T): PreventableEvent & T {
  return {
    ...(extra as T),
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export function fileUrl(file: string): string {
  return pathToFileURL(file).href;
}

export interface FakeFrame {
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
  url: string;
}

export class FakeContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeContents.nextId++;
  readonly mainFrame: FakeFrame;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;

  constructor(url = 'about:blank') {
    super();
    this.mainFrame = { processId: 3, routingId: this.id, parent: null, url };
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  loadedFile: string | null = null;
  loadedUrl: string | null = null;
  shown = false;
  focused = 0;
  restored = 0;
  minimized = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    fake.windows.push(this);
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    this.webContents.mainFrame.url = fileUrl(file);
    fake.events.emit('window-loaded', this);
    return fake.loadFileResult ?? Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused++;
  }
  restore(): void {
    this.restored++;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMaximized(): boolean {
    return false;
  }
  isFullScreen(): boolean {
    return false;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    const size = (key: string, fallback: number) => {
      const value = this.options[key];
      return typeof value === 'number' ? value : fallback;
    };
    return { x: 0, y: 0, width: size('width', 800), height: size('height', 600) };
  }
}

/** A window already showing `url` (the renderer file), for the security and IPC checks. */
export function fakeWindow(url: string): FakeBrowserWindow {
  const win = new FakeBrowserWindow();
  win.webContents.mainFrame.url = url;
  return win;
}

/** An IPC event as the window's main frame would send it. */
export function eventFrom(win: { webContents: FakeContents }): {
  sender: FakeContents;
  senderFrame: FakeFrame;
} {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  quitCalls = 0;
  lockRequests = 0;
  exitCode: number | null = null;
  paths: Record<string, string> = {};
  requestSingleInstanceLock(): boolean {
    this.lockRequests++;
    return fake.lockGranted;
  }
  whenReady(): Promise<void> {
    return fake.ready;
  }
  setPath(name: string, value: string): void {
    this.paths[name] = value;
  }
  /** A path main set, else one under a pretend home folder. */
  getPath(name: string): string {
    return this.paths[name] ?? `/home/user/${name}`;
  }
  getAppPath(): string {
    return fake.appPath;
  }
  getVersion(): string {
    return '1.2.3';
  }
  quit(): void {
    this.quitCalls++;
    const event = preventable();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) {
      fake.quitCompleted = true;
      fake.events.emit('quit-completed');
    }
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

function createFakeState() {
  return {
    lockGranted: true,
    ready: Promise.resolve() as Promise<void>,
    appPath: '/app',
    loadFileResult: null as Promise<void> | null,
    quitCompleted: false,
    /** 'window-loaded' (window) when main loads its page, 'quit-completed' when quit went through. */
    events: new EventEmitter(),
    app: new FakeApp(),
    windows: [] as FakeBrowserWindow[],
    /** ipcMain.handle: channel → handler. */
    handlers: new Map<string, Handler>(),
    sessionHooks: {} as Record<string, unknown>,
    menuTemplate: null as unknown,
    errorBoxes: [] as Array<[string, string]>,
    messageBoxes: [] as unknown[][],
    /** Every dialog.showOpenDialog / showSaveDialog call: ['open' | 'save', ...args]. */
    fileDialogs: [] as unknown[][],
    /** What the next open or save dialog answers. */
    fileDialogAnswer: { canceled: true, filePaths: [] } as Record<string, unknown>,
    openedExternally: [] as string[],
    /** The preload side: contextBridge.exposeInMainWorld and ipcRenderer. */
    exposed: new Map<string, unknown>(),
    invoked: [] as Array<{ channel: string; args: unknown[] }>,
    rendererListeners: new Map<string, Set<RendererListener>>(),
    reset() {
      Object.assign(this, createFakeState());
    },
  };
}

export type FakeElectronState = ReturnType<typeof createFakeState>;
const holder = globalThis as typeof globalThis & { __httpdeskFakeElectron?: FakeElectronState };
export const fake: FakeElectronState = (holder.__httpdeskFakeElectron ??= createFakeState());

/** Sends `payload` on `channel` to the preload's listeners, as main's webContents.send would. */
export function sendToRenderer(channel: string, payload: unknown): void {
  const event = { sender: 'ipcRenderer itself', senderId: 0 };
  for (const listener of fake.rendererListeners.get(channel) ?? []) listener(event, payload);
}

/** The module `import 'electron'` gets. */
export const electron = {
  get app() {
    return fake.app;
  },
  BrowserWindow: FakeBrowserWindow,
  ipcMain: {
    handle(channel: string, handler: Handler) {
      // As Electron does: a second handler for one channel is a bug, not an override.
      if (fake.handlers.has(channel)) {
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      }
      fake.handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      fake.handlers.delete(channel);
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: unknown) => (fake.sessionHooks.request = fn),
      setPermissionCheckHandler: (fn: unknown) => (fake.sessionHooks.check = fn),
      setDevicePermissionHandler: (fn: unknown) => (fake.sessionHooks.device = fn),
      webRequest: {
        onBeforeRequest: (fn: unknown) => (fake.sessionHooks.beforeRequest = fn),
        onHeadersReceived: (fn: unknown) => (fake.sessionHooks.headers = fn),
      },
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: { template: unknown }) => (fake.menuTemplate = menu.template),
  },
  dialog: {
    showErrorBox: (title: string, message: string) => fake.errorBoxes.push([title, message]),
    showMessageBox: async (...args: unknown[]) => (fake.messageBoxes.push(args), { response: 0 }),
    showOpenDialog: async (...args: unknown[]) => (
      fake.fileDialogs.push(['open', ...args]),
      fake.fileDialogAnswer
    ),
    showSaveDialog: async (...args: unknown[]) => (
      fake.fileDialogs.push(['save', ...args]),
      fake.fileDialogAnswer
    ),
  },
  shell: {
    openExternal: async (url: string) => {
      fake.openedExternally.push(url);
    },
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      fake.invoked.push({ channel, args });
      return { answered: channel };
    },
    on: (channel: string, listener: RendererListener) => {
      if (!fake.rendererListeners.has(channel)) fake.rendererListeners.set(channel, new Set());
      fake.rendererListeners.get(channel)?.add(listener);
    },
    removeListener: (channel: string, listener: RendererListener) => {
      fake.rendererListeners.get(channel)?.delete(listener);
    },
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
};
