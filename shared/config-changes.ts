/**
 * What changed between two settings of one server, in a few words each: "HTTP/1.1 →
 * HTTP/1.0", "port 8000 → 8001", "CGI on". The panel lists them next to "Apply & restart",
 * and main names them in the log's divider row when the server restarts
 * (docs/architecture.md § Desktop app: apply and restart).
 *
 * Every field of ServerConfig is compared, including ones this file has no words for:
 * those read "<field> changed", so a new setting never restarts silently.
 */
import { folderName } from './folder-name.js';
import type { ServerConfig } from './settings.js';

type Field = Exclude<keyof ServerConfig, 'id'>;

function onOff(on: boolean): string {
  return on ? 'on' : 'off';
}

function where(bind: string): string {
  const host = bind.trim();
  return host === '' ? 'all interfaces' : host;
}

/** Words for the fields a person changes most; the rest fall back to "<field> changed". */
const WORDS: Partial<Record<Field, (before: ServerConfig, after: ServerConfig) => string>> = {
  protocol: (b, a) => `${b.protocol} → ${a.protocol}`,
  port: (b, a) => `port ${b.port} → ${a.port}`,
  bind: (b, a) => `${where(b.bind)} → ${where(a.bind)}`,
  folder: (b, a) => `folder ${folderName(b.folder)} → ${folderName(a.folder)}`,
  cgi: (_b, a) => `CGI ${onOff(a.cgi)}`,
  followSymlinks: (_b, a) => `following outside links ${onOff(a.followSymlinks)}`,
  spa: (_b, a) => `single-page app ${onOff(a.spa)}`,
  tls: (b, a) => `HTTPS ${b.tls} → ${a.tls}`,
  allowedHosts: () => 'allowed host names changed',
  responseHeaders: () => 'response headers changed',
  authUser: () => 'user name changed',
  // Never the password itself, not even its length.
  authPassword: () => 'password changed',
};

/** "tlsCertFile" → "tls cert file": a readable fallback for fields without words. */
function spaced(field: string): string {
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The changes from `before` to `after`, in the order of the settings form; [] = none. */
export function configChanges(before: ServerConfig, after: ServerConfig): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  fields.delete('id');
  const changes: string[] = [];
  for (const field of fields as Set<Field>) {
    if (same(before[field], after[field])) continue;
    const words = WORDS[field];
    changes.push(words ? words(before, after) : `${spaced(field)} changed`);
  }
  return changes;
}
