// Benchmark settings from the environment and argv, so a quick check and a full run use the
// same code. Every knob has a default that keeps a full run (5 servers) under 10 minutes.
import os from 'node:os';

const QUICK = {
  seconds: 1,
  rounds: 1,
  warmupSeconds: 0.5,
  trapSeconds: 1,
  connections: 10,
  bigFileMiB: 200,
  downloads: 1,
};

const FULL = {
  seconds: 4,
  rounds: 3,
  warmupSeconds: 1,
  trapSeconds: 2,
  connections: 10,
  bigFileMiB: 200,
  downloads: 3,
};

function numberFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function listFromEnv(name) {
  const raw = process.env[name];
  if (!raw) return null;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Reads BENCH_* variables and --quick / --help. Throws with a clear message on bad input. */
export function loadConfig(argv = process.argv.slice(2)) {
  const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
  const base = quick ? QUICK : FULL;
  const cores = os.availableParallelism();
  return {
    quick,
    seconds: numberFromEnv('BENCH_SECONDS', base.seconds),
    rounds: Math.round(numberFromEnv('BENCH_ROUNDS', base.rounds)),
    warmupSeconds: numberFromEnv('BENCH_WARMUP', base.warmupSeconds),
    trapSeconds: numberFromEnv('BENCH_TRAP_SECONDS', base.trapSeconds),
    connections: Math.round(numberFromEnv('BENCH_CONNECTIONS', base.connections)),
    bigFileMiB: Math.round(numberFromEnv('BENCH_BIG_MIB', base.bigFileMiB)),
    /** Big downloads per round (one at a time); at ~3 GiB/s one lasts well under a second. */
    downloads: Math.round(numberFromEnv('BENCH_DOWNLOADS', base.downloads)),
    /** Only these servers / workloads (comma-separated ids), or all when unset. */
    servers: listFromEnv('BENCH_SERVERS'),
    /** Total time the run may spend waiting for other processes to calm down. */
    quietBudgetMs: numberFromEnv('BENCH_QUIET_BUDGET', quick ? 10 : 60) * 1000,
    workloads: listFromEnv('BENCH_WORKLOADS'),
    /** Where latest.md / latest.json go; BENCH_OUT=- writes nothing. */
    outDir: process.env.BENCH_OUT ?? new URL('../results/', import.meta.url).pathname,
    cores,
    /** With 2+ cores the server gets core 0 and the load generator the last core. */
    serverCpu: cores >= 2 ? '0' : null,
    loadCpu: cores >= 2 ? String(cores - 1) : null,
  };
}

export const HELP = `Usage: node bench/run.mjs [--quick]

Environment:
  BENCH_SECONDS      seconds per measured wrk run          (full ${FULL.seconds}, quick ${QUICK.seconds})
  BENCH_ROUNDS       rounds; servers are interleaved       (full ${FULL.rounds}, quick ${QUICK.rounds})
  BENCH_WARMUP       warm-up seconds before the first round (full ${FULL.warmupSeconds}, quick ${QUICK.warmupSeconds})
  BENCH_TRAP_SECONDS seconds for the 1-connection keep-alive trap check
  BENCH_CONNECTIONS  wrk connections for the ordinary workloads (default ${FULL.connections})
  BENCH_BIG_MIB      size of the big download in MiB (default ${FULL.bigFileMiB})
  BENCH_DOWNLOADS    big downloads per round, one at a time (full ${FULL.downloads}, quick ${QUICK.downloads})
  BENCH_QUIET_BUDGET seconds the run may wait in all for a quiet machine (full 60, quick 10)
  BENCH_SERVERS      e.g. httpdesk,http-server (default: all available)
  BENCH_WORKLOADS    e.g. ka-1k,download (default: all)
  BENCH_QUICK=1      same as --quick
  BENCH_HTTPDESK_CLI the httpdesk cli.js to measure (default dist/lib/main/cli.js)
  BENCH_HTTPDESK_B   a second cli.js, measured as 'httpdesk-b' in the same run (A/B a change)
  BENCH_NODE_FLAGS_B node options for httpdesk-b, e.g. '--max-semi-space-size=4'
  BENCH_HTTPDESK_ARGS_B CLI flags for httpdesk-b, e.g. '--follow-symlinks'
  BENCH_OUT          results folder (default bench/results), '-' to write nothing
`;
