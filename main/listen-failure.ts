/**
 * Turns Node's listen() errors into reasons a person understands: port in use, no permission
 * for ports below 1024, address not on this machine (docs/architecture.md § Desktop app:
 * server host).
 */
import type { ServerFailure } from '../shared/ipc.js';

/** Ports below this need privileges on Unix-like systems (RFC 6335 §6 "system ports"). */
export const FIRST_UNPRIVILEGED_PORT = 1024;

function where(bind: string): string {
  return bind === '' ? 'all interfaces' : bind;
}

export function listenFailure(error: unknown, bind: string, port: number): ServerFailure {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return {
        code: 'port-in-use',
        field: 'port',
        message: `Port ${port} is already in use on ${where(bind)} (by another program or another server here).`,
      };
    case 'EACCES':
    case 'EPERM':
      if (port > 0 && port < FIRST_UNPRIVILEGED_PORT) {
        return {
          code: 'port-permission',
          field: 'port',
          message: `Ports below ${FIRST_UNPRIVILEGED_PORT} need administrator rights on this system. Use a port such as 8000.`,
        };
      }
      return {
        code: 'port-permission',
        field: 'port',
        message: `This system does not allow listening on port ${port} at ${where(bind)}.`,
      };
    case 'EADDRNOTAVAIL':
    case 'EAFNOSUPPORT':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        code: 'address-not-available',
        field: 'bind',
        message: `${where(bind)} is not an address of this computer. Choose one from the list, or "All interfaces".`,
      };
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return { code: 'unknown', message: `The server could not start: ${detail}` };
    }
  }
}
