/**
 * A recording `electron` for vi.mock in the tests of main.ts, window.ts and menu.ts. Each
 * test file does
 *   vi.mock('electron', async () => (await import('./electron-mock.js')).electronModule);
 * and reads / resets the `mock` state exported here. The state lives on globalThis so it
 * stays one object even when vi.resetModules() makes this file load again.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

export interface PreventableEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function preventableEvent(): PreventableEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

class MockContents extends EventEmitter {
  static next = 1;
  readonly id = MockContents.next++;
  readonly mainFrame = { processId: 1, routingId: this.id, parent: null, url: 'about:blank' };
  readonly sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((d: { url: string }) => unknown) | null = null;
  setWindowOpenHandler(fn: (d: { url: string }) => unknown) {
    this.windowOpenHandler = fn;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  getURL() {
    return this.mainFrame.url;
  }
  isDestroyed() {
    return false;
  }
}

export class MockBrowserWindow extends EventEmitter {
  readonly webContents = new MockContents();
  loadedFile: string | null = null;
  shown = false;
  focused = 0;
  restored = 0;
  minimized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    mock.windows.push(this);
  }
  loadFile(file: string) {
    this.loadedFile = file;
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    return mock.loadFileResult ?? Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  focus() {
    this.focused++;
  }
  restore() {
    this.restored++;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMaximized() {
    return false;
  }
  isFullScreen() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 900, height: 700 };
  }
}

class MockApp extends EventEmitter {
  isPackaged = false;
  quitCalls = 0;
  exitCode: number | null = null;
  paths: Record<string, string> = {};
  requestSingleInstanceLock() {
    return mock.lockGranted;
  }
  whenReady() {
    return mock.ready;
  }
  setPath(name: string, value: string) {
    this.paths[name] = value;
  }
  getPath(name: string) {
    const value = this.paths[name];
    if (value === undefined) throw new Error(`no path ${name}`);
    return value;
  }
  getAppPath() {
    return mock.appPath;
  }
  getVersion() {
    return '1.2.3';
  }
  quit() {
    this.quitCalls++;
    const event = preventableEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) mock.quitCompleted = true;
  }
  exit(code: number) {
    this.exitCode = code;
  }
}

function createMockState() {
  return {
    lockGranted: true,
    ready: Promise.resolve() as Promise<void>,
    appPath: '/app',
    loadFileResult: null as Promise<void> | null,
    quitCompleted: false,
    windows: [] as MockBrowserWindow[],
    handlers: new Map<string, (...args: unknown[]) => unknown>(),
    sessionHooks: {} as Record<string, unknown>,
    menuTemplate: null as unknown,
    errorBoxes: [] as Array<[string, string]>,
    messageBoxes: [] as unknown[][],
    app: new MockApp(),
    reset() {
      this.lockGranted = true;
      this.ready = Promise.resolve();
      this.loadFileResult = null;
      this.quitCompleted = false;
      this.windows = [];
      this.handlers = new Map();
      this.sessionHooks = {};
      this.menuTemplate = null;
      this.errorBoxes = [];
      this.messageBoxes = [];
      this.app = new MockApp();
    },
  };
}

type MockState = ReturnType<typeof createMockState>;
const holder = globalThis as typeof globalThis & { __httpdeskElectronMock?: MockState };
export const mock: MockState = (holder.__httpdeskElectronMock ??= createMockState());

export const electronModule = {
  get app() {
    return mock.app;
  },
  BrowserWindow: MockBrowserWindow,
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) =>
      mock.handlers.set(channel, fn),
    removeHandler: (channel: string) => mock.handlers.delete(channel),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: unknown) => (mock.sessionHooks.request = fn),
      setPermissionCheckHandler: (fn: unknown) => (mock.sessionHooks.check = fn),
      setDevicePermissionHandler: (fn: unknown) => (mock.sessionHooks.device = fn),
      webRequest: {
        onBeforeRequest: (fn: unknown) => (mock.sessionHooks.beforeRequest = fn),
        onHeadersReceived: (fn: unknown) => (mock.sessionHooks.headers = fn),
      },
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: { template: unknown }) => (mock.menuTemplate = menu.template),
  },
  dialog: {
    showErrorBox: (title: string, message: string) => mock.errorBoxes.push([title, message]),
    showMessageBox: async (...args: unknown[]) => (mock.messageBoxes.push(args), { response: 0 }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  shell: { openExternal: async () => undefined },
};
