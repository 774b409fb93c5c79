/**
 * A client that sends its request and then closes its side (FIN, not RST) is gone: the
 * script and everything it started end at once, not when cgiTimeoutMs runs out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  get,
  isAlive,
  makeSite,
  removeSite,
  startServer,
  waitFor,
  type RunningServer,
} from './cgi-site.js';

let root = '';
let pidDir = '';
/** No time limit: only the client's FIN may end a script here. */
let server: RunningServer;

beforeAll(async () => {
  root = await makeSite();
  // World-writable: when the tests run as root, scripts run as nobody.
  pidDir = await mkdtemp(path.join(tmpdir(), 'httpdesk-cgi-pids-'));
  await chmod(pidDir, 0o777);
  server = await startServer(root, { configure: (h) => (h.cgiTimeoutMs = 0) });
});

afterAll(async () => {
  await server.close();
  await removeSite(root);
  await rm(pidDir, { recursive: true, force: true });
});

/**
 * A half-open-capable connection that sends `request` (and its FIN with it when `andEnd`)
 * and collects what comes back.
 */
function connect(request: string, andEnd = false): { socket: net.Socket; received: () => string } {
  let text = '';
  const socket = net.connect({ port: server.port, host: '127.0.0.1', allowHalfOpen: true });
  if (andEnd) socket.end(request);
  else socket.write(request);
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  return { socket, received: () => text };
}

/** The pids pidfile.sh recorded: the script's shell and the `sleep` it started. */
function readPids(file: string): number[] {
  return readFileSync(file, 'utf8').trim().split(' ').map(Number);
}

const loggedEnd = (): boolean =>
  server.log.texts().includes('CGI script /cgi-bin/pidfile.sh: client closed its side, ending it');

describe('a client that half-closes', () => {
  it('ends the script and its children as soon as the FIN arrives', async () => {
    const file = path.join(pidDir, 'running');
    const { socket, received } = connect(get(`/cgi-bin/pidfile.sh?${file}`));
    try {
      await waitFor(() => existsSync(file), 5_000, 'the script to record its pids');
      const pids = readPids(file);
      expect(pids.every(isAlive)).toBe(true);
      socket.end(); // FIN: the client has nothing more to say
      await waitFor(() => !pids.some(isAlive), 5_000, 'the script and its sleep to end');
      await waitFor(loggedEnd, 2_000, 'the reason to be logged');
      expect(received()).toMatch(/^HTTP\/1\.0 200 Script output follows\r\n/);
    } finally {
      socket.destroy();
    }
  });

  it('ends the script when the FIN came with the request, before the script started', async () => {
    const file = path.join(pidDir, 'at-once');
    const before = server.log.texts().filter((t) => t.includes('client closed its side')).length;
    const { socket } = connect(get(`/cgi-bin/pidfile.sh?${file}`), true);
    try {
      await waitFor(
        () =>
          server.log.texts().filter((t) => t.includes('client closed its side')).length > before,
        5_000,
        'the script to be ended',
      );
      // The script may have been ended before it wrote its pids; if it wrote them, they are gone.
      await waitFor(() => !existsSync(file) || !readPids(file).some(isAlive), 5_000, 'no pids');
    } finally {
      socket.destroy();
    }
  });
});
