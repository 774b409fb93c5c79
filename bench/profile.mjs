#!/usr/bin/env node
// Profiles httpdesk under one benchmark workload and prints where its CPU time goes:
//
//   node bench/profile.mjs [WORKLOAD] [SECONDS] [--tls]   e.g. node bench/profile.mjs ka-1k 10
//
// --tls serves over TLS (a certificate made for the run, as `npm run bench:tls` does).
//
// The CLI runs with `node --cpu-prof` (pinned like in `npm run bench`) while wrk drives the
// workload; on SIGTERM the CLI exits and V8 writes the profile, which is summarised as the
// functions with the most self time, and self time per source file. The raw .cpuprofile is
// kept (path printed) for Chrome DevTools' Performance panel.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './lib/config.mjs';
import { createDataset } from './lib/data.mjs';
import { measure } from './lib/measure.mjs';
import { freePort, startProcess, stopProcess } from './lib/processes.mjs';
import { summarizeProfile } from './lib/cpu-profile.mjs';
import { httpdeskCli } from './lib/servers.mjs';
import { makeCertificate } from './lib/tls.mjs';
import { workloads } from './lib/workloads.mjs';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

async function main() {
  const overTls = process.argv.includes('--tls');
  const [workloadId = 'ka-1k', secondsArg = '10'] = process.argv
    .slice(2)
    .filter((arg) => arg !== '--tls');
  const config = loadConfig([]);
  config.seconds = Number(secondsArg);
  const workload = workloads({ ...config, workloads: null }).find((w) => w.id === workloadId);
  if (!workload) throw new Error(`unknown workload ${workloadId}`);
  if (!Number.isFinite(config.seconds) || config.seconds <= 0) throw new Error('bad SECONDS');
  const cli = httpdeskCli(repoRoot);
  const dataset = await createDataset({ bigFileMiB: workload.kind === 'download' ? 200 : 1 });
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'httpdesk-profile-'));
  const port = await freePort();
  const certificate = overTls ? await makeCertificate(dataset.root) : null;
  const tlsArgs = certificate ? ['--tls-cert', certificate.cert, '--tls-key', certificate.key] : [];
  const server = await startProcess({
    name: 'httpdesk',
    command: process.execPath,
    args: ['--cpu-prof', '--cpu-prof-dir', profileDir, cli, String(port), '-b', '127.0.0.1'].concat(
      ['-d', dataset.dir, '-p', 'HTTP/1.1', ...tlsArgs],
    ),
    cwd: dataset.root,
    port,
    cpu: config.serverCpu,
    logFile: path.join(dataset.root, 'httpdesk.log'),
  });
  try {
    const result = await measure({
      workload: { ...workload, seconds: config.seconds },
      server: { ...server, port, scheme: certificate ? 'https' : 'http' },
      config: { ...config, downloads: Math.max(3, config.downloads) },
      sizes: dataset.sizes,
    });
    process.stdout.write(`${workload.label}: ${JSON.stringify(result)}\n\n`);
  } finally {
    await stopProcess(server);
    await dataset.cleanup();
  }
  process.stdout.write(`${await summarizeProfile(profileDir)}\n`);
}

main().catch((err) => {
  process.stderr.write(`profile: ${err.message}\n`);
  process.exit(1);
});
