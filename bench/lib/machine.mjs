// What the run ran on, for the report header.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

function firstLine(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) return null;
  return `${r.stdout}${r.stderr}`.trim().split('\n')[0] ?? null;
}

export function describeMachine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux: keep os.cpus()
  }
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
