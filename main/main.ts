/**
 * The Electron app's entry (bundled to dist/main/main.js): one instance, one hardened
 * window, the IPC handlers, the menu, and a quit that stops every server first.
 */
import { app, dialog, session, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultAppSettings, defaultServerConfig, type AppSettings } from '../shared/settings.js';
import { askSavePath, pickFolder, pickTlsFile } from './dialogs.js';
import { createEventSender, registerIpc, type IpcWindow } from './ipc.js';
import { exportLog } from './log-export.js';
import { installMenu } from './menu.js';
import { findFreePort, listAddresses } from './network.js';
import { createUrlOpener } from './open-url.js';
import { hardenSession } from './security.js';
import { CertificateStore } from './certificate-store.js';
import { ServerHost } from './server-host.js';
import { SettingsStore } from './settings-store.js';
import { createMainWindow } from './window.js';

// dist/main/main.js → dist/main/preload.cjs and dist/renderer/index.html (Vite's output).
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const rendererFile = path.join(rendererDir, 'index.html');
const preloadFile = path.join(here, 'preload.cjs');
/** How long the window must stay the same size before it is saved. */
const SAVE_SIZE_DELAY_MS = 500;

/** The bundled demo site: extraResources when packaged, app/ in a source checkout. */
function sampleSiteFolder(): string {
  return app.isPackaged
    ? path.join(process.resourcesPath, 'sample-site')
    : path.join(app.getAppPath(), 'app', 'sample-site');
}

/** First run: one server, ready to start, on the sample site with CGI on for hello.py. */
function firstRunSettings(): AppSettings {
  const settings = defaultAppSettings();
  settings.servers = [{ ...defaultServerConfig('sample-site', sampleSiteFolder()), cgi: true }];
  return settings;
}

function saveSizeWhenSettled(win: BrowserWindow, store: SettingsStore): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    if (win.isDestroyed() || win.isMaximized() || win.isFullScreen()) return;
    const { width, height } = win.getNormalBounds();
    void store.saveWindowSize(width, height);
  };
  win.on('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_SIZE_DELAY_MS);
  });
  win.on('close', save);
}

function launch(): void {
  // Tests and portable setups keep their settings apart from the user's.
  const userData = process.env.HTTPDESK_USER_DATA;
  if (userData !== undefined && userData !== '') app.setPath('userData', path.resolve(userData));

  // A second launch focuses the first window rather than starting a second set of servers.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let win: BrowserWindow | null = null;
  const ipcWindow: IpcWindow = { get: () => win, rendererFile };
  // "A certificate for this computer" is kept with the settings, so it is reused across runs.
  const certificates = new CertificateStore(path.join(app.getPath('userData'), 'certificates'));
  const host = new ServerHost(createEventSender(ipcWindow), { certificates });

  app.on('second-instance', () => {
    if (win === null || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // Every web contents, not only ours (DevTools, anything a bug might create): no popups, no <webview>.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  // Quitting stops every server cleanly (in-flight responses finish, ports are freed) first.
  let quitState: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (quitState === 'stopped') return;
    event.preventDefault();
    if (quitState === 'stopping') return;
    quitState = 'stopping';
    void host.stopAll().finally(() => {
      quitState = 'stopped';
      app.quit();
    });
  });
  // The window is the only control of the servers, so closing it quits (macOS included).
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  const ready = async () => {
    hardenSession(session.defaultSession, rendererDir);
    const store = new SettingsStore(
      path.join(app.getPath('userData'), 'settings.json'),
      firstRunSettings,
    );
    const { settings } = await store.load();
    installMenu(() => win);
    const openUrl = createUrlOpener({
      listServers: () => host.list(),
      openExternal: (url) => shell.openExternal(url),
    });
    registerIpc(
      {
        host,
        settings: store,
        listAddresses,
        findFreePort: (bind) => findFreePort(bind),
        sampleSiteFolder,
        openUrl,
        pickFolder: () => pickFolder(win),
        pickTlsFile: (purpose) => pickTlsFile(win, purpose),
        exportLog: (payload) =>
          exportLog(payload, { askSavePath: (name) => askSavePath(win, name) }),
      },
      ipcWindow,
    );
    win = createMainWindow({
      preloadFile,
      rendererFile,
      width: settings.window.width,
      height: settings.window.height,
    });
    saveSizeWhenSettled(win, store);
    win.on('closed', () => {
      win = null;
    });
  };

  app
    .whenReady()
    .then(ready)
    .catch((error: unknown) => {
      const why = error instanceof Error ? (error.stack ?? error.message) : String(error);
      dialog.showErrorBox('HTTP Desk could not start', why);
      app.exit(1);
    });
}

launch();
