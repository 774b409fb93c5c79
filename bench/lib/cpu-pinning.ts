/**
 * Keeping the measured process and its load apart (docs/architecture.md § Performance
 * decisions): with 2+ cores, this process (main + engine) on the first core and the load
 * client on the last; with one core they share it and the report says how many there were.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

export interface CpuPlan {
  cores: number;
  /** The core this process keeps, or null when there is only one. */
  mainCpu: string | null;
  /** The core the load client runs on, or null. */
  loadCpu: string | null;
}

export function planCpus(): CpuPlan {
  const cores = os.availableParallelism();
  return {
    cores,
    mainCpu: cores >= 2 ? '0' : null,
    loadCpu: cores >= 2 ? String(cores - 1) : null,
  };
}

/** Moves this process to `cpu` (taskset; nothing without one or without taskset). */
export function pinThisProcess(cpu: string | null): void {
  if (cpu !== null) spawnSync('taskset', ['-pc', cpu, String(process.pid)], { stdio: 'ignore' });
}

/** `command args` as spawn arguments, run on `cpu` through taskset when one is given. */
export function onCpu(cpu: string | null, command: string, args: string[]): [string, string[]] {
  return cpu === null ? [command, args] : ['taskset', ['-c', cpu, command, ...args]];
}
