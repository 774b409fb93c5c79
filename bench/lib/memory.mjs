// Peak resident memory of a server and all its descendants, from /proc (Linux only).
// Two sources, because each alone can miss a peak:
//  - VmHWM after writing "5" to /proc/PID/clear_refs (Linux >= 4.0, proc(5)): the exact
//    per-process peak since the reset, however short;
//  - polling VmRSS of the whole tree every few ms: catches children that add up.
import { procPids, procStat, procStatusKiB, resetPeakRss } from './proc.mjs';

const POLL_MS = 20;
const TREE_RESCAN_MS = 1000;

async function parentOf(pid) {
  const fields = await procStat(pid);
  return fields === null ? null : Number(fields[1]);
}

/** The pid and every descendant alive now. */
export async function processTree(rootPid) {
  const children = new Map();
  await Promise.all(
    (await procPids()).map(async (pid) => {
      const ppid = await parentOf(pid);
      if (ppid === null) return;
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(pid);
    }),
  );
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** { rssKiB, hwmKiB } of one process, or null once it has exited. */
export async function readMemory(pid) {
  const kib = await procStatusKiB(pid, ['VmRSS', 'VmHWM']);
  return kib === null ? null : { rssKiB: kib.VmRSS, hwmKiB: kib.VmHWM };
}

/** Starts watching a server's tree; `stop()` answers the peak in MiB during the watch. */
export async function watchMemory(rootPid) {
  let tree = await processTree(rootPid);
  const resets = await Promise.all(tree.map(resetPeakRss));
  const hwmExact = resets.every(Boolean);
  let sampledPeakKiB = 0;
  let lastScan = Date.now();
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    if (Date.now() - lastScan > TREE_RESCAN_MS) {
      tree = await processTree(rootPid);
      lastScan = Date.now();
    }
    const all = await Promise.all(tree.map(readMemory));
    const sum = all.reduce((total, m) => total + (m?.rssKiB ?? 0), 0);
    sampledPeakKiB = Math.max(sampledPeakKiB, sum);
    busy = false;
  };
  await sample();
  const timer = setInterval(sample, POLL_MS);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      const finalTree = await processTree(rootPid);
      const hwms = (await Promise.all(finalTree.map(readMemory))).map((m) => m?.hwmKiB ?? 0);
      // One process: its VmHWM is the exact peak. Several: their sum bounds the peak from
      // above, the sampled sum from below; report the sampled sum unless one process alone beat it.
      const hwmPeak = finalTree.length === 1 ? (hwms[0] ?? 0) : Math.max(...hwms);
      const peakKiB = hwmExact ? Math.max(sampledPeakKiB, hwmPeak) : sampledPeakKiB;
      return { peakMiB: peakKiB / 1024, processes: finalTree.length, exact: hwmExact };
    },
  };
}
