/** main/menu.ts against a mocked `electron`: the usual roles on each platform and an About box. */
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aboutDetail, installMenu, menuTemplate } from '../../main/menu.js';
import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

beforeEach(() => fake.reset());

function roles(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

function findAbout(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined {
  for (const item of template) {
    if (item.label === 'About HTTP Desk') return item;
    if (Array.isArray(item.submenu)) {
      const found = findAbout(item.submenu);
      if (found) return found;
    }
  }
  return undefined;
}

describe('menuTemplate', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('has the usual roles on %s', (platform) => {
    const template = menuTemplate(platform, () => null);
    expect(roles(template)).toEqual(
      expect.arrayContaining([
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'reload',
        'toggleDevTools',
        'zoomIn',
        'zoomOut',
        'resetZoom',
        'togglefullscreen',
        'windowMenu',
      ]),
    );
    expect(roles(template)).toContain(platform === 'darwin' ? 'close' : 'quit');
    expect(findAbout(template)).toBeDefined();
  });

  it('puts About and the app roles in the application menu on macOS', () => {
    const [appMenu] = menuTemplate('darwin', () => null);
    expect(appMenu?.label).toBe('HTTP Desk');
    expect(roles([appMenu as MenuItemConstructorOptions])).toEqual(
      expect.arrayContaining(['hide', 'hideOthers', 'unhide', 'quit', 'services']),
    );
  });

  it('opens an About box with the version and runtime versions', async () => {
    const about = findAbout(menuTemplate('linux', () => null));
    (about?.click as () => void)();
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1));
    const [options] = fake.messageBoxes[0] as [{ title: string; message: string; detail: string }];
    expect(options.title).toBe('About HTTP Desk');
    expect(options.message).toBe('HTTP Desk 1.2.3');
    expect(options.detail).toBe(aboutDetail());
    expect(aboutDetail()).toContain(`Node ${process.versions.node}`);
  });

  it('installMenu sets the application menu', () => {
    installMenu(() => null);
    expect(Array.isArray(fake.menuTemplate)).toBe(true);
  });
});
