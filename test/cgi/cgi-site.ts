/**
 * Test scaffolding for CGI over real sockets: a served folder built from the fixture
 * scripts, our server on a loopback port, and a raw-bytes client.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogSink, MessageRecord } from '../../shared/log.js';
import { CGIHTTPRequestHandler } from '../../main/server/cgi-handler.js';
import { ThreadingHTTPServer } from '../../main/server/http-server.js';
import { EVENTUALLY_MS } from '../helpers/raw-socket.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/cgi-bin/', import.meta.url));

/** Scripts that must be executable (git keeps mode 755 only if it was committed so). */
const EXECUTABLE = [
  'args.sh',
  'big.sh',
  'count.sh',
  'env.py',
  'exit3.sh',
  'fullenv.py',
  'hang.sh',
  'hello.sh',
  'pidfile.sh',
  'post.py',
  'query.py',
  'sized.sh',
  'slow.sh',
  'ticker.sh',
  'child-dir/file3.py',
];

/**
 * A served folder: cgi-bin/ (the fixtures), htbin/, a nested sub/dir/cgi-bin/, static files.
 * Readable by everyone: when the tests run as root the scripts run as nobody.
 */
export async function makeSite(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'httpdesk-cgi-'));
  await chmod(root, 0o755);
  const cgiBin = path.join(root, 'cgi-bin');
  await cp(FIXTURES, cgiBin, { recursive: true });
  for (const dir of [cgiBin, path.join(cgiBin, 'child-dir')]) await chmod(dir, 0o755);
  for (const file of EXECUTABLE) await chmod(path.join(cgiBin, file), 0o755);
  await chmod(path.join(cgiBin, 'not-executable.sh'), 0o644);
  await mkdir(path.join(cgiBin, 'subdir'), { mode: 0o755 });
  await mkdir(path.join(root, 'htbin'), { mode: 0o755 });
  await cp(path.join(cgiBin, 'hello.sh'), path.join(root, 'htbin', 'hello.sh'));
  await chmod(path.join(root, 'htbin', 'hello.sh'), 0o755);
  await mkdir(path.join(root, 'sub', 'dir', 'cgi-bin'), { recursive: true, mode: 0o755 });
  await cp(path.join(cgiBin, 'hello.sh'), path.join(root, 'sub', 'dir', 'cgi-bin', 'file5.sh'));
  await chmod(path.join(root, 'sub', 'dir', 'cgi-bin', 'file5.sh'), 0o755);
  await writeFile(path.join(root, 'index.html'), '<p>static</p>\n');
  await writeFile(
    path.join(root, 'nocgi.sh'),
    '#!/bin/sh\necho "Content-type: text/plain"\necho\necho nocgi\n',
    {
      mode: 0o755,
    },
  );
  return root;
}

export async function removeSite(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}

/** A log sink that keeps every message for assertions. */
export function recordingSink(): LogSink & { messages: MessageRecord[]; texts(): string[] } {
  const messages: MessageRecord[] = [];
  return {
    messages,
    message(record) {
      messages.push(record);
    },
    request() {},
    texts() {
      return messages.map((m) => m.text);
    },
  };
}

export interface RunningServer {
  server: ThreadingHTTPServer;
  port: number;
  log: ReturnType<typeof recordingSink>;
  close(): Promise<void>;
}

export interface ServerChoice {
  protocolVersion?: string;
  /** Customise the handler class (cgiTimeoutMs, cgiDirectories …). */
  configure?: (handler: CGIHTTPRequestHandler) => void;
}

export async function startServer(root: string, choice: ServerChoice = {}): Promise<RunningServer> {
  // What makeHandlerClass({ cgi: true }) builds, spelled out so these tests pin the CGI
  // class itself (the CLI wiring has its own tests).
  const configure = choice.configure;
  const Handler = class extends CGIHTTPRequestHandler {
    override directory = root;
    override protocolVersion = choice.protocolVersion ?? 'HTTP/1.0';
    constructor(...args: ConstructorParameters<typeof CGIHTTPRequestHandler>) {
      super(...args);
      configure?.(this);
    }
  };
  const log = recordingSink();
  const server = new ThreadingHTTPServer(['127.0.0.1', 0], Handler, {
    logSink: log,
    allowedHosts: ['*'], // the tests send `Host: x`; the Host check has its own tests
  });
  await server.ready;
  const done = server.serveForever();
  return {
    server,
    port: server.serverPort,
    log,
    async close() {
      await server.shutdown();
      await server.serverClose();
      await done;
    },
  };
}

export interface RawResponse {
  raw: Buffer;
  statusLine: string;
  /** Every header line up to the first empty line (ours and the script's). */
  headers: Array<[string, string]>;
  body: Buffer;
  /** True if the server closed the connection (always, for CGI). */
  closed: boolean;
}

export function parseResponse(raw: Buffer, closed: boolean): RawResponse {
  // The head ends at the first empty line: our lines end in CRLF, a script's often in LF.
  const crlf = raw.indexOf('\n\r\n');
  const lf = raw.indexOf('\n\n');
  let headEnd = raw.length;
  let bodyStart = raw.length;
  if (crlf !== -1 && (lf === -1 || crlf < lf)) {
    headEnd = crlf;
    bodyStart = crlf + 3;
  } else if (lf !== -1) {
    headEnd = lf;
    bodyStart = lf + 2;
  }
  const lines = raw.subarray(0, headEnd).toString('latin1').split(/\r?\n/);
  const statusLine = lines.shift() ?? '';
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { raw, statusLine, headers, body: raw.subarray(bodyStart), closed };
}

export function header(response: RawResponse, name: string): string | undefined {
  return response.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/**
 * Sends `request` (raw bytes: traversal tests must not be normalised by a URL parser) and
 * reads until the server closes, or `timeoutMs`.
 */
export function rawRequest(
  port: number,
  request: string | Buffer | Array<string | Buffer>,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks), closed));
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (err) => {
      if (!settled && chunks.length === 0) {
        settled = true;
        clearTimeout(timer);
        reject(err);
      }
    });
    socket.on('connect', () => {
      for (const part of Array.isArray(request) ? request : [request]) socket.write(part);
    });
  });
}

/** `GET path` as HTTP/1.0 with extra header lines. */
export function get(path: string, headers: string[] = [], method = 'GET'): string {
  return [`${method} ${path} HTTP/1.0`, ...headers, '', ''].join('\r\n');
}

/**
 * Whether a process id is still running. A zombie (exited, not yet reaped — containers
 * often have no init reaping orphans) counts as gone.
 */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S ...": the state letter follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    if (existsSync('/proc/self/stat')) return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until `check` holds, polling; throws after `timeoutMs`. */
export async function waitFor(
  check: () => boolean,
  timeoutMs = EVENTUALLY_MS,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
