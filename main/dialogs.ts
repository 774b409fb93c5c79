/**
 * The two native dialogs the panel can ask for. Main opens them itself, attached to our
 * window: the renderer only learns the path the user chose (or null when cancelled).
 */
import { app, dialog, type BrowserWindow } from 'electron';
import path from 'node:path';
import type { TlsFilePurpose } from '../shared/ipc.js';

export async function pickFolder(win: BrowserWindow | null): Promise<string | null> {
  const options = {
    title: 'Choose a folder to serve',
    properties: ['openDirectory' as const, 'createDirectory' as const],
  };
  const picked = win
    ? await dialog.showOpenDialog(win, options)
    : await dialog.showOpenDialog(options);
  return picked.canceled ? null : (picked.filePaths[0] ?? null);
}

export async function askSavePath(win: BrowserWindow | null, name: string): Promise<string | null> {
  const options = {
    title: 'Export the request log',
    defaultPath: path.join(app.getPath('documents'), name),
    filters: [{ name: 'Text', extensions: ['txt', 'log', 'csv', 'json'] }],
  };
  const chosen = win
    ? await dialog.showSaveDialog(win, options)
    : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
}

const TLS_FILE_DIALOGS: Record<TlsFilePurpose, { title: string; extensions: string[] }> = {
  tlsCertFile: { title: 'Choose the certificate (PEM)', extensions: ['pem', 'crt', 'cer'] },
  tlsKeyFile: { title: 'Choose the private key (PEM)', extensions: ['pem', 'key'] },
  tlsPasswordFile: { title: 'Choose the file holding the key’s password', extensions: ['txt'] },
};

/** An HTTPS file: the certificate, its key, or the key's password file. */
export async function pickTlsFile(
  win: BrowserWindow | null,
  purpose: TlsFilePurpose,
): Promise<string | null> {
  const { title, extensions } = TLS_FILE_DIALOGS[purpose];
  const options = {
    title,
    properties: ['openFile' as const, 'showHiddenFiles' as const],
    filters: [
      { name: title.replace(/^Choose the /, ''), extensions },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const picked = win
    ? await dialog.showOpenDialog(win, options)
    : await dialog.showOpenDialog(options);
  return picked.canceled ? null : (picked.filePaths[0] ?? null);
}
