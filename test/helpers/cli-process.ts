/**
 * Runs the built `httpdesk` CLI (dist/lib/main/cli.js) as a user would, collecting stdout
 * and stderr and waiting for lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI_JS } from './built-lib.js';
import { EVENTUALLY_MS } from './raw-socket.js';

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout/stderr text matching `pattern`, or rejects on timeout/exit. */
  waitFor(
    pattern: RegExp,
    stream?: 'stdout' | 'stderr',
    timeoutMs?: number,
  ): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or signal name) once the process ended. */
  exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): void;
}

export function runCli(args: string[], options: { cwd?: string } = {}): CliRun {
  const child = spawn(process.execPath, [CLI_JS, ...args], {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  child.stdout?.setEncoding('utf8').on('data', (t: string) => ((out.stdout += t), notify()));
  child.stderr?.setEncoding('utf8').on('data', (t: string) => ((out.stderr += t), notify()));
  let done = false;
  const exited = new Promise<number | string>((resolve) =>
    child.once('close', (code, signal) => {
      done = true;
      notify();
      resolve(code ?? signal ?? -1);
    }),
  );
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    exited,
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    waitFor(pattern, stream = 'stdout', timeoutMs = EVENTUALLY_MS) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = out[stream].match(pattern);
          if (match) return finish(() => resolve(match));
          if (done)
            finish(() =>
              reject(
                new Error(`exited without ${pattern}; stdout=${out.stdout} stderr=${out.stderr}`),
              ),
            );
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(
                new Error(
                  `timed out waiting for ${pattern}; stdout=${out.stdout} stderr=${out.stderr}`,
                ),
              ),
            ),
          timeoutMs,
        );
        const finish = (then: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          then();
        };
        listeners.add(check);
        check();
      });
    },
  };
}
