/**
 * Server settings and their validation, shared by the control panel (messages next to
 * each field) and the main process (which validates every payload again: docs/architecture.md
 * § IPC contract). Pure: no Node, no DOM.
 */

export const PROTOCOLS = ['HTTP/1.0', 'HTTP/1.1'] as const;
export type ProtocolVersion = (typeof PROTOCOLS)[number];

export interface ServerConfig {
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
  };
}

const ID_PATTERN = /^[a-z0-9-]{1,64}$/;

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
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: { id: 'Settings must be an object.' } };
  }
  const raw = input as Record<string, unknown>;
  const { id, folder, bind, port, protocol, cgi, followSymlinks } = raw;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) errors.id = 'Invalid server id.';
  if (typeof folder !== 'string' || folder.trim() === '')
    errors.folder = 'Choose a folder to serve.';
  else if (folder.length > 4096 || folder.includes('\0'))
    errors.folder = 'This folder path is not valid.';
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
