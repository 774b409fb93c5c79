/**
 * Server and app settings and their rules, stated once and shared by the control panel
 * (messages next to each field), the main process (which validates every payload again:
 * docs/architecture.md § IPC contract) and the settings file (read leniently, saved
 * strictly: § Desktop app: window and settings). Pure: no Node, no DOM.
 */
import { MAX_ALLOWED_HOSTS, validateAllowedHost } from './allowed-hosts.js';
import { DEFAULT_TLS_SETTINGS, readTlsSettings, type TlsSettings } from './tls-settings.js';
import { isRecord } from './values.js';
import { passwordProblems } from './password-settings.js';
import {
  noResponseHeaders,
  readResponseHeaderSettings,
  type ResponseHeaderSettings,
} from './response-header-settings.js';

export const PROTOCOLS = ['HTTP/1.0', 'HTTP/1.1'] as const;
export type ProtocolVersion = (typeof PROTOCOLS)[number];

/** HTTPS fields (`tls`, `tlsCertFile`, …) live in tls-settings.ts with their rules. */
export interface ServerConfig extends TlsSettings {
  /** Stable id chosen by the renderer: [a-z0-9-]{1,64}. */
  id: string;
  /** Absolute path of the folder to serve. */
  folder: string;
  /** '' = every interface (IPv6 and IPv4, like python -m http.server), or an IP address. */
  bind: string;
  /** 0 = any free port. */
  port: number;
  protocol: ProtocolVersion;
  cgi: boolean;
  /** false (default): follow a link only when its target stays inside the folder. */
  followSymlinks: boolean;
  /**
   * Host names answered besides IP literals, localhost and this machine's names (the check
   * against DNS rebinding, docs/architecture.md § Engine: Host check); '*' = any.
   */
  allowedHosts: string[];
  // Demo options (docs/architecture.md § Desktop app: response headers, SPA and password).
  /** Added to every response: ticked presets and `Name: value` lines. */
  responseHeaders: ResponseHeaderSettings;
  /** Client-side routes (an extension-less path that matches nothing) get the root index.html. */
  spa: boolean;
  /** HTTP Basic credentials every request must carry; both '' = none. */
  authUser: string;
  authPassword: string;
}

export type ConfigField = keyof ServerConfig;
export type FieldErrors = Partial<Record<ConfigField, string>>;

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const DEFAULT_PORT = 8000;

export function defaultServerConfig(id: string, folder = ''): ServerConfig {
  return {
    id,
    folder,
    bind: '127.0.0.1',
    port: DEFAULT_PORT,
    protocol: 'HTTP/1.1',
    cgi: false,
    followSymlinks: false,
    allowedHosts: [],
    responseHeaders: noResponseHeaders(),
    spa: false,
    authUser: '',
    authPassword: '',
    ...DEFAULT_TLS_SETTINGS,
  };
}

/** The demo options, each absent one (a file from before them) read as its default. */
function readDemoOptions(
  input: Record<string, unknown>,
  errors: FieldErrors,
): Pick<ServerConfig, 'responseHeaders' | 'spa' | 'authUser' | 'authPassword'> {
  const headers = readResponseHeaderSettings(input.responseHeaders);
  if ('error' in headers) errors.responseHeaders = headers.error;
  const { spa = false, authUser = '', authPassword = '' } = input;
  if (typeof spa !== 'boolean') errors.spa = 'Single-page app must be on or off.';
  if (typeof authUser !== 'string') errors.authUser = 'The user name must be text.';
  if (typeof authPassword !== 'string') errors.authPassword = 'The password must be text.';
  const user = typeof authUser === 'string' ? authUser : '';
  const password = typeof authPassword === 'string' ? authPassword : '';
  Object.assign(errors, passwordProblems(user, password));
  return {
    responseHeaders: 'value' in headers ? headers.value : noResponseHeaders(),
    spa: spa === true,
    authUser: user,
    authPassword: password,
  };
}

/** The allowed-host names, or why not. Absent (a file or panel from before the field) = none. */
function readAllowedHosts(raw: unknown): { value: string[] } | { error: string } {
  if (raw === undefined) return { value: [] };
  if (!Array.isArray(raw) || !raw.every((name) => typeof name === 'string')) {
    return { error: 'Allowed host names must be a list of names.' };
  }
  if (raw.length > MAX_ALLOWED_HOSTS) {
    return { error: `At most ${MAX_ALLOWED_HOSTS} allowed host names.` };
  }
  for (const name of raw as string[]) {
    const problem = validateAllowedHost(name);
    if (problem) return { error: `${problem}.` };
  }
  return { value: [...(raw as string[])] };
}

const ID_PATTERN = /^[a-z0-9-]{1,64}$/;

/** A server id as the renderer chooses it and main accepts it: [a-z0-9-]{1,64}. */
export function isServerId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Longest folder path accepted (PATH_MAX on Linux). */
const MAX_PATH_LENGTH = 4096;

