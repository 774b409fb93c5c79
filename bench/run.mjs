#!/usr/bin/env node
// `npm run bench`: httpdesk side by side with python -m http.server (both protocols),
// http-server and nginx, on loopback, with wrk. docs/bench-findings.md
// describes what and why.
// Plain ESM so it runs without a compile step; see HELP in lib/config.mjs for the knobs.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELP, loadConfig } from './lib/config.mjs';
import { createDataset } from './lib/data.mjs';
import { hasCurl } from './lib/download.mjs';
import { markdownReport, tableRows, targetText, textTable } from './lib/report.mjs';
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
import { serverCatalog } from './lib/servers.mjs';
import { evaluateTargets } from './lib/targets.mjs';
import { workloads as allWorkloads } from './lib/workloads.mjs';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

async function main() {
  if (process.argv.includes('--help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();
  const { machine, notes } = prepareMachine(config);
  if (!hasCurl()) throw new Error('curl not found: apt-get install curl');
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
    notes.push(...closingNotes(runs, started));
    const rows = tableRows(workloads, specs, summary);
    process.stdout.write(
      `\n${textTable(rows)}\n\n${targetText(targets)}\n\n${notes.map((n) => `note: ${n}`).join('\n')}\n`,
    );
    if (config.outDir !== '-') {
      await mkdir(config.outDir, { recursive: true });
      const command = commandLine('npm run bench');
      const serverList = specs.map(({ id, label }) => ({ id, label }));
      const json = { machine, config, command, servers: serverList, runs, summary, targets, notes };
      await writeFile(
        path.join(config.outDir, 'latest.json'),
        await prettified(JSON.stringify(json, null, 2), 'json', repoRoot),
      );
      await writeFile(
        path.join(config.outDir, 'latest.md'),
        await prettified(
          markdownReport({ machine, config, command, rows, targets, notes }),
          'markdown',
          repoRoot,
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
