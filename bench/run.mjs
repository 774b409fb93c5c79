#!/usr/bin/env node
// `npm run bench`: httpdesk side by side with python -m http.server (both protocols),
// http-server and nginx, on loopback, with wrk. docs/bench-findings.md
// describes what and why.
// Plain ESM so it runs without a compile step; see HELP in lib/config.mjs for the knobs.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELP, loadConfig } from './lib/config.mjs';
import { createDataset } from './lib/data.mjs';
import { hasCurl } from './lib/download.mjs';
import { describeMachine } from './lib/machine.mjs';
import { measure, warmUp } from './lib/measure.mjs';
import {
  freePort,
  hasTaskset,
  isAlive,
  startProcess,
  stopProcess,
  tail,
} from './lib/processes.mjs';
import { probeServer } from './lib/probe.mjs';
import { markdownReport, tableRows, targetText, textTable } from './lib/report.mjs';
import { serverCatalog } from './lib/servers.mjs';
import { waitForQuietMachine, waitUntilIdle } from './lib/settle.mjs';
import { median, spread } from './lib/stats.mjs';
import { evaluateTargets } from './lib/targets.mjs';
import { workloads as allWorkloads } from './lib/workloads.mjs';
import { hasWrk } from './lib/wrk.mjs';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const log = (message) => process.stderr.write(`${message}\n`);
/** Work queued longer than this after a run is worth a line in the log. */
const BACKLOG_REPORT_MS = 1000;
/** A run where other processes took more than this share of the server's core is flagged. */
const FOREIGN_REPORT = 0.1;
/** Whole-machine CPU share under which it counts as quiet (our servers idle, nothing else). */
const QUIET_MACHINE = 0.15;
const QUIET_WINDOW_MS = 200;

function commandLine() {
  const env = Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_'))
    .map(([name, value]) => `${name}=${value}`);
  const args = process.argv.slice(2);
  return [...env, 'npm run bench', ...(args.length ? ['--', ...args] : [])].join(' ');
}

function describeRun(round, config, workload, server, result) {
  const figure =
    workload.metric === 'mibps'
      ? `${result.mibps?.toFixed(1)} MiB/s`
      : `${Math.round(result.rps ?? 0)} req/s`;
  const parts = [
    `[${round}/${config.rounds}] ${workload.id.padEnd(8)} ${server.id.padEnd(11)} ${figure}`,
    `p99 ${result.p99Ms?.toFixed(2) ?? '–'} ms`,
    `${result.errors} errors`,
    `${result.peakMiB?.toFixed(1)} MiB`,
  ];
  if (result.failure) parts.push(result.failure);
  if (result.backlogMs) parts.push(`busy ${(result.backlogMs / 1000).toFixed(1)} s after wrk`);
  if (result.foreign > FOREIGN_REPORT) {
    parts.push(`NOISY: others took ${Math.round(result.foreign * 100)}% of the server core`);
  }
  return parts.join(', ');
}

