// The one reader of Linux's /proc for the benchmarks (proc(5)). Every function answers null
// when the file cannot be read (the process exited, or this is not Linux).
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';

/**
 * The fields of /proc/PID/stat after the command name, so `[0]` is field 3 (state),
 * `[1]` field 4 (ppid), `[11]`/`[12]` fields 14/15 (utime/stime). The name (field 2) may
 * hold spaces and ')': the fields after the last ')' are fixed.
 */
export async function procStat(pid) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** A `kB` field of /proc/PID/status (VmRSS, VmHWM …) for each name asked, in KiB. */
export async function procStatusKiB(pid, names) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'latin1');
    return Object.fromEntries(
      names.map((name) => [
        name,
        Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0),
      ]),
    );
  } catch {
    return null;
  }
}

/** The ids of every process alive now (the numeric entries of /proc); [] off Linux. */
export async function procPids() {
  const entries = await readdir('/proc').catch(() => []);
  return entries.filter((name) => /^\d+$/.test(name)).map(Number);
}

/**
 * Resets a process's peak RSS (VmHWM) to its current RSS by writing "5" to
 * /proc/PID/clear_refs (Linux >= 4.0). False when that is not allowed or not Linux.
 */
export async function resetPeakRss(pid) {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The CPU's model name from /proc/cpuinfo, or null (not Linux, or no such line). Sync: it
 * goes in a report header, read once before anything runs. */
export function cpuModelName() {
  try {
    const info = readFileSync('/proc/cpuinfo', 'latin1');
    return /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * The tick counters of one line of /proc/stat: 'cpu' for the whole machine, 'cpu0' for one
 * core. Fields in proc(5) order: user nice system idle iowait irq softirq steal.
 */
export async function systemCpuTicks(line = 'cpu') {
  const stat = await readFile('/proc/stat', 'latin1');
  const found = stat.split('\n').find((l) => l.startsWith(`${line} `));
  if (!found) return null;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = found
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return { user, nice, system, idle, iowait, irq, softirq, steal };
}
