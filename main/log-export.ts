/**
 * Saving the request log to a file the user picks. The renderer sends the text and a
 * suggested name; main checks both (size cap, a plain file name: the renderer never
 * chooses where the file goes), asks the user with the native save dialog, and writes.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_EXPORT_BYTES, type Result } from '../shared/ipc.js';
import { errorMessage } from '../shared/values.js';

export const DEFAULT_EXPORT_NAME = 'httpdesk-log.txt';
const MAX_NAME_LENGTH = 128;
// Controls and the characters Windows forbids in file names.
const UNSAFE_IN_NAME = /[\x00-\x1f\x7f<>:"|?*]/g; // eslint-disable-line no-control-regex

export interface LogExportDeps {
  /** Shows the native save dialog; resolves with the chosen path, or null if cancelled. */
  askSavePath(defaultName: string): Promise<string | null>;
  write?: (file: string, text: string) => Promise<void>;
}

/**
 * A safe file name from the renderer's suggestion: no directories, no control or
 * reserved characters (Windows forbids <>:"/\|?*), no leading dots, and a .txt/.log ending.
 */
export function safeFileName(suggested: unknown): string {
  if (typeof suggested !== 'string') return DEFAULT_EXPORT_NAME;
  const base = suggested.split(/[/\\]/).pop() ?? '';
  let name = base
    .replace(UNSAFE_IN_NAME, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (name === '') return DEFAULT_EXPORT_NAME;
  if (!/\.(txt|log|csv|json)$/i.test(name)) name += '.txt';
  if (name.length > MAX_NAME_LENGTH) name = name.slice(name.length - MAX_NAME_LENGTH);
  return name;
}

function checkPayload(raw: unknown): { text: string; name: string } | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return 'Nothing to export.';
  }
  const { text, suggestedName } = raw as Record<string, unknown>;
  if (typeof text !== 'string') return 'The log to export must be text.';
  // Length first: a UTF-16 string is at least length bytes in UTF-8, so this avoids encoding a
  // hostile multi-hundred-MB string just to find it is too long.
  if (text.length > MAX_EXPORT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_EXPORT_BYTES) {
    return `The log is larger than ${MAX_EXPORT_BYTES / (1024 * 1024)} MB; export fewer lines.`;
  }
  return { text, name: safeFileName(suggestedName) };
}

/** Resolves with the saved path, null when the user cancelled, or an error to show. */
export async function exportLog(raw: unknown, deps: LogExportDeps): Promise<Result<string | null>> {
  const checked = checkPayload(raw);
  if (typeof checked === 'string') return { ok: false, error: checked };
  const file = await deps.askSavePath(checked.name);
  if (file === null) return { ok: true, value: null };
  if (!path.isAbsolute(file)) return { ok: false, error: 'The chosen location is not valid.' };
  try {
    await (deps.write ?? ((f, t) => writeFile(f, t, 'utf8')))(file, checked.text);
    return { ok: true, value: file };
  } catch (error) {
    const why = errorMessage(error);
    return { ok: false, error: `The log could not be saved to ${file}: ${why}` };
  }
}
