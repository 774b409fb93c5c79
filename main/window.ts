/**
 * The control panel's window: hardened web preferences and web contents (main/security.ts),
 * shown once painted, pointed at the built renderer file.
 */
import { BrowserWindow, dialog } from 'electron';
import { hardenWebContents, secureWebPreferences } from './security.js';
import { errorMessage } from '../shared/values.js';

export const MIN_WINDOW = { width: 720, height: 480 } as const;

export interface MainWindowOptions {
  /** dist/main/preload.cjs */
  preloadFile: string;
  /** dist/renderer/index.html */
  rendererFile: string;
  width: number;
  height: number;
  icon?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: Math.max(options.width, MIN_WINDOW.width),
    height: Math.max(options.height, MIN_WINDOW.height),
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    title: 'HTTP Desk',
    // Shown on 'ready-to-show' so the user never sees a blank white frame.
    show: false,
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    webPreferences: secureWebPreferences(options.preloadFile),
  });
  hardenWebContents(win.webContents, options.rendererFile);
  win.once('ready-to-show', () => win.show());
  win.loadFile(options.rendererFile).catch((error: unknown) => {
    const why = errorMessage(error);
    dialog.showErrorBox(
      'HTTP Desk',
      `The control panel could not be loaded from ${options.rendererFile}.\n${why}\n\n` +
        'From a source checkout, run "npm run build" first (npm start does).',
    );
    win.show();
  });
  return win;
}
