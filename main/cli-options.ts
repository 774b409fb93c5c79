/**
 * `httpdesk`'s arguments: the same as `python -m http.server` (argparse in server.py),
 * plus `--follow-symlinks`. Pure: returns options or a message, never exits.
 */
import { parseArgs } from 'node:util';
import { validateAllowedHost } from '../shared/allowed-hosts.js';
import { parseCredentials } from './server/basic-auth.js';
import { parseHeaderLine, type HeaderPair } from '../shared/response-headers.js';
import { PROTOCOLS, type ProtocolVersion, validateBindAddress } from '../shared/settings.js';

export interface CliOptions {
  port: number;
  /** undefined = every interface (IPv6 and IPv4), like Python's default. */
  bind: string | undefined;
  directory: string;
  protocol: ProtocolVersion;
  cgi: boolean;
  followSymlinks: boolean;
  /** Host names served besides this machine's own (`--allowed-host`, repeatable; `*` = any). */
  allowedHosts: string[];
  /** `-H "Name: value"`, repeatable: added to every response. */
  headers: HeaderPair[];
  /** `--spa`: client-side routes of a single-page app get the root index.html. */
  spa: boolean;
  /** `--auth USER:PASSWORD`. */
  auth: { user: string; password: string } | null;
  /** `--auth-file FILE`: a file whose first line is USER:PASSWORD (read by cli.ts). */
  authFile: string | undefined;
  /** `--tls-cert` / `--tls-key` / `--tls-password-file` (Python 3.14): serve HTTPS. */
  tls: { cert: string; key: string | undefined; passwordFile: string | undefined } | null;
}

export type CliParse =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

export const USAGE =
  'usage: httpdesk [-h] [--cgi] [--follow-symlinks] [-b ADDRESS] [-d DIRECTORY] [-p VERSION]\n' +
  '                [--allowed-host NAME] [-H "NAME: VALUE"] [--spa]\n' +
  '                [--auth USER:PASSWORD | --auth-file FILE]\n' +
  '                [--tls-cert PATH] [--tls-key PATH] [--tls-password-file PATH]\n' +
  '                [port]';

export const HELP = `${USAGE}

Serve a folder over HTTP, like python -m http.server.

positional arguments:
  port                  bind to this port (default: 8000)

options:
  -h, --help            show this help message and exit
  --cgi                 run as CGI server (scripts in cgi-bin/ and htbin/ run as programs)
  --follow-symlinks     follow symbolic links that lead outside the folder (Python's behaviour;
                        by default such links are not served)
  -b ADDRESS, --bind ADDRESS
                        bind to this address (default: all interfaces)
  -d DIRECTORY, --directory DIRECTORY
                        serve this directory (default: current directory)
  -p VERSION, --protocol VERSION
                        conform to this HTTP version (default: HTTP/1.0)
  --allowed-host NAME   also answer requests for this host name (repeatable; a leading dot
                        allows a domain and its subdomains; * allows any name, Python's
                        behaviour). IP addresses, localhost, *.localhost and this machine's
                        names are always answered; other names get 403 (DNS rebinding)
  -H "NAME: VALUE", --header "NAME: VALUE"
                        add this header to every response (repeatable; e.g.
                        -H "Cache-Control: no-store"). With Access-Control-Allow-Origin,
                        CORS preflight OPTIONS requests are answered 204
  --spa                 single-page app: a GET for a missing path whose last segment has
                        no extension (/settings/profile) gets the root index.html
  --auth USER:PASSWORD  every request needs this user name and password (HTTP Basic); use
                        it with HTTPS on a shared network, the password crosses in clear
  --auth-file FILE      like --auth, read from the first line of FILE (keeps the password
                        out of the process list)
  --tls-cert PATH       serve HTTPS with this PEM certificate chain (it may also hold the
                        key); TLS 1.2 or later
  --tls-key PATH        the PEM private key, if not in the --tls-cert file
  --tls-password-file PATH
                        the key's password, from the first line of this file
`;

export function parseCliArgs(argv: string[], cwd: string): CliParse {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        cgi: { type: 'boolean' },
        'follow-symlinks': { type: 'boolean' },
        bind: { type: 'string', short: 'b' },
        directory: { type: 'string', short: 'd' },
        protocol: { type: 'string', short: 'p' },
        'allowed-host': { type: 'string', multiple: true },
        header: { type: 'string', short: 'H', multiple: true },
        spa: { type: 'boolean' },
        auth: { type: 'string' },
        'auth-file': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-password-file': { type: 'string' },
      },
    });
  } catch (err) {
    return { kind: 'error', message: (err as Error).message.split('\n')[0] ?? 'bad arguments' };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help', text: HELP };
  if (positionals.length > 1) {
    return { kind: 'error', message: `unrecognized arguments: ${positionals.slice(1).join(' ')}` };
  }
  let port = 8000;
  if (positionals.length === 1) {
    const text = positionals[0] as string;
    if (!/^[0-9]+$/.test(text))
      return { kind: 'error', message: `argument port: invalid int value: '${text}'` };
    port = Number(text);
    if (port > 65535)
      return { kind: 'error', message: `argument port: ${port} is not between 0 and 65535` };
  }
  const protocol = values.protocol ?? 'HTTP/1.0';
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    return {
      kind: 'error',
      message: `argument -p/--protocol: '${protocol}' is not HTTP/1.0 or HTTP/1.1`,
    };
  }
  const bind = values.bind;
  if (
    bind !== undefined &&
    bind !== '' &&
    validateBindAddress(bind) !== null &&
    !/^[A-Za-z0-9.-]+$/.test(bind)
  ) {
    return {
      kind: 'error',
      message: `argument -b/--bind: '${bind}' is not an address or host name`,
    };
  }
  const allowedHosts = values['allowed-host'] ?? [];
  for (const name of allowedHosts) {
    const problem = validateAllowedHost(name);
    if (problem) return { kind: 'error', message: `argument --allowed-host: ${problem}` };
  }
  const headers: HeaderPair[] = [];
  for (const line of values.header ?? []) {
    const checked = parseHeaderLine(line);
    if (!checked.ok) return { kind: 'error', message: `argument -H/--header: ${checked.error}` };
    headers.push(checked.header);
  }
  let auth: CliOptions['auth'] = null;
  if (values.auth !== undefined && values['auth-file'] !== undefined)
    return { kind: 'error', message: 'argument --auth: not allowed with argument --auth-file' };
  if (values.auth !== undefined) {
    auth = parseCredentials(values.auth);
    if (!auth) return { kind: 'error', message: 'argument --auth: expected USER:PASSWORD' };
  }
  const tlsCert = values['tls-cert'];
  for (const flag of ['tls-key', 'tls-password-file'] as const) {
    if (values[flag] !== undefined && tlsCert === undefined)
      return { kind: 'error', message: `argument --${flag}: needs --tls-cert` };
  }
  return {
    kind: 'run',
    options: {
      port,
      bind: bind === '' ? undefined : bind,
      directory: values.directory ?? cwd,
      protocol: protocol as ProtocolVersion,
      cgi: values.cgi ?? false,
      followSymlinks: values['follow-symlinks'] ?? false,
      allowedHosts,
      headers,
      spa: values.spa ?? false,
      auth,
      authFile: values['auth-file'],
      tls:
        tlsCert === undefined
          ? null
          : { cert: tlsCert, key: values['tls-key'], passwordFile: values['tls-password-file'] },
    },
  };
}
