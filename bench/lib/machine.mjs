// What the run ran on, for the report header.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { cpuModelName } from './proc.mjs';

function firstLine(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) return null;
  return `${r.stdout}${r.stderr}`.trim().split('\n')[0] ?? null;
}

export function describeMachine() {
  const cpu = cpuModelName() ?? os.cpus()[0]?.model ?? 'unknown CPU';
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu,
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    wrk: (firstLine('wrk', ['--version']) ?? 'wrk missing').replace(/ Copyright.*$/, ''),
    nginx: firstLine('/usr/sbin/nginx', ['-v']),
    python: firstLine('python3', ['--version']),
  };
}
