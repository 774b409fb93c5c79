/**
 * settings.json in the user-data folder: the last server configurations, recent folders and
 * the window size. An atomic file store: writes go to a temp file renamed over the old one,
 * so a crash mid-write leaves the previous file intact. What a valid value is lives in
 * shared/settings.ts (read leniently from disk, saved strictly); a bad file falls back to
 * defaults with a message and never stops the app from starting. No electron import:
 * main.ts passes the path.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedSettings, Result } from '../shared/ipc.js';
import {
  WINDOW_LIMITS,
  defaultAppSettings,
  repairAppSettings,
  validateAppSettings,
  type AppSettings,
} from '../shared/settings.js';
import { errorMessage } from '../shared/values.js';

/** A settings file is a few KB; anything bigger is not ours and is not read into memory. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

/** Why a file could not be opened, in words rather than an errno. */
function unreadableBecause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'this account may not read it';
  if (code === 'EISDIR') return 'it is a folder';
  return errorMessage(error);
}

export class SettingsStore {
  #current: AppSettings;
  /** Saves run one after another so two renames never race and the last save wins. */
  #queue: Promise<unknown> = Promise.resolve();
  #firstRead: Promise<void> | undefined;
  #warning: string | undefined;

  constructor(
    readonly file: string,
    private readonly defaults: () => AppSettings = defaultAppSettings,
  ) {
    this.#current = defaults();
  }

  /** The settings as last loaded or saved. */
  get settings(): AppSettings {
    return structuredClone(this.#current);
  }

  /**
   * Reads the file once; later calls (the panel reloading) answer from memory, with the
   * first read's warning until a save succeeds, since a corrupt file has been moved aside.
   */
  async load(): Promise<LoadedSettings> {
    this.#firstRead ??= this.#read().then((loaded) => {
      this.#current = loaded.settings;
      this.#warning = loaded.warning;
    });
    await this.#firstRead;
    return this.#warning === undefined
      ? { settings: this.settings }
      : { settings: this.settings, warning: this.#warning };
  }

  async #read(): Promise<LoadedSettings> {
    let text: string;
    try {
      const info = await stat(this.file);
      if (!info.isFile())
        return this.#fallBack('is a folder or other non-file, not a settings file');
      if (info.size > MAX_SETTINGS_BYTES) {
        return this.#fallBack(
          `is larger than ${MAX_SETTINGS_BYTES} bytes, far too big to be ours`,
          true,
        );
      }
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      // First run: no file yet is normal, not worth a message.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: this.defaults() };
      return this.#fallBack(`could not be opened (${unreadableBecause(error)})`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      // The parser's own words ("Unexpected token } in JSON at position 4") help nobody here.
      return this.#fallBack('is damaged (cut short or edited by hand)', true);
    }
    const { settings, problems } = repairAppSettings(raw, this.defaults());
    if (problems.length === 0) return { settings };
    return {
      settings,
      warning: `Some saved settings were ignored: ${problems.join('; ')}.`,
    };
  }

  /**
   * Defaults plus a message a person can act on: what happened, where the old file went,
   * and what to do. A damaged file is kept aside so its servers can be recovered by hand.
   */
  async #fallBack(why: string, keepAside = false): Promise<LoadedSettings> {
    let kept = ' Your next change saves new settings in its place.';
    if (keepAside) {
      const aside = `${this.file}.corrupt`;
      try {
        await rename(this.file, aside);
        kept =
          ` A copy of the old file was kept at ${aside}: your earlier servers and folders are` +
          ' in it if you want to set them up again. Nothing else to do: your next change is saved as usual.';
      } catch {
        // Could not move it: the next save replaces it, and the message says so.
      }
    }
    return {
      settings: this.defaults(),
      warning: `HTTP Desk started with its default settings because your saved settings file ${why}.${kept}`,
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
    const run = this.#queue.then(() => this.#write(checked.value));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Main owns the window size: it changes it here, and the renderer's saves keep it. */
  saveWindowSize(width: number, height: number): Promise<Result> {
    const clamp = (n: number) =>
      Math.min(WINDOW_LIMITS.max, Math.max(WINDOW_LIMITS.min, Math.round(n)));
    return this.save({ ...this.#current, window: { width: clamp(width), height: clamp(height) } });
  }

  async #write(settings: AppSettings): Promise<Result> {
    const temp = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
      // rename() replaces the target atomically on POSIX and on NTFS (MoveFileEx REPLACE_EXISTING).
      await rename(temp, this.file);
      this.#current = settings;
      this.#warning = undefined;
      return { ok: true };
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      return {
        ok: false,
        error: `Settings could not be saved to ${this.file}: ${errorMessage(error)}`,
      };
    }
  }
}
