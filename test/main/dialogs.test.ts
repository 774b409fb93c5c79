/** main/dialogs.ts against a mocked `electron`: attached to our window, paths or null. */
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { askSavePath, pickFolder } from '../../main/dialogs.js';

const electron = vi.hoisted(() => ({
  calls: [] as unknown[][],
  answer: {} as Record<string, unknown>,
}));

vi.mock('electron', () => ({
  app: { getPath: (name: string) => `/home/user/${name}` },
  dialog: {
    showOpenDialog: async (...args: unknown[]) => (
      electron.calls.push(['open', ...args]),
      electron.answer
    ),
    showSaveDialog: async (...args: unknown[]) => (
      electron.calls.push(['save', ...args]),
      electron.answer
    ),
  },
}));

const win = { id: 'our window' } as unknown as BrowserWindow;

beforeEach(() => {
  electron.calls = [];
});

describe('pickFolder', () => {
  it('opens a folder picker on our window and answers the chosen folder', async () => {
    electron.answer = { canceled: false, filePaths: ['/srv/site'] };
    expect(await pickFolder(win)).toBe('/srv/site');
    const [kind, parent, options] = electron.calls[0] as [
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
    electron.answer = { canceled: true, filePaths: [] };
    expect(await pickFolder(null)).toBeNull();
    expect((electron.calls[0] as unknown[]).length).toBe(2); // no parent window argument
  });
});

describe('askSavePath', () => {
  it('suggests the name in Documents and answers the chosen path', async () => {
    electron.answer = { canceled: false, filePath: '/tmp/x.log' };
    expect(await askSavePath(win, 'requests.log')).toBe('/tmp/x.log');
    const [, , options] = electron.calls[0] as [string, unknown, { defaultPath: string }];
    expect(options.defaultPath).toBe(path.join('/home/user/documents', 'requests.log'));
  });

  it('answers null when cancelled or when no path came back', async () => {
    electron.answer = { canceled: true };
    expect(await askSavePath(win, 'a.txt')).toBeNull();
    electron.answer = { canceled: false, filePath: '' };
    expect(await askSavePath(null, 'a.txt')).toBeNull();
  });
});
