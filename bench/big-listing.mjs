#!/usr/bin/env node
// Big listings under load: N concurrent requests for a 50,000-entry folder (a ~6.9 MB page,
// over the listing cache's cap) while one client asks for a small file again and again.
// Reports the small file's latency (median, max), the listings' completion, and the server's
// peak RSS (VmHWM). Short on purpose; figures, not pass/fail (tests assert behaviour).
//
//   npm run build && node bench/big-listing.mjs [--entries 50000] [--listings 20] [--rounds 3]
//     [--vary 1]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { procStatusKiB } from './lib/proc.mjs';
import { freePort, startProcess, stopProcess } from './lib/processes.mjs';
import { median } from './lib/stats.mjs';

const repoRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const ENTRIES = option('entries', 50_000);
const LISTINGS = option('listings', 20);
const ROUNDS = option('rounds', 3);
/** 1: each listing request has its own query (no two can share a render); 0: all the same. */
const VARY = option('vary', 1);

/** Names of about the length the review used (6.85 MB for 50,000 entries). */
const entryName = (i) =>
  `report-${String(i).padStart(6, '0')}-quarterly-figures-final-version-two-b.txt`;

async function makeSite() {
  const root = await mkdtemp(path.join(tmpdir(), 'httpdesk-big-listing-'));
  await writeFile(path.join(root, 'small.txt'), 'small\n');
  const big = path.join(root, 'big');
  await mkdir(big);
  for (let i = 0; i < ENTRIES; i += 1000) {
    await Promise.all(
      Array.from({ length: Math.min(1000, ENTRIES - i) }, (_, k) =>
        writeFile(path.join(big, entryName(i + k)), ''),
      ),
    );
  }
  return root;
}

/** GET `target` on a fresh connection; resolves with bytes received and milliseconds. */
function fetchOnce(port, target) {
  const started = performance.now();
  return new Promise((resolve) => {
    let bytes = 0;
    const req = http.get({ host: '127.0.0.1', port, path: target, agent: false }, (res) => {
      res.on('data', (chunk) => (bytes += chunk.length));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          bytes,
          length: Number(res.headers['content-length']),
          ms: performance.now() - started,
        }),
      );
      res.on('error', () => resolve({ status: 'aborted', bytes, length: NaN, ms: NaN }));
    });
    req.on('error', () =>
      resolve({ status: 'error', bytes: 0, length: NaN, ms: performance.now() - started }),
    );
  });
}

async function peakRssMiB(pid) {
  const kib = await procStatusKiB(pid, ['VmHWM']);
  return kib === null ? NaN : kib.VmHWM / 1024;
}

async function main() {
  const root = await makeSite();
  const port = await freePort();
  const logFile = path.join(root, '..', `${path.basename(root)}.log`);
  const server = await startProcess({
    name: 'httpdesk',
    command: process.execPath,
    args: [
      path.join(repoRoot, 'dist/lib/main/cli.js'),
      '-b',
      '127.0.0.1',
      '-d',
      root,
      String(port),
    ],
    cwd: root,
    port,
    cpu: null,
    logFile,
  });
  try {
    const probe = await fetchOnce(port, '/big/');
    console.log(`listing: ${ENTRIES} entries, ${(probe.bytes / 1e6).toFixed(2)} MB`);
    for (let round = 1; round <= ROUNDS; round++) {
      let inFlight = true;
      const listings = Promise.all(
        Array.from({ length: LISTINGS }, (_, i) =>
          fetchOnce(port, VARY ? `/big/?r${round}-${i}` : '/big/'),
        ),
      ).finally(() => (inFlight = false));
      const small = [];
      while (inFlight) small.push((await fetchOnce(port, '/small.txt')).ms);
      const done = await listings;
      const complete = done.filter((r) => r.status === 200 && r.bytes === r.length).length;
      const peakMiB = await peakRssMiB(server.pid);
      console.log(
        `round ${round}: ${complete}/${LISTINGS} listings complete in ${(Math.max(...done.map((r) => r.ms)) / 1000).toFixed(2)} s;` +
          ` small file meanwhile: ${small.length} requests, median ${median(small).toFixed(1)} ms, max ${Math.max(...small).toFixed(1)} ms;` +
          ` peak RSS ${peakMiB.toFixed(0)} MiB`,
      );
    }
  } finally {
    await stopProcess(server);
    await rm(root, { recursive: true, force: true });
    await rm(logFile, { force: true });
  }
}

await main();