/** Why `folder` is not a usable folder path, or null. Whether it exists is for main to say. */
export function folderPathError(folder: unknown): string | null {
  if (typeof folder !== 'string' || folder.trim() === '') return 'Choose a folder to serve.';
  if (folder.length > MAX_PATH_LENGTH || folder.includes('\0')) {
    return 'This folder path is not valid.';
  }
  return null;
}

/** Dotted quad with each octet 0–255, no leading zeros (which some stacks read as octal). */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** RFC 4291 §2.2 text forms, including `::`, an embedded IPv4 tail and a `%zone` suffix. */
export function isIPv6(text: string): boolean {
  let addr = text;
  const zone = addr.indexOf('%');
  if (zone !== -1) {
    if (!/^[A-Za-z0-9_.-]+$/.test(addr.slice(zone + 1))) return false;
    addr = addr.slice(0, zone);
  }
  if (addr.length === 0 || addr.length > 45) return false;
  let groups = 8;
  const lastColon = addr.lastIndexOf(':');
  if (lastColon !== -1 && addr.indexOf('.') > lastColon) {
    if (!isIPv4(addr.slice(lastColon + 1))) return false;
    addr = addr.slice(0, lastColon + 1) + '0';
    groups = 7;
  }
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const hex = /^[0-9A-Fa-f]{1,4}$/;
  const count = (part: string | undefined): number | null => {
    if (part === undefined || part === '') return 0;
    const fields = part.split(':');
    return fields.every((f) => hex.test(f)) ? fields.length : null;
  };
  const head = count(halves[0]);
  const tail = count(halves[1]);
  if (head === null || tail === null) return false;
  if (halves.length === 1) return head === groups;
  return head + tail < groups;
}

/** What `--bind` / the bind field accepts: '' (all), an IPv4 or IPv6 literal, or 'localhost'. */
export function validateBindAddress(bind: string): string | null {
  if (bind === '' || bind === 'localhost') return null;
  const bare = bind.startsWith('[') && bind.endsWith(']') ? bind.slice(1, -1) : bind;
  if (isIPv4(bare) || isIPv6(bare)) return null;
  return 'Enter an IP address such as 127.0.0.1 or ::1, or choose "All interfaces".';
}

export function validatePort(port: unknown): string | null {
  if (typeof port !== 'number' || !Number.isInteger(port))
    return 'The port must be a whole number.';
  if (port < 0 || port > 65535) return 'The port must be between 0 and 65535.';
  return null;
}

/** Checks shape and syntax. Whether the folder exists is for main to say (it can look). */
export function validateServerConfig(input: unknown): Validation<ServerConfig> {
  const errors: FieldErrors = {};
  if (!isRecord(input)) return { ok: false, errors: { id: 'Settings must be an object.' } };
  const { id, folder, bind, port, protocol, cgi, followSymlinks } = input;
  const allowedHosts = readAllowedHosts(input.allowedHosts);
  if ('error' in allowedHosts) errors.allowedHosts = allowedHosts.error;
  const demoOptions = readDemoOptions(input, errors);
  const tls = readTlsSettings(input);
  Object.assign(errors, tls.errors);
  if (!isServerId(id)) errors.id = 'Invalid server id.';
  const folderError = folderPathError(folder);
  if (folderError) errors.folder = folderError;
  if (typeof bind !== 'string') errors.bind = 'Choose an address to listen on.';
  else {
    const bindError = validateBindAddress(bind.trim());
    if (bindError) errors.bind = bindError;
  }
  const portError = validatePort(port);
  if (portError) errors.port = portError;
  if (typeof protocol !== 'string' || !(PROTOCOLS as readonly string[]).includes(protocol)) {
    errors.protocol = 'Choose HTTP/1.0 or HTTP/1.1.';
  }
  if (typeof cgi !== 'boolean') errors.cgi = 'CGI mode must be on or off.';
  if (typeof followSymlinks !== 'boolean')
    errors.followSymlinks = 'Symlink policy must be on or off.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      id: id as string,
      folder: folder as string,
      bind: (bind as string).trim(),
      port: port as number,
      protocol: protocol as ProtocolVersion,
      cgi: cgi as boolean,
      followSymlinks: followSymlinks as boolean,
      allowedHosts: 'value' in allowedHosts ? allowedHosts.value : [],
      ...demoOptions,
      ...tls.value,
    },
  };
}

/** What persists in the user-data folder (settings.json). */
export interface AppSettings {
  version: 1;
  servers: ServerConfig[];
  /** Most recent first, at most MAX_RECENT_FOLDERS. */
  recentFolders: string[];
  window: { width: number; height: number };
}

export const MAX_RECENT_FOLDERS = 10;
export const MAX_SERVERS = 16;

export function defaultAppSettings(): AppSettings {
  return { version: 1, servers: [], recentFolders: [], window: { width: 1100, height: 760 } };
}

