/**
 * The CGI/1.1 environment of server.py `run_cgi` (reference: NCSA's env.html, later
 * RFC 3875 §4.1), built as a pure function of the request so every variable is testable
 * without spawning anything.
 */
import { pythonDecodeBase64 } from './python-base64.js';

export interface CgiRequestFacts {
  /** `version_string()`, e.g. 'SimpleHTTP/0.6 Python/3.11.7'. */
  serverSoftware: string;
  /** `server.server_name` (the bound host's FQDN). */
  serverName: string;
  serverPort: number;
  /** The server's `protocol_version` (not the request's version), as Python sends it. */
  protocolVersion: string;
  /** `command`, e.g. 'GET'. */
  method: string;
  /** Already percent-decoded with Python's `unquote`. */
  pathInfo: string;
  /** `translate_path(PATH_INFO)`. */
  pathTranslated: string;
  scriptName: string;
  /** The query string as sent: never decoded. */
  query: string;
  /** `client_address[0]`. */
  remoteAddr: string;
  /** The request's header fields in order, names as sent. */
  headers: ReadonlyArray<readonly [string, string]>;
  /**
   * The user whose Basic credentials the server checked (`--auth`). When set, AUTH_TYPE and
   * REMOTE_USER come from it alone; when absent, from the Authorization header as server.py
   * reads it (unchecked: a script must not trust it).
   */
  checkedUser?: string;
}

/**
 * Names that only the server may define for a script (RFC 3875 §4.1 meta-variables).
 * Python starts from a copy of its own environment, so a server started with, say,
 * REMOTE_USER=admin in its environment hands that to every script whose request carries no
 * credentials. The port drops these names (and every HTTP_*, which scripts read as request
 * headers) from the inherited environment before setting the request's own values.
 */
const SERVER_DEFINED = new Set([
  'AUTH_TYPE',
  'CONTENT_LENGTH',
  'CONTENT_TYPE',
  'GATEWAY_INTERFACE',
  'PATH_INFO',
  'PATH_TRANSLATED',
  'QUERY_STRING',
  'REMOTE_ADDR',
  'REMOTE_HOST',
  'REMOTE_IDENT',
  'REMOTE_USER',
  'REQUEST_METHOD',
  'SCRIPT_NAME',
  'SERVER_NAME',
  'SERVER_PORT',
  'SERVER_PROTOCOL',
  'SERVER_SOFTWARE',
]);

function isServerDefined(name: string): boolean {
  const upper = name.toUpperCase();
  return SERVER_DEFINED.has(upper) || upper.startsWith('HTTP_');
}

/** `email.message.Message.get_all(name)`: every value of a field, case-insensitive. */
function allValues(headers: CgiRequestFacts['headers'], name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v);
}

/** `Message.get(name)`: the first value, or undefined. */
function firstValue(headers: CgiRequestFacts['headers'], name: string): string | undefined {
  return allValues(headers, name)[0];
}

/** Python's `str.split()` with no argument: runs of Unicode whitespace, no empty parts. */
function pythonSplitWhitespace(text: string): string[] {
  return text
    .split(/[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/) // eslint-disable-line no-control-regex
    .filter((part) => part !== '');
}

const NON_ASCII = /[^\x00-\x7f]/; // eslint-disable-line no-control-regex

/**
 * AUTH_TYPE and REMOTE_USER as server.py derives them: the header must split into exactly
 * two words; the first is AUTH_TYPE; for Basic, the second must be ASCII base64 of ASCII
 * text with exactly one ':' for REMOTE_USER to be set. The password never leaves here.
 */
export function authorizationVariables(authorization: string | undefined): {
  AUTH_TYPE?: string;
  REMOTE_USER?: string;
} {
  if (!authorization) return {};
  const words = pythonSplitWhitespace(authorization);
  if (words.length !== 2) return {};
  const [scheme = '', credentials = ''] = words;
  if (scheme.toLowerCase() !== 'basic') return { AUTH_TYPE: scheme };
  // `.encode('ascii')` and `.decode('ascii')` raise on non-ASCII: Python then skips REMOTE_USER.
  if (NON_ASCII.test(credentials)) return { AUTH_TYPE: scheme };
  const decoded = pythonDecodeBase64(credentials);
  if (decoded === null || decoded.some((byte) => byte > 0x7f)) return { AUTH_TYPE: scheme };
  const userPass = decoded.toString('latin1').split(':');
  if (userPass.length !== 2) return { AUTH_TYPE: scheme };
  return { AUTH_TYPE: scheme, REMOTE_USER: userPass[0] ?? '' };
}

/** The request-derived variables only, in server.py's order. */
export function cgiVariables(facts: CgiRequestFacts): Record<string, string> {
  const { headers } = facts;
  const env: Record<string, string> = {
    SERVER_SOFTWARE: facts.serverSoftware,
    SERVER_NAME: facts.serverName,
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: facts.protocolVersion,
    SERVER_PORT: String(facts.serverPort),
    REQUEST_METHOD: facts.method,
    PATH_INFO: facts.pathInfo,
    PATH_TRANSLATED: facts.pathTranslated,
    SCRIPT_NAME: facts.scriptName,
    QUERY_STRING: facts.query,
    REMOTE_ADDR: facts.remoteAddr,
    ...(facts.checkedUser !== undefined
      ? { AUTH_TYPE: 'Basic', REMOTE_USER: facts.checkedUser }
      : authorizationVariables(firstValue(headers, 'authorization'))),
    // `headers.get_content_type()` answers 'text/plain' when the field is absent; a field
    // that is present (even empty) is passed as it is.
    CONTENT_TYPE: firstValue(headers, 'content-type') ?? 'text/plain',
  };
  const length = firstValue(headers, 'content-length');
  if (length) env.CONTENT_LENGTH = length;
  const referer = firstValue(headers, 'referer');
  if (referer) env.HTTP_REFERER = referer;
  env.HTTP_ACCEPT = allValues(headers, 'accept').join(',');
  const userAgent = firstValue(headers, 'user-agent');
  if (userAgent) env.HTTP_USER_AGENT = userAgent;
  const cookie = allValues(headers, 'cookie')
    .filter((value) => value !== '')
    .join(', ');
  if (cookie) env.HTTP_COOKIE = cookie;
  // "Since we're setting the env in the parent, provide empty values to override
  // previously set values" — these are always present, possibly empty.
  for (const name of [
    'QUERY_STRING',
    'REMOTE_HOST',
    'CONTENT_LENGTH',
    'HTTP_USER_AGENT',
    'HTTP_COOKIE',
    'HTTP_REFERER',
  ]) {
    env[name] ??= '';
  }
  return env;
}

/** The script's whole environment: the server's own (minus CGI names), then the request's. */
export function buildCgiEnvironment(
  facts: CgiRequestFacts,
  inherited: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (value !== undefined && !isServerDefined(name)) env[name] = value;
  }
  return Object.assign(env, cgiVariables(facts));
}

/**
 * An environment entry or argument with a NUL byte cannot be passed to execve (Python
 * raises "embedded null byte" before sending anything). Returns the offending name.
 */
export function findNulByte(env: Record<string, string>, args: readonly string[]): string | null {
  for (const [name, value] of Object.entries(env)) {
    if (name.includes('\0') || value.includes('\0')) return name;
  }
  return args.some((arg) => arg.includes('\0')) ? 'argv' : null;
}
