/** This process's memory over time, sampled every second, for the app-load report. */
import { slope } from './stats.mjs';

const MIB = 1024 * 1024;

export interface RssSample {
  /** Seconds since the load started (negative: before). */
  t: number;
  rssMiB: number;
  heapMiB: number;
}

/** Starts sampling; `stop(loadStart)` answers the samples with times relative to the load. */
export function sampleRss(): { stop(loadStart: number): RssSample[] } {
  const raw: Array<{ at: number; rss: number; heap: number }> = [];
  const take = () => {
    const { rss, heapUsed } = process.memoryUsage();
    raw.push({ at: performance.now(), rss, heap: heapUsed });
  };
  take();
  const timer = setInterval(take, 1_000);
  return {
    stop(loadStart) {
      clearInterval(timer);
      take();
      return raw.map(({ at, rss, heap }) => ({
        t: Math.round((at - loadStart) / 100) / 10,
        rssMiB: rss / MIB,
        heapMiB: heap / MIB,
      }));
    },
  };
}

/** The lowest RSS among `samples` (RSS saws with GC: the lows show whether it creeps). */
export function rssFloor(samples: RssSample[]): number | null {
  return samples.length ? Math.min(...samples.map((s) => s.rssMiB)) : null;
}

/** Least-squares trend of RSS, in MiB per minute. */
export function rssTrendPerMinute(samples: RssSample[]): number | null {
  const perSecond = slope(samples.map((s) => ({ x: s.t, y: s.rssMiB })));
  return perSecond === null ? null : perSecond * 60;
}
