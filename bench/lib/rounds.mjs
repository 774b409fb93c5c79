// Running workloads against servers the way every side-by-side bench here does (run.mjs,
// tls.mjs): each workload starts every server afresh on the server core, warms it up, then
// measures rounds with the servers in rotating order, waiting for a quiet machine first.
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeMachine } from './machine.mjs';
import { measure, warmUp } from './measure.mjs';
import { freePort, hasTaskset, isAlive, startProcess, stopProcess, tail } from './processes.mjs';
import { probeServer } from './probe.mjs';
import { waitForQuietMachine, waitUntilIdle } from './settle.mjs';
import { median, spread } from './stats.mjs';
import { hasWrk } from './wrk.mjs';

export const log = (message) => process.stderr.write(`${message}\n`);
/** Work queued longer than this after a run is worth a line in the log. */
const BACKLOG_REPORT_MS = 1000;
/** A run where other processes took more than this share of the server's core is flagged. */
const FOREIGN_REPORT = 0.1;
/** Whole-machine CPU share under which it counts as quiet (our servers idle, nothing else). */
const QUIET_MACHINE = 0.15;
const QUIET_WINDOW_MS = 200;

/** How the run was started, for the report (`script` e.g. 'npm run bench'). */
export function commandLine(script) {
  const env = Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_'))
    .map(([name, value]) => `${name}=${value}`);
  const args = process.argv.slice(2);
  return [...env, script, ...(args.length ? ['--', ...args] : [])].join(' ');
}

/**
 * Checks this machine can run a side-by-side bench, describes it, and moves this process
 * (sampling /proc, spawning wrk) off the server's core. Answers { machine, notes }.
 */
export function prepareMachine(config) {
  if (process.platform !== 'linux')
    throw new Error('the benchmark reads /proc for memory: Linux only');
  if (!hasWrk()) {
    throw new Error(
      'wrk not found: install it (Debian/Ubuntu: apt-get install wrk). ' +
        "autocannon (npm) is the issue's alternative; it is not a dependency here.",
    );
  }
  const notes = [loadNote('start')];
  if (config.cores < 2 || !hasTaskset()) {
    config.serverCpu = null;
    config.loadCpu = null;
    notes.push(
      'servers and wrk share the CPUs (fewer than 2 cores or no taskset): ratios are less telling',
    );
  }
  const machine = describeMachine(); // before pinning: it counts the CPUs this process may use
  if (config.loadCpu !== null)
    spawnSync('taskset', ['-pc', config.loadCpu, String(process.pid)], { stdio: 'ignore' });
  return { machine, notes };
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
 * Starts every wanted server once and checks it serves the data right (over TLS for a spec
 * with `scheme: 'https'`, trusting its `ca`). Returns the specs that work; the others are
 * explained in `notes`. `inspect(server)`, when given, runs while each server is up.
 */
export async function checkServers(catalog, dataset, config, notes, inspect) {
  const usable = [];
  for (const spec of catalog) {
    if (config.servers && !config.servers.includes(spec.id)) continue;
    if (spec.missing) {
      notes.push(`${spec.id} skipped: ${spec.missing}`);
      continue;
    }
    try {
      const server = await startServer(spec, dataset, config);
      let problems;
      try {
        problems = await probeServer(server.port, dataset.sizes, server);
        await inspect?.(server);
      } finally {
        await stopProcess(server);
      }
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
export async function runWorkload(specs, workload, config, dataset) {
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
export function summarize(runs, workloads) {
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

/** The closing notes: runs that shared the server core, the load now, the time taken. */
export function closingNotes(runs, startedAt) {
  const notes = [];
  const noisy = runs.filter((r) => r.foreign > FOREIGN_REPORT);
  if (noisy.length > 0) {
    notes.push(
      `${noisy.length} of ${runs.length} runs shared the server core with other processes ` +
        `(> ${FOREIGN_REPORT * 100}% of it): figures from a busy machine; rerun on a quiet one`,
    );
  }
  notes.push(loadNote('end'), `run took ${Math.round((Date.now() - startedAt) / 1000)} s`);
  return notes;
}

/** The machine's load averages, for the notes: other people's work skews every figure. */
function loadNote(when) {
  const [one, five] = os.loadavg();
  return (
    `load average at ${when}: ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) ` +
    `on ${os.cpus().length} cores`
  );
}

/** The results are committed, and `npm run lint` checks every file with prettier. */
export async function prettified(text, parser, repoRoot) {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path.join(repoRoot, 'package.json'))) ?? {};
    return await prettier.format(text, { ...options, parser });
  } catch {
    return text;
  }
}
