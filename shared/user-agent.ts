/**
 * A short, human name for the device behind a User-Agent: "iPhone · Safari",
 * "Windows · Firefox", "curl 8.5". It answers "who connected?" at a glance in the log and
 * the clients summary; it is a guess from text the client chose, never an identity.
 *
 * Bounded work: only the first USER_AGENT_SCAN_CHARS characters are looked at, and every
 * test is a substring search or a regular expression without nested repetition, so a
 * hostile header costs at most a few linear scans of that prefix.
 */

/** Real browser User-Agents fit in ~250 characters; the rest is never scanned. */
export const USER_AGENT_SCAN_CHARS = 512;

/** Shown when a request carried no User-Agent at all. */
export const NO_USER_AGENT = 'no User-Agent';

/** Systems, first match wins: iPhone and Android UAs also say "like Mac OS X" / "Linux". */
const SYSTEMS: ReadonlyArray<readonly [needle: string, name: string]> = [
  ['iPhone', 'iPhone'],
  ['iPad', 'iPad'],
  ['iPod', 'iPod'],
  ['Android', 'Android'],
  ['CrOS', 'ChromeOS'],
  ['Windows', 'Windows'],
  ['Macintosh', 'Mac'],
  ['Mac OS X', 'Mac'],
  ['Linux', 'Linux'],
];

/**
 * Browsers, first match wins: Edge, Opera and Samsung Internet also say "Chrome/", and
 * Chrome also says "Safari/"; so the more specific tokens come first.
 */
const BROWSERS: ReadonlyArray<readonly [needle: string, name: string]> = [
  ['Edg/', 'Edge'],
  ['EdgA/', 'Edge'],
  ['EdgiOS/', 'Edge'],
  ['OPR/', 'Opera'],
  ['SamsungBrowser/', 'Samsung Internet'],
  ['Electron/', 'Electron'],
  ['Firefox/', 'Firefox'],
  ['FxiOS/', 'Firefox'],
  ['CriOS/', 'Chrome'],
  ['HeadlessChrome/', 'Headless Chrome'],
  ['Chrome/', 'Chrome'],
  ['Chromium/', 'Chromium'],
  ['Safari/', 'Safari'],
];

/** A product token as tools send it: `curl/8.5.0`, `python-requests/2.31.0`, `Wget/1.21.4`. */
const PRODUCT = /^([A-Za-z][A-Za-z0-9._-]{0,23})(?:\/(\d{1,6})(?:\.(\d{1,6}))?)?/;

function firstMatch(
  ua: string,
  table: ReadonlyArray<readonly [string, string]>,
): string | undefined {
  for (const [needle, name] of table) if (ua.includes(needle)) return name;
  return undefined;
}

/** "curl 8.5": the tool's own name and its major.minor version. */
function toolName(ua: string): string | undefined {
  const match = PRODUCT.exec(ua);
  if (!match) return undefined;
  const [, name, major, minor] = match;
  if (major === undefined) return name;
  return minor === undefined ? `${name} ${major}` : `${name} ${major}.${minor}`;
}

/** The device behind `userAgent` in a few words; NO_USER_AGENT when there was none. */
export function deviceName(userAgent: string | undefined): string {
  if (userAgent === undefined || userAgent.trim() === '') return NO_USER_AGENT;
  const ua = userAgent.slice(0, USER_AGENT_SCAN_CHARS).trim();
  // Browsers all start with the historical "Mozilla/5.0 (…)"; tools start with their name.
  if (!ua.startsWith('Mozilla/')) return toolName(ua) ?? 'unknown client';
  const system = firstMatch(ua, SYSTEMS);
  const browser = /bot\b|crawler|spider/i.test(ua) ? 'bot' : firstMatch(ua, BROWSERS);
  if (system && browser) return `${system} · ${browser}`;
  return system ?? browser ?? 'browser';
}

/** The User-Agent field of a recorded head (names compare case-insensitively, RFC 9110 §5.1). */
export function userAgentOf(headers: ReadonlyArray<readonly [string, string]>): string | undefined {
  for (const [name, value] of headers) if (name.toLowerCase() === 'user-agent') return value;
  return undefined;
}
