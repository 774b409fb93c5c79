/**
 * A running CGI script: spawned directly (never through a shell), its stdin fed from the
 * request body with backpressure, its stdout handed out chunk by chunk with backpressure,
 * its stderr split into log lines, and ended on demand (client gone, time limit).
 *
 * server.py forks and gives the script the socket itself as stdin and stdout. Pipes cost a
 * copy but let the server stop the body at Content-Length (a script cannot read the next
 * pipelined request), cut the body of a HEAD response, count bytes for the log, and notice
 * a client that went away.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import type { Writable } from 'node:stream';
import type { Identity } from './nobody.js';
import { StderrLines } from './stderr-lines.js';

export interface CgiCommand {
  /** The program to execute: the script itself, or the Python interpreter. */
  file: string;
  args: readonly string[];
  /** argv[0] as the script sees it (server.py passes the script's name). */
  argv0: string;
  env: Record<string, string>;
  cwd: string;
  /** Run as this user and group (nobody, when the server is root); null = as the server. */
  identity: Identity | null;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type StartResult =
  { ok: true; script: CgiProcess } | { ok: false; error: NodeJS.ErrnoException };

/** After SIGTERM, a script (and what it started) gets this long before SIGKILL. */
export const KILL_GRACE_MS = 2_000;

const IS_WINDOWS = process.platform === 'win32';

/**
 * Starts the script and waits until it runs (exec succeeded) or failed to start, so the
 * caller can still answer with an error status before "200 Script output follows".
 */
export function startCgiProcess(command: CgiCommand): Promise<StartResult> {
  let child: ChildProcess;
  try {
    child = spawn(command.file, command.args, {
      argv0: command.argv0,
      env: command.env,
      cwd: command.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group (POSIX), so a time limit or a disconnect ends everything the
      // script started, not only the shell that started it.
      detached: !IS_WINDOWS,
      windowsHide: true,
      ...(command.identity ? { uid: command.identity.uid, gid: command.identity.gid } : {}),
    });
  } catch (err) {
    return Promise.resolve({ ok: false, error: err as NodeJS.ErrnoException });
  }
  return new Promise((resolve) => {
    const onSpawn = (): void => {
      child.off('error', onError);
      resolve({ ok: true, script: new CgiProcess(child) });
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      child.off('spawn', onSpawn);
      resolve({ ok: false, error });
    };
    child.once('spawn', onSpawn);
    child.once('error', onError);
  });
}

/** Python's `os.waitstatus_to_exitcode`: the exit code, or minus the signal number. */
export function exitCode(status: ExitStatus): number {
  if (status.code !== null) return status.code;
  const number = status.signal ? osConstants.signals[status.signal] : undefined;
  return number === undefined ? -1 : -number;
}

function waitWritable(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

export class CgiProcess {
  readonly #child: ChildProcess;
  /** Resolves once the script exited and its stdout and stderr are closed. */
  readonly closed: Promise<ExitStatus>;
  #isClosed = false;
  #killTimer: NodeJS.Timeout | null = null;
  #limitTimer: NodeJS.Timeout | null = null;
  /** Why the server ended the script, or null if it was not ended by the server. */
  killedBecause: string | null = null;

  constructor(child: ChildProcess) {
    this.#child = child;
    this.closed = new Promise((resolve) => {
      child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        this.#isClosed = true;
        this.#clearTimers();
        resolve({ code, signal });
      });
    });
    // A script that exits without reading its input makes stdin fail with EPIPE: expected.
    child.stdin?.on('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Calls `onLimit` (which should end the script) after `ms`; 0 = never. */
  limitRunTime(ms: number, onLimit: () => void): void {
    if (ms <= 0 || !Number.isFinite(ms)) return;
    this.#limitTimer = setTimeout(onLimit, ms);
    this.#limitTimer.unref();
  }

  /** SIGTERM to the script's process group, SIGKILL after KILL_GRACE_MS if still open. */
  kill(reason: string): void {
    if (this.#isClosed || this.killedBecause !== null) return;
    this.killedBecause = reason;
    this.#signal('SIGTERM');
    this.#killTimer = setTimeout(() => this.#signal('SIGKILL'), KILL_GRACE_MS);
    this.#killTimer.unref();
    // Whatever it still writes goes nowhere; closing our ends also unblocks a script stuck
    // writing to a full pipe.
    this.#child.stdin?.destroy();
  }

  #signal(signal: NodeJS.Signals): void {
    // Once 'close' fired every pipe is shut and the group is gone; its id may be reused.
    const pid = this.#child.pid;
    if (this.#isClosed || pid === undefined) return;
    try {
      if (IS_WINDOWS) this.#child.kill(signal);
      else process.kill(-pid, signal);
    } catch {
      // ESRCH: already gone.
    }
  }

  #clearTimers(): void {
    if (this.#killTimer) clearTimeout(this.#killTimer);
    if (this.#limitTimer) clearTimeout(this.#limitTimer);
  }

  /**
   * Copies `body` to the script's stdin, waiting for the pipe to drain (constant memory),
   * then closes stdin so the script sees end of input after exactly the body. Stops early,
   * without error, if the script closes its input, exits or is killed.
   */
  async feedStdin(body: AsyncIterator<Buffer>): Promise<void> {
    const stdin = this.#child.stdin;
    if (!stdin) return;
    try {
      while (!this.#isClosed && stdin.writable && !stdin.destroyed) {
        const next = await this.#unlessClosed(body.next());
        if (next === null || next.done) break;
        if (!stdin.write(next.value)) await waitWritable(stdin);
      }
    } finally {
      stdin.end();
      // Leaves the body unread: the connection is closed after a CGI response anyway.
      void body.return?.(undefined)?.catch(() => undefined);
    }
  }

  /**
   * `promise`, or null as soon as the script has closed. Not `Promise.race` with one
   * long-lived promise: each race would leave a reaction on it holding that round's
   * result — every body chunk — until the script ends (a 1 GB upload would stay in memory).
   */
  #unlessClosed<T>(promise: Promise<T>): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) => {
      const onClose = (): void => resolve(null);
      this.#child.once('close', onClose);
      promise.then(
        (value) => {
          this.#child.off('close', onClose);
          resolve(value);
        },
        (err: unknown) => {
          this.#child.off('close', onClose);
          reject(err);
        },
      );
    });
  }

  /**
   * Hands each stdout chunk to `sink`, waiting for it (so a slow client slows the script,
   * never the server's memory). If `sink` throws (the client is gone), stdout is closed and
   * the error passes to the caller, which decides to end the script.
   */
  async pumpStdout(sink: (chunk: Buffer) => Promise<void>): Promise<void> {
    const stdout = this.#child.stdout;
    if (!stdout) return;
    for await (const chunk of stdout as AsyncIterable<Buffer>) await sink(chunk);
  }

  /** Sends every stderr line to `log` (capped, see stderr-lines.ts). */
  logStderr(log: (line: string) => void): void {
    const stderr = this.#child.stderr;
    if (!stderr) return;
    const lines = new StderrLines(log);
    stderr.on('data', (chunk: Buffer) => lines.push(chunk));
    stderr.once('end', () => lines.end());
  }
}