/** Servers enter in a different order each round and workload, so none always goes first. */
function rotate(list, by) {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/** Starts one server on a fresh port; throws with its output when it does not come up. */
async function startServer(spec, dataset, config) {
  const port = await freePort();
  const work = path.join(dataset.root, `server-${spec.id}`);
  await mkdir(work, { recursive: true });
  const ctx = { dir: dataset.dir, port, work };
  await spec.prepare?.(ctx);
  const { command, args } = spec.command(ctx);
  const handle = await startProcess({
    name: spec.id,
    command,
    args,
    cwd: work,
    port,
    cpu: config.serverCpu,
    logFile: path.join(work, 'output.log'),
  });
  return { ...spec, ...handle, port };
}

/**
 * Starts every wanted server once and checks it serves the data right. Returns the specs
 * that work; the others are explained in `notes`.
 */
async function checkServers(catalog, dataset, config, notes) {
  const usable = [];
  for (const spec of catalog) {
    if (config.servers && !config.servers.includes(spec.id)) continue;
    if (spec.missing) {
      notes.push(`${spec.id} skipped: ${spec.missing}`);
      continue;
    }
    try {
      const server = await startServer(spec, dataset, config);
      const problems = await probeServer(server.port, dataset.sizes);
      await stopProcess(server);
      for (const problem of problems) notes.push(`${spec.id} serves wrong data: ${problem}`);
      log(`${spec.id}: ${problems.length ? 'PROBE FAILED' : 'serves the data correctly'}`);
      usable.push(spec);
    } catch (err) {
      notes.push(`${spec.id} did not start: ${err.message.split('\n')[0]}`);
      log(err.message);
    }
  }
  return usable;
}

/**
 * One workload: every server starts afresh (so its peak RSS belongs to this workload, not
 * to the one before), then `rounds` rounds with the servers in a rotating order.
 */
async function runWorkload(specs, workload, config, dataset) {
  const runs = [];
  const servers = [];
  try {
    for (const spec of specs) {
      if (workload.servers && !workload.servers.includes(spec.id)) continue;
      try {
        servers.push(await startServer(spec, dataset, config));
      } catch (err) {
        runs.push({
          round: 0,
          workload: workload.id,
          server: spec.id,
          errors: 1,
          failure: err.message.split('\n')[0],
        });
      }
    }
    for (let round = 1; round <= config.rounds; round++) {
      for (const server of rotate(servers, round - 1)) {
        runs.push(await runOne(server, workload, round, config, dataset));
      }
    }
  } finally {
    await Promise.all(servers.map(stopProcess));
  }
  return runs;
}

async function runOne(server, workload, round, config, dataset) {
  const base = { round, workload: workload.id, server: server.id };
  if (!isAlive(server)) return { ...base, errors: 1, failure: 'server exited' };
  // Every server shares one core: none may still be busy when another is measured, and
  // other work on the machine (someone's build or tests) should have settled — within a
  // budget, so a machine that never calms down still finishes (its runs are flagged).
  const quietMs = await waitForQuietMachine(QUIET_MACHINE, Math.max(0, config.quietBudgetMs));
  config.quietBudgetMs -= Math.max(0, quietMs - QUIET_WINDOW_MS);
  if (quietMs > BACKLOG_REPORT_MS)
    log(`  waited ${(quietMs / 1000).toFixed(1)} s for a quiet machine`);
  if (round === 1 && config.warmupSeconds > 0) {
    await warmUp({ workload, server, config }).catch(() => undefined);
    await waitUntilIdle(server.pid);
  }
  const result = await measure({ workload, server, config, sizes: dataset.sizes });
  if (result.backlogMs <= BACKLOG_REPORT_MS) delete result.backlogMs;
  if (!isAlive(server)) {
    result.failure = `server exited: ${tail(server.logFile).trim().split('\n').pop()}`;
    result.errors += 1;
  }
  log(describeRun(round, config, workload, server, result));
  return { ...base, ...result };
}

/** summary[workload][server] = medians of the rounds, summed errors, highest peak RSS. */
function summarize(runs, workloads) {
  const summary = {};
  for (const workload of workloads) {
    summary[workload.id] = {};
    const forWorkload = runs.filter((r) => r.workload === workload.id);
    for (const serverId of new Set(forWorkload.map((r) => r.server))) {
      const own = forWorkload.filter((r) => r.server === serverId);
      const pick = (key) => own.map((r) => r[key]).filter(Number.isFinite);
      const peaks = pick('peakMiB');
      summary[workload.id][serverId] = {
        rps: median(pick('rps')),
        mibps: median(pick('mibps')),
        p99Ms: median(pick('p99Ms')),
        errors: own.reduce((sum, r) => sum + (r.errors ?? 0), 0),
        peakMiB: peaks.length ? Math.max(...peaks) : null,
        spread: spread(pick(workload.metric)),
        failure: own.find((r) => r.failure)?.failure ?? null,
        rounds: own.length,
      };
    }
  }
  return summary;
}

/** The results are committed, and `npm run lint` checks every file with prettier. */
async function prettified(text, parser) {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path.join(repoRoot, 'package.json'))) ?? {};
    return await prettier.format(text, { ...options, parser });
  } catch {
    return text;
  }
}

