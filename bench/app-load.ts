/**
 * The desktop app under load (docs/architecture.md § Performance decisions): a server
 * started by clicks in the real panel (dist/renderer in Chromium), through the real
 * main-process ServerHost in this process (the e2e bridge: DeskHost + openPanel), receives
 * a steady 5,000 requests/s for 30 s from a rate-limited raw-socket client on another core.
 * Reported:
 *  - records delivered to the renderer vs responses the client got (and what was dropped);
 *  - the page's long tasks, longest frame gap, and input delay of clicks made during load;
 *  - this process's (the main process's) RSS over time: it must stay flat.
 *
 *   node --import tsx bench/app-load.ts        (APP_LOAD_RATE, APP_LOAD_SECONDS to change)
 *
 * Writes bench/results/app-load.md and app-load.json.
 */
import { chromium, type Browser, type Page } from 'playwright';
import { spawn, spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeskHost } from '../e2e/support/desk-host.js';
import { openPanel } from '../e2e/support/fixtures.js';
import { configure, freePort, startServer } from '../e2e/support/panel.js';
import { serveStatic } from '../e2e/support/static-server.js';
import { installProbes, PROBE_ID, type ProbeState } from './lib/page-probes.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CHROMIUM = '/usr/bin/chromium';
const MIB = 1024 * 1024;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const RATE = positive('APP_LOAD_RATE', 5_000);
const SECONDS = positive('APP_LOAD_SECONDS', 30);
const CONNECTIONS = Math.round(positive('APP_LOAD_CONNECTIONS', 32));
/** One click on the probe element every this many ms while the load runs. */
const CLICK_EVERY_MS = 1_000;
const OUT_DIR = process.env.BENCH_OUT ?? path.join(root, 'bench/results');

interface RateResult {
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

interface RssSample {
  /** Seconds since the load started (negative: before). */
  t: number;
  rssMiB: number;
  heapMiB: number;
}

const cores = os.availableParallelism();
/** With 2+ cores: this process (main + engine) on core 0, the load client on the last. */
const mainCpu = cores >= 2 ? '0' : null;
const loadCpu = cores >= 2 ? String(cores - 1) : null;

function runRateClient(port: number): Promise<RateResult> {
  const client = path.join(root, 'bench/lib/rate-client.mjs');
  const args = [client, String(port), '/hot-1k.bin', String(RATE), String(SECONDS)];
  args.push(String(CONNECTIONS));
  const [cmd, argv] = loadCpu
    ? ['taskset', ['-c', loadCpu, process.execPath, ...args]]
    : [process.execPath, args];
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

/** Samples this process's memory every second; times are made relative to the load later. */
function sampleRss(): { stop(loadStart: number): RssSample[] } {
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

/** Least-squares slope of rss over t, in MiB per minute. */
function slopePerMinute(samples: RssSample[]): number | null {
  if (samples.length < 3) return null;
  const n = samples.length;
  const mt = samples.reduce((s, p) => s + p.t, 0) / n;
  const mr = samples.reduce((s, p) => s + p.rssMiB, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of samples) {
    num += (p.t - mt) * (p.rssMiB - mr);
    den += (p.t - mt) ** 2;
  }
  return den === 0 ? null : (num / den) * 60;
}

function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
}

async function prettified(text: string, parser: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path.join(root, 'package.json'))) ?? {};
    return await prettier.format(text, { ...options, parser });
  } catch {
    return `${text}\n`;
  }
}

function floor(samples: RssSample[]): number | null {
  return samples.length ? Math.min(...samples.map((s) => s.rssMiB)) : null;
}

const fmt = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);

async function ensureRenderer(): Promise<void> {
  if (existsSync(path.join(root, 'dist/renderer/index.html'))) return;
  const { default: buildRenderer } = await import('../e2e/global-setup.js');
  await buildRenderer();
}

async function clickDuringLoad(page: Page, until: number): Promise<number> {
  let clicks = 0;
  const probe = page.locator(`#${PROBE_ID}`);
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, CLICK_EVERY_MS));
    if (performance.now() >= until) break;
    await probe.click({ timeout: 10_000 });
    clicks++;
  }
  return clicks;
}

