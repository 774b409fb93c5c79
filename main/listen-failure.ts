/**
 * Node's listen() errors in words a person understands: port in use, no permission for
 * ports below 1024, address not on this machine. One table for both faces: the desktop
 * app shows `message` next to `field` (docs/architecture.md § Desktop app: server host),
 * and `httpdesk` prints `cli` as its one error line (argparse's lower-case style, with
 * what to do). No electron and no engine imports, so the CLI's build includes it.
 */
import type { ServerFailure } from '../shared/ipc.js';
import { errorMessage } from '../shared/values.js';

/** Ports below this need privileges on Unix-like systems (RFC 6335 §6 "system ports"). */
export const FIRST_UNPRIVILEGED_PORT = 1024;

/** The app's failure (for the state the panel shows) plus the CLI's line for the same reason. */
interface ListenFailure extends ServerFailure {
  /** Without the `httpdesk: error: ` prefix. */
  cli: string;
}

type Explain = (where: string, port: number) => ListenFailure;

const inUse: Explain = (where, port) => ({
  code: 'port-in-use',
  field: 'port',
  message: `Port ${port} is already in use on ${where} (by another program or another server here).`,
  cli: `port ${port} is already in use on ${where}`,
});

const refused: Explain = (where, port) =>
  port > 0 && port < FIRST_UNPRIVILEGED_PORT
    ? {
        code: 'port-permission',
        field: 'port',
        message: `Ports below ${FIRST_UNPRIVILEGED_PORT} need administrator rights on this system. Use a port such as 8000.`,
        cli: `no permission to use port ${port}: ports below ${FIRST_UNPRIVILEGED_PORT} need administrator rights; try 8000`,
      }
    : {
        code: 'port-permission',
        field: 'port',
        message: `This system does not allow listening on port ${port} at ${where}.`,
        cli: `no permission to listen on ${where} port ${port}`,
      };

const notHere: Explain = (where) => ({
  code: 'address-not-available',
  field: 'bind',
  message: `${where} is not an address of this computer. Choose one from the list, or "All interfaces".`,
  cli: `cannot bind to ${where}: that address does not belong to this machine`,
});

const noSuchHost: Explain = (where) => ({
  ...notHere(where, 0),
  cli: `cannot bind to ${where}: no such host`,
});

/** errno code → explanation. */
const LISTEN_ERRORS: Readonly<Record<string, Explain>> = {
  EADDRINUSE: inUse,
  EACCES: refused,
  EPERM: refused,
  EADDRNOTAVAIL: notHere,
  EAFNOSUPPORT: notHere,
  ENOTFOUND: noSuchHost,
  EAI_AGAIN: noSuchHost,
};

/** The CLI's error line for a listen error (`bind` '' means every interface). */
export function listenErrorLine(error: unknown, bind: string, port: number): string {
  return explain(error, bind, port).cli;
}

/** The desktop app's failure for a listen error (`bind` '' means every interface). */
export function listenFailure(error: unknown, bind: string, port: number): ServerFailure {
  const { cli: _cli, ...failure } = explain(error, bind, port);
  return failure;
}

function explain(error: unknown, bind: string, port: number): ListenFailure {
  const where = bind === '' ? 'all interfaces' : bind;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const known = code === undefined ? undefined : LISTEN_ERRORS[code];
  if (known) return known(where, port);
  return {
    code: 'unknown',
    message: `The server could not start: ${errorMessage(error)}`,
    cli: `cannot listen on ${where} port ${port}: ${errorMessage(error)}`,
  };
}