/** The window's side in pixels: smaller is unusable, larger is no screen. */
export const WINDOW_LIMITS = { min: 400, max: 16_384 } as const;

/** One field read from untrusted input: its usable part (if any) and what was wrong. */
interface FieldReading<T> {
  value?: T;
  problems: string[];
}

function isWindowSide(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= WINDOW_LIMITS.min &&
    value <= WINDOW_LIMITS.max
  );
}

function readServers(raw: unknown): FieldReading<ServerConfig[]> {
  if (!Array.isArray(raw)) return { problems: ['servers must be a list'] };
  const problems: string[] = [];
  const servers: ServerConfig[] = [];
  raw.forEach((entry, index) => {
    const checked = validateServerConfig(entry);
    if (!checked.ok) {
      const why = Object.entries(checked.errors).map(([field, message]) => `${field}: ${message}`);
      problems.push(`server ${index + 1}: ${why.join(' ')}`);
    } else if (servers.some((s) => s.id === checked.value.id)) {
      problems.push(`server ${index + 1}: server ids must be unique`);
    } else if (servers.length < MAX_SERVERS) servers.push(checked.value);
  });
  if (raw.length > MAX_SERVERS) problems.push(`at most ${MAX_SERVERS} servers`);
  return { value: servers, problems };
}

function readRecentFolders(raw: unknown): FieldReading<string[]> {
  if (!Array.isArray(raw)) return { problems: ['recentFolders must be a list'] };
  const problems: string[] = [];
  const valid = raw.filter((folder): folder is string => folderPathError(folder) === null);
  if (valid.length !== raw.length) problems.push('recentFolders holds an invalid path');
  const unique = [...new Set(valid)];
  if (unique.length !== valid.length) problems.push('recentFolders holds a folder twice');
  if (unique.length > MAX_RECENT_FOLDERS) {
    problems.push(`recentFolders must hold at most ${MAX_RECENT_FOLDERS} paths`);
  }
  return { value: unique.slice(0, MAX_RECENT_FOLDERS), problems };
}

function readWindow(raw: unknown): FieldReading<AppSettings['window']> {
  if (isRecord(raw) && isWindowSide(raw.width) && isWindowSide(raw.height)) {
    return { value: { width: raw.width, height: raw.height }, problems: [] };
  }
  const { min, max } = WINDOW_LIMITS;
  return { problems: [`window width and height must be whole numbers ${min}–${max}`] };
}

/** Each field's rule, once; adding a field to AppSettings without one does not compile. */
const APP_SETTINGS_FIELDS: {
  [K in keyof AppSettings]: (raw: unknown) => FieldReading<AppSettings[K]>;
} = {
  version: (raw) => (raw === 1 ? { value: 1, problems: [] } : { problems: ['version must be 1'] }),
  servers: readServers,
  recentFolders: readRecentFolders,
  window: readWindow,
};

/** Reads every field: the usable parts, what was wrong, and which fields were absent. */
function readAppSettings(
  raw: Record<string, unknown>,
  defaults: AppSettings,
): { settings: AppSettings; problems: string[]; missing: string[] } {
  const settings = structuredClone(defaults);
  const problems: string[] = [];
  const missing: string[] = [];
  const read = <K extends keyof AppSettings>(key: K): void => {
    if (raw[key] === undefined) {
      missing.push(`${key} is missing`);
      return;
    }
    const reading = APP_SETTINGS_FIELDS[key](raw[key]);
    if (reading.value !== undefined) settings[key] = reading.value;
    problems.push(...reading.problems);
  };
  for (const key of Object.keys(APP_SETTINGS_FIELDS) as Array<keyof AppSettings>) read(key);
  return { settings, problems, missing };
}

/**
 * Strict: what the renderer asks to save. Any problem, or any missing field, rejects the
 * whole value (the panel validated first, so a problem means a bug or a hijacked page).
 */
export function validateAppSettings(
  raw: unknown,
): { ok: true; value: AppSettings } | { ok: false; problems: string[] } {
  if (!isRecord(raw)) return { ok: false, problems: ['settings must be an object'] };
  const { settings, problems, missing } = readAppSettings(raw, defaultAppSettings());
  const all = [...problems, ...missing];
  return all.length === 0 ? { ok: true, value: settings } : { ok: false, problems: all };
}

/**
 * Lenient: a settings file from disk. Every valid part is kept, every invalid part takes
 * its default and is named in `problems`; a field the file lacks (written by an older
 * version) takes its default silently.
 */
export function repairAppSettings(
  raw: unknown,
  defaults = defaultAppSettings(),
): { settings: AppSettings; problems: string[] } {
  if (!isRecord(raw)) return { settings: defaults, problems: ['the file is not a JSON object'] };
  const { settings, problems } = readAppSettings(raw, defaults);
  return { settings, problems };
}
