/**
 * `python3 -m http.server --cgi` as a running reference: the same folder, a free port,
 * for differential tests that send the same raw bytes to both servers.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface PythonServer {
  port: number;
  process: ChildProcess;
  /** What Python wrote to stderr (its log lines and the scripts' stderr). */
  stderr(): string;
  close(): Promise<void>;
}

export function startPythonCgiServer(root: string, protocol = 'HTTP/1.0'): Promise<PythonServer> {
  return new Promise((resolve, reject) => {
    // -u: Python prints the port it bound ("port 0" picks a free one) unbuffered.
    const child = spawn(
      'python3',
      [
        '-u',
        '-m',
        'http.server',
        '--cgi',
        '--protocol',
        protocol,
        '-b',
        '127.0.0.1',
        '-d',
        root,
        '0',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`python3 -m http.server did not start: ${stdout} ${stderr}`));
    }, 10_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /port (\d+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        port: Number(match[1]),
        process: child,
        stderr: () => stderr,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
