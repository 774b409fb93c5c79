/** bench/lib/rate-client.mjs as a child process on its own core, and what it reports. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './app-bench.js';
import { onCpu } from './cpu-pinning.js';

/** The RATE_JSON line rate-client.mjs prints. */
export interface RateResult {
  sent: number;
  completed: number;
  errors: number;
  late: number;
  skipped: number;
  unanswered: number;
  status: Record<string, number>;
  achievedRate: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  perSecond: Array<{ answered: number; maxMs: number }>;
}

export interface RateLoad {
  port: number;
  path: string;
  rate: number;
  seconds: number;
  connections: number;
  cpu: string | null;
}

export function runRateClient(load: RateLoad): Promise<RateResult> {
  const client = path.join(REPO_ROOT, 'bench/lib/rate-client.mjs');
  const args = [load.port, load.path, load.rate, load.seconds, load.connections].map(String);
  const [cmd, argv] = onCpu(load.cpu, process.execPath, [client, ...args]);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const line = /^RATE_JSON (.*)$/m.exec(out);
      if (!line?.[1]) reject(new Error(`rate client exited ${code} without a result`));
      else resolve(JSON.parse(line[1]) as RateResult);
    });
  });
}
