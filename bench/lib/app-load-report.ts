/** bench/app-load.ts's report: what it holds (typed), and its Markdown rendering. */
import type { AppLoadConfig } from './app-load-config.js';
import { fmt } from './app-bench.js';
import type { RateResult } from './rate-client-process.js';
import type { RssSample } from './rss-sampler.js';

export interface Delivery {
  responses: number;
  deliveredToRenderer: number;
  deliveredByStatus: string;
  droppedReported: number;
  missingFromLog: number;
  /** Whether the host's dropped count (requests and messages alike) covers what is missing. */
  missingCoveredByDropped: 'yes' | 'no';
  batches: number;
  panelCount: string | null;
  panelNote: string | null;
}

export interface Responsiveness {
  longTasks: number;
  longestTaskMs: number;
  longestFrameGapMs: number | null;
  p99FrameGapMs: number | null;
  frames: number;
  framesOver50Ms: number;
  clickInputDelayMedianMs: number | null;
  clickInputDelayMaxMs: number | null;
  clickToFrameMaxMs: number | null;
  eventTimingInputDelayMaxMs: number | null;
}

export interface MainProcess {
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  rssBeforeMiB: number | null;
  rssPeakMiB: number;
  rssEndOfLoadMiB: number | null;
  rssAfterMiB: number | null;
  slopeSecondHalfMiBPerMin: number | null;
  rssFloorFirstThirdMiB: number | null;
  rssFloorLastThirdMiB: number | null;
  samples: RssSample[];
}

export interface AppLoadReport {
  date: string;
  machine: { cpu: string; cores: number; node: string };
  load: { rate: number; seconds: number; connections: number; clicks: number };
  client: RateResult;
  delivery: Delivery;
  responsiveness: Responsiveness;
  mainProcess: MainProcess;
}

export function renderAppLoad(r: AppLoadReport, config: AppLoadConfig): string {
  const d = r.delivery;
  const q = r.responsiveness;
  const m = r.mainProcess;
  const samples = m.samples
    .filter((_, i, all) => i % 5 === 0 || i === all.length - 1)
    .map((s) => `${s.t}s ${s.rssMiB.toFixed(0)}`)
    .join(', ');
  return `# HTTP Desk — the desktop app under load

${r.date} · ${r.machine.cpu} × ${r.machine.cores} cores · Node ${r.machine.node}
The panel (dist/renderer) in Chromium, bridged to the real ServerHost in the benchmark process;
${r.load.rate} requests/s of a 1 KiB file for ${r.load.seconds} s over ${r.load.connections} keep-alive
connections (bench/lib/rate-client.mjs, another core), a click every ${config.clickEveryMs / 1000} s.
Command: \`node --import tsx bench/app-load.ts\`

| Measure | Value |
| --- | ---: |
| requests sent / answered / errors | ${r.client.sent} / ${r.client.completed} / ${r.client.errors} |
| achieved rate (req/s) | ${fmt(r.client.achievedRate, 0)} |
| client latency p50 / p99 / max (ms, from schedule) | ${fmt(r.client.p50Ms, 2)} / ${fmt(r.client.p99Ms, 2)} / ${fmt(r.client.maxMs, 1)} |
| records delivered to the renderer (by status) | ${d.deliveredToRenderer} ${d.deliveredByStatus} |
| records the host reported dropped (requests and messages) | ${d.droppedReported} |
| answered but missing from the log / covered by the dropped count | ${d.missingFromLog} / ${d.missingCoveredByDropped} |
| log batches received | ${d.batches} |
| panel's count / note | ${d.panelCount ?? '–'} / ${d.panelNote || '–'} |
| long tasks (> 50 ms) during load | ${q.longTasks ? `${q.longTasks} (longest ${fmt(q.longestTaskMs, 0)} ms)` : 'none'} |
| longest frame gap / p99 gap (ms) | ${fmt(q.longestFrameGapMs, 1)} / ${fmt(q.p99FrameGapMs, 1)} |
| frames / frames over 50 ms | ${q.frames} / ${q.framesOver50Ms} |
| click input delay median / max (ms) | ${fmt(q.clickInputDelayMedianMs, 1)} / ${fmt(q.clickInputDelayMaxMs, 1)} |
| click → next frame max (ms) | ${fmt(q.clickToFrameMaxMs, 1)} |
| Event Timing input delay max (ms, clicks over 16 ms) | ${fmt(q.eventTimingInputDelayMaxMs, 1)} |
| main-process event-loop delay p99 / max (ms) | ${fmt(m.eventLoopDelayP99Ms, 1)} / ${fmt(m.eventLoopDelayMaxMs, 1)} |
| main-process RSS before / peak / end of load / after (MiB) | ${fmt(m.rssBeforeMiB)} / ${fmt(m.rssPeakMiB)} / ${fmt(m.rssEndOfLoadMiB)} / ${fmt(m.rssAfterMiB)} |
| main-process RSS low, first vs last third of load (MiB) | ${fmt(m.rssFloorFirstThirdMiB)} → ${fmt(m.rssFloorLastThirdMiB)} |
| main-process RSS trend, second half of load (MiB/min, least squares over a GC sawtooth) | ${fmt(m.slopeSecondHalfMiBPerMin, 1)} |

RSS over time (s since load start, MiB): ${samples}

Client answers per second (worst latency ms): ${r.client.perSecond.map((b) => `${b.answered} (${b.maxMs})`).join(', ')}
`;
}
