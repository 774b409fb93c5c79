#!/usr/bin/env node
// `npm run bench:tls`: 1 KiB keep-alive over TLS. httpdesk over TLS (the CLI's --tls-cert /
// --tls-key, i.e. the engine's HTTPSServer), httpdesk over plain HTTP, nginx over TLS and
// nginx over plain HTTP, in the same run, on the same data, with the same certificate and
// the same wrk workload as `npm run bench`'s ka-1k (servers pinned to one core, wrk to
// another, rounds interleaved). docs/architecture.md § Performance: the TLS workload.
// See HELP in lib/config.mjs for the knobs (BENCH_SECONDS, BENCH_ROUNDS, BENCH_OUT …).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELP, loadConfig } from './lib/config.mjs';
import { createDataset } from './lib/data.mjs';
import { markdownTable, textTable } from './lib/report.mjs';
import {
  checkServers,
  closingNotes,
  commandLine,
  log,
  prepareMachine,
  prettified,
  runWorkload,
  summarize,
} from './lib/rounds.mjs';
import { httpdeskServer, nginxServer } from './lib/servers.mjs';
import { makeCertificate, tlsFacts } from './lib/tls.mjs';
import { workloads } from './lib/workloads.mjs';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const COLUMNS = ['Server', 'protocol', 'req/s', 'p99 ms', 'errors', 'peak RSS MiB', 'spread'];

/** The four servers; the TLS ones get `scheme: 'https'` and the certificate to trust. */
function tlsCatalog(certificate) {
  const https = { scheme: 'https', ca: certificate.pem };
  const tls = { cert: certificate.cert, key: certificate.key };
  return [
    {
      ...httpdeskServer(repoRoot, {
        id: 'httpdesk-tls',
        label: 'httpdesk --tls-cert --tls-key -p HTTP/1.1 (dist)',
        extraArgs: ['--tls-cert', tls.cert, '--tls-key', tls.key],
      }),
      ...https,
    },
    httpdeskServer(repoRoot),
    { ...nginxServer({ id: 'nginx-tls', label: 'nginx ssl, TLSv1.2 TLSv1.3', tls }), ...https },
    nginxServer(),
  ];
}

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

function rows(specs, byServer) {
  return specs
    .filter((spec) => byServer[spec.id])
    .map((spec) => {
      const s = byServer[spec.id];
      return [
        spec.id,
        spec.scheme === 'https' ? 'HTTPS' : 'HTTP',
        fixed(s.rps, 0),
        fixed(s.p99Ms, 2),
        s.failure ? `${s.errors} (${s.failure})` : String(s.errors),
        fixed(s.peakMiB, 1),
        Number.isFinite(s.spread) ? `±${(s.spread * 50).toFixed(1)}%` : '–',
      ];
    });
}

/** The ratios the issue asks for, from this run's medians. */
function ratios(byServer) {
  const rps = (id) => byServer[id]?.rps;
  const ratio = (a, b) =>
    Number.isFinite(rps(a)) && rps(b) ? `${(rps(a) / rps(b)).toFixed(2)}×` : 'n/a';
  return [
    ['httpdesk TLS ÷ nginx TLS', ratio('httpdesk-tls', 'nginx-tls')],
    ['httpdesk TLS ÷ httpdesk plain', ratio('httpdesk-tls', 'httpdesk')],
    ['nginx TLS ÷ nginx plain (for reference)', ratio('nginx-tls', 'nginx')],
    ['httpdesk plain ÷ nginx plain (for reference)', ratio('httpdesk', 'nginx')],
  ];
}

function describeTls(facts) {
  return Object.entries(facts).map(([id, f]) => [
    id,
    f.best.error ?? `${f.best.version} ${f.best.cipher} (ALPN ${f.best.alpn ?? 'none'})`,
    f.tls12.error ?? `${f.tls12.version} ${f.tls12.cipher}`,
    f.tls11Refused ? `refused (${f.tls11.error})` : `ACCEPTED ${f.tls11.version}`,
  ]);
}
const TLS_COLUMNS = [
  'Server',
  'OpenSSL-default client (as wrk)',
  'client capped at 1.2',
  'TLS 1.1',
];

