/**
 * Opening a served URL in the user's browser: the only external open is the served URL,
 * after a click (docs/architecture.md § Desktop app: window and settings). A compromised
 * renderer must not be able to open arbitrary URLs (file:, custom protocol handlers,
 * phishing pages), so only http(s) URLs whose origin is one of our own running servers
 * pass, and opens are spaced out so a script cannot flood the desktop with browser tabs.
 */
import type { Result, ServerState } from '../shared/ipc.js';
import { errorMessage } from '../shared/values.js';

const MAX_URL_LENGTH = 2048;
/** A person clicks at most a few times a second; a loop in a hijacked renderer does not. */
export const MIN_OPEN_INTERVAL_MS = 500;

export interface UrlOpenerDeps {
  /** The host's current server states (only running ones count). */
  listServers(): ServerState[];
  /** electron's shell.openExternal. */
  openExternal(url: string): Promise<void>;
  now?: () => number;
}

/** Origins (scheme://host:port) that our running servers answer on. */
function runningOrigins(servers: ServerState[]): Set<string> {
  const origins = new Set<string>();
  for (const server of servers) {
    if (server.status !== 'running') continue;
    for (const url of server.urls) {
      try {
        origins.add(new URL(url).origin);
      } catch {
        // Our own URLs always parse; skip rather than trust one that does not.
      }
    }
  }
  return origins;
}

/** Why `raw` may not be opened, or null when it may. */
export function refuseUrl(raw: unknown, servers: ServerState[]): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) {
    return 'Not a URL.';
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'Only http and https addresses can be opened.';
  }
  // user:pass@ in a link is a classic way to disguise where it goes.
  if (url.username !== '' || url.password !== '')
    return 'Addresses with a user name are not opened.';
  if (!runningOrigins(servers).has(url.origin)) {
    return 'Only addresses of servers running in HTTP Desk can be opened.';
  }
  return null;
}

export function createUrlOpener(deps: UrlOpenerDeps): (raw: unknown) => Promise<Result> {
  const now = deps.now ?? Date.now;
  let lastOpen = -Infinity;
  return async (raw) => {
    const refusal = refuseUrl(raw, deps.listServers());
    if (refusal !== null) return { ok: false, error: refusal };
    const time = now();
    if (time - lastOpen < MIN_OPEN_INTERVAL_MS) {
      return { ok: false, error: 'Please wait a moment before opening another page.' };
    }
    lastOpen = time;
    try {
      // Re-serialised by URL so what opens is exactly what was checked.
      await deps.openExternal(new URL(raw as string).href);
      return { ok: true };
    } catch (error) {
      return {
        ok: false,
        error: `The browser could not be opened: ${errorMessage(error)}`,
      };
    }
  };
}
