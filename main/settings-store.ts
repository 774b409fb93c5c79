/**
 * settings.json in the user-data folder: the last server configurations, recent folders and
 * the window size. A bad file falls back to defaults with a message and never
 * stops the app from starting. Writes are atomic (temp file + rename) so a crash mid-write
 * leaves the previous file intact. No electron import: main.ts passes the path.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedSettings, Result } from '../shared/ipc.js';
import {
  MAX_RECENT_FOLDERS,
  MAX_SERVERS,
  defaultAppSettings,
  validateServerConfig,
  type AppSettings,
  type ServerConfig,
} from '../shared/settings.js';

/** A settings file is a few KB; anything bigger is not ours and is not read into memory. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;
const MAX_PATH_LENGTH = 4096;
export const WINDOW_LIMITS = { min: 400, max: 16_384 } as const;

type Checked = { ok: true; value: AppSettings } | { ok: false; problems: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFolderPath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.trim() !== '' &&
    value.length <= MAX_PATH_LENGTH &&
    !value.includes('\0')
  );
}

function isWindowSide(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= WINDOW_LIMITS.min &&
    value <= WINDOW_LIMITS.max
  );
}

/**
 * Reads settings leniently: every part that is valid is kept, every part that is not is
 * replaced by its default and named in `problems`. Used for the file on disk.
 */
export function sanitizeSettings(
  raw: unknown,
  defaults = defaultAppSettings(),
): {
  settings: AppSettings;
  problems: string[];
} {
  const problems: string[] = [];
  if (!isRecord(raw)) return { settings: defaults, problems: ['the file is not a JSON object'] };
  if (raw.version !== 1) problems.push(`unknown version ${JSON.stringify(raw.version)}`);

  let servers = defaults.servers;
  if (Array.isArray(raw.servers)) {
    const seen = new Set<string>();
    servers = [];
    for (const entry of raw.servers) {
      const checked = validateServerConfig(entry);
      if (!checked.ok) problems.push('a server configuration was invalid and was dropped');
      else if (!seen.has(checked.value.id) && servers.length < MAX_SERVERS) {
        seen.add(checked.value.id);
        servers.push(checked.value);
      }
    }
  } else if (raw.servers !== undefined) problems.push('"servers" is not a list');

  let recentFolders = defaults.recentFolders;
  if (Array.isArray(raw.recentFolders)) {
    recentFolders = [...new Set(raw.recentFolders.filter(isFolderPath))].slice(
      0,
      MAX_RECENT_FOLDERS,
    );
    if (recentFolders.length !== raw.recentFolders.length) {
      problems.push('some recent folders were invalid or duplicated and were dropped');
    }
  } else if (raw.recentFolders !== undefined) problems.push('"recentFolders" is not a list');

  let window = defaults.window;
  if (isRecord(raw.window) && isWindowSide(raw.window.width) && isWindowSide(raw.window.height)) {
    window = { width: raw.window.width, height: raw.window.height };
  } else if (raw.window !== undefined) problems.push('the window size was invalid');

  return { settings: { version: 1, servers, recentFolders, window }, problems };
}

