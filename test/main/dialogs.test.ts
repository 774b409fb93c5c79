/** main/dialogs.ts against a mocked `electron`: attached to our window, paths or null. */
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { askSavePath, pickFolder, pickTlsFile } from '../../main/dialogs.js';
import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

const win = { id: 'our window' } as unknown as BrowserWindow;

beforeEach(() => {
  fake.reset();
});

describe('pickFolder', () => {
  it('opens a folder picker on our window and answers the chosen folder', async () => {
    fake.fileDialogAnswer = { canceled: false, filePaths: ['/srv/site'] };
    expect(await pickFolder(win)).toBe('/srv/site');
    const [kind, parent, options] = fake.fileDialogs[0] as [
      string,
      unknown,
      { properties: string[] },
    ];
    expect(kind).toBe('open');
    expect(parent).toBe(win);
    expect(options.properties).toContain('openDirectory');
    expect(options.properties).not.toContain('openFile');
  });

  it('answers null when cancelled, and works without a window', async () => {
    fake.fileDialogAnswer = { canceled: true, filePaths: [] };
    expect(await pickFolder(null)).toBeNull();
    expect((fake.fileDialogs[0] as unknown[]).length).toBe(2); // no parent window argument
  });
});

describe('pickTlsFile', () => {
  it('opens a file picker titled for the file wanted, on our window', async () => {
    fake.fileDialogAnswer = { canceled: false, filePaths: ['/home/ann/key.pem'] };
    expect(await pickTlsFile(win, 'tlsKeyFile')).toBe('/home/ann/key.pem');
    const [kind, parent, options] = fake.fileDialogs[0] as [
      string,
      unknown,
      { title: string; properties: string[] },
    ];
    expect([kind, parent]).toEqual(['open', win]);
    expect(options.title).toMatch(/private key/);
    expect(options.properties).toContain('openFile');
    expect(options.properties).not.toContain('openDirectory');
  });

  it('answers null when cancelled', async () => {
    fake.fileDialogAnswer = { canceled: true, filePaths: [] };
    expect(await pickTlsFile(null, 'tlsCertFile')).toBeNull();
  });
});

describe('askSavePath', () => {
  it('suggests the name in Documents and answers the chosen path', async () => {
    fake.fileDialogAnswer = { canceled: false, filePath: '/tmp/x.log' };
    expect(await askSavePath(win, 'requests.log')).toBe('/tmp/x.log');
    const [, , options] = fake.fileDialogs[0] as [string, unknown, { defaultPath: string }];
    expect(options.defaultPath).toBe(path.join('/home/user/documents', 'requests.log'));
  });

  it('answers null when cancelled or when no path came back', async () => {
    fake.fileDialogAnswer = { canceled: true };
    expect(await askSavePath(win, 'a.txt')).toBeNull();
    fake.fileDialogAnswer = { canceled: false, filePath: '' };
    expect(await askSavePath(null, 'a.txt')).toBeNull();
  });
});
