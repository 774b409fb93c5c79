/**
 * What the settings form edits: a ServerConfig whose port is still the text the person
 * typed, so "80a" can be shown with a message instead of being silently dropped.
 */
import {
  defaultServerConfig,
  validateServerConfig,
  type ConfigField,
  type FieldErrors,
  type ServerConfig,
} from '../../shared/settings.js';

export interface ServerDraft extends Omit<ServerConfig, 'port'> {
  portText: string;
}

export function draftFromConfig(config: ServerConfig): ServerDraft {
  const { port, ...rest } = config;
  return { ...rest, portText: String(port) };
}

/** Digits only: '8e3', ' 80', '0x50' are not ports a person means. */
export function parsePort(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

export type DraftCheck = { ok: true; config: ServerConfig } | { ok: false; errors: FieldErrors };

/** The shared validator (the same one main runs again), plus the port text check. */
export function checkDraft(draft: ServerDraft): DraftCheck {
  const { portText, ...rest } = draft;
  const port = parsePort(portText);
  const result = validateServerConfig({ ...rest, port: port ?? Number.NaN });
  if (port === null) {
    const errors: FieldErrors = result.ok ? {} : { ...result.errors };
    errors.port =
      portText.trim() === ''
        ? 'Enter a port number (0 picks any free port).'
        : 'The port must be a whole number, like 8000.';
    return { ok: false, errors };
  }
  return result.ok ? { ok: true, config: result.value } : { ok: false, errors: result.errors };
}

export function newServerId(): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `srv-${Date.now().toString(36)}-${random}`;
}

export function newDraft(folder = ''): ServerDraft {
  return draftFromConfig(defaultServerConfig(newServerId(), folder));
}

/**
 * Whether the person has edited `field` since `config` was tried: a failure that named
 * that field (a taken port, a missing folder) no longer applies once it changed.
 */
export function fieldChanged(
  draft: ServerDraft,
  config: ServerConfig,
  field: ConfigField,
): boolean {
  if (field === 'port') return parsePort(draft.portText) !== config.port;
  if (field === 'folder') return draft.folder !== config.folder;
  if (field === 'bind') return draft.bind.trim() !== config.bind;
  if (
    field === 'tls' ||
    field === 'tlsCertFile' ||
    field === 'tlsKeyFile' ||
    field === 'tlsPasswordFile'
  ) {
    return draft[field].trim() !== config[field];
  }
  return false;
}
