/**
 * The application menu: the usual roles (so copy/paste, zoom and window keys work on every
 * platform) and an About box.
 */
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

export function aboutDetail(): string {
  const v = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return [
    "Python's http.server, rebuilt in TypeScript, with a control panel.",
    'Share a folder over HTTP, watch every request arrive, and learn how the web talks.',
    '',
    `Electron ${v.electron ?? '?'} · Chromium ${v.chrome ?? '?'} · Node ${v.node}`,
  ].join('\n');
}

export async function showAbout(win: BrowserWindow | null): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'About HTTP Desk',
    message: `HTTP Desk ${app.getVersion()}`,
    detail: aboutDetail(),
    buttons: ['OK'],
  };
  if (win === null) await dialog.showMessageBox(options);
  else await dialog.showMessageBox(win, options);
}

export function menuTemplate(
  platform: NodeJS.Platform,
  getWindow: () => BrowserWindow | null,
): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = {
    label: 'About HTTP Desk',
    click: () => void showAbout(getWindow()),
  };
  const isMac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: 'HTTP Desk',
      submenu: [
        about,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: isMac ? [] : [about] },
  );
  return template;
}

export function installMenu(getWindow: () => BrowserWindow | null): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, getWindow)));
}
