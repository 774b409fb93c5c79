// Waits until a server has finished the work a load run left queued. A slow server keeps
// answering requests wrk gave up on (10,000-entry listings queue up), and measuring the next
// workload meanwhile would charge it for the previous one.
import { setTimeout as sleep } from 'node:timers/promises';
import { processTree } from './memory.mjs';
import { procStat, systemCpuTicks } from './proc.mjs';

const WINDOW_MS = 200;
/** Clock ticks (normally 10 ms each) of CPU per window below which a server counts as idle. */
const IDLE_TICKS = 2;

async function cpuTicks(pid) {
  const fields = await procStat(pid);
  // proc(5): utime and stime are fields 14 and 15; fields[0] here is field 3.
  return fields === null ? 0 : Number(fields[11]) + Number(fields[12]);
}

async function treeTicks(rootPids) {
  const pids = (await Promise.all(rootPids.map(processTree))).flat();
  const ticks = await Promise.all(pids.map(cpuTicks));
  return ticks.reduce((a, b) => a + b, 0);
}

/**
 * Resolves with the ms waited, once the trees of `pids` (one pid or several) used less than
 * IDLE_TICKS in one window — or after maxMs.
 */
export async function waitUntilIdle(pids, maxMs = 60_000) {
  const roots = Array.isArray(pids) ? pids : [pids];
  const start = Date.now();
  let before = await treeTicks(roots);
  while (Date.now() - start < maxMs) {
    await sleep(WINDOW_MS);
    const now = await treeTicks(roots);
    if (now - before < IDLE_TICKS) return Date.now() - start;
    before = now;
  }
  return Date.now() - start;
}

/** { busy, total } clock ticks of all CPUs since boot, from the first line of /proc/stat. */
export async function machineTicks() {
  const { user, nice, system, idle, iowait, irq, softirq, steal } = await systemCpuTicks();
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/**
 * Other work on the machine (a build, a test suite) skews a benchmark more than anything else.
 * Waits until the whole machine is below `maxBusy` (fraction of all CPUs) for one window,
 * at most maxMs; resolves with the ms waited.
 */
export async function waitForQuietMachine(maxBusy = 0.15, maxMs = 20_000) {
  const start = Date.now();
  let before = await machineTicks();
  // At least one window is always measured; maxMs bounds any further waiting (at most 20 s).
  const limit = Math.min(Math.max(maxMs, WINDOW_MS), 20_000);
  while (Date.now() - start < limit) {
    await sleep(WINDOW_MS);
    const now = await machineTicks();
    const busy = (now.busy - before.busy) / Math.max(1, now.total - before.total);
    if (busy < maxBusy) return Date.now() - start;
    before = now;
  }
  return Date.now() - start;
}

/** CPU ticks used by these process trees so far (for telling our load from other load). */
export async function ticksOf(pids) {
  return treeTicks(pids);
}

/** { busy, total } ticks of one CPU (user + nice + system: process time, not interrupts). */
export async function cpuCoreTicks(cpu) {
  const ticks = await systemCpuTicks(`cpu${cpu}`);
  if (ticks === null) return null;
  const { user, nice, system, idle, iowait, irq, softirq, steal } = ticks;
  return {
    busy: user + nice + system,
    total: user + nice + system + idle + iowait + irq + softirq + steal,
  };
}

/**
 * Measures how much of the server's core went to processes other than the server while
 * `work()` ran: { result, foreign } with foreign a fraction (0.2 = a fifth of the core).
 */
export async function withForeignLoad(cpu, serverPid, work) {
  if (cpu === null) return { result: await work(), foreign: null };
  const coreBefore = await cpuCoreTicks(cpu);
  const serverBefore = await ticksOf([serverPid]);
  const result = await work();
  const coreAfter = await cpuCoreTicks(cpu);
  const serverAfter = await ticksOf([serverPid]);
  if (!coreBefore || !coreAfter) return { result, foreign: null };
  const elapsed = Math.max(1, coreAfter.total - coreBefore.total);
  const others = coreAfter.busy - coreBefore.busy - (serverAfter - serverBefore);
  return { result, foreign: Math.max(0, others / elapsed) };
}
