/**
 * The reference: `python3 -u -m http.server` on a free loopback port. Resolves once Python
 * printed its "Serving HTTP on …" line, so the socket is listening.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';

export interface PythonServer {
  port: number;
  process: ChildProcess;
  /** Everything Python wrote to stderr (its log lines). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * `extraArgs` go before the port. Pass `bind: null` for Python's default (every interface,
 * dual-stack); the default is `--bind 127.0.0.1`.
 */
export async function startPythonServer(
  directory: string,
  protocol: 'HTTP/1.0' | 'HTTP/1.1' = 'HTTP/1.0',
  extraArgs: string[] = [],
  bind: string | null = '127.0.0.1',
): Promise<PythonServer> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    try {
      const bindArgs = bind === null ? [] : ['--bind', bind];
      return await spawnOn(port, directory, protocol, [...bindArgs, ...extraArgs]);
    } catch (err) {
      // Another process took the port between probe and bind: try another one.
      if (attempt >= 3) throw err;
    }
  }
}

function spawnOn(
  port: number,
  directory: string,
  protocol: string,
  extraArgs: string[],
): Promise<PythonServer> {
  const args = ['-u', '-m', 'http.server', '-d', directory];
  args.push('-p', protocol, ...extraArgs, String(port));
  const child = spawn('python3', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`python3 -m http.server did not start: ${stderr}`));
    }, 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`python3 -m http.server exited (${code}): ${stderr}`));
    });
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      if (!stdout.includes('Serving HTTP on')) return;
      clearTimeout(timer);
      resolve({
        port,
        process: child,
        stderr: () => stderr,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
