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
 * Writes bench/results/app-load.md and app-load.json. The parts live in bench/lib/:
 * app-load-config (settings), cpu-pinning, rate-client-process (the load), rss-sampler and
 * page-probes (sampling), stats.mjs (statistics), app-load-report (the typed report).
 */
import type { Page } from 'playwright';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeskHost } from '../e2e/support/desk-host.js';
import { openPanel } from '../e2e/support/fixtures.js';
import { configure, freePort, startServer } from '../e2e/support/panel.js';
import { serveStatic } from '../e2e/support/static-server.js';
import { ensureRenderer, launchChromium, REPO_ROOT, writeResult } from './lib/app-bench.js';
import { appLoadConfig, type AppLoadConfig } from './lib/app-load-config.js';
import { renderAppLoad, type AppLoadReport } from './lib/app-load-report.js';
import { pinThisProcess, planCpus } from './lib/cpu-pinning.js';
import { installProbes, PROBE_ID, type ProbeState } from './lib/page-probes.js';
import { runRateClient } from './lib/rate-client-process.js';
import { rssFloor, rssTrendPerMinute, sampleRss } from './lib/rss-sampler.js';
import { quantile } from './lib/stats.mjs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function clickDuringLoad(page: Page, until: number, everyMs: number): Promise<number> {
  let clicks = 0;
  const probe = page.locator(`#${PROBE_ID}`);
  while (performance.now() < until) {
    await sleep(everyMs);
    if (performance.now() >= until) break;
    await probe.click({ timeout: 10_000 });
    clicks++;
  }
  return clicks;
}

async function readProbes(page: Page): Promise<ProbeState> {
  return page.evaluate(() => {
    const state = (window as unknown as { __benchProbe: ProbeState }).__benchProbe;
    state.recording = false;
    return state;
  });
}

async function firstText(page: Page, selector: string): Promise<string | null> {
  return page
    .locator(selector)
    .first()
    .textContent()
    .catch(() => null);
}

async function measure(config: AppLoadConfig): Promise<AppLoadReport> {
  const cpus = planCpus();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'httpdesk-app-load-'));
  const site = path.join(tmp, 'site');
  await mkdir(site);
  await writeFile(path.join(site, 'hot-1k.bin'), Buffer.alloc(1024, 0x61));
  const panelServer = await serveStatic(path.join(REPO_ROOT, 'dist/renderer'));
  const desk = new DeskHost(tmp);
  const browser = await launchChromium();
  try {
    // Chromium is started unpinned; from here this process (main + engine) keeps its core.
    pinThisProcess(cpus.mainCpu);
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
    await sleep(3_000); // baseline before load
    await page.evaluate(() => {
      (window as unknown as { __benchProbe: ProbeState }).__benchProbe.recording = true;
    });
    // Main-process event-loop delay: a stalled loop stalls the engine and the log together.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const loadStart = performance.now();
    process.stderr.write(
      `app-load: ${config.rate} req/s for ${config.seconds} s on 127.0.0.1:${port}…\n`,
    );
    const [client, clicks] = await Promise.all([
      runRateClient({ port, path: '/hot-1k.bin', ...config, cpu: cpus.loadCpu }),
      clickDuringLoad(page, loadStart + config.seconds * 1000, config.clickEveryMs),
    ]);
    const loadEnd = (performance.now() - loadStart) / 1000;
    loopDelay.disable();
    await sleep(2_000); // the last batches arrive
    const probe = await readProbes(page);
    const panelCount = await firstText(page, '.count');
    const panelNote = await firstText(page, '.log-note');
    await sleep(3_000); // after-load memory
    const samples = rss.stop(loadStart);

    const during = samples.filter((s) => s.t >= 0 && s.t <= loadEnd);
    const before = samples.filter((s) => s.t < 0);
    const delays = probe.clicks.map((c) => c.delay);
    return {
      date: new Date().toISOString(),
      machine: { cpu: os.cpus()[0]?.model ?? '?', cores: cpus.cores, node: process.version },
      load: { rate: config.rate, seconds: config.seconds, connections: config.connections, clicks },
      client,
      delivery: {
        responses: client.completed,
        deliveredToRenderer: probe.received,
        deliveredByStatus: JSON.stringify(probe.byStatus),
        droppedReported: probe.dropped,
        missingFromLog: client.completed - probe.received,
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
        clickInputDelayMedianMs: quantile(delays, 0.5),
        clickInputDelayMaxMs: quantile(delays, 1),
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
        slopeSecondHalfMiBPerMin: rssTrendPerMinute(during.filter((s) => s.t >= loadEnd / 2)),
        rssFloorFirstThirdMiB: rssFloor(during.filter((s) => s.t < loadEnd / 3)),
        rssFloorLastThirdMiB: rssFloor(during.filter((s) => s.t >= (2 * loadEnd) / 3)),
        samples,
      },
    };
  } finally {
    await browser.close().catch(() => undefined);
    await desk.close();
    await panelServer.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await ensureRenderer();
  const config = appLoadConfig();
  const report = await measure(config);
  const text = renderAppLoad(report, config);
  process.stdout.write(`${text}\n`);
  await writeResult('app-load.json', JSON.stringify(report));
  await writeResult('app-load.md', text);
}

main().catch((err: unknown) => {
  process.stderr.write(`app-load: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
