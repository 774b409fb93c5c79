/** Starts child-server.ts in a separate Node process (optionally as another user). */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerLimits } from '../../main/server/limits.js';

const SCRIPT = fileURLToPath(new URL('./child-server.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildStats {
  memory: NodeJS.MemoryUsage;
  connections: number;
}

export interface ChildServer {
  port: number;
  uid: number;
  child: ChildProcess;
  stats(): Promise<ChildStats>;
  stop(): Promise<void>;
}

export async function startChildServer(options: {
  directory: string;
  limits?: Partial<ServerLimits>;
  uid?: number;
  gid?: number;
}): Promise<ChildServer> {
  const config = JSON.stringify({ directory: options.directory, limits: options.limits });
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', SCRIPT, config], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    uid: options.uid,
    gid: options.gid,
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const next = (type: string, timeoutMs = 15_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`child server: no '${type}' within ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs);
      const onMessage = (message: Record<string, unknown>) => {
        if (message.type !== type) return;
        cleanup();
        resolve(message);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`child server exited (${code}) before '${type}'; stderr: ${stderr}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  return {
    port: Number(ready.port),
    uid: Number(ready.uid),
    child,
    async stats() {
      child.send({ type: 'stats' });
      const message = await next('stats');
      return {
        memory: message.memory as NodeJS.MemoryUsage,
        connections: Number(message.connections),
      };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
