/** main/settings-store.ts on a real temp folder: missing, corrupt, partial, huge files; atomic saves. */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultAppSettings } from '../../shared/settings.js';
import { MAX_SETTINGS_BYTES, SettingsStore } from '../../main/settings-store.js';
import { validAppSettings } from '../helpers/app-settings.js';
import { tempDir, type TempDir } from './helpers.js';

let dir: TempDir;
let file: string;

const valid = validAppSettings;

beforeEach(() => {
  dir = tempDir();
  file = path.join(dir.path, 'nested', 'settings.json');
});
afterEach(() => dir.remove());

describe('SettingsStore.load', () => {
  it('uses the defaults without a warning on first run (no file)', async () => {
    const store = new SettingsStore(file);
    expect(await store.load()).toEqual({ settings: defaultAppSettings() });
  });

  it('uses the given first-run defaults', async () => {
    const store = new SettingsStore(file, valid);
    expect((await store.load()).settings).toEqual(valid());
  });

  it('falls back to defaults with a warning for corrupt JSON, and keeps the file aside', async () => {
    dir.file('nested/settings.json', '{"version": 1, "servers": [');
    const store = new SettingsStore(file);
    const loaded = await store.load();
    expect(loaded.settings).toEqual(defaultAppSettings());
    expect(loaded.warning).toBe(
      'HTTP Desk started with its default settings because your saved settings file is damaged' +
        ` (cut short or edited by hand). A copy of the old file was kept at ${file}.corrupt:` +
        ' your earlier servers and folders are in it if you want to set them up again.' +
        ' Nothing else to do: your next change is saved as usual.',
    );
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('{"version": 1, "servers": [');
  });

  it('keeps the warning for later loads (the panel reloading) until a save succeeds', async () => {
    dir.file('nested/settings.json', 'not json');
    const store = new SettingsStore(file);
    await store.load();
    expect((await store.load()).warning).toMatch(/is damaged/);
    expect(await store.save(valid())).toEqual({ ok: true });
    expect(await store.load()).toEqual({ settings: valid() });
  });

  it('refuses to read a file larger than the cap', async () => {
    dir.file('nested/settings.json', ' '.repeat(MAX_SETTINGS_BYTES + 1));
    const loaded = await new SettingsStore(file).load();
    expect(loaded.settings).toEqual(defaultAppSettings());
    expect(loaded.warning).toContain('larger than');
  });

  it('warns when the path is a folder', async () => {
    dir.file('nested/settings.json/inner', 'x');
    const loaded = await new SettingsStore(file).load();
    expect(loaded.warning).toContain('is a folder or other non-file');
  });

  it('keeps the valid parts of a partly invalid file and names what it dropped', async () => {
    const raw = {
      version: 1,
      servers: [valid().servers[0], { id: 'BAD ID', port: -1 }],
      recentFolders: ['/a', 42, '/a'],
      window: { width: 5, height: 800 },
    };
    dir.file('nested/settings.json', JSON.stringify(raw));
    const loaded = await new SettingsStore(file).load();
    expect(loaded.settings.servers).toEqual(valid().servers);
    expect(loaded.settings.recentFolders).toEqual(['/a']);
    expect(loaded.settings.window).toEqual(defaultAppSettings().window);
    expect(loaded.warning).toMatch(/server 2: id: .*recentFolders holds an invalid path.*window/);
  });

  it('reads a valid file exactly', async () => {
    dir.file('nested/settings.json', JSON.stringify(valid()));
    expect(await new SettingsStore(file).load()).toEqual({ settings: valid() });
  });
});

describe('SettingsStore.save', () => {
  it('writes JSON atomically and leaves no temp files behind', async () => {
    const store = new SettingsStore(file);
    expect(await store.save(valid())).toEqual({ ok: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(valid());
    expect(readdirSync(path.dirname(file))).toEqual(['settings.json']);
    expect(store.settings).toEqual(valid());
  });

  it('rejects invalid settings and leaves the file as it was', async () => {
    const store = new SettingsStore(file);
    await store.save(valid());
    const bad = { ...valid(), servers: [{ ...valid().servers[0], port: 'x' }] };
    const result = await store.save(bad);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/server 1: port: The port must be a whole number/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(valid());
  });

  it('last save wins when saves overlap', async () => {
    const store = new SettingsStore(file);
    const saves = [1, 2, 3, 4, 5].map((n) =>
      store.save({ ...valid(), recentFolders: [`/folder/${n}`] }),
    );
    expect(await Promise.all(saves)).toEqual(saves.map(() => ({ ok: true })));
    expect(JSON.parse(readFileSync(file, 'utf8')).recentFolders).toEqual(['/folder/5']);
  });

  it('reports a write error as a message, not an exception', async () => {
    writeFileSync(path.join(dir.path, 'blocker'), 'a file where a folder should be');
    const store = new SettingsStore(path.join(dir.path, 'blocker', 'settings.json'));
    const result = await store.save(valid());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('could not be saved');
  });

  it('saves the window size clamped to sane bounds', async () => {
    const store = new SettingsStore(file, valid);
    await store.load();
    await store.saveWindowSize(100.4, 99_999);
    expect(JSON.parse(readFileSync(file, 'utf8')).window).toEqual({ width: 400, height: 16_384 });
    expect(existsSync(file)).toBe(true);
  });
});

describe('a saved password', () => {
  it('is written to a file only its owner can read, and read back', async () => {
    dir.file('nested/settings.json', '{}');
    chmodSync(file, 0o644); // a file from before: the save must not keep its mode
    const settings = valid();
    settings.servers[0] = { ...settings.servers[0]!, authUser: 'ann', authPassword: 'pw:1' };
    expect(await new SettingsStore(file).save(settings)).toEqual({ ok: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const loaded = await new SettingsStore(file).load();
    expect(loaded.settings.servers[0]).toMatchObject({ authUser: 'ann', authPassword: 'pw:1' });
  });
});