function pinSelf(config) {
  // This process (sampling /proc, spawning wrk) stays off the server's core.
  if (config.loadCpu !== null)
    spawnSync('taskset', ['-pc', config.loadCpu, String(process.pid)], { stdio: 'ignore' });
}

async function main() {
  if (process.argv.includes('--help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();
  if (process.platform !== 'linux')
    throw new Error('the benchmark reads /proc for memory: Linux only');
  if (!hasWrk()) {
    throw new Error(
      'wrk not found: install it (Debian/Ubuntu: apt-get install wrk). ' +
        "autocannon (npm) is the issue's alternative; it is not a dependency here.",
    );
  }
  if (!hasCurl()) throw new Error('curl not found: apt-get install curl');
  const notes = [];
  if (config.cores < 2 || !hasTaskset()) {
    config.serverCpu = null;
    config.loadCpu = null;
    notes.push(
      'servers and wrk share the CPUs (fewer than 2 cores or no taskset): ratios are less telling',
    );
  }
  const machine = describeMachine(); // before pinning: it counts the CPUs this process may use
  pinSelf(config);
  const started = Date.now();
  log(`generating data (${config.bigFileMiB} MiB file, 10,000-entry folder)…`);
  const dataset = await createDataset(config);
  try {
    const specs = await checkServers(serverCatalog(repoRoot), dataset, config, notes);
    if (specs.length === 0) throw new Error('no server could be started');
    const workloads = allWorkloads(config);
    const runs = [];
    for (const workload of workloads)
      runs.push(...(await runWorkload(specs, workload, config, dataset)));
    const summary = summarize(runs, workloads);
    const targets = evaluateTargets(summary);
    const silentClosers = Object.entries(summary['close-1k'] ?? {})
      .filter(([, result]) => result.errors > 0)
      .map(([id]) => id);
    if (silentClosers.length > 0) {
      notes.push(
        `close-1k errors (${silentClosers.join(', ')}) are wrk read errors: the server closes after ` +
          'a request with `Connection: close` but does not say so in its response (RFC 9112 §9.6 ' +
          'SHOULD), so wrk writes its next request to a closed socket, counts an error, reconnects',
      );
    }
    const noisy = runs.filter((r) => r.foreign > FOREIGN_REPORT);
    if (noisy.length > 0) {
      notes.push(
        `${noisy.length} of ${runs.length} runs shared the server core with other processes ` +
          `(> ${FOREIGN_REPORT * 100}% of it): figures from a busy machine; rerun on a quiet one`,
      );
    }
    const rows = tableRows(workloads, specs, summary);
    const elapsedS = Math.round((Date.now() - started) / 1000);
    notes.push(`run took ${elapsedS} s`);
    process.stdout.write(
      `\n${textTable(rows)}\n\n${targetText(targets)}\n\n${notes.map((n) => `note: ${n}`).join('\n')}\n`,
    );
    if (config.outDir !== '-') {
      await mkdir(config.outDir, { recursive: true });
      const command = commandLine();
      const serverList = specs.map(({ id, label }) => ({ id, label }));
      const json = { machine, config, command, servers: serverList, runs, summary, targets, notes };
      await writeFile(
        path.join(config.outDir, 'latest.json'),
        await prettified(JSON.stringify(json, null, 2), 'json'),
      );
      await writeFile(
        path.join(config.outDir, 'latest.md'),
        await prettified(
          markdownReport({ machine, config, command, rows, targets, notes }),
          'markdown',
        ),
      );
      log(
        `wrote ${path.relative(process.cwd(), path.join(config.outDir, 'latest.md'))} and latest.json`,
      );
    }
    return 0;
  } finally {
    await dataset.cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(`bench: ${err.message}`);
    process.exit(1);
  },
);