/** Strict check for what the renderer asks to save: anything invalid rejects the whole save. */
export function validateAppSettings(raw: unknown): Checked {
  if (!isRecord(raw)) return { ok: false, problems: ['settings must be an object'] };
  const problems: string[] = [];
  if (raw.version !== 1) problems.push('version must be 1');
  const servers: ServerConfig[] = [];
  if (!Array.isArray(raw.servers)) problems.push('servers must be a list');
  else if (raw.servers.length > MAX_SERVERS) problems.push(`at most ${MAX_SERVERS} servers`);
  else {
    raw.servers.forEach((entry, index) => {
      const checked = validateServerConfig(entry);
      if (checked.ok) servers.push(checked.value);
      else {
        const fields = Object.entries(checked.errors).map(([field, why]) => `${field}: ${why}`);
        problems.push(`server ${index + 1}: ${fields.join(' ')}`);
      }
    });
    if (new Set(servers.map((s) => s.id)).size !== servers.length) {
      problems.push('server ids must be unique');
    }
  }
  const folders = raw.recentFolders;
  if (!Array.isArray(folders) || folders.length > MAX_RECENT_FOLDERS) {
    problems.push(`recentFolders must be a list of at most ${MAX_RECENT_FOLDERS} paths`);
  } else if (!folders.every(isFolderPath)) problems.push('recentFolders holds an invalid path');
  const win = raw.window;
  if (!isRecord(win) || !isWindowSide(win.width) || !isWindowSide(win.height)) {
    problems.push(
      `window width and height must be whole numbers ${WINDOW_LIMITS.min}–${WINDOW_LIMITS.max}`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      version: 1,
      servers,
      recentFolders: [...(folders as string[])],
      window: {
        width: (win as { width: number }).width,
        height: (win as { height: number }).height,
      },
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SettingsStore {
  private current: AppSettings;
  /** Saves run one after another so two renames never race and the last save wins. */
  private queue: Promise<unknown> = Promise.resolve();
  private firstRead: Promise<void> | undefined;
  private warning: string | undefined;

  constructor(
    readonly file: string,
    private readonly defaults: () => AppSettings = defaultAppSettings,
  ) {
    this.current = defaults();
  }

  /** The settings as last loaded or saved. */
  get settings(): AppSettings {
    return structuredClone(this.current);
  }

  /**
   * Reads the file once; later calls (the panel reloading) answer from memory, with the
   * first read's warning until a save succeeds, since a corrupt file has been moved aside.
   */
  async load(): Promise<LoadedSettings> {
    this.firstRead ??= this.read().then((loaded) => {
      this.current = loaded.settings;
      this.warning = loaded.warning;
    });
    await this.firstRead;
    return this.warning === undefined
      ? { settings: this.settings }
      : { settings: this.settings, warning: this.warning };
  }

  private async read(): Promise<LoadedSettings> {
    let text: string;
    try {
      const info = await stat(this.file);
      if (!info.isFile()) return this.fallBack('it is not a file');
      if (info.size > MAX_SETTINGS_BYTES) {
        return this.fallBack(`it is larger than ${MAX_SETTINGS_BYTES} bytes`, true);
      }
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      // First run: no file yet is normal, not worth a message.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: this.defaults() };
      return this.fallBack(`it could not be read (${errorText(error)})`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return this.fallBack(`it is not valid JSON (${errorText(error)})`, true);
    }
    const { settings, problems } = sanitizeSettings(raw, this.defaults());
    if (problems.length === 0) return { settings };
    return {
      settings,
      warning: `Some saved settings were ignored: ${problems.join('; ')}.`,
    };
  }

  /** Defaults plus a message; a corrupt file is kept aside so the user can recover it. */
  private async fallBack(why: string, keepAside = false): Promise<LoadedSettings> {
    let kept = '';
    if (keepAside) {
      const aside = `${this.file}.corrupt`;
      try {
        await rename(this.file, aside);
        kept = ` The old file was kept as ${aside}.`;
      } catch {
        // Could not move it: the next save replaces it; the message still tells the user.
      }
    }
    return {
      settings: this.defaults(),
      warning: `Your settings file ${this.file} was not used because ${why}; defaults are in use.${kept}`,
    };
  }

  /** Validates strictly, then writes atomically. */
  save(raw: unknown): Promise<Result> {
    const checked = validateAppSettings(raw);
    if (!checked.ok) {
      return Promise.resolve({
        ok: false,
        error: `Settings not saved: ${checked.problems.join('; ')}.`,
      });
    }
    const run = this.queue.then(() => this.write(checked.value));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Main owns the window size: it changes it here, and the renderer's saves keep it. */
  saveWindowSize(width: number, height: number): Promise<Result> {
    const clamp = (n: number) =>
      Math.min(WINDOW_LIMITS.max, Math.max(WINDOW_LIMITS.min, Math.round(n)));
    return this.save({ ...this.current, window: { width: clamp(width), height: clamp(height) } });
  }

  private async write(settings: AppSettings): Promise<Result> {
    const temp = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
      // rename() replaces the target atomically on POSIX and on NTFS (MoveFileEx REPLACE_EXISTING).
      await rename(temp, this.file);
      this.current = settings;
      this.warning = undefined;
      return { ok: true };
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      return {
        ok: false,
        error: `Settings could not be saved to ${this.file}: ${errorText(error)}`,
      };
    }
  }
}