async function main(): Promise<void> {
  await ensureRenderer();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'httpdesk-app-load-'));
  const site = path.join(tmp, 'site');
  await mkdir(site);
  await writeFile(path.join(site, 'hot-1k.bin'), Buffer.alloc(1024, 0x61));
  const panelServer = await serveStatic(path.join(root, 'dist/renderer'));
  const desk = new DeskHost(tmp);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    // Chromium is started unpinned; from here this process (main + engine) keeps core 0.
    if (mainCpu) spawnSync('taskset', ['-pc', mainCpu, String(process.pid)], { stdio: 'ignore' });
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    // tsx compiles with esbuild's keepNames, which wraps functions in `__name(...)`; the
    // functions Playwright serialises into the page (the bridge, the probes) need it there.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await openPanel(page, desk, panelServer.url);
    const port = await freePort();
    await configure(page, { folder: site, port, protocol: 'HTTP/1.1' });
    await startServer(page);
    await page.evaluate(installProbes, PROBE_ID);

    const rss = sampleRss();
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // baseline before load
    await page.evaluate(() => {
      (window as unknown as { __benchProbe: ProbeState }).__benchProbe.recording = true;
    });
    // Main-process event-loop delay: a stalled loop stalls the engine and the log together.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const loadStart = performance.now();
    process.stderr.write(`app-load: ${RATE} req/s for ${SECONDS} s on 127.0.0.1:${port}…\n`);
    const [client, clicks] = await Promise.all([
      runRateClient(port),
      clickDuringLoad(page, loadStart + SECONDS * 1000),
    ]);
    const loadEnd = (performance.now() - loadStart) / 1000;
    loopDelay.disable();
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // the last batches arrive
    const probe = await page.evaluate(() => {
      const state = (window as unknown as { __benchProbe: ProbeState }).__benchProbe;
      state.recording = false;
      return state;
    });
    const panelCount = await page
      .locator('.count')
      .first()
      .textContent()
      .catch(() => null);
    const panelNote = await page
      .locator('.log-note')
      .first()
      .textContent()
      .catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // after-load memory
    const samples = rss.stop(loadStart);

    const during = samples.filter((s) => s.t >= 0 && s.t <= loadEnd);
    const second = during.filter((s) => s.t >= loadEnd / 2);
    const before = samples.filter((s) => s.t < 0);
    const report = {
      date: new Date().toISOString(),
      machine: { cpu: os.cpus()[0]?.model ?? '?', cores, node: process.version },
      load: { rate: RATE, seconds: SECONDS, connections: CONNECTIONS, clicks },
      client,
      delivery: {
        responses: client.completed,
        deliveredToRenderer: probe.received,
        deliveredByStatus: JSON.stringify(probe.byStatus),
        droppedReported: probe.dropped,
        missingFromLog: client.completed - probe.received,
        // `dropped` counts request and message records alike (LogBatch contract).
        missingCoveredByDropped: client.completed - probe.received <= probe.dropped ? 'yes' : 'no',
        batches: probe.batches,
        panelCount,
        panelNote,
      },
      responsiveness: {
        longTasks: probe.longTasks.length,
        longestTaskMs: probe.longTasks.length ? Math.max(...probe.longTasks) : 0,
        longestFrameGapMs: probe.frameGaps.length ? Math.max(...probe.frameGaps) : null,
        p99FrameGapMs: quantile(probe.frameGaps, 0.99),
        frames: probe.frameGaps.length,
        framesOver50Ms: probe.frameGaps.filter((g) => g > 50).length,
        clickInputDelayMedianMs: quantile(
          probe.clicks.map((c) => c.delay),
          0.5,
        ),
        clickInputDelayMaxMs: quantile(
          probe.clicks.map((c) => c.delay),
          1,
        ),
        clickToFrameMaxMs: quantile(
          probe.clicks.map((c) => c.toFrame),
          1,
        ),
        eventTimingInputDelayMaxMs: quantile(probe.eventInputDelays, 1),
      },
      mainProcess: {
        eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        eventLoopDelayMaxMs: loopDelay.max / 1e6,
        rssBeforeMiB: before.at(-1)?.rssMiB ?? null,
        rssPeakMiB: Math.max(...samples.map((s) => s.rssMiB)),
        rssEndOfLoadMiB: during.at(-1)?.rssMiB ?? null,
        rssAfterMiB: samples.at(-1)?.rssMiB ?? null,
        slopeSecondHalfMiBPerMin: slopePerMinute(second),
        // RSS saws up and down with garbage collection: the lows show whether it creeps.
        rssFloorFirstThirdMiB: floor(during.filter((s) => s.t < loadEnd / 3)),
        rssFloorLastThirdMiB: floor(during.filter((s) => s.t >= (2 * loadEnd) / 3)),
        samples,
      },
    };
    const text = render(report);
    process.stdout.write(`${text}\n`);
    if (OUT_DIR !== '-') {
      await mkdir(OUT_DIR, { recursive: true });
      // Committed files: formatted the way `npm run lint` (prettier --check) expects.
      await writeFile(
        path.join(OUT_DIR, 'app-load.json'),
        await prettified(JSON.stringify(report), 'json'),
      );
      await writeFile(path.join(OUT_DIR, 'app-load.md'), await prettified(text, 'markdown'));
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await desk.close();
    await panelServer.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

type Report = {
  date: string;
  machine: { cpu: string; cores: number; node: string };
  load: { rate: number; seconds: number; connections: number; clicks: number };
  client: RateResult;
  delivery: Record<string, number | string | null>;
  responsiveness: Record<string, number | null>;
  mainProcess: Record<string, number | null | RssSample[]>;
};

function render(r: Report): string {
  const d = r.delivery;
  const q = r.responsiveness;
  const m = r.mainProcess;
  const num = (v: unknown, digits = 1) => fmt(typeof v === 'number' ? v : null, digits);
  const samples = (m.samples as RssSample[])
    .filter((_, i, all) => i % 5 === 0 || i === all.length - 1)
    .map((s) => `${s.t}s ${s.rssMiB.toFixed(0)}`)
    .join(', ');
  return `# HTTP Desk — the desktop app under load

${r.date} · ${r.machine.cpu} × ${r.machine.cores} cores · Node ${r.machine.node}
The panel (dist/renderer) in Chromium, bridged to the real ServerHost in the benchmark process;
${r.load.rate} requests/s of a 1 KiB file for ${r.load.seconds} s over ${r.load.connections} keep-alive
connections (bench/lib/rate-client.mjs, another core), a click every ${CLICK_EVERY_MS / 1000} s.
Command: \`node --import tsx bench/app-load.ts\`

| Measure | Value |
| --- | ---: |
| requests sent / answered / errors | ${r.client.sent} / ${r.client.completed} / ${r.client.errors} |
| achieved rate (req/s) | ${num(r.client.achievedRate, 0)} |
| client latency p50 / p99 / max (ms, from schedule) | ${num(r.client.p50Ms, 2)} / ${num(r.client.p99Ms, 2)} / ${num(r.client.maxMs, 1)} |
| records delivered to the renderer (by status) | ${d.deliveredToRenderer} ${d.deliveredByStatus} |
| records the host reported dropped (requests and messages) | ${d.droppedReported} |
| answered but missing from the log / covered by the dropped count | ${d.missingFromLog} / ${d.missingCoveredByDropped} |
| log batches received | ${d.batches} |
| panel's count / note | ${d.panelCount ?? '–'} / ${d.panelNote || '–'} |
| long tasks (> 50 ms) during load | ${q.longTasks ? `${q.longTasks} (longest ${num(q.longestTaskMs, 0)} ms)` : 'none'} |
| longest frame gap / p99 gap (ms) | ${num(q.longestFrameGapMs, 1)} / ${num(q.p99FrameGapMs, 1)} |
| frames / frames over 50 ms | ${q.frames} / ${q.framesOver50Ms} |
| click input delay median / max (ms) | ${num(q.clickInputDelayMedianMs, 1)} / ${num(q.clickInputDelayMaxMs, 1)} |
| click → next frame max (ms) | ${num(q.clickToFrameMaxMs, 1)} |
| Event Timing input delay max (ms, clicks over 16 ms) | ${num(q.eventTimingInputDelayMaxMs, 1)} |
| main-process event-loop delay p99 / max (ms) | ${num(m.eventLoopDelayP99Ms, 1)} / ${num(m.eventLoopDelayMaxMs, 1)} |
| main-process RSS before / peak / end of load / after (MiB) | ${num(m.rssBeforeMiB)} / ${num(m.rssPeakMiB)} / ${num(m.rssEndOfLoadMiB)} / ${num(m.rssAfterMiB)} |
| main-process RSS low, first vs last third of load (MiB) | ${num(m.rssFloorFirstThirdMiB)} → ${num(m.rssFloorLastThirdMiB)} |
| main-process RSS trend, second half of load (MiB/min, least squares over a GC sawtooth) | ${num(m.slopeSecondHalfMiBPerMin, 1)} |

RSS over time (s since load start, MiB): ${samples}

Client answers per second (worst latency ms): ${r.client.perSecond.map((b) => `${b.answered} (${b.maxMs})`).join(', ')}
`;
}

main().catch((err: unknown) => {
  process.stderr.write(`app-load: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
