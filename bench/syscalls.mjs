#!/usr/bin/env node
// System calls per request of a cached 1 KiB keep-alive hit, counted by `strace -c` over
// a fixed number of `ab -k` requests: the default link policy (a realpath per request)
// against --follow-symlinks (none), at 1 and 10 connections.
//
//   npm run build && node bench/syscalls.mjs [REQUESTS]
//
// Counts do not depend on how busy the machine is, unlike requests/s: on a shared machine
// this is the measure of what a check costs (docs/bench-findings.md). Writes
// bench/results/syscalls.md (BENCH_OUT as for the other benches).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDataset, PATHS } from './lib/data.mjs';
import { freePort, run, startProcess, stopProcess } from './lib/processes.mjs';
import { markdownTable, textTable } from './lib/report.mjs';
import { prettified } from './lib/rounds.mjs';
import { httpdeskServer } from './lib/servers.mjs';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const requests = Number(process.argv[2] ?? 5000);
const SHOWN = ['futex', 'epoll_pwait', 'readlink', 'read', 'write', 'writev', 'statx'];

/** Per-syscall call counts from `strace -c` output. */
function parseStraceSummary(text) {
  const counts = {};
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // % time, seconds, usecs/call, calls, [errors], syscall
    if (fields.length < 5 || !/^\d/.test(fields[0])) continue;
    const name = fields[fields.length - 1];
    if (name !== 'total') counts[name] = Number(fields[3]);
  }
  return counts;
}

/** Attaches strace to `pid` and all its threads (-f); resolves once it is attached. */
async function attachStrace(pid, outFile) {
  const strace = spawn('strace', ['-f', '-c', '-o', outFile, '-p', String(pid)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise((resolve, reject) => {
    strace.stderr.on('data', (chunk) => {
      if (/attached/.test(String(chunk))) resolve();
    });
    strace.once('exit', (code) => reject(new Error(`strace exited (${code})`)));
  });
  return strace;
}

async function count(dataset, variant, connections) {
  const spec = httpdeskServer(repoRoot, { extraArgs: variant.args });
  const port = await freePort();
  const { command, args } = spec.command({ dir: dataset.dir, port });
  const server = await startProcess({
    name: variant.id,
    command,
    args,
    cwd: dataset.root,
    port,
    cpu: null,
    logFile: path.join(dataset.root, `${variant.id}.log`),
  });
  const url = `http://127.0.0.1:${port}${PATHS.small}`;
  const ab = (n) => run('ab', ['-q', '-k', '-n', String(n), '-c', String(connections), url]);
  try {
    await ab(1000); // warm: the file is in the small-file cache, the JIT has run
    const outFile = path.join(dataset.root, `strace-${variant.id}-${connections}`);
    const strace = await attachStrace(server.pid, outFile);
    const { stdout } = await ab(requests);
    const failed = Number(/Failed requests:\s+(\d+)/.exec(stdout)?.[1] ?? NaN);
    const exited = new Promise((resolve) => strace.once('exit', resolve));
    strace.kill('SIGINT');
    await exited;
    const counts = parseStraceSummary(readFileSync(outFile, 'utf8'));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return { counts, total, failed };
  } finally {
    await stopProcess(server);
  }
}

async function main() {
  if (spawnSync('strace', ['-V']).error || spawnSync('ab', ['-V']).error)
    throw new Error('needs strace and ab (apt-get install strace apache2-utils)');
  const dataset = await createDataset({ bigFileMiB: 1 });
  const variants = [
    { id: 'default', label: 'default (realpath per request)', args: [] },
    { id: 'follow', label: '--follow-symlinks (no realpath)', args: ['--follow-symlinks'] },
  ];
  const rows = [];
  try {
    for (const connections of [1, 10]) {
      for (const variant of variants) {
        const { counts, total, failed } = await count(dataset, variant, connections);
        const per = (n) => ((n ?? 0) / requests).toFixed(2);
        rows.push([
          variant.label,
          String(connections),
          ...SHOWN.map((name) => per(counts[name])),
          per(total),
          String(failed),
        ]);
        process.stderr.write(`${variant.id} c=${connections}: ${per(total)} syscalls/request\n`);
      }
    }
  } finally {
    await dataset.cleanup();
  }
  const columns = ['httpdesk', 'connections', ...SHOWN, 'all', 'failed'];
  process.stdout.write(`${textTable(rows, columns)}\n`);
  const outDir = process.env.BENCH_OUT ?? path.join(repoRoot, 'bench/results');
  if (outDir === '-') return;
  await mkdir(outDir, { recursive: true });
  const md = `# System calls per cached 1 KiB keep-alive request

${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} · \`node bench/syscalls.mjs ${requests}\` · \`strace -f -c\` on every thread of the
server while \`ab -k -n ${requests}\` fetches a 1 KiB file already in the small-file cache (after 1,000
warm-up requests); counts divided by ${requests}. \`all\` includes system calls not shown.

${markdownTable(rows, columns)}
`;
  await writeFile(path.join(outDir, 'syscalls.md'), await prettified(md, 'markdown', repoRoot));
}

main().catch((err) => {
  process.stderr.write(`syscalls: ${err.message}\n`);
  process.exit(1);
});
