#!/usr/bin/env node
// Trickled giant heads: 60 sockets each send a request whose head holds three 64,000-byte
// header lines, the first ~70 KB at once and the rest one byte per write, while a normal
// client GETs a small file on a fresh connection every 50 ms. Prints that client's latency
// (median and max) without and with the attack. A server that re-joins and re-parses the
// whole buffered head on every read spends quadratic CPU and the normal client waits.
//
//   npm run build && node bench/trickle-heads.mjs [--seconds 10] [--python]
//
// --python measures `python3 -m http.server` instead (the reference). Figures go to stdout
// as one JSON line; docs/security.md "Found by review, fixed" quotes them.
import { fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess, stopProcess } from './lib/processes.mjs';
import { median } from './lib/stats.mjs';

const ATTACK_SOCKETS = 60;
const HEADER_BYTES = 64_000;
const HEADERS = 3;
/** Sent in one write, so the server holds more than 64 KiB of head from the start. */
const BURST_BYTES = 70_000;
const PROBE_EVERY_MS = 50;

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};

if (args[0] === '--attacker') await attack(Number(args[1]));
else await main();

function attackHead() {
  const lines = ['GET / HTTP/1.1', 'Host: 127.0.0.1'];
  for (let i = 0; i < HEADERS; i++) lines.push(`X-Big-${i}: ${'a'.repeat(HEADER_BYTES)}`);
  return Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
}

/** Runs in its own process: keeps ATTACK_SOCKETS trickling until killed. */
async function attack(port) {
  const head = attackHead();
  const one = (socket, offset) => {
    if (socket.destroyed) return;
    if (offset >= head.length) return; // the whole head went out: wait for the 408 or close
    socket.write(head.subarray(offset, offset + 1), () => setImmediate(one, socket, offset + 1));
  };
  const open = () => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.once('close', () => setTimeout(open, 10)); // a cut attacker comes back
    socket.once('connect', () => {
      socket.write(head.subarray(0, BURST_BYTES), () => one(socket, BURST_BYTES));
    });
  };
  for (let i = 0; i < ATTACK_SOCKETS; i++) open();
  await new Promise(() => undefined);
}

/** One GET on a fresh connection; ms until the whole response arrived. */
function probe(port) {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ port, host: '127.0.0.1' });
    let received = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok ? performance.now() - started : null);
    };
    socket.setTimeout(10_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.endsWith('hello\n')) done(true);
    });
    socket.on('close', () => done(received.endsWith('hello\n')));
    socket.once('connect', () => socket.write('GET /hello.txt HTTP/1.0\r\n\r\n'));
  });
}

async function latencies(port, seconds) {
  const samples = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    samples.push(await probe(port));
    await sleep(PROBE_EVERY_MS);
  }
  const ok = samples.filter((v) => v !== null);
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    requests: samples.length,
    failed: samples.length - ok.length,
    medianMs: round(median(ok)),
    maxMs: round(ok.length ? Math.max(...ok) : null),
  };
}

async function main() {
  const seconds = Number(option('--seconds', '10'));
  const python = args.includes('--python');
  const site = mkdtempSync(path.join(tmpdir(), 'trickle-'));
  writeFileSync(path.join(site, 'hello.txt'), 'hello\n');
  const port = await freePort();
  const [command, argv] = python
    ? ['python3', ['-m', 'http.server', '-b', '127.0.0.1', String(port)]]
    : [
        process.execPath,
        [path.join(here, '..', 'dist/lib/main/cli.js'), '-b', '127.0.0.1', String(port)],
      ];
  const server = await startProcess({
    name: python ? 'python' : 'httpdesk',
    command,
    args: argv,
    cwd: site,
    port,
    cpu: null,
    logFile: path.join(site, 'server.log'),
  });
  try {
    const quiet = await latencies(port, Math.min(3, seconds));
    const attacker = fork(fileURLToPath(import.meta.url), ['--attacker', String(port)]);
    await sleep(1_000); // every attacker holds > 64 KiB before measuring
    const underAttack = await latencies(port, seconds);
    attacker.kill('SIGKILL');
    console.log(
      JSON.stringify({
        server: server.name,
        attack: `${ATTACK_SOCKETS} sockets × ${HEADERS} headers of ${HEADER_BYTES} bytes, trickled`,
        quiet,
        underAttack,
      }),
    );
  } finally {
    await stopProcess(server);
  }
}
