#!/usr/bin/env node
// What body capture costs (docs/architecture.md § Engine: body capture): the server's own CPU
// time (utime + stime, /proc) for a fixed number of 1 KiB keep-alive requests (ab -k), which a
// busy machine disturbs far less than req/s does. Variants, interleaved over BENCH_ROUNDS:
//   cli      the `httpdesk` bin from dist/ (BENCH_HTTPDESK_CLI: another build's): no capture
//   cli-b    BENCH_HTTPDESK_B, a second build's bin, to A/B the default path across commits
//   app-off  the library with an app-like sink (records, no stderr) while capture is off
//   app-on   the same with captureBodies: true (the selected server in the desktop app)
// Prints CPU µs per request and req/s per variant (medians). Needs ab (apache2-utils).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { procStat } from './lib/proc.mjs';
import { freePort, run, startProcess, stopProcess } from './lib/processes.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requests = Number(process.env.BENCH_REQUESTS ?? 30_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const cli = path.resolve(
  process.env.BENCH_HTTPDESK_CLI ?? path.join(repoRoot, 'dist/lib/main/cli.js'),
);
// The app variants run the build under test: cli-b's when given, else cli's.
const libIndex = path.join(
  path.dirname(process.env.BENCH_HTTPDESK_B ? path.resolve(process.env.BENCH_HTTPDESK_B) : cli),
  'server/index.js',
);
const capturing = path.join(repoRoot, 'bench/lib/capturing-server.mjs');

const variants = [
  { id: 'cli', command: () => [cli, []] },
  ...(process.env.BENCH_HTTPDESK_B
    ? [
        {
          id: 'cli-b',
          command: () => [
            process.execPath,
            ['--max-semi-space-size=8', path.resolve(process.env.BENCH_HTTPDESK_B)],
          ],
        },
      ]
    : []),
  ...['off', 'on'].map((mode) => ({
    id: `app-${mode}`,
    lib: mode,
  })),
];

async function cpuTicks(pid) {
  const stat = await procStat(pid);
  return stat ? Number(stat[11]) + Number(stat[12]) : NaN;
}

async function measure(variant, dir, work) {
  const port = await freePort();
  const [command, prefix] = variant.lib
    ? [
        process.execPath,
        ['--max-semi-space-size=8', capturing, libIndex, String(port), dir, variant.lib],
      ]
    : variant.command();
  const args = variant.lib
    ? prefix
    : [...prefix, String(port), '-b', '127.0.0.1', '-d', dir, '-p', 'HTTP/1.1'];
  const handle = await startProcess({
    name: variant.id,
    command,
    args,
    port,
    cpu: null,
    logFile: path.join(work, `${variant.id}.log`),
  });
  try {
    const url = `http://127.0.0.1:${port}/1k.bin`;
    await run('ab', ['-k', '-q', '-n', '2000', '-c', '10', url]); // warm-up
    const before = await cpuTicks(handle.pid);
    const result = await run('ab', ['-k', '-q', '-n', String(requests), '-c', '10', url]);
    const after = await cpuTicks(handle.pid);
    const rps = Number(/Requests per second:\s+([\d.]+)/.exec(result.stdout)?.[1] ?? NaN);
    const failed = Number(/Failed requests:\s+(\d+)/.exec(result.stdout)?.[1] ?? NaN);
    const ticksPerSecond = 100; // USER_HZ on Linux
    const usPerRequest = ((after - before) / ticksPerSecond / requests) * 1e6;
    return { usPerRequest, rps, failed };
  } finally {
    await stopProcess(handle);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const work = await mkdtemp(path.join(os.tmpdir(), 'httpdesk-bench-capture-'));
try {
  const dir = path.join(work, 'site');
  await run('mkdir', ['-p', dir]);
  await writeFile(path.join(dir, '1k.bin'), Buffer.alloc(1024, 'x'));
  const results = Object.fromEntries(variants.map((v) => [v.id, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const variant of round % 2 ? variants : [...variants].reverse()) {
      const r = await measure(variant, dir, work);
      results[variant.id].push(r);
      console.log(
        `[${round}/${rounds}] ${variant.id.padEnd(8)} ${r.usPerRequest.toFixed(1)} µs CPU/request, ${Math.round(r.rps)} req/s, ${r.failed} failed`,
      );
    }
  }
  console.log(`\n${requests} × 1 KiB keep-alive (ab -k -c 10), medians of ${rounds} rounds:`);
  for (const [id, rs] of Object.entries(results)) {
    const us = median(rs.map((r) => r.usPerRequest));
    const rps = median(rs.map((r) => r.rps));
    console.log(
      `${id.padEnd(8)} ${us.toFixed(1).padStart(6)} µs CPU/request  ${Math.round(rps)} req/s`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