function markdownReport({ machine, config, command, table, ratioRows, tlsRows, notes }) {
  return `# HTTP Desk benchmark — 1 KiB keep-alive over TLS, latest run

${machine.date} · ${machine.cpu} × ${machine.cores} cores · Linux ${machine.kernel} · Node ${machine.node} · ${machine.wrk} · ${machine.nginx}
Servers pinned to CPU ${config.serverCpu ?? '(none)'}, wrk to CPU ${config.loadCpu ?? '(none)'}. Same workload as
\`npm run bench\`'s ka-1k: one wrk thread, ${config.connections} keep-alive connections, a 1 KiB file. Every
server starts afresh, warms up (${config.warmupSeconds} s), then ${config.rounds} rounds × ${config.seconds} s with the servers in rotating
order; median of rounds; spread = ±half the range across rounds. Certificate: self-signed
ECDSA P-256 made by \`openssl req -x509\` for this run, the same file for both TLS servers.

Command: \`${command}\`

${markdownTable(table, COLUMNS)}

${markdownTable(ratioRows, ['Ratio (requests/s)', 'this run'])}

Negotiated on each TLS server (checked before the rounds):

${markdownTable(tlsRows, TLS_COLUMNS)}
${notes.length ? `\nNotes:\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
}

async function main() {
  if (process.argv.includes('--help')) {
    process.stdout.write(HELP.replace('bench/run.mjs', 'bench/tls.mjs'));
    return 0;
  }
  const config = loadConfig();
  const { machine, notes } = prepareMachine(config);
  const started = Date.now();
  // Only the 1 KiB file is measured: the big file stays small (the probe still checks it).
  const dataset = await createDataset({ ...config, bigFileMiB: 1 });
  try {
    const certDir = path.join(dataset.root, 'certificate');
    await mkdir(certDir);
    const certificate = await makeCertificate(certDir);
    const facts = {};
    const specs = await checkServers(tlsCatalog(certificate), dataset, config, notes, async (s) => {
      if (s.scheme === 'https') facts[s.id] = await tlsFacts(s.port, certificate.pem);
    });
    if (specs.length === 0) throw new Error('no server could be started');
    const chosen = workloads({ ...config, workloads: ['ka-1k'] });
    const runs = await runWorkload(specs, chosen[0], config, dataset);
    const byServer = summarize(runs, chosen)['ka-1k'];
    notes.push(...closingNotes(runs, started));
    const table = rows(specs, byServer);
    const ratioRows = ratios(byServer);
    const tlsRows = describeTls(facts);
    process.stdout.write(
      `\n${textTable(table, COLUMNS)}\n\n${textTable(ratioRows, ['Ratio', 'this run'])}\n\n` +
        `${textTable(tlsRows, TLS_COLUMNS)}\n\n${notes.map((n) => `note: ${n}`).join('\n')}\n`,
    );
    if (config.outDir !== '-') {
      await mkdir(config.outDir, { recursive: true });
      const command = commandLine('npm run bench:tls');
      const servers = specs.map(({ id, label }) => ({ id, label }));
      const json = { machine, config, command, servers, runs, summary: byServer, facts, notes };
      await writeFile(
        path.join(config.outDir, 'tls.json'),
        await prettified(JSON.stringify(json, null, 2), 'json', repoRoot),
      );
      const md = markdownReport({ machine, config, command, table, ratioRows, tlsRows, notes });
      await writeFile(
        path.join(config.outDir, 'tls.md'),
        await prettified(md, 'markdown', repoRoot),
      );
      log(`wrote ${path.relative(process.cwd(), path.join(config.outDir, 'tls.md'))} and tls.json`);
    }
    return 0;
  } finally {
    await dataset.cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log(`bench:tls: ${err.message}`);
    process.exit(1);
  },
);
